import type { TlsOptions } from "./tls.ts";

/**
 * Where and how to listen.
 *
 * @example
 * ```ts
 * import type { ListenOptions } from "./listener.ts";
 * const options: ListenOptions = { hostname: "127.0.0.1", port: 0 };
 * ```
 */
export interface ListenOptions {
  /** Interface to bind. */
  hostname: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Serve HTTPS with this certificate and key (PEM text or file paths). */
  tls?: TlsOptions;
  /**
   * A connection that has not sent a complete request head this long after it opened (or after
   * its first byte since the previous answer) is closed (ms). Default 10 000.
   */
  headerTimeoutMillis?: number;
  /**
   * A keep-alive connection with no request in progress and no traffic this long is closed (ms).
   * A long-poll waiting for messages is a request in progress. Default 60 000.
   */
  idleTimeoutMillis?: number;
}

/**
 * Default header timeout of both listeners (ms).
 *
 * @example
 * ```ts
 * import { DEFAULT_HEADER_TIMEOUT_MILLIS } from "./listener.ts";
 * DEFAULT_HEADER_TIMEOUT_MILLIS; // 10000
 * ```
 */
export const DEFAULT_HEADER_TIMEOUT_MILLIS = 10_000;

/**
 * Default idle keep-alive timeout of both listeners (ms).
 *
 * @example
 * ```ts
 * import { DEFAULT_IDLE_TIMEOUT_MILLIS } from "./listener.ts";
 * DEFAULT_IDLE_TIMEOUT_MILLIS; // 60000
 * ```
 */
export const DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;

/**
 * A running listener, whichever runtime serves it.
 *
 * @example
 * ```ts
 * import type { Listener } from "./listener.ts";
 * const describe = (l: Listener) => `${l.hostname}:${l.port}`;
 * ```
 */
export interface Listener {
  /** The bound interface. */
  hostname: string;
  /** The bound port (the real one when 0 was asked). */
  port: number;
  /** Stops accepting and waits for open requests and connections to end. */
  close(): Promise<void>;
}

/**
 * The one function each runtime file (`listen_deno.ts`, `listen_node.ts`) exports. A handler
 * made by `createHandler` (or wrapped with `pairLean`, see `http/exchange.ts`) is called on the
 * handler's own request shape and its answer written as it is; any other handler gets a
 * `Request` and returns a `Response`.
 *
 * @example
 * ```ts
 * import type { Listen } from "./listener.ts";
 * const start = (listen: Listen) => listen(() => Promise.resolve(new Response("{}")), { hostname: "127.0.0.1", port: 0 });
 * ```
 */
export type Listen = (
  handler: (request: Request) => Promise<Response>,
  options: ListenOptions,
) => Promise<Listener>;

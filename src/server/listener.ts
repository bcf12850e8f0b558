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
}

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
 * The one function each runtime file (`listen_deno.ts`, `listen_node.ts`) exports.
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

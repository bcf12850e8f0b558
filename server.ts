/**
 * The local PubNub-compatible server: makes the SDK (and the official SDKs) runnable and
 * testable without an account or a network.
 *
 * @example
 * ```ts
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * server.origin; // e.g. "127.0.0.1:54321", pass as `origin` with `ssl: false`
 * await server.close();
 * ```
 *
 * @module
 */
import { withConsole } from "./src/server/console/console_route.ts";
import { openHandler } from "./src/server/store/open_handler.ts";
import { listen } from "./src/server/listen_deno.ts";
import type { ServerOptions } from "./src/server/options.ts";

export { createHandler } from "./src/server/handler.ts";
export type { PubNubHandler } from "./src/server/handler.ts";
export type { HandlerOptions, ServerLimits, ServerOptions } from "./src/server/options.ts";
export type { TlsOptions } from "./src/server/tls.ts";
export type { StoreOptions } from "./src/server/store/open_handler.ts";
export type { AccessGrant, AccessPolicy } from "./src/server/access/policy.ts";

/**
 * A running local server.
 *
 * @example
 * ```ts
 * import { startServer, type RunningServer } from "@pubnub-ts/pubsub/server";
 * const server: RunningServer = await startServer({ port: 0 });
 * await server.close();
 * ```
 */
export interface RunningServer {
  /** `host:port`, the SDK's `origin`. */
  origin: string;
  /** `http://host:port`, or `https://host:port` with `tls`. */
  url: string;
  /** Answers held long-polls, stops the timers and the listener. */
  close(): Promise<void>;
}

/**
 * Starts the server on `hostname` (default 127.0.0.1) and `port` (default 8090; 0 = free port);
 * with `tls: { cert, key }` (PEM text or file paths) it serves HTTPS (clients use `ssl: true`),
 * and with `access` it enforces an access policy (auth keys, grants, request signatures).
 *
 * @example
 * ```ts
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0, longPollSeconds: 10 });
 * const time = await fetch(`${server.url}/time/0`).then((r) => r.json());
 * await server.close();
 * ```
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const handler = await openHandler(options, options.store);
  const hostname = options.hostname ?? "127.0.0.1";
  let listener;
  try {
    // The live console at /console is served beside the protocol (see console_route.ts).
    listener = await listen(withConsole(handler, options.keys), {
      hostname,
      port: options.port ?? 8090,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.headerTimeoutSeconds === undefined
        ? {}
        : { headerTimeoutMillis: options.headerTimeoutSeconds * 1000 }),
      ...(options.idleTimeoutSeconds === undefined
        ? {}
        : { idleTimeoutMillis: options.idleTimeoutSeconds * 1000 }),
    });
  } catch (error) {
    handler.close();
    await handler.store.close();
    throw error;
  }
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  const origin = `${host}:${listener.port}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    url: `${options.tls ? "https" : "http"}://${origin}`,
    close() {
      closing ??= (async () => {
        handler.close(); // answer held long-polls first, or shutdown would wait for them
        await listener.close();
        await handler.store.close();
      })();
      return closing;
    },
  };
}

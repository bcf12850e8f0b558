import type { Listen, Listener, ListenOptions } from "./listener.ts";
import { resolveTls } from "./tls.ts";

/**
 * Serves a handler with `Deno.serve` (HTTPS when `tls` is given). `request.signal` aborts when
 * the client goes away, which releases a held long-poll.
 *
 * @example
 * ```ts
 * import { listen } from "./listen_deno.ts";
 * const listener = await listen(() => Promise.resolve(new Response("{}")), { hostname: "127.0.0.1", port: 0 });
 * await listener.close();
 * ```
 */
export const listen: Listen = async (handler, options: ListenOptions): Promise<Listener> => {
  const tls = options.tls ? await resolveTls(options.tls, (p) => Deno.readTextFile(p)) : {};
  return new Promise((resolve, reject) => {
    try {
      const server = Deno.serve({
        hostname: options.hostname,
        port: options.port,
        ...tls,
        onListen: (addr) => {
          resolve({
            hostname: addr.hostname,
            port: addr.port,
            close: () => server.shutdown(),
          });
        },
        onError: () =>
          new Response('{"status":500,"error":true,"message":"Internal Server Error"}', {
            status: 500,
          }),
      }, handler);
    } catch (error) {
      reject(error);
    }
  });
};

import type { Listen, Listener, ListenOptions } from "./listener.ts";
import { resolveTls } from "./tls.ts";

/**
 * Serves a handler with `Deno.serve` (HTTPS when `tls` is given). `request.signal` aborts when
 * the client goes away, which releases a held long-poll.
 *
 * Known limitation: a request whose head (request line plus headers) is larger than about
 * 64 KiB is refused by Deno's HTTP layer (hyper) with a bare `400 Bad Request`, no body, before
 * the handler runs. `Deno.serve` has no setting for that limit and no hook for the refusal
 * (`onError` covers handler failures only), so this one answer cannot carry the JSON error
 * object every other answer has; SDKs still see a 400 (BadRequest). Requests the protocol can
 * produce stay well under it: a publish at the 32 KiB message limit has a head of about 33 KiB,
 * and longer targets get the handler's JSON 414. The Node listener reads heads up to 128 KiB and
 * answers larger ones with a JSON 431 (see `listen_node.ts`).
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

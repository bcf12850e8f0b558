/**
 * A loopback HTTP server whose handler can close the very connection a request came on, without
 * answering: `Deno.serve` behind a small TCP front. The front maps each upstream connection (by
 * its local port, which `Deno.serve` sees as the remote port) back to the client connection, so
 * `cut()` closes both ends — what a client sees when the network or a proxy drops a request.
 *
 * @module
 */

/**
 * A request handler that may cut the connection its request arrived on.
 *
 * @example
 * ```ts
 * import type { CuttableHandler } from "./loopback.ts";
 * const handler: CuttableHandler = (_req, cut) => {
 *   cut();
 *   return new Response(null, { status: 499 });
 * };
 * ```
 */
export type CuttableHandler = (
  request: Request,
  cut: () => void,
) => Response | Promise<Response>;

/**
 * A running loopback server.
 *
 * @example
 * ```ts
 * import { startLoopbackServer } from "./loopback.ts";
 * const server = await startLoopbackServer(() => new Response("[17000000000000000]"));
 * server.origin; // "127.0.0.1:<port>"
 * await server.close();
 * ```
 */
export interface LoopbackServer {
  /** `127.0.0.1:<port>` to pass as `origin` with `ssl: false`. */
  origin: string;
  /** Closes every connection and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a loopback server on a free port.
 *
 * @example
 * ```ts
 * import { startLoopbackServer } from "./loopback.ts";
 * const server = await startLoopbackServer((_req, cut) => {
 *   cut(); // the client sees the connection close
 *   return new Response(null);
 * });
 * await fetch(`http://${server.origin}/`).catch(() => "closed");
 * await server.close();
 * ```
 */
export async function startLoopbackServer(handler: CuttableHandler): Promise<LoopbackServer> {
  const pairs = new Map<number, () => void>();
  const abort = new AbortController();
  const { promise: ready, resolve: onReady } = Promise.withResolvers<number>();
  const inner = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: abort.signal,
    onListen: ({ port }) => onReady(port),
    onError: () => new Response(null, { status: 500 }),
  }, (request, info) => {
    const cut = pairs.get(info.remoteAddr.port) ?? (() => {});
    return handler(request, cut);
  });
  const innerPort = await ready;

  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<{ cut(): void; done: Promise<void> }>();
  const pump = async (from: Deno.Conn, to: Deno.Conn) => {
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await from.read(buffer);
        if (n === null) break;
        let written = 0;
        while (written < n) written += await to.write(buffer.subarray(written, n));
      }
    } catch {
      // A cut closes the sockets under the pumps.
    }
  };
  const acceptLoop = (async () => {
    for await (const client of listener) {
      let upstream: Deno.Conn;
      try {
        upstream = await Deno.connect({ hostname: "127.0.0.1", port: innerPort });
      } catch {
        client.close();
        continue;
      }
      const upstreamPort = (upstream.localAddr as Deno.NetAddr).port;
      let shut = false;
      const cut = () => {
        if (shut) return;
        shut = true;
        pairs.delete(upstreamPort);
        for (const conn of [client, upstream]) {
          try {
            conn.close();
          } catch { /* already closed */ }
        }
      };
      pairs.set(upstreamPort, cut);
      const entry = {
        cut,
        done: Promise.all([
          pump(client, upstream).finally(cut),
          pump(upstream, client).finally(cut),
        ]).then(() => {}),
      };
      open.add(entry);
      entry.done.then(() => open.delete(entry));
    }
  })();

  let closing: Promise<void> | undefined;
  return {
    origin: `127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    close() {
      closing ??= (async () => {
        listener.close();
        await acceptLoop.catch(() => {});
        const pending = [...open];
        for (const entry of pending) entry.cut();
        await Promise.all(pending.map((e) => e.done));
        abort.abort();
        await inner.finished;
      })();
      return closing;
    },
  };
}

/**
 * Reads a request body as text, decompressing `deflate` and `gzip` bodies.
 *
 * @example
 * ```ts
 * import { readBodyText } from "./loopback.ts";
 * await readBodyText(new Request("http://x/", { method: "POST", body: "hi" })); // "hi"
 * ```
 */
export async function readBodyText(request: Request): Promise<string> {
  if (!request.body) return "";
  const encoding = request.headers.get("content-encoding");
  const stream = encoding === "deflate" || encoding === "gzip"
    ? request.body.pipeThrough(new DecompressionStream(encoding))
    : request.body;
  try {
    return await new Response(stream).text();
  } catch {
    return "";
  }
}

/**
 * The request target as sent: the path still percent-encoded, and the raw query.
 *
 * @example
 * ```ts
 * import { requestTarget } from "./loopback.ts";
 * requestTarget("http://127.0.0.1:1/time/0?uuid=u%20v"); // { path: "/time/0", rawQuery: "uuid=u%20v" }
 * ```
 */
export function requestTarget(url: string): { path: string; rawQuery: string } {
  const origin = new URL(url).origin;
  const target = url.slice(origin.length);
  const q = target.indexOf("?");
  return q === -1
    ? { path: target, rawQuery: "" }
    : { path: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

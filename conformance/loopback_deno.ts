/**
 * The loopback server under Deno (see `loopback.ts` for the interface): `Deno.serve` behind a
 * small TCP front, because `Deno.serve` does not hand a handler its connection.
 *
 * @module
 */
import type { CuttableHandler, LoopbackServer, StartLoopbackServer } from "./loopback.ts";

/**
 * Starts a loopback server on a free port: `Deno.serve` behind a TCP front. The front maps each
 * upstream connection (by its local port, which `Deno.serve` sees as the remote port) back to the
 * client connection, so `cut()` closes both ends.
 *
 * @example
 * ```ts
 * import { startLoopbackServer } from "./loopback_deno.ts";
 * const server = await startLoopbackServer((_req, cut) => {
 *   cut(); // the client sees the connection close
 *   return new Response(null);
 * });
 * await fetch(`http://${server.origin}/`).catch(() => "closed");
 * await server.close();
 * ```
 */
export const startLoopbackServer: StartLoopbackServer = async (
  handler: CuttableHandler,
): Promise<LoopbackServer> => {
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
};

/**
 * A loopback TCP proxy for tests: forwards connections to a target and can cut every open
 * connection on demand — what a flaky network does to a long-poll. Test-only.
 *
 * @example
 * ```ts
 * import { startTcpProxy } from "./tcp_proxy.ts";
 * const proxy = startTcpProxy("127.0.0.1:8090");
 * proxy.cutAll(); // every open connection through it is closed at once
 * await proxy.close();
 * ```
 */
export interface TcpProxy {
  /** `127.0.0.1:<port>` of the proxy. */
  origin: string;
  /** Connections accepted so far. */
  accepted(): number;
  /** Closes every open connection (both sides); new ones are still accepted. */
  cutAll(): number;
  /** While down, new connections are closed as soon as they are accepted (an outage). */
  setDown(down: boolean): void;
  /** Stops accepting and closes everything. */
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free loopback port in front of `target` (`host:port`).
 *
 * @example
 * ```ts
 * import { startTcpProxy } from "./tcp_proxy.ts";
 * const proxy = startTcpProxy("127.0.0.1:8090");
 * await proxy.close();
 * ```
 */
export function startTcpProxy(target: string): TcpProxy {
  const colon = target.lastIndexOf(":");
  const hostname = target.slice(0, colon);
  const port = Number(target.slice(colon + 1));
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<{ cut(): void; done: Promise<void> }>();
  let accepted = 0;
  let down = false;

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
      // A cut closes the sockets under the pumps; that is the point.
    }
  };

  const acceptLoop = (async () => {
    for await (const client of listener) {
      accepted++;
      if (down) {
        client.close();
        continue;
      }
      let upstream: Deno.Conn;
      try {
        upstream = await Deno.connect({ hostname, port });
      } catch {
        client.close();
        continue;
      }
      let shut = false;
      // closeWrite sends FIN at once (close alone would wait for the pending reads to let go);
      // the sockets are closed once both pumps have stopped.
      const cut = () => {
        if (shut) return;
        shut = true;
        for (const conn of [client, upstream]) conn.closeWrite().catch(() => {});
      };
      const release = () => {
        for (const conn of [client, upstream]) {
          try {
            conn.close();
          } catch { /* already closed */ }
        }
      };
      const entry = {
        cut,
        done: Promise.all([
          pump(client, upstream).finally(cut),
          pump(upstream, client).finally(cut),
        ]).then(release),
      };
      open.add(entry);
      entry.done.then(() => open.delete(entry));
    }
  })();

  return {
    origin: `127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    accepted: () => accepted,
    cutAll() {
      const count = open.size;
      for (const entry of open) entry.cut();
      return count;
    },
    setDown(value) {
      down = value;
    },
    async close() {
      listener.close();
      await acceptLoop.catch(() => {});
      const pending = [...open];
      for (const entry of pending) entry.cut();
      await Promise.all(pending.map((e) => e.done));
    },
  };
}

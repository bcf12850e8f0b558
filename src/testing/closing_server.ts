/**
 * A raw TCP server for tests that drops connections (Deno only; not shipped in the package).
 *
 * @module
 */

/**
 * Starts a raw TCP server on loopback that reads each request and closes the connection without
 * answering: what a client sees when a proxy or the network drops a connection.
 *
 * @example
 * ```ts
 * import { startClosingServer } from "./closing_server.ts";
 * const server = await startClosingServer();
 * await fetch(`http://${server.origin}/time/0`).catch(() => "closed");
 * await server.close();
 * ```
 */
export function startClosingServer(): {
  origin: string;
  accepted: () => number;
  close(): Promise<void>;
} {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let accepted = 0;
  const done = (async () => {
    for await (const conn of listener) {
      accepted++;
      try {
        await conn.read(new Uint8Array(4096));
      } catch {
        // The client may have gone already; closing is all this server does.
      }
      conn.close();
    }
  })();
  return {
    origin: `127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    accepted: () => accepted,
    async close() {
      listener.close();
      await done.catch(() => {});
    },
  };
}

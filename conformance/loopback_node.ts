/**
 * The loopback server under Node (see `loopback.ts` for the interface): `node:http`, which hands
 * the handler the request's own socket, so `cut()` simply destroys it. `scripts/build_npm.ts`
 * puts this file in place of `loopback_deno.ts` when it compiles the harness for Node; Deno never
 * loads it.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { CuttableHandler, LoopbackServer, StartLoopbackServer } from "./loopback.ts";

/**
 * Starts a loopback server on a free port: `node:http`, with the handler's `cut()` destroying the
 * socket the request came on (the client sees the connection close without an answer).
 *
 * @example
 * ```ts ignore
 * import { startLoopbackServer } from "./loopback_node.ts";
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
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    serve(handler, req, res, origin).catch(() => {
      if (res.destroyed || res.writableEnded) return;
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    origin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held requests and idle keep-alive connections would hold close() open: cut them all
        // (a held request's signal aborts, so its handler returns).
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
};

async function serve(
  handler: CuttableHandler,
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
): Promise<void> {
  const controller = new AbortController();
  // `close` before the response finished: the client went away, or the connection was cut.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const init: RequestInit = { method, headers, signal: controller.signal };
  if (method !== "GET" && method !== "HEAD") {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const body = concat(chunks);
    if (body.length > 0) init.body = body;
  }
  // `req.url` is the request target exactly as sent (path still percent-encoded, raw query).
  const request = new Request(`http://${origin}${req.url ?? "/"}`, init);
  const cut = () => {
    req.socket.destroy();
  };
  const response = await handler(request, cut);
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  if (res.destroyed || req.socket.destroyed || controller.signal.aborted) return;
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (outHeaders[name] = value));
  outHeaders["content-length"] = String(body?.length ?? 0);
  res.writeHead(response.status, outHeaders);
  res.end(body);
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { createSecureServer, type Http2Session } from "node:http2";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";

/**
 * The Node listener's HTTPS server: HTTP/2 (negotiated with ALPN), so that browser tabs share
 * one connection instead of queueing behind HTTP/1.1's six per host, and HTTP/1.1 for clients
 * that do not offer h2. Requests of both arrive at `onRequest` through Node's compatibility
 * API; `closeIdleConnections()` ends idle connections as `node:http` servers do, so `close()`
 * does not wait on them (HTTP/2 sessions get a GOAWAY and finish their open streams).
 *
 * @example
 * ```ts ignore
 * import { createH2Server } from "./listen_node_h2.ts";
 * const server = createH2Server({ cert: "-----BEGIN…", key: "-----BEGIN…" }, 131072, (req, res) => res.end("{}"));
 * ```
 */
export function createH2Server(
  tls: { cert: string; key: string },
  maxHeaderBytes: number,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): ReturnType<typeof createSecureServer> & { closeIdleConnections(): void } {
  const sessions = new Set<Http2Session>();
  const http1 = new Set<Socket>();
  const server = createSecureServer({
    ...tls,
    allowHTTP1: true,
    // The largest request head the handler must see: the same bound as over HTTP/1.1.
    settings: { maxHeaderListSize: maxHeaderBytes },
    maxSessionMemory: 64,
  }, (req, res) => {
    // HTTP/2 forbids connection-specific response headers; drop them if a handler sets one.
    if (req.httpVersionMajor === 2) {
      const writeHead = res.writeHead.bind(res) as (s: number, h?: Record<string, string>) => void;
      (res as unknown as { writeHead: typeof writeHead }).writeHead = (status, headers = {}) => {
        for (const name of ["connection", "keep-alive", "transfer-encoding", "upgrade"]) {
          delete headers[name];
        }
        writeHead(status, headers);
      };
    }
    onRequest(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
  server.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  server.on("secureConnection", (socket: TLSSocket) => {
    if (socket.alpnProtocol === "h2") return;
    http1.add(socket);
    socket.once("close", () => http1.delete(socket));
  });
  return Object.assign(server, {
    closeIdleConnections() {
      for (const session of sessions) session.close();
      for (const socket of http1) socket.end();
    },
  });
}

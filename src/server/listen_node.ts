import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Buffer } from "node:buffer";
import { Readable } from "node:stream";
import { type Answer, leanOf, type ServerRequest } from "./http/exchange.ts";
import { CONTENT_TYPE, INTERNAL_ERROR_BODY, INVALID_HOST_BODY } from "./http/responses.ts";
import {
  DEFAULT_HEADER_TIMEOUT_MILLIS,
  DEFAULT_IDLE_TIMEOUT_MILLIS,
  type Listen,
  type Listener,
  type ListenOptions,
} from "./listener.ts";
import { createH2Server } from "./listen_node_h2.ts";
import { resolveTls } from "./tls.ts";

/**
 * The largest request head (request line and headers) the Node listener reads: room for the
 * longest target the handler answers itself (a publish of 32 KiB of escaped message on top of a
 * 32 KiB URI, answered 413/414 with JSON) plus ordinary headers, where Node's 16 KiB default
 * would cut such requests off before the handler. Beyond it the answer is a 431 with a JSON body.
 *
 * @example
 * ```ts
 * import { MAX_HEADER_BYTES } from "./listen_node.ts";
 * MAX_HEADER_BYTES; // 131072
 * ```
 */
export const MAX_HEADER_BYTES = 128 * 1024;

/**
 * Serves a handler with `node:http`, or `node:https` when `tls` is given (for Node, where the
 * npm package runs it). The local server's handler is called on its own request shape, made
 * from `IncomingMessage` without a `Request`, `Headers` or a body stream (which cost Node more
 * than the handler's own work), and its answer is written as it is; any other handler gets a
 * `Request` whose `signal` aborts when the client disconnects, and its `Response` is written
 * back.
 *
 * @example
 * ```ts
 * import { listen } from "./listen_node.ts";
 * const listener = await listen(() => Promise.resolve(new Response("{}")), { hostname: "127.0.0.1", port: 0 });
 * await listener.close();
 * ```
 */
export const listen: Listen = async (handler, options: ListenOptions): Promise<Listener> => {
  const scheme = options.tls ? "https" : "http";
  // Requests in progress per socket: at close(), sockets with none are destroyed at once (Node
  // keeps a connection that never carried a request open until its header timeout).
  const inFlight = new Map<Socket, number>();
  let closing = false;
  const lean = leanOf(handler);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
    (lean ? serveLean(lean, req, res, scheme) : serve(handler, req, res, scheme)).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": CONTENT_TYPE });
      res.end(INTERNAL_ERROR_BODY);
    });
  };
  const headerMillis = options.headerTimeoutMillis ?? DEFAULT_HEADER_TIMEOUT_MILLIS;
  const settings = {
    maxHeaderSize: MAX_HEADER_BYTES,
    // A request may take as long as a long-poll holds: no whole-request timeout, only one for
    // the head, checked often enough to close slow heads close to their deadline.
    requestTimeout: 0,
    headersTimeout: headerMillis,
    keepAliveTimeout: options.idleTimeoutMillis ?? DEFAULT_IDLE_TIMEOUT_MILLIS,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, headerMillis / 4)),
  };
  const server = options.tls
    ? createH2Server( // HTTP/2 with HTTP/1.1 fallback (see listen_node_h2.ts)
      await resolveTls(options.tls, (p) => readFile(p, "utf8")),
      MAX_HEADER_BYTES,
      onRequest,
    )
    : createServer(settings, onRequest);
  // Over TLS the timeouts apply per connection: a socket silent for the idle timeout is closed.
  if (options.tls) server.setTimeout(settings.keepAliveTimeout);
  server.on("connection", (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  // Requests Node refuses before the handler sees them (head too large, malformed) still get a
  // JSON error body, as every other answer does, instead of Node's bare status line.
  server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) return;
    const [status, reason] = error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large"]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "Request Timeout"]
      : [400, "Bad Request"];
    const body = JSON.stringify({ status, error: true, service: "Local", message: reason });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: ${CONTENT_TYPE}\r\n` +
        `content-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve({
        hostname: options.hostname,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            server.close(() => done());
            // Idle sockets, including ones that never sent a request, would hold close() open
            // (HTTP/2 sessions are told to go away and finish their open streams).
            server.closeIdleConnections?.();
            for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
          }),
      });
    });
  });
};

// Header lookup on Node's parsed headers (lower-case names; repeated values joined).
class NodeHeaders {
  readonly #headers: IncomingMessage["headers"];
  constructor(headers: IncomingMessage["headers"]) {
    this.#headers = headers;
  }
  get(name: string): string | null {
    const value = this.#headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }
}

async function serveLean(
  lean: (request: ServerRequest) => Promise<Answer>,
  req: IncomingMessage,
  res: ServerResponse,
  scheme: "http" | "https",
): Promise<void> {
  const host = req.headers.host ?? req.headers[":authority"] as string | undefined ?? "localhost";
  const url = `${scheme}://${host}${req.url ?? "/"}`;
  // A Host header that makes no URL (`a b<>`, `user@host`) is the client's fault.
  if (host.includes("@") || !URL.canParse(url)) {
    res.writeHead(400, {
      "content-type": CONTENT_TYPE,
      "content-length": INVALID_HOST_BODY.length,
    });
    res.end(INVALID_HOST_BODY);
    return;
  }
  // `close` on the response before it finished means the client went away. The signal is made
  // only for the handler that reads it (a long-poll), not for every request.
  let gone = false;
  let controller: AbortController | undefined;
  res.once("close", () => {
    if (res.writableFinished) return;
    gone = true;
    controller?.abort();
  });
  const method = req.method ?? "GET";
  const answer = await lean({
    method,
    url,
    headers: new NodeHeaders(req.headers),
    body: method === "GET" || method === "HEAD" ? null : req,
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (gone) controller.abort();
      }
      return controller.signal;
    },
  });
  if (gone) return;
  const body = answer.body ?? "";
  res.writeHead(answer.status, {
    ...answer.headers,
    "content-length": typeof body === "string" ? Buffer.byteLength(body) : body.length,
  });
  // A string body goes out in one write with the head.
  res.end(body);
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
  scheme: "http" | "https",
): Promise<void> {
  const controller = new AbortController();
  // `close` on the response before it finished means the client went away.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue; // HTTP/2 pseudo-headers
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal: controller.signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = "half";
  }
  const host = req.headers.host ?? req.headers[":authority"] ?? "localhost";
  let request: Request;
  try {
    request = new Request(`${scheme}://${host}${req.url ?? "/"}`, init);
  } catch {
    // A Host header that makes no URL (`a b<>`, `user@host`) is the client's fault.
    res.writeHead(400, {
      "content-type": CONTENT_TYPE,
      "content-length": String(INVALID_HOST_BODY.length),
    });
    res.end(INVALID_HOST_BODY);
    return;
  }
  const response = await handler(request);
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (outHeaders[name] = value));
  const body = new Uint8Array(await response.arrayBuffer());
  if (controller.signal.aborted) return;
  outHeaders["content-length"] = String(body.length);
  res.writeHead(response.status, outHeaders);
  res.end(body);
}

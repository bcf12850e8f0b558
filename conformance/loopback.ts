/**
 * The replayer's loopback HTTP server, behind one small interface: a server whose handler can
 * close the very connection a request came on, without answering — what a client sees when the
 * network or a proxy drops a request.
 *
 * Two implementations, one per runtime, each exporting a {@linkcode StartLoopbackServer} named
 * `startLoopbackServer`: `loopback_deno.ts` (`Deno.serve` behind a small TCP front) and
 * `loopback_node.ts` (`node:http`, cutting the request's own socket). This module re-exports the
 * Deno one; `scripts/build_npm.ts` swaps that import for the Node one (its `RUNTIME_SWAPS` table)
 * when it compiles the harness to replay the fixtures under Node against the built package.
 * Nothing else in the harness knows which runtime it runs on.
 *
 * @module
 */
export { startLoopbackServer } from "./loopback_deno.ts";

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
 * What each runtime's loopback file exports as `startLoopbackServer`: starts a loopback server on
 * a free port of 127.0.0.1. The handler's `Request` has the path and query exactly as sent, and a
 * `signal` that aborts when the client goes away (or the connection is cut).
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
export type StartLoopbackServer = (handler: CuttableHandler) => Promise<LoopbackServer>;

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

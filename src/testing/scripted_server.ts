/**
 * A loopback HTTP server for tests: records every request it receives and answers each with the
 * response a test scripted for it. It is a real peer on 127.0.0.1, so requests go through the
 * real fetch shell. Test-only; not part of the SDK.
 */

/**
 * One request as the server saw it.
 *
 * @example
 * ```ts
 * import type { RecordedRequest } from "./scripted_server.ts";
 * const seen: RecordedRequest = { method: "GET", path: "/time/0", query: new URLSearchParams(), rawQuery: "", headers: new Headers(), body: "" };
 * ```
 */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path exactly as sent (still percent-encoded). */
  path: string;
  /** Decoded query parameters. */
  query: URLSearchParams;
  /** Query exactly as sent, without `?`. */
  rawQuery: string;
  /** Request headers. */
  headers: Headers;
  /** Body as text (after decompressing deflate/gzip bodies). */
  body: string;
}

/**
 * How the server answers a request: a response, or a fault.
 * `hang` answers only when the client gives up (abort or timeout).
 *
 * @example
 * ```ts
 * import type { ScriptedAnswer } from "./scripted_server.ts";
 * const ok: ScriptedAnswer = { status: 200, body: '[1,"Sent","17000000000000000"]' };
 * ```
 */
export type ScriptedAnswer =
  | { status: number; body: string; headers?: Record<string, string>; delayMs?: number }
  | { fault: "hang" };

/**
 * A running scripted server.
 *
 * @example
 * ```ts
 * import { startScriptedServer } from "./scripted_server.ts";
 * const server = await startScriptedServer(() => ({ status: 200, body: "[17000000000000000]" }));
 * await fetch(`http://${server.origin}/time/0`).then((r) => r.text());
 * await server.close();
 * ```
 */
export interface ScriptedServer {
  /** `127.0.0.1:<port>`, to pass as the SDK's `origin` with `ssl: false`. */
  origin: string;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  /** Stops the server and releases hanging requests. */
  close(): Promise<void>;
}

const JS_TYPE = 'text/javascript; charset="UTF-8"';

/**
 * Starts a scripted server on a free loopback port. `answer` is called for each request.
 *
 * @example
 * ```ts
 * import { startScriptedServer } from "./scripted_server.ts";
 * const server = await startScriptedServer((req) => ({ status: 200, body: JSON.stringify([1, "Sent", "1"]) }));
 * await server.close();
 * ```
 */
export async function startScriptedServer(
  answer: (request: RecordedRequest, index: number) => ScriptedAnswer,
): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<() => void>();
  const { promise: ready, resolve: onReady } = Promise.withResolvers<number>();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => onReady(port),
  }, async (req) => {
    const url = new URL(req.url);
    // The request target exactly as the client sent it, still percent-encoded.
    const target = req.url.slice(url.origin.length);
    const queryStart = target.indexOf("?");
    const fullPath = queryStart === -1 ? target : target.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? "" : target.slice(queryStart + 1);
    const recorded: RecordedRequest = {
      method: req.method,
      path: fullPath,
      query: url.searchParams,
      rawQuery,
      headers: req.headers,
      body: await readBody(req),
    };
    requests.push(recorded);
    const scripted = answer(recorded, requests.length - 1);
    if ("fault" in scripted) {
      await new Promise<void>((resolve) => {
        const release = () => {
          hanging.delete(release);
          resolve();
        };
        hanging.add(release);
        req.signal.addEventListener("abort", release, { once: true });
      });
      return new Response(null, { status: 499 });
    }
    if (scripted.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
    return new Response(scripted.body, {
      status: scripted.status,
      headers: { "content-type": JS_TYPE, ...scripted.headers },
    });
  });
  const port = await ready;
  return {
    origin: `127.0.0.1:${port}`,
    requests,
    async close() {
      for (const release of [...hanging]) release();
      await server.shutdown();
    },
  };
}

async function readBody(req: Request): Promise<string> {
  if (!req.body) return "";
  const encoding = req.headers.get("content-encoding");
  const stream = encoding === "deflate" || encoding === "gzip"
    ? req.body.pipeThrough(new DecompressionStream(encoding))
    : req.body;
  return await new Response(stream).text();
}

/**
 * Starts a raw TCP server on loopback that reads each request and closes the connection without
 * answering: what a client sees when a proxy or the network drops a connection.
 *
 * @example
 * ```ts
 * import { startClosingServer } from "./scripted_server.ts";
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

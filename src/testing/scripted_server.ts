/**
 * A loopback HTTP server for tests: records every request it receives and answers each with the
 * response a test scripted for it. It is a real peer on 127.0.0.1, so the client's requests go
 * through its real fetch. It runs on Deno and on Node (the local server's listener serves it).
 *
 * @module
 */
import { CONTENT_TYPE } from "../server/http/responses.ts";
import { listen } from "../server/listen_deno.ts";

/**
 * One request as the server saw it.
 *
 * @example
 * ```ts
 * import type { RecordedRequest } from "@pubnub-ts/pubsub/testing";
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
 * import type { ScriptedAnswer } from "@pubnub-ts/pubsub/testing";
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
 * import { startScriptedServer } from "@pubnub-ts/pubsub/testing";
 * const server = await startScriptedServer(() => ({ status: 200, body: "[17000000000000000]" }));
 * await fetch(`http://${server.origin}/time/0`).then((r) => r.text());
 * console.log(server.requests[0].path); // "/time/0"
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

/**
 * Starts a scripted server on a free loopback port. `answer` is called for each request, with
 * the request and its index (0 for the first): what it returns is sent back.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startScriptedServer } from "@pubnub-ts/pubsub/testing";
 * // The service answers the first publish with an error, the next ones with success.
 * const server = await startScriptedServer((_request, index) =>
 *   index === 0
 *     ? { status: 400, body: '{"status":400,"error":true,"message":"Invalid JSON"}' }
 *     : { status: 200, body: '[1,"Sent","17000000000000000"]' }
 * );
 * const pubnub = new PubNub({
 *   publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false,
 * });
 * const refused = await pubnub.publish().channel("a").message("hi").future().catch((e) => e);
 * console.log(refused.status.statusCode); // 400
 * const { result } = await pubnub.publish().channel("a").message("hi");
 * console.log(result.timetoken, server.requests.length); // "17000000000000000" 2
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export async function startScriptedServer(
  answer: (request: RecordedRequest, index: number) => ScriptedAnswer,
): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<() => void>();
  const listener = await listen(async (req) => {
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
      headers: { "content-type": CONTENT_TYPE, ...scripted.headers },
    });
  }, { hostname: "127.0.0.1", port: 0 });
  return {
    origin: `127.0.0.1:${listener.port}`,
    requests,
    async close() {
      for (const release of [...hanging]) release();
      await listener.close();
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

/**
 * The handler's own request and answer shapes, which both listeners can make cheaply. A WHATWG
 * `Request` is a {@link ServerRequest} as it is; the Node listener builds one from
 * `IncomingMessage` without `Request`, `Headers` or body streams, which cost Node several times
 * the handler's own work per request. An {@link Answer} is what routes return: status, headers
 * and a body already serialised, written out by a listener as it is or turned into a
 * `Response` for callers of the web-standard handler.
 *
 * @module
 */

/**
 * What the handler reads of a request.
 *
 * @example
 * ```ts
 * import type { ServerRequest } from "./exchange.ts";
 * const request: ServerRequest = new Request("http://localhost/time/0");
 * request.method; // "GET"
 * ```
 */
export interface ServerRequest {
  /** `GET`, `POST`, … */
  readonly method: string;
  /** The absolute URL or the origin-form target (`/path?query`), as sent. */
  readonly url: string;
  /** Header lookup by (lower-case) name. */
  readonly headers: { get(name: string): string | null };
  /** The body, or `null` when the request has none. */
  readonly body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
  /** Aborts when the client goes away before its answer. */
  readonly signal: AbortSignal;
}

/**
 * A finished answer: status, headers (lower-case names) and the whole body.
 *
 * @example
 * ```ts
 * import { Answer } from "./exchange.ts";
 * const answer = new Answer(200, "{}", { "content-type": "application/json" });
 * answer.toResponse().status; // 200
 * ```
 */
export class Answer {
  /**
   * @example
   * ```ts
   * import { Answer } from "./exchange.ts";
   * new Answer(204, null, {});
   * ```
   */
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** The body; `null` for none. */
    readonly body: string | Uint8Array<ArrayBuffer> | null,
    /** Response headers; shared between answers, never changed after construction. */
    readonly headers: Readonly<Record<string, string>>,
  ) {}

  /**
   * This answer as a WHATWG `Response`.
   *
   * @example
   * ```ts
   * import { Answer } from "./exchange.ts";
   * await new Answer(200, "[1]", {}).toResponse().text(); // "[1]"
   * ```
   */
  toResponse(): Response {
    return new Response(this.body, { status: this.status, headers: this.headers });
  }
}

/**
 * A handler on the lean shapes.
 *
 * @example
 * ```ts
 * import { Answer, type LeanHandler } from "./exchange.ts";
 * const ok: LeanHandler = () => Promise.resolve(new Answer(200, "{}", {}));
 * ```
 */
export type LeanHandler = (request: ServerRequest) => Promise<Answer>;

/** A web-standard handler. */
type WebHandler = (request: Request) => Promise<Response>;

const leanHandlers = new WeakMap<WebHandler, LeanHandler>();

/**
 * The web-standard form of a lean handler, remembered with it so a listener can call the lean
 * one directly (see {@link leanOf}).
 *
 * @example
 * ```ts
 * import { Answer, leanOf, webHandler } from "./exchange.ts";
 * const lean = () => Promise.resolve(new Answer(200, "{}", {}));
 * const web = webHandler(lean);
 * leanOf(web) === lean; // true
 * ```
 */
export function webHandler(lean: LeanHandler): WebHandler {
  const web: WebHandler = (request) => lean(request).then((answer) => answer.toResponse());
  leanHandlers.set(web, lean);
  return web;
}

/**
 * Remembers `lean` as the lean form of an existing web handler (for wrappers that keep both).
 *
 * @example
 * ```ts
 * import { Answer, leanOf, pairLean } from "./exchange.ts";
 * const web = () => Promise.resolve(new Response("{}"));
 * pairLean(web, () => Promise.resolve(new Answer(200, "{}", {})));
 * leanOf(web) !== undefined; // true
 * ```
 */
export function pairLean<H extends WebHandler>(web: H, lean: LeanHandler): H {
  leanHandlers.set(web, lean);
  return web;
}

/**
 * The lean form of a handler made by {@link webHandler} or {@link pairLean}; `undefined` for any
 * other function (a listener then goes through `Request` and `Response`).
 *
 * @example
 * ```ts
 * import { leanOf } from "./exchange.ts";
 * leanOf(() => Promise.resolve(new Response("{}"))); // undefined
 * ```
 */
export function leanOf(handler: WebHandler): LeanHandler | undefined {
  return leanHandlers.get(handler);
}

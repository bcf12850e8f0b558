import type { PNOperationTypeName } from "./categories.ts";

/**
 * A request as plain data: what the shell should send. Builders in `requests/` return these;
 * they never send anything themselves.
 *
 * `path` is already encoded; `query` values are raw and get encoded when the URL is built.
 *
 * @example
 * ```ts
 * import type { RequestDescription } from "./request.ts";
 * const time: RequestDescription = { operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {} };
 * ```
 */
export interface RequestDescription {
  /** The call this request performs; used for statuses. */
  operation: PNOperationTypeName;
  /** HTTP method. */
  method: "GET" | "POST" | "DELETE";
  /** Encoded path, starting with `/`. */
  path: string;
  /** Query parameters (raw values), in the order they are sent. */
  query: Record<string, string>;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Request body (POST). */
  body?: string;
  /** `true` for the subscribe long-poll, which uses the longer timeout. */
  longPoll?: boolean;
  /** Channels the request concerns, for statuses. */
  channels?: string[];
  /** Channel groups the request concerns, for statuses. */
  channelGroups?: string[];
  /**
   * A GET publish, fire or signal: the escaped length of the message its path ends with. The
   * message has its own size rule, so the service's URI limit applies to the rest.
   */
  messageLength?: number;
  /** What to do when the request is longer than the service takes (a subscribe: fewer names). */
  tooLongAdvice?: string;
}

/**
 * What came back for a request, as plain data, for the pure parsers and the classifier.
 *
 * @example
 * ```ts
 * import type { ResponseDescription } from "./request.ts";
 * const ok: ResponseDescription = { status: 200, contentType: "text/javascript", body: "[1]" };
 * ```
 */
export interface ResponseDescription {
  /** HTTP status code. */
  status: number;
  /** The `content-type` header, or `undefined` when absent. */
  contentType: string | undefined;
  /** The body as text. */
  body: string;
  /** The `retry-after` header, when present. */
  retryAfter?: string;
}

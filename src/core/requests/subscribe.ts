import { parseJson } from "../classify.ts";
import { encodeChannelList, encodeComponent } from "../encoding.ts";
import { PubNubError } from "../error.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { isTimetoken } from "../timetoken.ts";
import type { Envelope, EnvelopeTimetoken } from "../subscribe/envelope.ts";
import type { SubscriptionCursor } from "../subscribe/states.ts";

/**
 * What a subscribe request (handshake or long-poll) sends.
 *
 * @example
 * ```ts
 * import type { SubscribeRequestParams } from "./subscribe.ts";
 * const params: SubscribeRequestParams = { subscribeKey: "sub", channels: ["a"], groups: [] };
 * ```
 */
export interface SubscribeRequestParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** Channels (wildcards and `-pnpres` names included); sorted on the wire. */
  channels: readonly string[];
  /** Channel groups; sorted on the wire. */
  groups: readonly string[];
  /** Where to long-poll from; absent: a handshake (no `tt`). */
  cursor?: SubscriptionCursor;
  /** Presence timeout in seconds, sent as `heartbeat`. */
  heartbeat?: number;
  /** The client's presence state, keyed by channel; sent as JSON when not empty. */
  state?: Readonly<Record<string, unknown>>;
  /** Server-side filter expression. */
  filterExpression?: string;
}

/**
 * Builds a subscribe request (docs/protocol.md "Subscribe requests"):
 * `/v2/subscribe/{sub}/{sorted channels or ,}/0` with, in the official SDK's order, `ee` (an empty
 * marker), `channel-group` (sorted, one value), `filter-expr`, `heartbeat`, `state`, then `tt` and
 * `tr` for a long-poll. Without a cursor it is a handshake: no `tt`, answered at once, so not a
 * long-poll.
 *
 * @example
 * ```ts
 * import { buildSubscribeRequest } from "./subscribe.ts";
 * const request = buildSubscribeRequest({
 *   subscribeKey: "sub", channels: ["b", "a"], groups: [], cursor: { timetoken: "17000000000000000", region: 4 },
 * });
 * request.path; // "/v2/subscribe/sub/a,b/0"
 * request.query; // { ee: "", tt: "17000000000000000", tr: "4" }
 * ```
 */
export function buildSubscribeRequest(params: SubscribeRequestParams): RequestDescription {
  const channels = [...params.channels].sort();
  const groups = [...params.groups].sort();
  if (channels.length === 0 && groups.length === 0) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      "Cannot subscribe: no channels and no channel groups were given",
    );
  }

  const query: Record<string, string> = { ee: "" };
  if (groups.length > 0) query["channel-group"] = groups.join(",");
  if (params.filterExpression) query["filter-expr"] = params.filterExpression;
  if (params.heartbeat !== undefined && params.heartbeat > 0) {
    query.heartbeat = String(params.heartbeat);
  }
  if (params.state && Object.keys(params.state).length > 0) {
    query.state = JSON.stringify(params.state);
  }
  if (params.cursor) {
    query.tt = params.cursor.timetoken;
    query.tr = String(params.cursor.region);
  }

  const request: RequestDescription = {
    operation: "PNSubscribeOperation",
    method: "GET",
    path: `/v2/subscribe/${encodeComponent(params.subscribeKey)}/${encodeChannelList(channels)}/0`,
    query,
    channels,
    channelGroups: groups,
    tooLongAdvice: TOO_LONG_ADVICE,
  };
  if (params.cursor) request.longPoll = true;
  return request;
}

/** A subscribe too long for the service grows by what the app subscribes to. */
const TOO_LONG_ADVICE =
  "channel and group names and presence state all count: subscribe to fewer or shorter names";

/**
 * A subscribe response: where the next long-poll starts and the envelopes, oldest first.
 *
 * @example
 * ```ts
 * import type { SubscribeResponse } from "./subscribe.ts";
 * const response: SubscribeResponse = { cursor: { timetoken: "17000000000000000", region: 4 }, messages: [], rejected: [] };
 * ```
 */
export interface SubscribeResponse {
  /** `t` of the response. */
  cursor: SubscriptionCursor;
  /** `m` of the response: the envelopes that passed the shape check, in order. */
  messages: Envelope[];
  /** Envelopes of `m` that did not: where, why, and the raw value (for the caller to report). */
  rejected: RejectedEnvelope[];
}

/**
 * An envelope of a subscribe response that is not shaped as the protocol says.
 *
 * @example
 * ```ts
 * import type { RejectedEnvelope } from "./subscribe.ts";
 * const bad: RejectedEnvelope = { index: 1, reason: "envelope m[1]: i must be a string, got the number 42", envelope: {} };
 * ```
 */
export interface RejectedEnvelope {
  /** Position in `m`. */
  index: number;
  /** What is wrong with it. */
  reason: string;
  /** The envelope as received. */
  envelope: unknown;
}

/**
 * Parses a subscribe response body (`{"t":{"t":"…","r":N},"m":[…]}`) without throwing on any
 * input. Timetokens must be strings of digits: a number there has already lost digits in
 * `JSON.parse`, so it is refused as malformed rather than rounded silently. A malformed
 * envelope does not sink the response: the others are kept and it is listed in `rejected`, so
 * the loop can report it and move on (retrying would fetch the same bad envelope forever).
 *
 * @example
 * ```ts
 * import { parseSubscribeResponse } from "./subscribe.ts";
 * parseSubscribeResponse('{"t":{"t":"17000000000000000","r":4},"m":[]}');
 * // { ok: true, value: { cursor: { timetoken: "17000000000000000", region: 4 }, messages: [], rejected: [] } }
 * parseSubscribeResponse('{"t":{"t":17000000000000000,"r":4},"m":[]}').ok; // false
 * ```
 */
export function parseSubscribeResponse(body: string): ParseResult<SubscribeResponse> {
  const json = parseJson(body);
  if (!json.ok) return malformed(`subscribe response is not JSON: ${excerpt(body)}`);
  return parseSubscribeValue(json.value);
}

/**
 * Like {@link parseSubscribeResponse}, for a body already parsed as JSON (as the classifier
 * returns it).
 *
 * @example
 * ```ts
 * import { parseSubscribeValue } from "./subscribe.ts";
 * parseSubscribeValue({ t: { t: "17000000000000000", r: 4 }, m: [] }).ok; // true
 * ```
 */
export function parseSubscribeValue(value: unknown): ParseResult<SubscribeResponse> {
  if (!isObject(value)) {
    return malformed(`subscribe response: expected an object, got ${kind(value)}`);
  }
  const t = readTimetoken(value.t, "t");
  if (typeof t === "string") return malformed(`subscribe response: ${t}`);
  if (!Array.isArray(value.m)) {
    return malformed(`subscribe response: m must be an array of envelopes, got ${kind(value.m)}`);
  }
  // Envelopes are checked where JSON.parse left them and delivered as they are: the array is
  // copied only when one is rejected (from there on, the good ones go to a new array).
  const m = value.m as unknown[];
  let kept: Envelope[] | undefined;
  const rejected: RejectedEnvelope[] = [];
  for (let index = 0; index < m.length; index++) {
    const problem = checkEnvelope(m[index]);
    if (problem === undefined) {
      kept?.push(m[index] as Envelope);
      continue;
    }
    kept ??= m.slice(0, index) as Envelope[];
    rejected.push({ index, reason: `envelope m[${index}]: ${problem}`, envelope: m[index] });
  }
  return parsed({
    cursor: { timetoken: t.t, region: t.r },
    messages: kept ?? m as Envelope[],
    rejected,
  });
}

/** Reads `{t, r}`; returns what is wrong as a string. */
function readTimetoken(value: unknown, name: string): EnvelopeTimetoken | string {
  return checkTimetoken(value, name) ??
    { t: (value as EnvelopeTimetoken).t, r: (value as EnvelopeTimetoken).r };
}

/** Checks `{t, r}` without copying it; returns what is wrong, or `undefined`. */
function checkTimetoken(value: unknown, name: string): string | undefined {
  if (!isObject(value)) return `${name} must be an object {t, r}, got ${kind(value)}`;
  if (typeof value.t === "number") {
    return `${name}.t is a JSON number; timetokens must be strings (17 digits do not fit a number)`;
  }
  if (!isTimetoken(value.t)) return `${name}.t must be a timetoken string, got ${kind(value.t)}`;
  if (typeof value.r !== "number" || !Number.isInteger(value.r)) {
    return `${name}.r must be an integer region, got ${kind(value.r)}`;
  }
  return undefined;
}

/** Checks one envelope's shape in place; returns what is wrong, or `undefined`. */
function checkEnvelope(value: unknown): string | undefined {
  if (!isObject(value)) return `expected an object, got ${kind(value)}`;
  if (typeof value.c !== "string") return `c (channel) must be a string, got ${kind(value.c)}`;
  const p = checkTimetoken(value.p, "p");
  if (p !== undefined) return p;
  // The optional fields, in the order the checks have always reported them.
  if (value.a !== undefined && typeof value.a !== "string") return notString("a", value.a);
  if (value.i !== undefined && typeof value.i !== "string") return notString("i", value.i);
  if (value.k !== undefined && typeof value.k !== "string") return notString("k", value.k);
  if (value.b !== undefined && typeof value.b !== "string") return notString("b", value.b);
  if (value.cmt !== undefined && typeof value.cmt !== "string") return notString("cmt", value.cmt);
  if (value.f !== undefined && typeof value.f !== "number") return notNumber("f", value.f);
  if (value.s !== undefined && typeof value.s !== "number") return notNumber("s", value.s);
  if (value.e !== undefined && (typeof value.e !== "number" || !Number.isInteger(value.e))) {
    return `e (message type) must be an integer, got ${kind(value.e)}`;
  }
  if (value.o !== undefined) return checkTimetoken(value.o, "o");
  return undefined;
}

function notString(key: string, value: unknown): string {
  return `${key} must be a string, got ${kind(value)}`;
}

function notNumber(key: string, value: unknown): string {
  return `${key} must be a number, got ${kind(value)}`;
}

function kind(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${excerpt(JSON.stringify(value))}`;
  if (typeof value === "number") return `the number ${value}`;
  return `a ${typeof value}`;
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

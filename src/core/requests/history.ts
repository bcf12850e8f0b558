import { encodeComponent } from "../encoding.ts";
import { TIMETOKEN_DIGITS } from "../wire/timetoken.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { isTimetoken } from "../timetoken.ts";
import { kindOf, safely } from "./service_response.ts";
import { checkChannel, checkInteger, checkTimetoken } from "./validate.ts";

const OPERATION = "PNHistoryOperation";
const CALL = "read history";

/**
 * The largest (and default) `count` of a v2 history read.
 *
 * @example
 * ```ts
 * import { HISTORY_MAX_COUNT } from "./history.ts";
 * console.log(HISTORY_MAX_COUNT); // 100
 * ```
 */
export const HISTORY_MAX_COUNT = 100;

/**
 * What a v2 history read asks.
 *
 * @example
 * ```ts
 * import type { HistoryParams } from "./history.ts";
 * const params: HistoryParams = { subscribeKey: "sub", channel: "a", count: 10, includeTimetoken: true };
 * ```
 */
export interface HistoryParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The channel to read. */
  channel: string;
  /** How many messages, at most: a whole number from 1 to 100 (default 100). */
  count?: number;
  /** Timetoken (exclusive) to read back from. */
  start?: string;
  /** Timetoken (inclusive) to read back to. */
  end?: string;
  /** `true`: oldest first from `start`/`end` onwards, instead of the newest. */
  reverse?: boolean;
  /** Include each message's timetoken (`include_token=true`). Default `false`. */
  includeTimetoken?: boolean;
  /** Include each message's publish meta (`include_meta=true`). Default `false`. */
  includeMeta?: boolean;
}

/**
 * Builds a v2 history read: `GET /v2/history/sub-key/{sub}/channel/{ch}` with, in the official
 * SDK's order, `count`, `include_token`, `start`, `end`, `string_message_token`, `reverse`,
 * `include_meta`. `string_message_token=true` is always sent, so message timetokens arrive as
 * strings. Refuses an empty channel, a count outside 1–100 and start/end that are not timetokens.
 *
 * @example
 * ```ts
 * import { buildHistoryRequest } from "./history.ts";
 * const request = buildHistoryRequest({ subscribeKey: "sub", channel: "a", includeTimetoken: true });
 * request.path; // "/v2/history/sub-key/sub/channel/a"
 * request.query; // { count: "100", include_token: "true", string_message_token: "true" }
 * ```
 */
export function buildHistoryRequest(params: HistoryParams): RequestDescription {
  checkChannel(OPERATION, CALL, params.channel);
  if (params.count !== undefined) {
    checkInteger(OPERATION, CALL, "count", params.count, 1, HISTORY_MAX_COUNT);
  }
  checkTimetoken(OPERATION, CALL, "start", params.start);
  checkTimetoken(OPERATION, CALL, "end", params.end);

  const query: Record<string, string> = { count: String(params.count ?? HISTORY_MAX_COUNT) };
  if (params.includeTimetoken === true) query.include_token = "true";
  if (params.start) query.start = params.start;
  if (params.end) query.end = params.end;
  query.string_message_token = "true";
  if (params.reverse !== undefined) query.reverse = String(params.reverse);
  if (params.includeMeta === true) query.include_meta = "true";

  return {
    operation: OPERATION,
    method: "GET",
    path: `/v2/history/sub-key/${encodeComponent(params.subscribeKey)}/channel/${
      encodeComponent(params.channel)
    }`,
    query,
    channels: [params.channel],
  };
}

/**
 * One message of a v2 history read: `entry` is the message as published; `timetoken` and `meta`
 * are there when they were asked for.
 *
 * @example
 * ```ts
 * import type { PNHistoryItem } from "@pubnub-ts/pubsub";
 * const item: PNHistoryItem = { entry: "hi", timetoken: "17000000000000000" };
 * ```
 */
export interface PNHistoryItem {
  /** The message (still encrypted when a cipher key was used; the client decrypts). */
  entry: unknown;
  /** Publish timetoken, when `includeTimetoken(true)`. */
  timetoken?: string;
  /** Publish meta, when `includeMeta(true)` and the message had some. */
  meta?: unknown;
  /** Set when the message could not be decrypted: why (the entry is then as stored). */
  error?: string;
}

/**
 * The result of a v2 history read.
 *
 * @example
 * ```ts
 * import type { PNHistoryResult } from "@pubnub-ts/pubsub";
 * const result: PNHistoryResult = { messages: [], startTimetoken: "0", endTimetoken: "0" };
 * ```
 */
export interface PNHistoryResult {
  /** The messages, oldest first. */
  messages: PNHistoryItem[];
  /** Timetoken of the first message returned (`"0"` when none). */
  startTimetoken: string;
  /** Timetoken of the last message returned (`"0"` when none). */
  endTimetoken: string;
}

/** `,17000000000000000,17000000000000009]` at the end of the answer: its start and end. */
const TAIL = /* @__PURE__ */ tailPattern();

// Built by a call marked pure: a bundle that never reads history drops it.
function tailPattern(): RegExp {
  return new RegExp(
    `,\\s*("?)(${TIMETOKEN_DIGITS})\\1\\s*,\\s*("?)(${TIMETOKEN_DIGITS})\\3\\s*\\]\\s*$`,
  );
}

/**
 * Parses a v2 history answer `[[messages], start, end]`. The service sends `start` and `end` as
 * JSON numbers, which `JSON.parse` rounds, so their digits are read from the body text. With
 * `wrapped` (timetokens or meta were asked for) each message is `{message, timetoken?, meta?}`;
 * otherwise it is the message itself.
 *
 * @example
 * ```ts
 * import { parseHistoryResponse } from "./history.ts";
 * const body = '[[{"message":"hi","timetoken":"17000000000000001"}],17000000000000001,17000000000000001]';
 * const result = parseHistoryResponse(JSON.parse(body), body, true);
 * result.ok && result.value.messages[0].timetoken; // "17000000000000001"
 * ```
 */
export function parseHistoryResponse(
  data: unknown,
  body: string,
  wrapped: boolean,
): ParseResult<PNHistoryResult> {
  return safely(() => {
    if (!Array.isArray(data) || data.length !== 3 || !Array.isArray(data[0])) {
      return malformed(
        `expected [[messages], start, end], got ${kindOf(data)}${
          Array.isArray(data) ? ` of ${data.length}` : ""
        }`,
      );
    }
    const tail = TAIL.exec(body);
    if (!tail) return malformed("the answer does not end with the start and end timetokens");
    const messages: PNHistoryItem[] = [];
    for (let i = 0; i < data[0].length; i++) {
      const item = wrapped ? readWrapped(data[0][i]) : parsed<PNHistoryItem>({ entry: data[0][i] });
      if (!item.ok) return malformed(`message #${i + 1}: ${item.reason}`);
      messages.push(item.value);
    }
    return parsed({ messages, startTimetoken: tail[2], endTimetoken: tail[4] });
  });
}

function readWrapped(raw: unknown): ParseResult<PNHistoryItem> {
  if (!isObject(raw)) return malformed(`expected an object, got ${kindOf(raw)}`);
  if (!("message" in raw)) return malformed(`no "message"`);
  const item: PNHistoryItem = { entry: raw.message };
  if (raw.timetoken !== undefined) {
    if (typeof raw.timetoken === "number") {
      return malformed(`"timetoken" is a JSON number, which cannot hold 17 digits exactly`);
    }
    if (!isTimetoken(raw.timetoken)) {
      return malformed(`"timetoken" is not a timetoken: ${JSON.stringify(raw.timetoken)}`);
    }
    item.timetoken = raw.timetoken;
  }
  if (raw.meta !== undefined && raw.meta !== "") item.meta = raw.meta;
  return parsed(item);
}

import { encodeChannelList, encodeComponent } from "../encoding.ts";
import { PubNubError } from "../error.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { isTimetoken } from "../timetoken.ts";
import { kindOf, recordOf, safely, serviceObject } from "./service_response.ts";
import { checkInteger, checkSomeTargets } from "./validate.ts";

const OPERATION = "PNFetchMessagesOperation";
const CALL = "fetch messages";

/**
 * Default (and largest) `count` when fetching one channel, as the official SDK.
 *
 * @example
 * ```ts
 * import { FETCH_MESSAGES_SINGLE_MAX } from "./fetch_messages.ts";
 * console.log(FETCH_MESSAGES_SINGLE_MAX);
 * ```
 */
export const FETCH_MESSAGES_SINGLE_MAX = 100;
/**
 * Default (and largest) `count` when fetching several channels, as the official SDK.
 *
 * @example
 * ```ts
 * import { FETCH_MESSAGES_MULTI_MAX } from "./fetch_messages.ts";
 * console.log(FETCH_MESSAGES_MULTI_MAX);
 * ```
 */
export const FETCH_MESSAGES_MULTI_MAX = 25;

/**
 * What a history fetch asks.
 *
 * @example
 * ```ts
 * import type { FetchMessagesParams } from "./fetch_messages.ts";
 * const params: FetchMessagesParams = { subscribeKey: "sub", channels: ["a"], count: 10, includeMeta: true };
 * ```
 */
export interface FetchMessagesParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** Channels to read. */
  channels: readonly string[];
  /** Messages per channel, at most: a whole number ≥ 1; above the default it is lowered to it. */
  count?: number;
  /** Timetoken (exclusive) to read back from: only older messages. */
  start?: string;
  /** Timetoken (inclusive) to read back to. */
  end?: string;
  /** Include each message's publish meta (`include_meta=true`). Default `false`. */
  includeMeta?: boolean;
  /** Include the publisher's uuid (`include_uuid=true`). Default `true`. */
  includeUuid?: boolean;
  /** Include the message type (`include_message_type=true`). Default `true`. */
  includeMessageType?: boolean;
  /** Include the custom message type (`include_custom_message_type=true|false`) when set. */
  includeCustomMessageType?: boolean;
  /**
   * Include each message's actions (`/v3/history-with-actions/…`): one channel only, and at most
   * 25 messages. Default `false`.
   */
  includeMessageActions?: boolean;
}

/**
 * The largest (and default) count for a number of channels: 100 for one, 25 for several.
 *
 * @example
 * ```ts
 * import { fetchMessagesMaxCount } from "./fetch_messages.ts";
 * fetchMessagesMaxCount(3); // 25
 * ```
 */
export function fetchMessagesMaxCount(channelCount: number, withActions = false): number {
  return channelCount > 1 || withActions ? FETCH_MESSAGES_MULTI_MAX : FETCH_MESSAGES_SINGLE_MAX;
}

/**
 * Builds a history fetch: `/v3/history/sub-key/{sub}/channel/{chs}` (with message actions:
 * `/v3/history-with-actions/…`, one channel, at most 25) with, in the official SDK's
 * order, `max`, `start`, `end`, `include_meta`, `include_uuid`, `include_custom_message_type`,
 * `include_message_type`. Refuses no channels, several channels with message actions, a count
 * that is not a whole number ≥ 1, and start/end that are not timetokens; a count above the
 * maximum is lowered to it, as the official SDK does.
 *
 * @example
 * ```ts
 * import { buildFetchMessagesRequest } from "./fetch_messages.ts";
 * const request = buildFetchMessagesRequest({ subscribeKey: "sub", channels: ["a"], includeMeta: true });
 * request.path; // "/v3/history/sub-key/sub/channel/a"
 * request.query; // { max: "100", include_meta: "true", include_uuid: "true", include_message_type: "true" }
 * ```
 */
export function buildFetchMessagesRequest(params: FetchMessagesParams): RequestDescription {
  checkSomeTargets(OPERATION, CALL, params.channels, undefined);
  const withActions = params.includeMessageActions === true;
  if (withActions && params.channels.length > 1) {
    throw PubNubError.validation(
      OPERATION,
      `Cannot ${CALL}: message actions can be fetched for one channel only, got ${params.channels.length} channels; fetch them one channel at a time or leave out includeMessageActions`,
    );
  }
  const max = fetchMessagesMaxCount(params.channels.length, withActions);
  if (params.count !== undefined) checkInteger(OPERATION, CALL, "count", params.count, 1);
  const count = Math.min(params.count ?? max, max);
  checkTimetoken("start", params.start);
  checkTimetoken("end", params.end);

  const query: Record<string, string> = { max: String(count) };
  if (params.start) query.start = params.start;
  if (params.end) query.end = params.end;
  if (params.includeMeta === true) query.include_meta = "true";
  if (params.includeUuid !== false) query.include_uuid = "true";
  if (params.includeCustomMessageType !== undefined) {
    query.include_custom_message_type = String(params.includeCustomMessageType);
  }
  if (params.includeMessageType !== false) query.include_message_type = "true";

  return {
    operation: OPERATION,
    method: "GET",
    path: `/v3/${withActions ? "history-with-actions" : "history"}/sub-key/${
      encodeComponent(params.subscribeKey)
    }/channel/${encodeChannelList(params.channels)}`,
    query,
    channels: [...params.channels],
  };
}

/**
 * One stored message. `timetoken` is the exact 17-digit string; `uuid`, `meta`,
 * `messageType` and `customMessageType` are present when the service sent them.
 * `messageType` follows the subscribe envelope's numbering (0 message, 1 signal, 4 file…);
 * the service's `null` for an ordinary message becomes 0. `M` is the message's type as the app
 * knows it (`fetchMessages<Chat>()`); the SDK does not check it.
 *
 * @example
 * ```ts
 * import type { PNFetchedMessage } from "./fetch_messages.ts";
 * const item: PNFetchedMessage = { message: "hi", timetoken: "17000000000000000", uuid: "u1", meta: undefined };
 * ```
 */
export interface PNFetchedMessage<M = unknown> {
  /** The message as published (still encrypted when a cipher key was used; the shell decrypts). */
  message: M;
  /** Publish timetoken, as a string. */
  timetoken: string;
  /** Publisher's user id. */
  uuid: string | undefined;
  /** Publish meta. */
  meta: unknown;
  /** Message type number. */
  messageType?: number;
  /** Custom message type. */
  customMessageType?: string;
  /** With `includeMessageActions`: the message's actions by type, then value (when it has any). */
  actions?: PNFetchedMessageActions;
  /** Set when the message could not be decrypted: why (the message is then as received). */
  error?: string;
}

/**
 * A fetched message's actions: by type, then by value, who added each and when.
 *
 * @example
 * ```ts
 * import type { PNFetchedMessageActions } from "./fetch_messages.ts";
 * const actions: PNFetchedMessageActions = { reaction: { "👍": [{ uuid: "u1", actionTimetoken: "17000000000000001" }] } };
 * ```
 */
export type PNFetchedMessageActions = Record<
  string,
  Record<string, { uuid: string; actionTimetoken: string }[]>
>;

/**
 * Where the next page of a fetch with message actions starts, as the service says it.
 *
 * @example
 * ```ts
 * import type { PNFetchMessagesMore } from "./fetch_messages.ts";
 * const more: PNFetchMessagesMore = { url: "/v3/history-with-actions/sub-key/sub/channel/a?start=17000000000000001&max=25", start: "17000000000000001", max: 25 };
 * ```
 */
export interface PNFetchMessagesMore {
  /** The path and query of the next page. */
  url?: string;
  /** Pass as `start` to fetch the next (older) page. */
  start?: string;
  /** The page size. */
  max?: number;
}

/**
 * The result of a history fetch; `M` is the messages' type, as the app knows it.
 *
 * @example
 * ```ts
 * import type { PNFetchMessagesResult } from "./fetch_messages.ts";
 * const result: PNFetchMessagesResult = { channels: { a: [] } };
 * ```
 */
export interface PNFetchMessagesResult<M = unknown> {
  /** Messages per channel, oldest first, as the service orders them. */
  channels: Record<string, PNFetchedMessage<M>[]>;
  /** With message actions, when older messages remain (the service's `more`). */
  more?: PNFetchMessagesMore;
}

/**
 * Parses a history answer:
 * `{"status":200,"error":false,"error_message":"","channels":{"a":[{"message":…,"timetoken":"17…","uuid":"u","meta":{…}}]}}`.
 * Timetokens must arrive as strings: a number has already lost digits in `JSON.parse`, so it is
 * refused as malformed rather than passed on wrong. An empty `meta` (`""`) means none.
 *
 * @example
 * ```ts
 * import { parseFetchMessagesResponse } from "./fetch_messages.ts";
 * const result = parseFetchMessagesResponse({
 *   status: 200, error: false, channels: { a: [{ message: "hi", timetoken: "17000000000000001", uuid: "u1" }] },
 * });
 * result.ok && result.value.channels.a[0].timetoken; // "17000000000000001"
 * ```
 */
export function parseFetchMessagesResponse(data: unknown): ParseResult<PNFetchMessagesResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const raw = body.value.channels ?? {};
    if (!isObject(raw)) return malformed(`"channels" is ${kindOf(raw)}, not an object`);
    const entries: [string, PNFetchedMessage[]][] = [];
    for (const channel of Object.keys(raw)) {
      const list = raw[channel];
      if (!Array.isArray(list)) {
        return malformed(`channel "${channel}": expected a list, got ${kindOf(list)}`);
      }
      const messages: PNFetchedMessage[] = [];
      for (let i = 0; i < list.length; i++) {
        const item = readMessage(list[i]);
        if (!item.ok) return malformed(`channel "${channel}", message #${i + 1}: ${item.reason}`);
        messages.push(item.value);
      }
      entries.push([channel, messages]);
    }
    const result: PNFetchMessagesResult = { channels: recordOf(entries) };
    const more = body.value.more;
    if (isObject(more)) {
      const page: PNFetchMessagesMore = {};
      if (typeof more.url === "string") page.url = more.url;
      if (isTimetoken(more.start)) page.start = more.start;
      if (typeof more.max === "number") page.max = more.max;
      result.more = page;
    }
    return parsed(result);
  });
}

function readMessage(raw: unknown): ParseResult<PNFetchedMessage> {
  if (!isObject(raw)) return malformed(`expected an object, got ${kindOf(raw)}`);
  if (!("message" in raw)) return malformed(`no "message"`);
  if (typeof raw.timetoken === "number") {
    return malformed(`"timetoken" is a JSON number, which cannot hold 17 digits exactly`);
  }
  if (!isTimetoken(raw.timetoken)) {
    return malformed(`"timetoken" is not a timetoken: ${JSON.stringify(raw.timetoken)}`);
  }
  if (raw.uuid !== undefined && typeof raw.uuid !== "string") {
    return malformed(`"uuid" is ${kindOf(raw.uuid)}, not a string`);
  }
  const item: PNFetchedMessage = {
    message: raw.message,
    timetoken: raw.timetoken,
    uuid: raw.uuid,
    meta: raw.meta === "" ? undefined : raw.meta,
  };
  if ("message_type" in raw) {
    // The service sends a string ("1"); older answers and other servers a number or null.
    const rawType = raw.message_type ?? 0;
    const type = typeof rawType === "string" && /^\d{1,9}$/.test(rawType)
      ? Number(rawType)
      : rawType;
    if (typeof type !== "number" || !Number.isInteger(type) || type < 0) {
      return malformed(
        `"message_type" is ${
          typeof rawType === "string" ? JSON.stringify(rawType) : kindOf(rawType)
        }, not a message type number`,
      );
    }
    item.messageType = type;
  }
  if (typeof raw.custom_message_type === "string" && raw.custom_message_type !== "") {
    item.customMessageType = raw.custom_message_type;
  }
  if (raw.actions !== undefined) {
    const actions = readActions(raw.actions);
    if (!actions.ok) return malformed(`"actions": ${actions.reason}`);
    item.actions = actions.value;
  }
  return parsed(item);
}

/** `{type: {value: [{uuid, actionTimetoken}]}}`, the service's grouping of a message's actions. */
function readActions(raw: unknown): ParseResult<PNFetchedMessageActions> {
  if (!isObject(raw)) return malformed(`expected an object, got ${kindOf(raw)}`);
  const types: [string, Record<string, { uuid: string; actionTimetoken: string }[]>][] = [];
  for (const type of Object.keys(raw)) {
    const values = raw[type];
    if (!isObject(values)) return malformed(`type "${type}" is ${kindOf(values)}, not an object`);
    const entries: [string, { uuid: string; actionTimetoken: string }[]][] = [];
    for (const value of Object.keys(values)) {
      const list = values[value];
      if (!Array.isArray(list)) return malformed(`"${type}"/"${value}" is ${kindOf(list)}`);
      const who: { uuid: string; actionTimetoken: string }[] = [];
      for (const entry of list) {
        if (
          !isObject(entry) || typeof entry.uuid !== "string" ||
          !isTimetoken(entry.actionTimetoken)
        ) {
          return malformed(`"${type}"/"${value}": expected {uuid, actionTimetoken} strings`);
        }
        who.push({ uuid: entry.uuid, actionTimetoken: entry.actionTimetoken });
      }
      entries.push([value, who]);
    }
    types.push([type, recordOf(entries)]);
  }
  return parsed(recordOf(types));
}

function checkTimetoken(what: "start" | "end", value: unknown): void {
  if (value === undefined) return;
  if (!isTimetoken(value)) {
    throw PubNubError.validation(
      OPERATION,
      `Cannot ${CALL}: ${what} must be a timetoken (a string of up to 19 digits), got ${
        typeof value === "string" ? JSON.stringify(value) : typeof value
      }`,
    );
  }
}

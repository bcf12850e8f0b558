import { encodeComponent } from "../encoding.ts";
import { PubNubError } from "../error.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { isTimetoken } from "../timetoken.ts";
import { kindOf, safely, serviceObject } from "./service_response.ts";
import { checkChannel, checkInteger, checkTimetoken } from "./validate.ts";
import { describeValue } from "../describe_value.ts";

/**
 * The longest action type the service accepts, in characters.
 *
 * @example
 * ```ts
 * import { MESSAGE_ACTION_TYPE_MAX } from "./message_actions.ts";
 * console.log(MESSAGE_ACTION_TYPE_MAX); // 15
 * ```
 */
export const MESSAGE_ACTION_TYPE_MAX = 15;

/**
 * The largest (and the service's default) number of actions one read returns.
 *
 * @example
 * ```ts
 * import { MESSAGE_ACTIONS_MAX_LIMIT } from "./message_actions.ts";
 * console.log(MESSAGE_ACTIONS_MAX_LIMIT); // 100
 * ```
 */
export const MESSAGE_ACTIONS_MAX_LIMIT = 100;

/**
 * A message action (a reaction, a receipt) as the service stores it.
 *
 * @example
 * ```ts
 * import type { PNMessageAction } from "@pubnub-ts/pubsub";
 * const action: PNMessageAction = {
 *   type: "reaction", value: "👍", uuid: "u1",
 *   messageTimetoken: "17000000000000000", actionTimetoken: "17000000000000001",
 * };
 * ```
 */
export interface PNMessageAction {
  /** What kind of action (`reaction`, `receipt`…), at most 15 characters. */
  type: string;
  /** Its value (`👍`, `read`…). */
  value: string;
  /** Who added it. */
  uuid: string;
  /** Timetoken of the message it belongs to. */
  messageTimetoken: string;
  /** Timetoken of the action itself. */
  actionTimetoken: string;
}

/**
 * What adding a message action asks.
 *
 * @example
 * ```ts
 * import type { AddMessageActionParams } from "./message_actions.ts";
 * const params: AddMessageActionParams = { subscribeKey: "sub", channel: "a", messageTimetoken: "17000000000000000", action: { type: "reaction", value: "👍" } };
 * ```
 */
export interface AddMessageActionParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The message's channel. */
  channel: string;
  /** The message's timetoken. */
  messageTimetoken: string;
  /** The action: a type of at most 15 characters and a non-empty value. */
  action: { type: string; value: string };
}

/**
 * Builds an add: `POST /v1/message-actions/{sub}/channel/{ch}/message/{messageTimetoken}` with the
 * body `{"type":…,"value":…}`. Refuses an empty channel, a message timetoken that is not one, an
 * empty type or one over 15 characters, and an empty value.
 *
 * @example
 * ```ts
 * import { buildAddMessageActionRequest } from "./message_actions.ts";
 * const request = buildAddMessageActionRequest({
 *   subscribeKey: "sub", channel: "a", messageTimetoken: "17000000000000000", action: { type: "reaction", value: "smile" },
 * });
 * request.body; // '{"type":"reaction","value":"smile"}'
 * ```
 */
export function buildAddMessageActionRequest(params: AddMessageActionParams): RequestDescription {
  const operation = "PNAddMessageActionOperation";
  const call = "add a message action";
  checkChannel(operation, call, params.channel);
  checkTimetoken(operation, call, "messageTimetoken", params.messageTimetoken, true);
  const action = params.action as unknown;
  if (!isObject(action)) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: the action must be an object { type, value }, got ${describeValue(action)}`,
    );
  }
  const { type, value } = action;
  if (typeof type !== "string" || type === "") {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: the action type is ${
        typeof type === "string" ? "empty" : describeValue(type)
      }; it must be a non-empty string`,
    );
  }
  if (type.length > MESSAGE_ACTION_TYPE_MAX) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: the action type is ${type.length} characters long, the limit is ${MESSAGE_ACTION_TYPE_MAX}`,
    );
  }
  if (typeof value !== "string" || value === "") {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: the action value is ${
        typeof value === "string" ? "empty" : describeValue(value)
      }; it must be a non-empty string`,
    );
  }
  if (!type.isWellFormed() || !value.isWellFormed()) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: the action contains an unpaired UTF-16 surrogate, which JSON cannot carry`,
    );
  }
  return {
    operation,
    method: "POST",
    path: `${channelPath(params.subscribeKey, params.channel)}/message/${params.messageTimetoken}`,
    query: {},
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ type, value }),
    channels: [params.channel],
  };
}

/**
 * What reading a channel's message actions asks.
 *
 * @example
 * ```ts
 * import type { GetMessageActionsParams } from "./message_actions.ts";
 * const params: GetMessageActionsParams = { subscribeKey: "sub", channel: "a", limit: 10 };
 * ```
 */
export interface GetMessageActionsParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The channel. */
  channel: string;
  /** Action timetoken (exclusive) to read back from. */
  start?: string;
  /** Action timetoken (inclusive) to read back to. */
  end?: string;
  /** How many actions, at most: a whole number from 1 to 100. */
  limit?: number;
}

/**
 * Builds a read: `GET /v1/message-actions/{sub}/channel/{ch}` with `start`, `end`, `limit`.
 * Refuses an empty channel, start/end that are not timetokens and a limit outside 1–100.
 *
 * @example
 * ```ts
 * import { buildGetMessageActionsRequest } from "./message_actions.ts";
 * buildGetMessageActionsRequest({ subscribeKey: "sub", channel: "a", limit: 5 }).query; // { limit: "5" }
 * ```
 */
export function buildGetMessageActionsRequest(
  params: GetMessageActionsParams,
): RequestDescription {
  const operation = "PNGetMessageActionsOperation";
  const call = "get message actions";
  checkChannel(operation, call, params.channel);
  checkTimetoken(operation, call, "start", params.start);
  checkTimetoken(operation, call, "end", params.end);
  if (params.limit !== undefined) {
    checkInteger(operation, call, "limit", params.limit, 1, MESSAGE_ACTIONS_MAX_LIMIT);
  }
  const query: Record<string, string> = {};
  if (params.start) query.start = params.start;
  if (params.end) query.end = params.end;
  if (params.limit !== undefined) query.limit = String(params.limit);
  return {
    operation,
    method: "GET",
    path: channelPath(params.subscribeKey, params.channel),
    query,
    channels: [params.channel],
  };
}

/**
 * What removing a message action asks.
 *
 * @example
 * ```ts
 * import type { RemoveMessageActionParams } from "./message_actions.ts";
 * const params: RemoveMessageActionParams = { subscribeKey: "sub", channel: "a", messageTimetoken: "17000000000000000", actionTimetoken: "17000000000000001" };
 * ```
 */
export interface RemoveMessageActionParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The message's channel. */
  channel: string;
  /** The message's timetoken. */
  messageTimetoken: string;
  /** The action's timetoken. */
  actionTimetoken: string;
}

/**
 * Builds a removal:
 * `DELETE /v1/message-actions/{sub}/channel/{ch}/message/{messageTimetoken}/action/{actionTimetoken}`.
 *
 * @example
 * ```ts
 * import { buildRemoveMessageActionRequest } from "./message_actions.ts";
 * buildRemoveMessageActionRequest({
 *   subscribeKey: "sub", channel: "a", messageTimetoken: "17000000000000000", actionTimetoken: "17000000000000001",
 * }).path; // "/v1/message-actions/sub/channel/a/message/17000000000000000/action/17000000000000001"
 * ```
 */
export function buildRemoveMessageActionRequest(
  params: RemoveMessageActionParams,
): RequestDescription {
  const operation = "PNRemoveMessageActionOperation";
  const call = "remove a message action";
  checkChannel(operation, call, params.channel);
  checkTimetoken(operation, call, "messageTimetoken", params.messageTimetoken, true);
  checkTimetoken(operation, call, "actionTimetoken", params.actionTimetoken, true);
  return {
    operation,
    method: "DELETE",
    path: `${
      channelPath(params.subscribeKey, params.channel)
    }/message/${params.messageTimetoken}/action/${params.actionTimetoken}`,
    query: {},
    channels: [params.channel],
  };
}

function channelPath(subscribeKey: string, channel: string): string {
  return `/v1/message-actions/${encodeComponent(subscribeKey)}/channel/${encodeComponent(channel)}`;
}

/**
 * Where the next page of a message action read starts, as the service says it (`more`).
 *
 * @example
 * ```ts
 * import type { PNMessageActionsMore } from "@pubnub-ts/pubsub";
 * const more: PNMessageActionsMore = { url: "/v1/message-actions/sub/channel/a?start=17000000000000001&limit=1", start: "17000000000000001", limit: 1 };
 * ```
 */
export interface PNMessageActionsMore {
  /** The path and query of the next page. */
  url?: string;
  /** Pass as `start` to read the next (older) page. */
  start?: string;
  /** The `end` of the read, when it had one. */
  end?: string;
  /** The page size. */
  limit?: number;
}

/**
 * The result of reading message actions: oldest first, and `more` when there are more.
 *
 * @example
 * ```ts
 * import type { PNGetMessageActionsResult } from "@pubnub-ts/pubsub";
 * const result: PNGetMessageActionsResult = { actions: [] };
 * ```
 */
export interface PNGetMessageActionsResult {
  /** The actions. */
  actions: PNMessageAction[];
  /** Present when older actions remain: read on with `start(more.start)`. */
  more?: PNMessageActionsMore;
}

/**
 * The result of removing a message action: nothing but success.
 *
 * @example
 * ```ts
 * import type { PNRemoveMessageActionResult } from "@pubnub-ts/pubsub";
 * const result: PNRemoveMessageActionResult = {};
 * ```
 */
export type PNRemoveMessageActionResult = Record<string, never>;

/**
 * Reads one action from the service's answer (or an event), refusing wrong kinds and timetokens
 * that are not strings of digits.
 *
 * @example
 * ```ts
 * import { readMessageAction } from "./message_actions.ts";
 * readMessageAction({ type: "r", value: "v", uuid: "u", messageTimetoken: "1", actionTimetoken: "2" }).ok; // true
 * ```
 */
export function readMessageAction(raw: unknown): ParseResult<PNMessageAction> {
  if (!isObject(raw)) return malformed(`expected an action object, got ${kindOf(raw)}`);
  for (const key of ["type", "value", "uuid"] as const) {
    if (typeof raw[key] !== "string") return malformed(`"${key}" is ${kindOf(raw[key])}`);
  }
  for (const key of ["messageTimetoken", "actionTimetoken"] as const) {
    if (!isTimetoken(raw[key])) {
      return malformed(`"${key}" is not a timetoken string: ${kindOf(raw[key])}`);
    }
  }
  return parsed({
    type: raw.type as string,
    value: raw.value as string,
    uuid: raw.uuid as string,
    messageTimetoken: raw.messageTimetoken as string,
    actionTimetoken: raw.actionTimetoken as string,
  });
}

/**
 * Parses an add answer: `{"status":200,"data":{type, value, uuid, messageTimetoken, actionTimetoken}}`.
 *
 * @example
 * ```ts
 * import { parseAddMessageActionResponse } from "./message_actions.ts";
 * parseAddMessageActionResponse({ status: 200, data: { type: "r", value: "v", uuid: "u", messageTimetoken: "1", actionTimetoken: "2" } }).ok; // true
 * ```
 */
export function parseAddMessageActionResponse(data: unknown): ParseResult<PNMessageAction> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const action = readMessageAction(body.value.data);
    return action.ok ? action : malformed(`"data": ${action.reason}`);
  });
}

/**
 * Parses a read answer: `{"status":200,"data":[actions…],"more":{url,start,end,limit}}`.
 *
 * @example
 * ```ts
 * import { parseGetMessageActionsResponse } from "./message_actions.ts";
 * parseGetMessageActionsResponse({ status: 200, data: [] }); // { ok: true, value: { actions: [] } }
 * ```
 */
export function parseGetMessageActionsResponse(
  data: unknown,
): ParseResult<PNGetMessageActionsResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const list = body.value.data ?? [];
    if (!Array.isArray(list)) return malformed(`"data" is ${kindOf(list)}, not a list`);
    const actions: PNMessageAction[] = [];
    for (let i = 0; i < list.length; i++) {
      const action = readMessageAction(list[i]);
      if (!action.ok) return malformed(`action #${i + 1}: ${action.reason}`);
      actions.push(action.value);
    }
    const result: PNGetMessageActionsResult = { actions };
    const more = body.value.more;
    if (more !== undefined) {
      if (!isObject(more)) return malformed(`"more" is ${kindOf(more)}, not an object`);
      const page: PNMessageActionsMore = {};
      if (typeof more.url === "string") page.url = more.url;
      if (isTimetoken(more.start)) page.start = more.start;
      if (isTimetoken(more.end)) page.end = more.end;
      if (typeof more.limit === "number") page.limit = more.limit;
      result.more = page;
    }
    return parsed(result);
  });
}

/**
 * Parses a removal answer: `{"status":200,"data":{}}`.
 *
 * @example
 * ```ts
 * import { parseRemoveMessageActionResponse } from "./message_actions.ts";
 * parseRemoveMessageActionResponse({ status: 200, data: {} }).ok; // true
 * ```
 */
export function parseRemoveMessageActionResponse(
  data: unknown,
): ParseResult<PNRemoveMessageActionResult> {
  return safely(() => {
    const body = serviceObject(data);
    return body.ok ? parsed({}) : body;
  });
}

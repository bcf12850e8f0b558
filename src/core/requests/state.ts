import { encodeChannelList, encodeComponent } from "../encoding.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { kindOf, recordOf, safely, serviceObject } from "./service_response.ts";
import { checkName, checkSomeTargets, serializeState } from "./validate.ts";

/**
 * What a set-state sends: a user's state on some channels and groups.
 *
 * @example
 * ```ts
 * import type { SetStateParams } from "./state.ts";
 * const params: SetStateParams = { subscribeKey: "sub", uuid: "u1", channels: ["a"], state: { typing: true } };
 * ```
 */
export interface SetStateParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** Whose state (the shell passes the client's own id). */
  uuid: string;
  /** Channels the state applies to. */
  channels: readonly string[];
  /** Channel groups the state applies to. */
  channelGroups?: readonly string[];
  /** The state: a plain JSON object. */
  state: Readonly<Record<string, unknown>>;
}

/**
 * Builds a set-state request:
 * `/v2/presence/sub-key/{sub}/channel/{chs or ,}/uuid/{uuid}/data?state=<JSON>&channel-group=…`.
 * Refuses a call with no channels and no groups, an empty uuid, and state that is not a
 * JSON object.
 *
 * @example
 * ```ts
 * import { buildSetStateRequest } from "./state.ts";
 * const request = buildSetStateRequest({ subscribeKey: "sub", uuid: "u1", channels: ["a"], state: { mood: "ok" } });
 * request.path; // "/v2/presence/sub-key/sub/channel/a/uuid/u1/data"
 * request.query; // { state: '{"mood":"ok"}' }
 * ```
 */
export function buildSetStateRequest(params: SetStateParams): RequestDescription {
  const operation = "PNSetStateOperation";
  const call = "set state";
  checkSomeTargets(operation, call, params.channels, params.channelGroups);
  checkName(operation, call, "uuid", params.uuid);
  const query: Record<string, string> = { state: serializeState(operation, call, params.state) };
  const groups = [...(params.channelGroups ?? [])];
  if (groups.length > 0) query["channel-group"] = groups.join(",");
  return {
    operation,
    method: "GET",
    path: `${statePath(params.subscribeKey, params.channels, params.uuid)}/data`,
    query,
    channels: [...params.channels],
    channelGroups: groups,
  };
}

/**
 * The result of a set-state: the state the service stored.
 *
 * @example
 * ```ts
 * import type { PNSetStateResult } from "@pubnub-ts/pubsub";
 * const result: PNSetStateResult = { state: { typing: true } };
 * ```
 */
export interface PNSetStateResult {
  /** The stored state. */
  state: Record<string, unknown>;
}

/**
 * Parses a set-state answer: `{"status":200,"message":"OK","payload":{…state},"service":"Presence"}`.
 *
 * @example
 * ```ts
 * import { parseSetStateResponse } from "./state.ts";
 * parseSetStateResponse({ status: 200, payload: { typing: true } }); // { ok: true, value: { state: { typing: true } } }
 * ```
 */
export function parseSetStateResponse(data: unknown): ParseResult<PNSetStateResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const payload = body.value.payload;
    if (!isObject(payload)) {
      return malformed(`"payload" (the state) is ${kindOf(payload)}, not an object`);
    }
    return parsed({ state: payload });
  });
}

/**
 * What a get-state asks: a user's state on some channels and groups.
 *
 * @example
 * ```ts
 * import type { GetStateParams } from "./state.ts";
 * const params: GetStateParams = { subscribeKey: "sub", uuid: "u1", channels: ["a", "b"] };
 * ```
 */
export interface GetStateParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** Whose state. */
  uuid: string;
  /** Channels asked about. */
  channels: readonly string[];
  /** Channel groups asked about. */
  channelGroups?: readonly string[];
}

/**
 * Builds a get-state request: `/v2/presence/sub-key/{sub}/channel/{chs or ,}/uuid/{uuid}`
 * with `channel-group=…` when groups are asked about.
 *
 * @example
 * ```ts
 * import { buildGetStateRequest } from "./state.ts";
 * buildGetStateRequest({ subscribeKey: "sub", uuid: "u1", channels: ["a", "b"] }).path;
 * // "/v2/presence/sub-key/sub/channel/a,b/uuid/u1"
 * ```
 */
export function buildGetStateRequest(params: GetStateParams): RequestDescription {
  const operation = "PNGetStateOperation";
  const call = "get state";
  checkSomeTargets(operation, call, params.channels, params.channelGroups);
  checkName(operation, call, "uuid", params.uuid);
  const groups = [...(params.channelGroups ?? [])];
  const query: Record<string, string> = {};
  if (groups.length > 0) query["channel-group"] = groups.join(",");
  return {
    operation,
    method: "GET",
    path: statePath(params.subscribeKey, params.channels, params.uuid),
    query,
    channels: [...params.channels],
    channelGroups: groups,
  };
}

/**
 * The result of a get-state: the state per channel.
 *
 * @example
 * ```ts
 * import type { PNGetStateResult } from "@pubnub-ts/pubsub";
 * const result: PNGetStateResult = { channels: { a: { typing: true } } };
 * ```
 */
export interface PNGetStateResult {
  /** State per channel. */
  channels: Record<string, unknown>;
}

/**
 * What the get-state parser needs to know about the request: the flat answer may not name its
 * channel.
 *
 * @example
 * ```ts
 * import type { GetStateRequestContext } from "./state.ts";
 * const context: GetStateRequestContext = { channels: ["a"], channelGroups: [] };
 * ```
 */
export interface GetStateRequestContext {
  /** Channels asked about. */
  channels?: readonly string[];
  /** Channel groups asked about. */
  channelGroups?: readonly string[];
}

/**
 * Parses a get-state answer in either form the service uses:
 * - one channel (flat): `{"uuid":"u","channel":"a","payload":{…state}}`;
 * - several, or groups: `{"uuid":"u","payload":{"channels":{"a":{…},"b":{…}}}}`.
 *
 * The flat form is recognised by its top-level `channel`. Without one, `payload.channels`
 * (an object) means the several-channels form; otherwise a request for exactly one channel and
 * no groups reads `payload` as that channel's state.
 *
 * @example
 * ```ts
 * import { parseGetStateResponse } from "./state.ts";
 * const flat = parseGetStateResponse({ status: 200, uuid: "u", channel: "a", payload: { x: 1 } });
 * flat.ok && flat.value.channels; // { a: { x: 1 } }
 * ```
 */
export function parseGetStateResponse(
  data: unknown,
  context: GetStateRequestContext = {},
): ParseResult<PNGetStateResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const { channel, payload } = body.value;
    if (!isObject(payload)) return malformed(`"payload" is ${kindOf(payload)}, not an object`);
    if (typeof channel === "string") return parsed({ channels: recordOf([[channel, payload]]) });
    if (isObject(payload.channels)) {
      return parsed({ channels: recordOf(Object.entries(payload.channels)) });
    }
    const channels = context.channels ?? [];
    if (channels.length === 1 && (context.channelGroups ?? []).length === 0) {
      return parsed({ channels: recordOf([[channels[0], payload]]) });
    }
    return malformed(
      `expected "payload.channels" (an object) or a top-level "channel", got "payload.channels" as ${
        kindOf(payload.channels)
      }`,
    );
  });
}

function statePath(subscribeKey: string, channels: readonly string[], uuid: string): string {
  return `/v2/presence/sub-key/${encodeComponent(subscribeKey)}/channel/${
    encodeChannelList(channels)
  }/uuid/${encodeComponent(uuid)}`;
}

import { encodeComponent } from "../encoding.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { kindOf, safely, serviceObject } from "./service_response.ts";
import { checkName, checkNames } from "./validate.ts";
import { PubNubError } from "../error.ts";

/**
 * What adding or removing channels of a channel group sends.
 *
 * @example
 * ```ts
 * import type { ChannelGroupChannelsParams } from "./channel_groups.ts";
 * const params: ChannelGroupChannelsParams = { subscribeKey: "sub", channelGroup: "g", channels: ["a", "b"] };
 * ```
 */
export interface ChannelGroupChannelsParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The group. */
  channelGroup: string;
  /** Channels to add or remove. */
  channels: readonly string[];
}

/**
 * What a call about one channel group sends (list its channels, delete it).
 *
 * @example
 * ```ts
 * import type { ChannelGroupParams } from "./channel_groups.ts";
 * const params: ChannelGroupParams = { subscribeKey: "sub", channelGroup: "g" };
 * ```
 */
export interface ChannelGroupParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The group. */
  channelGroup: string;
}

/**
 * Builds an add-channels request: `/v1/channel-registration/sub-key/{sub}/channel-group/{g}?add=a,b`.
 *
 * @example
 * ```ts
 * import { buildAddChannelsToGroupRequest } from "./channel_groups.ts";
 * const request = buildAddChannelsToGroupRequest({ subscribeKey: "sub", channelGroup: "g", channels: ["a", "b"] });
 * request.path; // "/v1/channel-registration/sub-key/sub/channel-group/g"
 * request.query; // { add: "a,b" }
 * ```
 */
export function buildAddChannelsToGroupRequest(
  params: ChannelGroupChannelsParams,
): RequestDescription {
  return changeChannels(
    "PNAddChannelsToGroupOperation",
    "add channels to channel group",
    "add",
    params,
  );
}

/**
 * Builds a remove-channels request: `/v1/channel-registration/sub-key/{sub}/channel-group/{g}?remove=a,b`.
 *
 * @example
 * ```ts
 * import { buildRemoveChannelsFromGroupRequest } from "./channel_groups.ts";
 * buildRemoveChannelsFromGroupRequest({ subscribeKey: "sub", channelGroup: "g", channels: ["a"] }).query;
 * // { remove: "a" }
 * ```
 */
export function buildRemoveChannelsFromGroupRequest(
  params: ChannelGroupChannelsParams,
): RequestDescription {
  return changeChannels(
    "PNRemoveChannelsFromGroupOperation",
    "remove channels from channel group",
    "remove",
    params,
  );
}

/**
 * Builds a list-channels request: `/v1/channel-registration/sub-key/{sub}/channel-group/{g}`.
 *
 * @example
 * ```ts
 * import { buildListChannelsInGroupRequest } from "./channel_groups.ts";
 * buildListChannelsInGroupRequest({ subscribeKey: "sub", channelGroup: "g" }).path;
 * // "/v1/channel-registration/sub-key/sub/channel-group/g"
 * ```
 */
export function buildListChannelsInGroupRequest(params: ChannelGroupParams): RequestDescription {
  const operation = "PNChannelsForGroupOperation";
  checkName(operation, "list channels of channel group", "channel group", params.channelGroup);
  return {
    operation,
    method: "GET",
    path: groupPath(params.subscribeKey, params.channelGroup),
    query: {},
    channelGroups: [params.channelGroup],
  };
}

/**
 * Builds a list-groups request: `/v1/channel-registration/sub-key/{sub}/channel-group`.
 * (The operations of docs/protocol.md "Statuses and operations" have no name of its own for this
 * call; it reports as `PNChannelsForGroupOperation`.)
 *
 * @example
 * ```ts
 * import { buildListGroupsRequest } from "./channel_groups.ts";
 * buildListGroupsRequest({ subscribeKey: "sub" }).path; // "/v1/channel-registration/sub-key/sub/channel-group"
 * ```
 */
export function buildListGroupsRequest(params: { subscribeKey: string }): RequestDescription {
  return {
    operation: "PNChannelsForGroupOperation",
    method: "GET",
    path: `/v1/channel-registration/sub-key/${encodeComponent(params.subscribeKey)}/channel-group`,
    query: {},
  };
}

/**
 * Builds a delete-group request: `/v1/channel-registration/sub-key/{sub}/channel-group/{g}/remove`.
 *
 * @example
 * ```ts
 * import { buildDeleteGroupRequest } from "./channel_groups.ts";
 * buildDeleteGroupRequest({ subscribeKey: "sub", channelGroup: "g" }).path;
 * // "/v1/channel-registration/sub-key/sub/channel-group/g/remove"
 * ```
 */
export function buildDeleteGroupRequest(params: ChannelGroupParams): RequestDescription {
  const operation = "PNRemoveGroupOperation";
  checkName(operation, "remove channel group", "channel group", params.channelGroup);
  return {
    operation,
    method: "GET",
    path: `${groupPath(params.subscribeKey, params.channelGroup)}/remove`,
    query: {},
    channelGroups: [params.channelGroup],
  };
}

/**
 * The result of adding or removing channels, or deleting a group: nothing beyond success.
 *
 * @example
 * ```ts
 * import type { PNChannelGroupAckResult } from "@pubnub-ts/pubsub";
 * const result: PNChannelGroupAckResult = {};
 * ```
 */
export type PNChannelGroupAckResult = Record<string, never>;

/**
 * Parses the answer to add, remove or delete:
 * `{"status":200,"message":"OK","service":"channel-registry","error":false}`.
 *
 * @example
 * ```ts
 * import { parseChannelGroupAckResponse } from "./channel_groups.ts";
 * parseChannelGroupAckResponse({ status: 200, message: "OK", error: false }); // { ok: true, value: {} }
 * ```
 */
export function parseChannelGroupAckResponse(data: unknown): ParseResult<PNChannelGroupAckResult> {
  return safely(() => {
    const body = serviceObject(data);
    return body.ok ? parsed({}) : body;
  });
}

/**
 * The result of listing a group's channels.
 *
 * @example
 * ```ts
 * import type { PNChannelGroupChannelsResult } from "@pubnub-ts/pubsub";
 * const result: PNChannelGroupChannelsResult = { channels: ["a", "b"] };
 * ```
 */
export interface PNChannelGroupChannelsResult {
  /** The group's channels. */
  channels: string[];
}

/**
 * Parses a list-channels answer: `{"status":200,"payload":{"channels":["a"],"group":"g"},…}`.
 *
 * @example
 * ```ts
 * import { parseListChannelsInGroupResponse } from "./channel_groups.ts";
 * parseListChannelsInGroupResponse({ status: 200, payload: { channels: ["a"], group: "g" } });
 * // { ok: true, value: { channels: ["a"] } }
 * ```
 */
export function parseListChannelsInGroupResponse(
  data: unknown,
): ParseResult<PNChannelGroupChannelsResult> {
  return safely(() => {
    const names = payloadNames(data, "channels");
    return names.ok ? parsed({ channels: names.value }) : names;
  });
}

/**
 * The result of listing the keyset's channel groups.
 *
 * @example
 * ```ts
 * import type { PNChannelGroupsResult } from "@pubnub-ts/pubsub";
 * const result: PNChannelGroupsResult = { groups: ["g"] };
 * ```
 */
export interface PNChannelGroupsResult {
  /** The groups. */
  groups: string[];
}

/**
 * Parses a list-groups answer: `{"status":200,"payload":{"groups":["g"]},…}`.
 *
 * @example
 * ```ts
 * import { parseListGroupsResponse } from "./channel_groups.ts";
 * parseListGroupsResponse({ status: 200, payload: { groups: ["g"] } }); // { ok: true, value: { groups: ["g"] } }
 * ```
 */
export function parseListGroupsResponse(data: unknown): ParseResult<PNChannelGroupsResult> {
  return safely(() => {
    const names = payloadNames(data, "groups");
    return names.ok ? parsed({ groups: names.value }) : names;
  });
}

function changeChannels(
  operation: "PNAddChannelsToGroupOperation" | "PNRemoveChannelsFromGroupOperation",
  call: string,
  param: "add" | "remove",
  params: ChannelGroupChannelsParams,
): RequestDescription {
  checkName(operation, call, "channel group", params.channelGroup);
  checkNames(operation, call, "channel", params.channels);
  if (params.channels.length === 0) {
    throw PubNubError.validation(operation, `Cannot ${call}: no channels given`);
  }
  return {
    operation,
    method: "GET",
    path: groupPath(params.subscribeKey, params.channelGroup),
    query: { [param]: params.channels.join(",") },
    channels: [...params.channels],
    channelGroups: [params.channelGroup],
  };
}

function groupPath(subscribeKey: string, group: string): string {
  return `/v1/channel-registration/sub-key/${encodeComponent(subscribeKey)}/channel-group/${
    encodeComponent(group)
  }`;
}

function payloadNames(data: unknown, key: "channels" | "groups"): ParseResult<string[]> {
  const body = serviceObject(data);
  if (!body.ok) return body;
  const payload = body.value.payload;
  if (!isObject(payload)) return malformed(`"payload" is ${kindOf(payload)}, not an object`);
  const names = payload[key];
  if (!Array.isArray(names) || !names.every((name) => typeof name === "string")) {
    return malformed(`"payload.${key}" is not a list of names`);
  }
  return parsed([...names]);
}

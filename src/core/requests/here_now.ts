import { encodeChannelList, encodeComponent } from "../encoding.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { isCount, kindOf, recordOf, safely, serviceObject } from "./service_response.ts";
import { checkInteger, checkNames } from "./validate.ts";

const OPERATION = "PNHereNowOperation";
const CALL = "get here-now";

/**
 * How many occupants the service lists per channel unless told otherwise (the official default).
 *
 * @example
 * ```ts
 * import { HERE_NOW_DEFAULT_LIMIT } from "./here_now.ts";
 * console.log(HERE_NOW_DEFAULT_LIMIT);
 * ```
 */
export const HERE_NOW_DEFAULT_LIMIT = 1000;

/**
 * What a here-now asks: one channel, several, groups, or (neither) the whole keyset.
 *
 * @example
 * ```ts
 * import type { HereNowParams } from "./here_now.ts";
 * const params: HereNowParams = { subscribeKey: "sub", channels: ["a"], includeState: true };
 * ```
 */
export interface HereNowParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** Channels to ask about. */
  channels?: readonly string[];
  /** Channel groups to ask about. */
  channelGroups?: readonly string[];
  /** List who is present (default `true`); `false` sends `disable_uuids=1`. */
  includeUuids?: boolean;
  /** Include each occupant's state (default `false`); `true` sends `state=1`. */
  includeState?: boolean;
  /** Occupants per channel, at most (default 1000; not sent for the global form). */
  limit?: number;
  /** Skip this many occupants (paging; sent when above 0, not for the global form). */
  offset?: number;
}

/**
 * Builds a here-now request: `/v2/presence/sub-key/{sub}/channel/{chs or ,}` for channels or groups,
 * `/v2/presence/sub-key/{sub}` (global) when neither is given. Query, in the official SDK's order:
 * `limit`, `offset`, `disable_uuids=1`, `state=1`, `channel-group`.
 *
 * @example
 * ```ts
 * import { buildHereNowRequest } from "./here_now.ts";
 * const request = buildHereNowRequest({ subscribeKey: "sub", channels: ["a"], includeUuids: false });
 * request.path; // "/v2/presence/sub-key/sub/channel/a"
 * request.query; // { limit: "1000", disable_uuids: "1" }
 * ```
 */
export function buildHereNowRequest(params: HereNowParams): RequestDescription {
  checkNames(OPERATION, CALL, "channel", params.channels);
  checkNames(OPERATION, CALL, "channel group", params.channelGroups);
  const channels = [...(params.channels ?? [])];
  const groups = [...(params.channelGroups ?? [])];
  const global = channels.length === 0 && groups.length === 0;
  const limit = params.limit ?? HERE_NOW_DEFAULT_LIMIT;
  checkInteger(OPERATION, CALL, "limit", limit, 0);
  if (params.offset !== undefined) checkInteger(OPERATION, CALL, "offset", params.offset, 0);

  const query: Record<string, string> = {};
  if (!global) {
    query.limit = String(limit);
    if (params.offset) query.offset = String(params.offset);
  }
  if (params.includeUuids === false) query.disable_uuids = "1";
  if (params.includeState === true) query.state = "1";
  if (groups.length > 0) query["channel-group"] = groups.join(",");

  const base = `/v2/presence/sub-key/${encodeComponent(params.subscribeKey)}`;
  return {
    operation: OPERATION,
    method: "GET",
    path: global ? base : `${base}/channel/${encodeChannelList(channels)}`,
    query,
    channels,
    channelGroups: groups,
  };
}

/**
 * One occupant of a channel: its uuid and, when asked for with `includeState`, its state
 * (`null` when the service sent none).
 *
 * @example
 * ```ts
 * import type { PNHereNowOccupant } from "@pubnub-ts/pubsub";
 * const occupant: PNHereNowOccupant = { uuid: "u1", state: { typing: true } };
 * ```
 */
export interface PNHereNowOccupant {
  /** The occupant's user id. */
  uuid: string;
  /** Its state on this channel, or `null`. */
  state: unknown;
}

/**
 * Who is on one channel.
 *
 * @example
 * ```ts
 * import type { PNHereNowChannelData } from "@pubnub-ts/pubsub";
 * const data: PNHereNowChannelData = { channelName: "a", occupancy: 1, occupants: [{ uuid: "u1", state: null }] };
 * ```
 */
export interface PNHereNowChannelData {
  /** The channel. */
  channelName: string;
  /** How many are present. */
  occupancy: number;
  /** Who is present (empty when uuids were not asked for). */
  occupants: PNHereNowOccupant[];
}

/**
 * The result of a here-now.
 *
 * @example
 * ```ts
 * import type { PNHereNowResult } from "@pubnub-ts/pubsub";
 * const result: PNHereNowResult = { totalChannels: 0, totalOccupancy: 0, channels: {} };
 * ```
 */
export interface PNHereNowResult {
  /** Channels with someone present. */
  totalChannels: number;
  /** Occupants over all those channels. */
  totalOccupancy: number;
  /** Per channel. */
  channels: Record<string, PNHereNowChannelData>;
}

/**
 * What the here-now parser needs to know about the request: the single-channel answer does not
 * name its channel.
 *
 * @example
 * ```ts
 * import type { HereNowRequestContext } from "./here_now.ts";
 * const context: HereNowRequestContext = { channels: ["a"], includeUuids: true };
 * ```
 */
export interface HereNowRequestContext {
  /** The channels asked about. */
  channels?: readonly string[];
  /** Whether occupants were asked for (default `true`). */
  includeUuids?: boolean;
}

/**
 * Parses a here-now answer in either form the service uses:
 * - single channel (flat): `{"uuids":["u1"],"occupancy":1, …}`, named after the one channel asked for;
 * - several, groups or global: `{"payload":{"channels":{"a":{"uuids":[…],"occupancy":1}},"total_channels":1,"total_occupancy":1}}`.
 *
 * Occupants may be plain uuids or `{"uuid","state"}` objects (`state=1`); without uuids
 * (`disable_uuids=1`) the lists are empty.
 *
 * @example
 * ```ts
 * import { parseHereNowResponse } from "./here_now.ts";
 * const result = parseHereNowResponse({ status: 200, uuids: ["u1"], occupancy: 1 }, { channels: ["a"] });
 * result.ok && result.value.channels.a.occupants; // [{ uuid: "u1", state: null }]
 * ```
 */
export function parseHereNowResponse(
  data: unknown,
  context: HereNowRequestContext = {},
): ParseResult<PNHereNowResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const includeUuids = context.includeUuids !== false;
    const answer = body.value;

    if (!("payload" in answer) && "occupancy" in answer) {
      const asked = context.channels ?? [];
      if (asked.length !== 1) {
        return malformed(
          `a single-channel answer (top-level "occupancy") to a request for ${asked.length} channels`,
        );
      }
      const channel = readChannel(asked[0], answer, includeUuids);
      if (!channel.ok) return channel;
      return parsed({
        totalChannels: 1,
        totalOccupancy: channel.value.occupancy,
        channels: recordOf([[asked[0], channel.value]]),
      });
    }

    const payload = answer.payload;
    if (!isObject(payload)) {
      return malformed(
        `expected "payload" (an object) or a top-level "occupancy", got ${kindOf(payload)}`,
      );
    }
    const rawChannels = payload.channels ?? {};
    if (!isObject(rawChannels)) {
      return malformed(`"payload.channels" is ${kindOf(rawChannels)}, not an object`);
    }
    const entries: [string, PNHereNowChannelData][] = [];
    let occupancySum = 0;
    for (const name of Object.keys(rawChannels)) {
      const channel = readChannel(name, rawChannels[name], includeUuids);
      if (!channel.ok) return channel;
      entries.push([name, channel.value]);
      occupancySum += channel.value.occupancy;
    }
    const totalChannels = payload.total_channels ?? entries.length;
    const totalOccupancy = payload.total_occupancy ?? occupancySum;
    if (!isCount(totalChannels)) {
      return malformed(`"total_channels" is not a count: ${JSON.stringify(totalChannels)}`);
    }
    if (!isCount(totalOccupancy)) {
      return malformed(`"total_occupancy" is not a count: ${JSON.stringify(totalOccupancy)}`);
    }
    return parsed({ totalChannels, totalOccupancy, channels: recordOf(entries) });
  });
}

function readChannel(
  name: string,
  raw: unknown,
  includeUuids: boolean,
): ParseResult<PNHereNowChannelData> {
  if (!isObject(raw)) return malformed(`channel "${name}": expected an object, got ${kindOf(raw)}`);
  if (!isCount(raw.occupancy)) {
    return malformed(
      `channel "${name}": "occupancy" is not a count: ${JSON.stringify(raw.occupancy)}`,
    );
  }
  const occupants: PNHereNowOccupant[] = [];
  if (includeUuids && raw.uuids !== undefined) {
    if (!Array.isArray(raw.uuids)) {
      return malformed(`channel "${name}": "uuids" is ${kindOf(raw.uuids)}, not a list`);
    }
    for (const item of raw.uuids) {
      if (typeof item === "string") {
        occupants.push({ uuid: item, state: null });
      } else if (isObject(item) && typeof item.uuid === "string") {
        occupants.push({ uuid: item.uuid, state: item.state ?? null });
      } else {
        return malformed(
          `channel "${name}": an occupant is ${kindOf(item)}, not a uuid or {uuid, state}`,
        );
      }
    }
  }
  return parsed({ channelName: name, occupancy: raw.occupancy, occupants });
}

import { encodeChannelList, encodeComponent } from "../encoding.ts";
import { parsed, type ParseResult } from "../parse_result.ts";
import { withoutPresenceNames } from "../presence/presence_names.ts";
import type { RequestDescription } from "../request.ts";
import { safely, serviceObject } from "./service_response.ts";
import { checkNames } from "./validate.ts";

const OPERATION = "PNUnsubscribeOperation";
const CALL = "leave";

/**
 * What a leave announces: the channels and groups this client is no longer present on.
 *
 * @example
 * ```ts
 * import type { LeaveParams } from "./leave.ts";
 * const params: LeaveParams = { subscribeKey: "sub", channels: ["a"], channelGroups: ["g"] };
 * ```
 */
export interface LeaveParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** Channels left; `-pnpres` names are skipped. */
  channels: readonly string[];
  /** Channel groups left; `-pnpres` names are skipped. */
  channelGroups?: readonly string[];
}

/**
 * The channels and groups a leave is actually sent for: presence names (`…-pnpres`) skipped,
 * duplicates dropped, both lists sorted (as subscribe sorts them, docs/protocol.md "Encoding").
 *
 * @example
 * ```ts
 * import { leaveTargets } from "./leave.ts";
 * leaveTargets(["b", "a", "a-pnpres", "b"], ["g-pnpres"]); // { channels: ["a", "b"], groups: [] }
 * ```
 */
export function leaveTargets(
  channels: readonly string[],
  groups: readonly string[] = [],
): { channels: string[]; groups: string[] } {
  return {
    channels: [...new Set(withoutPresenceNames(channels))].sort(),
    groups: [...new Set(withoutPresenceNames(groups))].sort(),
  };
}

/**
 * Builds a leave request: `/v2/presence/sub-key/{sub}/channel/{chs or ,}/leave` with
 * `channel-group=…` when groups are left. Returns `undefined` when, after skipping presence
 * names, nothing is left: no request is needed (the service knows nobody on `x-pnpres`).
 *
 * @example
 * ```ts
 * import { buildLeaveRequest } from "./leave.ts";
 * buildLeaveRequest({ subscribeKey: "sub", channels: ["b", "a"] })?.path;
 * // "/v2/presence/sub-key/sub/channel/a,b/leave"
 * buildLeaveRequest({ subscribeKey: "sub", channels: ["a-pnpres"] }); // undefined
 * ```
 */
export function buildLeaveRequest(params: LeaveParams): RequestDescription | undefined {
  checkNames(OPERATION, CALL, "channel", params.channels);
  checkNames(OPERATION, CALL, "channel group", params.channelGroups);
  const { channels, groups } = leaveTargets(params.channels, params.channelGroups);
  if (channels.length === 0 && groups.length === 0) return undefined;
  const query: Record<string, string> = {};
  if (groups.length > 0) query["channel-group"] = groups.join(",");
  return {
    operation: OPERATION,
    method: "GET",
    path: `/v2/presence/sub-key/${encodeComponent(params.subscribeKey)}/channel/${
      encodeChannelList(channels)
    }/leave`,
    query,
    channels,
    channelGroups: groups,
  };
}

/**
 * The result of a leave: nothing beyond success.
 *
 * @example
 * ```ts
 * import type { PNLeaveResult } from "./leave.ts";
 * const result: PNLeaveResult = {};
 * ```
 */
export type PNLeaveResult = Record<string, never>;

/**
 * Parses a leave answer: `{"status":200,"action":"leave","message":"OK","service":"Presence"}`.
 *
 * @example
 * ```ts
 * import { parseLeaveResponse } from "./leave.ts";
 * parseLeaveResponse({ status: 200, action: "leave", message: "OK" }); // { ok: true, value: {} }
 * ```
 */
export function parseLeaveResponse(data: unknown): ParseResult<PNLeaveResult> {
  return safely(() => {
    const body = serviceObject(data);
    return body.ok ? parsed({}) : body;
  });
}

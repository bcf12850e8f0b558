import { encodeChannelList, encodeComponent } from "../encoding.ts";
import { parsed, type ParseResult } from "../parse_result.ts";
import { withoutPresenceNames } from "../presence/presence_names.ts";
import type { RequestDescription } from "../request.ts";
import { safely, serviceObject } from "./service_response.ts";

const OPERATION = "PNHeartbeatOperation";

/**
 * What a heartbeat announces (docs/protocol.md "Heartbeat and leave").
 *
 * @example
 * ```ts
 * import type { HeartbeatParams } from "./heartbeat.ts";
 * const params: HeartbeatParams = { subscribeKey: "sub", channels: ["a"], presenceTimeout: 300 };
 * ```
 */
export interface HeartbeatParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** Channels to stay present on; `-pnpres` names are skipped. */
  channels: readonly string[];
  /** Channel groups to stay present on; `-pnpres` names are skipped. */
  channelGroups?: readonly string[];
  /** Seconds the service keeps this client present without another heartbeat (`heartbeat=`). */
  presenceTimeout: number;
  /** The client's state, keyed by channel or group name, sent as `state=<JSON>` when given. */
  state?: Readonly<Record<string, unknown>>;
}

/**
 * Builds a heartbeat request:
 * `/v2/presence/sub-key/{sub}/channel/{chs or ,}/heartbeat?heartbeat=<timeout>&channel-group=…&state=<JSON>`.
 *
 * Presence channels (`…-pnpres`) are skipped and duplicates dropped (order kept). When nothing
 * is left there is nothing to announce and no request is needed: the result is `undefined`
 * (the official SDK acknowledges such a heartbeat without sending one). Only the heartbeat loop
 * builds one, from what was checked where it came in: the names by `subscribe()`, the state by
 * `setState()`, the timeout by the configuration; so nothing is checked again here.
 *
 * @example
 * ```ts
 * import { buildHeartbeatRequest } from "./heartbeat.ts";
 * const request = buildHeartbeatRequest({ subscribeKey: "sub", channels: ["a", "b"], presenceTimeout: 300 });
 * request?.path; // "/v2/presence/sub-key/sub/channel/a,b/heartbeat"
 * request?.query; // { heartbeat: "300" }
 * buildHeartbeatRequest({ subscribeKey: "sub", channels: ["a-pnpres"], presenceTimeout: 300 }); // undefined
 * ```
 */
export function buildHeartbeatRequest(params: HeartbeatParams): RequestDescription | undefined {
  const channels = unique(withoutPresenceNames(params.channels));
  const groups = unique(withoutPresenceNames(params.channelGroups ?? []));
  if (channels.length === 0 && groups.length === 0) return undefined;

  const query: Record<string, string> = { heartbeat: String(params.presenceTimeout) };
  if (groups.length > 0) query["channel-group"] = groups.join(",");
  // As the subscribe request sends it: setState() checked the state when it was set.
  if (params.state !== undefined) query.state = JSON.stringify(params.state);

  return {
    operation: OPERATION,
    method: "GET",
    path: `/v2/presence/sub-key/${encodeComponent(params.subscribeKey)}/channel/${
      encodeChannelList(channels)
    }/heartbeat`,
    query,
    channels,
    channelGroups: groups,
  };
}

/**
 * The result of a heartbeat: nothing beyond success.
 *
 * @example
 * ```ts
 * import type { PNHeartbeatResult } from "./heartbeat.ts";
 * const result: PNHeartbeatResult = {};
 * ```
 */
export type PNHeartbeatResult = Record<string, never>;

/**
 * Parses a heartbeat answer: `{"status":200,"message":"OK","service":"Presence"}`.
 *
 * @example
 * ```ts
 * import { parseHeartbeatResponse } from "./heartbeat.ts";
 * parseHeartbeatResponse({ status: 200, message: "OK", service: "Presence" }); // { ok: true, value: {} }
 * ```
 */
export function parseHeartbeatResponse(data: unknown): ParseResult<PNHeartbeatResult> {
  return safely(() => {
    const body = serviceObject(data);
    return body.ok ? parsed({}) : body;
  });
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

import { Answer } from "../exchange.ts";
import type { Occupant } from "../../model/presence.ts";
import type { Context, RouteInput } from "../context.ts";
import { errorObject, json } from "../responses.ts";
import { channelsAndGroups, flag, objectParam, pathParam, subscribeKeyOf } from "./common.ts";

const SERVICE = "Presence";

/**
 * `GET /v2/presence/sub-key/{sub}/channel/{chs}/leave`: the uuid leaves at once.
 *
 * @example
 * ```ts
 * import { leaveRoute } from "./presence.ts";
 * const handler = leaveRoute;
 * ```
 */
export async function leaveRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const names = channelsAndGroups(input, SERVICE);
  if (names instanceof Answer) return names;
  const uuid = input.target.query.get("uuid");
  if (uuid) await ctx.store.write({ op: "leave", request: { subKey: sub, uuid, ...names } });
  return json(200, { status: 200, action: "leave", message: "OK", service: SERVICE });
}

/**
 * `GET /v2/presence/sub-key/{sub}/channel/{chs}/heartbeat?heartbeat=N`: presence without
 * subscribing.
 *
 * @example
 * ```ts
 * import { heartbeatRoute } from "./presence.ts";
 * const handler = heartbeatRoute;
 * ```
 */
export async function heartbeatRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const names = channelsAndGroups(input, SERVICE);
  if (names instanceof Answer) return names;
  const state = objectParam(input, "state", SERVICE);
  if (state instanceof Answer) return state;
  const query = input.target.query;
  const uuid = query.get("uuid");
  if (uuid) {
    const outcome = await ctx.store.write({
      op: "heartbeat",
      request: {
        subKey: sub,
        uuid,
        ...names,
        timeoutSeconds: query.has("heartbeat") ? Number(query.get("heartbeat")) : undefined,
        state,
      },
    });
    if (outcome.refused !== undefined) return errorObject(400, outcome.refused, SERVICE);
  }
  return json(200, { status: 200, message: "OK", service: SERVICE });
}

/**
 * Here-now: `.../channel/{ch}` (one channel, flat form), `.../channel/{chs}` with groups
 * (`payload.channels` form) and `/v2/presence/sub-key/{sub}` (global). `disable_uuids=1` drops
 * the uuids, `state=1` turns them into `{uuid, state}` objects.
 *
 * @example
 * ```ts
 * import { hereNowRoute } from "./presence.ts";
 * const handler = hereNowRoute;
 * ```
 */
export function hereNowRoute(input: RouteInput, ctx: Context): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const global = input.params.channels === undefined;
  const names = channelsAndGroups(input, SERVICE);
  if (names instanceof Answer) return names;
  const query = input.target.query;
  const withUuids = !flag(query, "disable_uuids");
  const withState = flag(query, "state");
  const occupancy = ctx.model.hereNow(sub, global ? undefined : names.channels, names.groups);
  const describe = (occupants: Occupant[]) => {
    const entry: Record<string, unknown> = {};
    if (withUuids) {
      entry.uuids = occupants.map((o) =>
        withState
          ? (o.state === undefined ? { uuid: o.uuid } : { uuid: o.uuid, state: o.state })
          : o.uuid
      );
    }
    entry.occupancy = occupants.length;
    return entry;
  };
  if (!global && names.channels.length === 1 && names.groups.length === 0) {
    const occupants = occupancy[names.channels[0]] ?? [];
    return json(200, { status: 200, message: "OK", service: SERVICE, ...describe(occupants) });
  }
  const channels: Record<string, unknown> = {};
  let total = 0;
  for (const [channel, occupants] of Object.entries(occupancy)) {
    channels[channel] = describe(occupants);
    total += occupants.length;
  }
  return json(200, {
    status: 200,
    message: "OK",
    service: SERVICE,
    payload: { channels, total_channels: Object.keys(channels).length, total_occupancy: total },
  });
}

/**
 * `GET /v2/presence/sub-key/{sub}/uuid/{uuid}`: the channels a uuid is on.
 *
 * @example
 * ```ts
 * import { whereNowRoute } from "./presence.ts";
 * const handler = whereNowRoute;
 * ```
 */
export function whereNowRoute(input: RouteInput, ctx: Context): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const uuid = pathParam(input, "uuid", SERVICE);
  if (uuid instanceof Answer) return uuid;
  return json(200, {
    status: 200,
    message: "OK",
    payload: { channels: ctx.model.whereNow(sub, uuid) },
    service: SERVICE,
  });
}

/**
 * `GET /v2/presence/sub-key/{sub}/channel/{chs}/uuid/{uuid}/data?state=<JSON>`.
 *
 * @example
 * ```ts
 * import { setStateRoute } from "./presence.ts";
 * const handler = setStateRoute;
 * ```
 */
export async function setStateRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const names = channelsAndGroups(input, SERVICE);
  if (names instanceof Answer) return names;
  const uuid = pathParam(input, "uuid", SERVICE);
  if (uuid instanceof Answer) return uuid;
  const state = objectParam(input, "state", SERVICE);
  if (state instanceof Answer) return state;
  if (state === undefined) return errorObject(400, "Missing state", SERVICE);
  if (names.channels.length === 0 && names.groups.length === 0) {
    return errorObject(400, "No channels or channel groups", SERVICE);
  }
  const outcome = await ctx.store.write({
    op: "setState",
    request: { subKey: sub, uuid, ...names },
    state,
  });
  if (outcome.refused !== undefined) return errorObject(400, outcome.refused, SERVICE);
  return json(200, { status: 200, message: "OK", payload: state, service: SERVICE });
}

/**
 * `GET /v2/presence/sub-key/{sub}/channel/{chs}/uuid/{uuid}`: state on one channel (flat
 * `payload`) or several (`payload.channels`).
 *
 * @example
 * ```ts
 * import { getStateRoute } from "./presence.ts";
 * const handler = getStateRoute;
 * ```
 */
export function getStateRoute(input: RouteInput, ctx: Context): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const names = channelsAndGroups(input, SERVICE);
  if (names instanceof Answer) return names;
  const uuid = pathParam(input, "uuid", SERVICE);
  if (uuid instanceof Answer) return uuid;
  const states = ctx.model.getState(sub, uuid, names.channels, names.groups);
  if (names.channels.length === 1 && names.groups.length === 0) {
    const channel = names.channels[0];
    return json(200, {
      status: 200,
      message: "OK",
      uuid,
      channel,
      payload: states[channel] ?? {},
      service: SERVICE,
    });
  }
  return json(200, {
    status: 200,
    message: "OK",
    uuid,
    payload: { channels: states },
    service: SERVICE,
  });
}

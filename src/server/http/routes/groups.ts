import { Answer } from "../exchange.ts";
import type { Context, RouteInput } from "../context.ts";
import { errorObject, json } from "../responses.ts";
import { splitList } from "../target.ts";
import { pathParam, subscribeKeyOf } from "./common.ts";

const SERVICE = "channel-registry";

function ok(payload?: unknown): Answer {
  const body: Record<string, unknown> = { status: 200 };
  if (payload === undefined) body.message = "OK";
  else body.payload = payload;
  body.service = SERVICE;
  body.error = false;
  return json(200, body);
}

/**
 * `GET /v1/channel-registration/sub-key/{sub}/channel-group`: every group of the keyset.
 *
 * @example
 * ```ts
 * import { listGroupsRoute } from "./groups.ts";
 * const handler = listGroupsRoute;
 * ```
 */
export function listGroupsRoute(input: RouteInput, ctx: Context): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  return ok({ groups: ctx.model.listGroups(sub), namespace: "" });
}

/**
 * `GET .../channel-group/{g}` with `add=a,b`, `remove=a,b`, or neither (list its channels).
 *
 * @example
 * ```ts
 * import { groupRoute } from "./groups.ts";
 * const handler = groupRoute;
 * ```
 */
export async function groupRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const group = pathParam(input, "group", SERVICE);
  if (group instanceof Answer) return group;
  const query = input.target.query;
  if (query.has("add")) {
    const channels = splitList(query.get("add"));
    if (channels.length === 0) return errorObject(400, "No channels to add", SERVICE);
    const { refused } = await ctx.store.write({ op: "addToGroup", subKey: sub, group, channels });
    return refused ? errorObject(400, refused, SERVICE) : ok();
  }
  if (query.has("remove")) {
    const channels = splitList(query.get("remove"));
    if (channels.length === 0) return errorObject(400, "No channels to remove", SERVICE);
    await ctx.store.write({ op: "removeFromGroup", subKey: sub, group, channels });
    return ok();
  }
  return ok({ channels: ctx.model.groupChannels(sub, group), group });
}

/**
 * `GET .../channel-group/{g}/remove`: deletes the group.
 *
 * @example
 * ```ts
 * import { deleteGroupRoute } from "./groups.ts";
 * const handler = deleteGroupRoute;
 * ```
 */
export async function deleteGroupRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const group = pathParam(input, "group", SERVICE);
  if (group instanceof Answer) return group;
  await ctx.store.write({ op: "deleteGroup", subKey: sub, group });
  return ok();
}

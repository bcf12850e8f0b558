import { Answer } from "../exchange.ts";
import type { Context, RouteInput } from "../context.ts";
import { json } from "../responses.ts";
import { pathParam, subscribeKeyOf } from "./common.ts";
import { storageRefusal, timetokenParam } from "./storage.ts";

/**
 * `DELETE /v3/history/sub-key/{sub}/channel/{ch}`: deletes the channel's stored messages (and
 * their actions) between `start` (exclusive) and `end` (inclusive), whichever is older; without
 * a bound, everything on that side. To delete one message published at `t`, send
 * `start=t-1&end=t`. Answer: `{status: 200, error: false, error_message: ""}`.
 *
 * @example
 * ```ts
 * import { deleteMessagesRoute } from "./delete_messages.ts";
 * const handler = deleteMessagesRoute;
 * ```
 */
export async function deleteMessagesRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const disabled = storageRefusal(ctx);
  if (disabled) return disabled;
  const channel = pathParam(input, "channel", "Storage");
  if (channel instanceof Answer) return channel;
  const start = timetokenParam(input.target.query, "start");
  if (start instanceof Answer) return start;
  const end = timetokenParam(input.target.query, "end");
  if (end instanceof Answer) return end;
  await ctx.store.write({
    op: "deleteMessages",
    subKey: sub,
    channel,
    ...(start === undefined ? {} : { start: start.toString() }),
    ...(end === undefined ? {} : { end: end.toString() }),
  });
  return json(200, { status: 200, error: false, error_message: "" });
}

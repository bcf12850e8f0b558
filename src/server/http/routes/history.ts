import type { StoredMessage } from "../../model/history.ts";
import type { Context, RouteInput } from "../context.ts";
import { errorObject, json } from "../responses.ts";
import { channelsAndGroups, flag, subscribeKeyOf } from "./common.ts";
import { storageRefusal } from "./storage.ts";

const SERVICE = "Storage";

/**
 * `GET /v3/history/sub-key/{sub}/channel/{chs}` (fetch messages): `max` (at most 100 for one
 * channel, 25 for several), `start` (exclusive), `end` (inclusive), `include_meta`,
 * `include_uuid` (off unless asked, as the SDKs assume), `include_message_type` (`null` = a plain message),
 * `include_custom_message_type`. Messages oldest first; channels without messages are left out.
 *
 * @example
 * ```ts
 * import { historyRoute } from "./history.ts";
 * const handler = historyRoute;
 * ```
 */
export function historyRoute(input: RouteInput, ctx: Context): Response {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Response) return sub;
  const disabled = storageRefusal(ctx);
  if (disabled) return disabled;
  const names = channelsAndGroups(input, SERVICE);
  if (names instanceof Response) return names;
  if (names.channels.length === 0) return errorObject(400, "No channels", SERVICE);
  const query = input.target.query;
  const limit = names.channels.length === 1 ? 100 : 25;
  const requested = query.has("max") ? Number(query.get("max")) : limit;
  if (!Number.isInteger(requested) || requested < 0) {
    return errorObject(400, `Invalid max "${query.get("max")}"`, SERVICE);
  }
  const range: { start?: bigint; end?: bigint } = {};
  for (const name of ["start", "end"] as const) {
    const value = query.get(name);
    if (value === undefined || value === "") continue;
    if (!/^\d{1,19}$/.test(value)) return errorObject(400, `Invalid ${name} timetoken`, SERVICE);
    range[name] = BigInt(value);
  }
  const includeMeta = flag(query, "include_meta");
  // Absent means off: the official SDK leaves the parameter out to exclude uuids.
  const includeUuid = flag(query, "include_uuid");
  const includeType = flag(query, "include_message_type");
  const includeCustomType = flag(query, "include_custom_message_type");
  const channels: Record<string, unknown[]> = {};
  const now = ctx.now();
  for (const channel of names.channels) {
    const messages = ctx.model.history(now, sub, channel, {
      max: Math.min(requested, limit),
      ...range,
    });
    if (messages.length === 0) continue;
    channels[channel] = messages.map((m: StoredMessage) => {
      const item: Record<string, unknown> = { message: m.message, timetoken: m.tt };
      if (includeUuid && m.uuid !== undefined) item.uuid = m.uuid;
      if (includeMeta) item.meta = m.meta ?? "";
      if (includeType) item.message_type = null;
      if (includeCustomType && m.customMessageType !== undefined) {
        item.custom_message_type = m.customMessageType;
      }
      return item;
    });
  }
  return json(200, { status: 200, error: false, error_message: "", channels });
}

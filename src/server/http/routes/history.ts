import { Answer } from "../exchange.ts";
import type { StoredMessage } from "../../model/history.ts";
import type { Context, RouteInput } from "../context.ts";
import { json } from "../responses.ts";
import { channelsAndGroups, flag, subscribeKeyOf } from "./common.ts";
import { storageError, storageRefusal, timetokenParam } from "./storage.ts";

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
export function historyRoute(input: RouteInput, ctx: Context): Answer {
  return fetchMessages(input, ctx, false);
}

/**
 * `GET /v3/history-with-actions/sub-key/{sub}/channel/{ch}`: as {@link historyRoute} for one
 * channel only, `max` at most 25, each message with the `actions` added to it
 * (`{type: {value: [{uuid, actionTimetoken}]}}`).
 *
 * @example
 * ```ts
 * import { historyWithActionsRoute } from "./history.ts";
 * const handler = historyWithActionsRoute;
 * ```
 */
export function historyWithActionsRoute(input: RouteInput, ctx: Context): Answer {
  return fetchMessages(input, ctx, true);
}

function fetchMessages(input: RouteInput, ctx: Context, withActions: boolean): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const disabled = storageRefusal(ctx);
  if (disabled) return disabled;
  const names = channelsAndGroups(input, "Storage");
  if (names instanceof Answer) return names;
  if (names.channels.length === 0) return storageError(400, "No channels");
  if (withActions && names.channels.length > 1) {
    return storageError(
      400,
      `History with actions is for one channel only: ${names.channels.length} were named`,
    );
  }
  const query = input.target.query;
  const limit = withActions ? 25 : names.channels.length === 1 ? 100 : 25;
  const requested = query.has("max") ? Number(query.get("max")) : limit;
  if (!Number.isInteger(requested) || requested < 0) {
    return storageError(400, `Invalid max "${query.get("max")}"`);
  }
  const start = timetokenParam(query, "start");
  if (start instanceof Answer) return start;
  const end = timetokenParam(query, "end");
  if (end instanceof Answer) return end;
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
      start,
      end,
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
      if (withActions && m.actions) item.actions = groupedActions(m);
      return item;
    });
  }
  return json(200, { status: 200, error: false, error_message: "", channels });
}

/** A message's actions by type, then value, oldest first: the service's `actions` object. */
function groupedActions(message: StoredMessage): Record<string, Record<string, unknown[]>> {
  const grouped: Record<string, Record<string, unknown[]>> = {};
  for (const action of message.actions ?? []) {
    const values = grouped[action.type] ??= {};
    (values[action.value] ??= []).push({ uuid: action.uuid, actionTimetoken: action.tt });
  }
  return grouped;
}

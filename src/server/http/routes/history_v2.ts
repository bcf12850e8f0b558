import { Answer } from "../exchange.ts";
import type { StoredMessage } from "../../model/history.ts";
import type { Context, RouteInput } from "../context.ts";
import { jsonText } from "../responses.ts";
import { flag, pathParam, subscribeKeyOf } from "./common.ts";
import { countParam, STORAGE_DISABLED_V2, timetokenParam } from "./storage.ts";

/** Most messages one v2 history call answers with (the service's limit and default). */
const MAX_COUNT = 100;

/**
 * `GET /v2/history/sub-key/{sub}/channel/{ch}` (the older history call, still used by the
 * SDKs' `history()`): `count` (1 to 100, default 100; more is cut to 100), `start` (exclusive),
 * `end` (inclusive), `reverse` (take the oldest of the range instead of the newest; ignored
 * when both `start` and `end` are given), `include_token` (each message as
 * `{message, timetoken}`), `include_meta` (with `meta` when it was published with one),
 * `string_message_token` (those timetokens as strings), `stringtoken` (the answer's start and
 * end as strings). Answer: `[[messages oldest first], start, end]`, timetokens as JSON numbers
 * like the service's; `0, 0` when nothing matched.
 *
 * @example
 * ```ts
 * import { historyV2Route } from "./history_v2.ts";
 * const handler = historyV2Route;
 * ```
 */
export function historyV2Route(input: RouteInput, ctx: Context): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  if (!ctx.options.storage) {
    // What SDKs record from a keyset without the add-on: the message in place of the list.
    return jsonText(200, `[${JSON.stringify([STORAGE_DISABLED_V2])},0,0]`);
  }
  const channel = pathParam(input, "channel", "Storage");
  if (channel instanceof Answer) return channel;
  const query = input.target.query;
  const count = countParam(query, "count", MAX_COUNT, MAX_COUNT);
  if (count instanceof Answer) return count;
  const start = timetokenParam(query, "start");
  if (start instanceof Answer) return start;
  const end = timetokenParam(query, "end");
  if (end instanceof Answer) return end;
  const both = start !== undefined && end !== undefined;
  const messages = ctx.model.history(ctx.now(), sub, channel, {
    max: count,
    start,
    end,
    oldestFirst: flag(query, "reverse") && !both,
  });
  const withToken = flag(query, "include_token");
  const withMeta = flag(query, "include_meta");
  const tokenText = (tt: string, asString: boolean) => asString ? `"${tt}"` : tt;
  const stringMessageTokens = flag(query, "string_message_token");
  const items = messages.map((m: StoredMessage) => {
    if (!withToken && !withMeta) return JSON.stringify(m.message);
    // Written by hand: a 17-digit timetoken does not survive a trip through a JS number.
    let item = `{"message":${JSON.stringify(m.message)}`;
    if (withToken) item += `,"timetoken":${tokenText(m.tt, stringMessageTokens)}`;
    if (withMeta && m.meta !== undefined) item += `,"meta":${JSON.stringify(m.meta)}`;
    return `${item}}`;
  });
  const stringBounds = flag(query, "stringtoken");
  const first = messages.length > 0 ? tokenText(messages[0].tt, stringBounds) : "0";
  const last = messages.length > 0
    ? tokenText(messages[messages.length - 1].tt, stringBounds)
    : "0";
  return jsonText(200, `[[${items.join(",")}],${first},${last}]`);
}

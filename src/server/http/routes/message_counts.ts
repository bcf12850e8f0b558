import { Answer } from "../exchange.ts";
import type { Context, RouteInput } from "../context.ts";
import { TIMETOKEN_PATTERN } from "../../../core/wire/timetoken.ts";
import { json } from "../responses.ts";
import { decodeList } from "../target.ts";
import { subscribeKeyOf } from "./common.ts";
import { storageError, storageRefusal } from "./storage.ts";

/** Channels one call may count (the service's limit). */
const MAX_CHANNELS = 100;
/** Counts stop here: the service reports 10000 for a channel with that many or more. */
const MAX_COUNT = 10_000;

/**
 * `GET /v3/history/sub-key/{sub}/message-counts/{chs}`: the number of messages stored on each
 * channel after a timetoken (exclusive), given either as one `timetoken` for every channel or as
 * `channelsTimetoken`, one per channel in path order. At most 100 channels; counts stop at
 * 10000. Answer: `{status, error, error_message, channels: {name: count}, more: {name: {url,
 * is_more}}}`.
 *
 * @example
 * ```ts
 * import { messageCountsRoute } from "./message_counts.ts";
 * const handler = messageCountsRoute;
 * ```
 */
export function messageCountsRoute(input: RouteInput, ctx: Context): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const disabled = storageRefusal(ctx);
  if (disabled) return disabled;
  const channels = decodeList(input.params.channels ?? "");
  if (channels === undefined) return storageError(400, "Invalid URI encoding");
  if (channels.length === 0) return storageError(400, "No channels");
  if (channels.length > MAX_CHANNELS) {
    return storageError(
      400,
      `Too many channels: at most ${MAX_CHANNELS} per call, ${channels.length} were named`,
    );
  }
  const query = input.target.query;
  const single = query.get("timetoken");
  const list = query.get("channelsTimetoken");
  if (single !== undefined && list !== undefined) {
    return storageError(400, "timetoken and channelsTimetoken cannot be used together");
  }
  if (single === undefined && list === undefined) {
    return storageError(400, "Missing timetoken: send timetoken or channelsTimetoken");
  }
  const texts = single !== undefined ? channels.map(() => single) : list!.split(",");
  if (texts.length !== channels.length) {
    return storageError(
      400,
      `channelsTimetoken has ${texts.length} timetokens for ${channels.length} channels: ` +
        "send one per channel, in the order of the channels",
    );
  }
  const bad = texts.find((t) => !TIMETOKEN_PATTERN.test(t));
  if (bad !== undefined) {
    return storageError(400, `Invalid timetoken: 1 to 19 digits, got "${bad.slice(0, 40)}"`);
  }
  const store = ctx.model.storedMessages(sub);
  const now = ctx.now();
  const counts: Record<string, number> = {};
  const more: Record<string, { url: string; is_more: boolean }> = {};
  channels.forEach((channel, i) => {
    const count = store?.countAfter(channel, BigInt(texts[i]), now) ?? 0;
    counts[channel] = Math.min(count, MAX_COUNT);
    more[channel] = {
      url: `/v3/history/sub-key/${encodeURIComponent(sub)}/message-counts/${
        encodeURIComponent(channel)
      }?timetoken=${texts[i]}`,
      is_more: count > MAX_COUNT,
    };
  });
  return json(200, { status: 200, error: false, error_message: "", channels: counts, more });
}

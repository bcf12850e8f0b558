import { Answer } from "../exchange.ts";
import { envelopeWire } from "../../model/envelope.ts";
import { TIMETOKEN_PATTERN } from "../../../core/wire/timetoken.ts";
import { type Filter, parseFilter } from "../../model/filter.ts";
import type { Collected, Subscription } from "../../model/subscription.ts";
import { waitKeys } from "../../model/subscription.ts";
import type { Context, RouteInput } from "../context.ts";
import { errorObject, jsonText } from "../responses.ts";
import { channelsAndGroups, objectParam, subscribeKeyOf } from "./common.ts";

/**
 * `GET /v2/subscribe/{sub}/{chs}/0` (docs/protocol.md "Subscribe requests"): every call is a
 * heartbeat for its uuid; a handshake (no `tt` or `tt=0`) answers at once with a fresh cursor; a
 * receive answers at once when anything newer than `tt` exists, else waits (woken by publishes)
 * until the hold time.
 *
 * @example
 * ```ts
 * import { subscribeRoute } from "./subscribe.ts";
 * const handler = subscribeRoute;
 * ```
 */
export async function subscribeRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const names = channelsAndGroups(input, "Subscribe");
  if (names instanceof Answer) return names;
  if (names.channels.length === 0 && names.groups.length === 0) {
    return errorObject(400, "No channels or channel groups to subscribe to", "Subscribe");
  }
  const query = input.target.query;
  const tt = query.get("tt");
  if (tt !== undefined && !TIMETOKEN_PATTERN.test(tt)) {
    return errorObject(400, `Invalid timetoken "${tt.slice(0, 40)}"`, "Subscribe");
  }
  let filter: Filter | undefined;
  const expression = query.get("filter-expr");
  if (expression !== undefined && expression.trim() !== "") {
    const parsed = parseFilter(expression);
    if (!parsed.ok) {
      return errorObject(481, `Invalid filter expression: ${parsed.error}`, "Subscribe");
    }
    filter = parsed.filter;
  }
  const state = objectParam(input, "state", "Subscribe");
  if (state instanceof Answer) return state;

  const subscription: Subscription = { ...names, filter };
  const region = ctx.options.region;
  const uuid = query.get("uuid");
  // Without a uuid nothing is written, and the long-poll is held without a turn of the loop.
  const heartbeat = (): Promise<Answer | undefined> | undefined =>
    uuid === undefined || uuid === "" ? undefined : writeHeartbeat(uuid);
  const writeHeartbeat = async (uuid: string): Promise<Answer | undefined> => {
    const outcome = await ctx.store.write({
      op: "heartbeat",
      request: {
        subKey: sub,
        uuid,
        ...names,
        // Absent (the official v12 SDK never sends it on subscribe): the uuid keeps the timeout
        // its `/heartbeat` set; only a first join gets the default.
        timeoutSeconds: query.has("heartbeat") ? Number(query.get("heartbeat")) : undefined,
        state,
      },
    });
    if (outcome.refused !== undefined) return errorObject(400, outcome.refused, "Subscribe");
    return undefined;
  };

  if (tt === undefined || BigInt(tt) === 0n) {
    // Cursor first, so this client's own join (issued after) is newer and reaches it.
    const cursor = ctx.store.timetoken(ctx.now());
    const pending = heartbeat();
    const refused = pending && await pending;
    if (refused) return refused;
    return answer({ timetoken: cursor, deliveries: [] }, region);
  }

  const pending = heartbeat();
  const refused = pending && await pending;
  if (refused) return refused;
  const after = BigInt(tt);
  const now = ctx.model.collect(sub, subscription, after);
  if (now.deliveries.length > 0) return answer(now, region);

  const signal = input.request.signal;
  if (signal.aborted) return answer(now, region);
  return await new Promise<Answer>((resolve) => {
    const onAbort = () => {
      ctx.polls.remove(waiter);
      resolve(answer(ctx.model.collect(sub, subscription, after), region));
    };
    const waiter = {
      subKey: sub,
      subscription,
      after,
      keys: waitKeys(subscription),
      deadline: ctx.monotonic() + ctx.options.longPollSeconds * 1000,
      answer: (collected: Collected) => {
        signal.removeEventListener("abort", onAbort);
        resolve(answer(collected, region));
      },
    };
    signal.addEventListener("abort", onAbort, { once: true });
    ctx.polls.add(waiter);
  });
}

function answer(collected: Collected, region: number): Answer {
  const messages = collected.deliveries.map((d) => envelopeWire(d.envelope, d.match)).join(",");
  return jsonText(200, `{"t":{"t":"${collected.timetoken}","r":${region}},"m":[${messages}]}`);
}

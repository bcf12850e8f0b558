import type { Answer } from "../exchange.ts";
import { parseJson } from "../../../core/classify.ts";
import { decodeComponent } from "../../../core/encoding.ts";
import { MAX_SIGNAL_SIZE, publishSize, signalSize } from "../../../core/size.ts";
import { isPresenceChannel } from "../../model/channel_names.ts";
import { channelNameProblem } from "../../../core/wire/channel_names.ts";
import type { PublishInput } from "../../model/model.ts";
import { readBody } from "../body.ts";
import type { Context, RouteInput } from "../context.ts";
import { errorObject, invalidSubscribeKey, publishAnswer } from "../responses.ts";
import { flag } from "./common.ts";

/**
 * `GET|POST /publish/{pub}/{sub}/0/{ch}/0[/{json}]` and `/signal/...`
 * (docs/protocol.md "Endpoints"): checks keys, size (the client's exact rule), JSON, then publishes
 * and wakes subscribers.
 *
 * @example
 * ```ts
 * import { publishRoute } from "./publish.ts";
 * const signal = publishRoute("signal");
 * ```
 */
export function publishRoute(kind: "message" | "signal") {
  return async (input: RouteInput, ctx: Context): Promise<Answer> => {
    const { params, target, request } = input;
    const now = ctx.now();
    const pub = decodeComponent(params.pub);
    const sub = decodeComponent(params.sub);
    const channel = decodeComponent(params.channel);
    if (pub === undefined || sub === undefined || channel === undefined) {
      return publishAnswer(400, "Invalid URI encoding", ctx.store.timetoken(now));
    }
    const keys = ctx.options.keys;
    // The service checks the subscribe key first: with both wrong, that is the answer.
    if (keys && sub !== keys.subscribeKey) return invalidSubscribeKey();
    if (keys && pub !== keys.publishKey) {
      return publishAnswer(400, "Invalid Key", ctx.store.timetoken(now));
    }
    const refusal = channelRefusal(channel);
    if (refusal !== undefined) {
      return kind === "signal"
        ? errorObject(400, `Invalid Channel: ${refusal}`, "Signal")
        : publishAnswer(400, "Invalid Channel", ctx.store.timetoken(now));
    }

    let text: string | undefined;
    if (request.method === "POST") {
      const body = await readBody(request, ctx.options.maxBodyBytes);
      if (!body.ok) {
        return body.status === 413
          ? tooLarge(kind, ctx)
          : errorObject(body.status, body.message, "Publish");
      }
      text = body.text;
    } else {
      text = params.message === undefined ? undefined : decodeComponent(params.message);
      if (text === undefined) {
        return publishAnswer(400, "Invalid URI encoding", ctx.store.timetoken(now));
      }
    }
    const metaText = target.query.get("meta");

    if (kind === "signal") {
      if (signalSize(text) > MAX_SIGNAL_SIZE) return tooLarge(kind, ctx);
    } else if (
      publishSize({ channel, json: text, metaJson: metaText }) > ctx.options.maxMessageSize
    ) {
      return tooLarge(kind, ctx);
    }
    // The size rule governs the message; the URI limit applies to the rest of the request.
    if (target.length > ctx.options.maxUriLength + ctx.options.maxMessageSize) {
      return errorObject(414, "URI Too Long", "Balancer");
    }

    const message = parseJson(text);
    if (!message.ok) return publishAnswer(400, "Invalid JSON", ctx.store.timetoken(now));
    let meta: unknown;
    if (metaText !== undefined && metaText !== "") {
      const parsed = parseJson(metaText);
      if (!parsed.ok) return publishAnswer(400, "Invalid JSON", ctx.store.timetoken(now));
      // Meta is an object on the wire; anything else is ignored as the service does.
      if (
        typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value)
      ) {
        meta = parsed.value;
      }
    }
    const query = target.query;
    const ttl = Number(query.get("ttl"));
    const sequence = Number(query.get("seqn"));
    const publish: PublishInput = {
      subKey: sub,
      channel,
      message: message.value,
      kind,
      meta,
      uuid: query.get("uuid"),
      store: kind === "message" && ctx.options.storage && query.get("store") !== "0" &&
        query.get("store") !== "false",
      ttlHours: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
      // `norep=1` (Python's fire) and `norep=true` (JS) both mean: deliver to nobody.
      replicate: kind === "signal" || !flag(query, "norep"),
      customMessageType: query.get("custom_message_type") || undefined,
      sequence: Number.isInteger(sequence) && query.has("seqn") ? sequence : undefined,
    };
    const outcome = await ctx.store.write({ op: "publish", input: publish });
    if (outcome.refused !== undefined) {
      return kind === "signal"
        ? errorObject(400, outcome.refused, "Signal")
        : publishAnswer(400, outcome.refused, ctx.store.timetoken(now));
    }
    return publishAnswer(200, "Sent", outcome.timetoken!);
  };
}

function tooLarge(kind: "message" | "signal", ctx: Context): Answer {
  return kind === "signal"
    ? errorObject(413, "Signal size too large", "Signal")
    : publishAnswer(413, "Message Too Large", ctx.store.timetoken(ctx.now()));
}

/**
 * Why a client may not publish (or signal, or fire) to a channel, or `undefined` when it may:
 * an empty name; a presence channel (`x-pnpres`: only the service publishes presence events,
 * docs/protocol.md "Server obligations", and the official JS SDK's presence parser throws on any
 * other payload); a name with `*` (a wildcard pattern is something to subscribe to, not a channel)
 * or what no channel name may hold (docs/protocol.md "Channel names").
 *
 * @example
 * ```ts
 * import { channelRefusal } from "./publish.ts";
 * channelRefusal("room"); // undefined
 * channelRefusal("room-pnpres"); // "presence channels are published to by the service only"
 * ```
 */
export function channelRefusal(channel: string): string | undefined {
  const problem = channelNameProblem(channel);
  if (problem !== undefined) return `the channel name ${problem}`;
  if (isPresenceChannel(channel)) return "presence channels are published to by the service only";
  if (channel.includes("*")) return "a channel name may not contain '*'";
  return undefined;
}

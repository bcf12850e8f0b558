import { type Envelope, makeEnvelope } from "./envelope.ts";
import type { StoredMessage } from "./history.ts";
import type { Keyset } from "./keyset.ts";
import {
  type ActionChange,
  actionEventPayload,
  type ActionRequest,
  addAction,
  removeAction,
} from "./message_actions.ts";
import type { ModelSettings } from "./settings.ts";
import type { TimetokenGenerator } from "./timetoken_generator.ts";

/**
 * A publish or signal, already validated and parsed.
 *
 * @example
 * ```ts
 * import type { PublishInput } from "./model.ts";
 * const input: PublishInput = { subKey: "demo", channel: "ch", message: { text: "hi" }, kind: "message" };
 * ```
 */
export interface PublishInput {
  /** Subscribe key. */
  subKey: string;
  /** Target channel. */
  channel: string;
  /** The parsed message. */
  message: unknown;
  /** `message` (stored unless `store` is false) or `signal` (never stored). */
  kind: "message" | "signal";
  /** Parsed meta, when sent. */
  meta?: unknown;
  /** Publisher uuid. */
  uuid?: string;
  /** `store=0` → false. Default true. */
  store?: boolean;
  /** Hours to keep in history; 0 or absent: until evicted. */
  ttlHours?: number;
  /** `norep=true` (fire) → false: delivered to nobody. Default true. */
  replicate?: boolean;
  /** `custom_message_type`. */
  customMessageType?: string;
  /** `seqn`. */
  sequence?: number;
}

/**
 * What an operation produced: new envelopes (to wake long-polls with) and, for publish, the
 * timetoken to answer with.
 *
 * @example
 * ```ts
 * import type { Outcome } from "./model.ts";
 * const none: Outcome = { envelopes: [] };
 * ```
 */
export interface Outcome {
  /** Envelopes added to channel buffers. */
  envelopes: Envelope[];
  /** The publish timetoken, for publish and signal. */
  timetoken?: string;
  /** Set when a limit refused the operation (nothing changed): what and which limit. */
  refused?: string;
}

/**
 * Publishes a message or signal on a keyset (see `PubSubModel.publish`): refused when a
 * limit says so, else stored and buffered.
 *
 * @example
 * ```ts
 * import { publishOn } from "./model_publish.ts";
 * import { Keyset } from "./keyset.ts";
 * import { resolveModelSettings } from "./settings.ts";
 * import { TimetokenGenerator } from "./timetoken_generator.ts";
 * const settings = resolveModelSettings({});
 * const input = { subKey: "demo", channel: "ch", message: 1, kind: "signal" as const };
 * publishOn(new Keyset("demo", settings), settings, new TimetokenGenerator(), 0, input).envelopes.length; // 1
 * ```
 */
export function publishOn(
  keyset: Keyset,
  settings: ModelSettings,
  tokens: TimetokenGenerator,
  now: number,
  input: PublishInput,
): Outcome {
  const refused = publishRefusal(keyset, settings, input, now);
  if (refused !== undefined) return { envelopes: [], refused };
  const timetoken = tokens.nextBig(now);
  const tt = timetoken.toString();
  if (input.kind === "message" && input.store !== false) {
    const stored: StoredMessage = { timetoken, tt, message: input.message };
    if (input.uuid !== undefined) stored.uuid = input.uuid;
    if (input.meta !== undefined) stored.meta = input.meta;
    if (input.customMessageType !== undefined) stored.customMessageType = input.customMessageType;
    if (input.ttlHours !== undefined && input.ttlHours > 0) {
      stored.expiresAt = now + input.ttlHours * 3_600_000;
    }
    keyset.history.add(input.channel, stored);
  }
  if (input.replicate === false) return { envelopes: [], timetoken: tt };
  const envelope = makeEnvelope({
    subKey: input.subKey,
    channel: input.channel,
    timetoken,
    region: settings.region,
    kind: input.kind,
    payload: input.message,
    meta: input.meta,
    publisher: input.uuid,
    sequence: input.sequence,
    customMessageType: input.customMessageType,
  });
  keyset.buffers.append(envelope, now, keyset.isLive);
  return { envelopes: [envelope], timetoken: tt };
}

// A publish to a new channel when making room would drop live data (a buffer a subscriber
// is on, history younger than the retention) is refused instead, naming the limit.
function publishRefusal(
  keyset: Keyset,
  settings: ModelSettings,
  input: PublishInput,
  now: number,
): string | undefined {
  const stores = input.kind === "message" && input.store !== false;
  const probe = BigInt(Math.floor(now)) * 10_000n;
  if (stores && !keyset.history.admits(input.channel, probe)) {
    return `Too many channels with recent history: ${keyset.history.size} (limit historyChannels = ${settings.historyChannels})`;
  }
  if (input.replicate !== false && !keyset.buffers.admits(input.channel, keyset.isLive, now)) {
    return `Too many channels with live subscribers: ${keyset.buffers.size} (limit bufferChannels = ${settings.bufferChannels})`;
  }
  return undefined;
}

/**
 * Adds or removes a message action on a keyset's stored message (see
 * `PubSubModel.messageAction`) and, when that worked, buffers its announcement.
 *
 * @example
 * ```ts
 * import { messageActionOn } from "./model_publish.ts";
 * import { resolveModelSettings } from "./settings.ts";
 * import { TimetokenGenerator } from "./timetoken_generator.ts";
 * const request = { subKey: "demo", channel: "ch", messageTimetoken: 1n, uuid: "u", add: { type: "reaction", value: "smile" } };
 * messageActionOn(undefined, resolveModelSettings({}), new TimetokenGenerator(), 0, request).change.ok; // false
 * ```
 */
export function messageActionOn(
  keyset: Keyset | undefined,
  settings: ModelSettings,
  tokens: TimetokenGenerator,
  now: number,
  request: ActionRequest,
): Outcome & { change: ActionChange } {
  const message = keyset?.history.find(request.channel, request.messageTimetoken, now);
  const change = request.add
    ? addAction(
      message,
      request.channel,
      { ...request.add, uuid: request.uuid },
      tokens.nextBig(now),
    )
    : removeAction(message, request.channel, request.remove ?? -1n);
  if (!change.ok || !keyset || !message) return { envelopes: [], change };
  const envelope = makeEnvelope({
    subKey: request.subKey,
    channel: request.channel,
    timetoken: tokens.nextBig(now),
    region: settings.region,
    kind: "action",
    payload: actionEventPayload(request.add ? "added" : "removed", change.action, message.tt),
    publisher: request.uuid,
  });
  keyset.buffers.append(envelope, now);
  return { envelopes: [envelope], change };
}

import { isObject } from "../parse_result.ts";
import { baseNameOf, isPresenceName } from "../wire/names.ts";
import type { Envelope } from "../wire/envelope.ts";
import { type PNMessageAction, readMessageAction } from "../requests/message_actions.ts";

// The envelope's wire shape is wire vocabulary, shared with the server that encodes it.
export type { Envelope, EnvelopeTimetoken } from "../wire/envelope.ts";

/**
 * A message as the `message` listener receives it. `M` is the message's type, as the app knows
 * it (`pubnub.messages<Chat>(…)`, a `Listener<PubNub, Chat>`); the SDK does not check it.
 *
 * @example
 * ```ts
 * import type { PNMessageResult } from "@pubnub-ts/pubsub";
 * const m: PNMessageResult = {
 *   message: "hi", subscription: undefined, channel: "ch", timetoken: "17000000000000000",
 *   userMetadata: undefined, publisher: "u1", customMessageType: undefined,
 * };
 * ```
 */
export interface PNMessageResult<M = unknown> {
  /** The payload (decrypted by the shell when a cipher key is set). */
  message: M;
  /** The group or wildcard pattern that matched, or `undefined` when it was the channel itself. */
  subscription: string | undefined;
  /** The channel the message was published on. */
  channel: string;
  /** Publish timetoken, a string. */
  timetoken: string;
  /** The publisher's `meta`. */
  userMetadata: unknown;
  /** The publisher's uuid. */
  publisher: string | undefined;
  /** The publisher's custom message type. */
  customMessageType: string | undefined;
  /** Set by the shell when the payload could not be decrypted (the raw payload is kept). */
  error?: string;
}

/**
 * A signal as the `signal` listener receives it; `M` is the payload's type, as the app knows it.
 *
 * @example
 * ```ts
 * import type { PNSignalResult } from "@pubnub-ts/pubsub";
 * const s: PNSignalResult = {
 *   message: "typing", subscription: undefined, channel: "ch", timetoken: "17000000000000000", publisher: "u1",
 * };
 * ```
 */
export interface PNSignalResult<M = unknown> {
  /** The payload. */
  message: M;
  /** The group or wildcard pattern that matched, or `undefined`. */
  subscription: string | undefined;
  /** The channel the signal was sent on. */
  channel: string;
  /** Timetoken, a string. */
  timetoken: string;
  /** The sender's uuid. */
  publisher: string | undefined;
}

/**
 * The presence actions the service announces.
 *
 * @example
 * ```ts
 * import type { PNPresenceEventName } from "@pubnub-ts/pubsub";
 * const event: PNPresenceEventName = "state-change";
 * ```
 */
export type PNPresenceEventName = "join" | "leave" | "timeout" | "state-change" | "interval";

const PRESENCE_EVENTS: readonly string[] = ["join", "leave", "timeout", "state-change", "interval"];

/**
 * What every presence event carries, whatever happened.
 *
 * @example
 * ```ts
 * import type { PNPresenceEventCommon } from "@pubnub-ts/pubsub";
 * const where: PNPresenceEventCommon = {
 *   timestamp: 1700000000, subscription: undefined, channel: "ch", timetoken: "17000000000000000",
 *   userMetadata: undefined,
 * };
 * ```
 */
export interface PNPresenceEventCommon {
  /** Unix time, seconds, when it happened. */
  timestamp: number | undefined;
  /** The group or wildcard pattern that matched (without `-pnpres`), or `undefined`. */
  subscription: string | undefined;
  /** The channel (without `-pnpres`). */
  channel: string;
  /** Timetoken of the event, a string. */
  timetoken: string;
  /** Meta of the envelope. */
  userMetadata: unknown;
}

/**
 * A user joined, left or timed out: who (`uuid`, the user id) and how many are there now.
 *
 * @example
 * ```ts
 * import type { PNPresenceMemberEvent } from "@pubnub-ts/pubsub";
 * const p: PNPresenceMemberEvent = {
 *   event: "join", uuid: "u1", occupancy: 1, state: undefined, timestamp: 1700000000,
 *   subscription: undefined, channel: "ch", timetoken: "17000000000000000", userMetadata: undefined,
 * };
 * ```
 */
export interface PNPresenceMemberEvent extends PNPresenceEventCommon {
  /** What happened. */
  event: "join" | "leave" | "timeout";
  /** Whose presence changed: their user id (`uuid` is the service's name for it). */
  uuid: string;
  /** Occupancy of the channel after it happened. */
  occupancy: number;
  /** A join may carry the user's state (`data` on the wire); otherwise `undefined`. */
  state: unknown;
}

/**
 * A user's presence state changed: whose, and the new state.
 *
 * @example
 * ```ts
 * import type { PNPresenceStateChangeEvent } from "@pubnub-ts/pubsub";
 * const p: PNPresenceStateChangeEvent = {
 *   event: "state-change", uuid: "u1", state: { mood: "happy" }, occupancy: 1, timestamp: 1700000000,
 *   subscription: undefined, channel: "ch", timetoken: "17000000000000000", userMetadata: undefined,
 * };
 * ```
 */
export interface PNPresenceStateChangeEvent extends PNPresenceEventCommon {
  /** What happened. */
  event: "state-change";
  /** Whose state changed: their user id. */
  uuid: string;
  /** The new state (`data` on the wire). */
  state: unknown;
  /** Occupancy of the channel, when the service sent it. */
  occupancy: number | undefined;
}

/**
 * The periodic summary of a busy channel (over the announce limit): the occupancy, and either
 * who joined, left and timed out since the last one, or `hereNowRefresh` when the lists were
 * too long to send.
 *
 * @example
 * ```ts
 * import type { PNPresenceIntervalEvent } from "@pubnub-ts/pubsub";
 * const p: PNPresenceIntervalEvent = {
 *   event: "interval", occupancy: 40, joined: ["u2"], hereNowRefresh: false, uuid: undefined,
 *   state: undefined, timestamp: 1700000000, subscription: undefined, channel: "ch",
 *   timetoken: "17000000000000000", userMetadata: undefined,
 * };
 * ```
 */
export interface PNPresenceIntervalEvent extends PNPresenceEventCommon {
  /** What happened. */
  event: "interval";
  /** Occupancy of the channel. */
  occupancy: number;
  /** No single user: always `undefined`. */
  uuid: undefined;
  /** No state: always `undefined`. */
  state: undefined;
  /** User ids that joined since the last interval (absent when the service sent none). */
  joined?: string[];
  /** User ids that left. */
  left?: string[];
  /** User ids that timed out. */
  timedout?: string[];
  /** The lists were too long to send; call here-now for the full picture. */
  hereNowRefresh?: boolean;
}

/**
 * A presence event as the `presence` listener receives it: a union on `event`, so checking
 * `event` tells which fields are there (`uuid` and `occupancy` for join, leave and timeout;
 * `state` for state-change; the lists or `hereNowRefresh` for interval).
 *
 * @example
 * ```ts
 * import type { PNPresenceEventResult } from "@pubnub-ts/pubsub";
 * function describe(p: PNPresenceEventResult): string {
 *   switch (p.event) {
 *     case "join": case "leave": case "timeout": return `${p.uuid} ${p.event}, ${p.occupancy} here`;
 *     case "state-change": return `${p.uuid} is now ${JSON.stringify(p.state)}`;
 *     case "interval": return p.hereNowRefresh ? "ask here-now" : `${p.joined?.length ?? 0} joined`;
 *   }
 * }
 * ```
 */
export type PNPresenceEventResult =
  | PNPresenceMemberEvent
  | PNPresenceStateChangeEvent
  | PNPresenceIntervalEvent;

/**
 * A message action event as the `messageAction` listener receives it: an action was added to, or
 * removed from, a message on a channel this client subscribes to.
 *
 * @example
 * ```ts
 * import type { PNMessageActionResult } from "@pubnub-ts/pubsub";
 * const e: PNMessageActionResult = {
 *   channel: "ch", subscription: undefined, publisher: "u1", timetoken: "17000000000000002", event: "added",
 *   data: { type: "reaction", value: "👍", uuid: "u1", messageTimetoken: "17000000000000000", actionTimetoken: "17000000000000001" },
 * };
 * ```
 */
export interface PNMessageActionResult {
  /** The channel of the message. */
  channel: string;
  /** The group or wildcard pattern that matched, or `undefined`. */
  subscription: string | undefined;
  /** Who added or removed the action. */
  publisher: string | undefined;
  /** Timetoken of the event, a string. */
  timetoken: string;
  /** What happened to the action. */
  event: "added" | "removed";
  /** The action. */
  data: PNMessageAction;
}

/**
 * What an envelope decodes to. Unknown `e` values (objects, files, the future), message
 * action envelopes whose payload is not an action event, and presence payloads that are not one
 * of the five known actions come out as `other`, with the envelope untouched: never dropped,
 * never a crash.
 *
 * @example
 * ```ts
 * import { decodeEnvelope, type DecodedEnvelope } from "./envelope.ts";
 * const decoded: DecodedEnvelope = decodeEnvelope({ c: "ch", d: 1, p: { t: "1", r: 1 }, e: 1 });
 * decoded.kind; // "signal"
 * ```
 */
export type DecodedEnvelope =
  | { readonly kind: "message"; readonly result: PNMessageResult }
  | { readonly kind: "signal"; readonly result: PNSignalResult }
  | { readonly kind: "presence"; readonly result: PNPresenceEventResult }
  | { readonly kind: "messageAction"; readonly result: PNMessageActionResult }
  | {
    readonly kind: "other";
    /** The envelope's `e`; `undefined` for an unrecognised presence payload. */
    readonly type: number | undefined;
    readonly envelope: Envelope;
    /** Why a presence envelope was not decoded: a field its event must have is missing. */
    readonly reason?: string;
  };

/**
 * Whether an envelope is a presence event: presence envelopes carry no `e`; they are
 * recognised by the `-pnpres` suffix of their channel.
 *
 * @example
 * ```ts
 * import { isPresenceEnvelope } from "./envelope.ts";
 * isPresenceEnvelope({ c: "ch-pnpres", d: {}, p: { t: "1", r: 1 } }); // true
 * ```
 */
export function isPresenceEnvelope(envelope: Envelope): boolean {
  return (envelope.e === undefined || envelope.e === 0) && isPresenceName(envelope.c);
}

/**
 * Decodes an envelope into what the listeners receive: a message, a signal, a presence
 * event, or `other` for anything else. Pure; does not decrypt (the shell does, before or after).
 *
 * @example
 * ```ts
 * import { decodeEnvelope } from "./envelope.ts";
 * const decoded = decodeEnvelope({ c: "a.b", b: "a.*", d: { text: "hi" }, p: { t: "17000000000000000", r: 1 }, i: "u1" });
 * if (decoded.kind === "message") decoded.result.subscription; // "a.*"
 * ```
 */
export function decodeEnvelope(envelope: Envelope): DecodedEnvelope {
  if (isPresenceEnvelope(envelope)) return decodePresence(envelope);
  const subscription = subscriptionOf(envelope.b, envelope.c);
  if (envelope.e === undefined || envelope.e === 0) {
    return {
      kind: "message",
      result: {
        message: envelope.d,
        subscription,
        channel: envelope.c,
        timetoken: envelope.p.t,
        userMetadata: envelope.u,
        publisher: envelope.i,
        customMessageType: envelope.cmt,
      },
    };
  }
  if (envelope.e === 1) {
    return {
      kind: "signal",
      result: {
        message: envelope.d,
        subscription,
        channel: envelope.c,
        timetoken: envelope.p.t,
        publisher: envelope.i,
      },
    };
  }
  if (envelope.e === 3) {
    const d = envelope.d;
    // The service names who acted in the envelope (`i`), not in the action itself.
    const action = isObject(d) && isObject(d.data)
      ? readMessageAction({ uuid: envelope.i, ...d.data })
      : undefined;
    if (isObject(d) && (d.event === "added" || d.event === "removed") && action?.ok) {
      return {
        kind: "messageAction",
        result: {
          channel: envelope.c,
          subscription,
          publisher: envelope.i,
          timetoken: envelope.p.t,
          event: d.event,
          data: action.value,
        },
      };
    }
  }
  return { kind: "other", type: envelope.e, envelope };
}

function decodePresence(envelope: Envelope): DecodedEnvelope {
  const d = envelope.d;
  if (!isObject(d) || typeof d.action !== "string" || !PRESENCE_EVENTS.includes(d.action)) {
    return { kind: "other", type: envelope.e, envelope };
  }
  const event = d.action as PNPresenceEventName;
  const channel = stripPresence(envelope.c);
  const common: PNPresenceEventCommon = {
    timestamp: typeof d.timestamp === "number" ? d.timestamp : undefined,
    subscription: subscriptionOf(
      envelope.b === undefined ? undefined : stripPresence(envelope.b),
      channel,
    ),
    channel,
    timetoken: envelope.p.t,
    userMetadata: envelope.u,
  };
  const uuid = typeof d.uuid === "string" ? d.uuid : undefined;
  const occupancy = typeof d.occupancy === "number" ? d.occupancy : undefined;
  // What the event's type promises must be there: an event without it is passed on as
  // `other` (reported, never dropped silently), not handed out with a field missing.
  if (event === "interval") {
    if (occupancy === undefined) return incomplete(envelope, event, "occupancy");
    // The wire says join/leave/timeout; the result says joined/left/timedout. Lists the
    // service left out (no deltas, or here_now_refresh) stay undefined: an empty list would
    // claim that nobody joined.
    const result: PNPresenceIntervalEvent = {
      event,
      uuid: undefined,
      occupancy,
      ...common,
      state: undefined,
    };
    result.joined = Array.isArray(d.join) ? names(d.join) : undefined;
    result.left = Array.isArray(d.leave) ? names(d.leave) : undefined;
    result.timedout = Array.isArray(d.timeout) ? names(d.timeout) : undefined;
    result.hereNowRefresh = d.here_now_refresh === true;
    return { kind: "presence", result };
  }
  if (uuid === undefined) return incomplete(envelope, event, "uuid");
  if (event === "state-change") {
    return {
      kind: "presence",
      result: { event, uuid, occupancy, ...common, state: d.data },
    };
  }
  if (occupancy === undefined) return incomplete(envelope, event, "occupancy");
  return { kind: "presence", result: { event, uuid, occupancy, ...common, state: d.data } };
}

function incomplete(envelope: Envelope, event: string, field: string): DecodedEnvelope {
  const reason = `a presence ${event} event without a ${
    field === "uuid" ? "string" : "numeric"
  } ${field}`;
  return { kind: "other", type: envelope.e, envelope, reason };
}

/** `b` only says something when it differs from the channel (a group or a wildcard matched). */
function subscriptionOf(b: string | undefined, channel: string): string | undefined {
  return b === undefined || b === channel ? undefined : b;
}

const stripPresence = baseNameOf;

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

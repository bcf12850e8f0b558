import { isObject } from "../parse_result.ts";
import { baseNameOf, isPresenceName } from "../wire/names.ts";
import type { Envelope } from "../wire/envelope.ts";
import { type PNMessageAction, readMessageAction } from "../requests/message_actions.ts";

// The envelope's wire shape is wire vocabulary, shared with the server that encodes it.
export type { Envelope, EnvelopeTimetoken } from "../wire/envelope.ts";

/**
 * A message as the `message` listener receives it.
 *
 * @example
 * ```ts
 * import type { PNMessageResult } from "./envelope.ts";
 * const m: PNMessageResult = {
 *   message: "hi", subscription: undefined, channel: "ch", timetoken: "17000000000000000",
 *   userMetadata: undefined, publisher: "u1", customMessageType: undefined,
 * };
 * ```
 */
export interface PNMessageResult {
  /** The payload (decrypted by the shell when a cipher key is set). */
  message: unknown;
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
 * A signal as the `signal` listener receives it.
 *
 * @example
 * ```ts
 * import type { PNSignalResult } from "./envelope.ts";
 * const s: PNSignalResult = {
 *   message: "typing", subscription: undefined, channel: "ch", timetoken: "17000000000000000", publisher: "u1",
 * };
 * ```
 */
export interface PNSignalResult {
  /** The payload. */
  message: unknown;
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
 * import type { PNPresenceEventName } from "./envelope.ts";
 * const event: PNPresenceEventName = "state-change";
 * ```
 */
export type PNPresenceEventName = "join" | "leave" | "timeout" | "state-change" | "interval";

const PRESENCE_EVENTS: readonly string[] = ["join", "leave", "timeout", "state-change", "interval"];

/**
 * A presence event as the `presence` listener receives it.
 *
 * @example
 * ```ts
 * import type { PNPresenceEventResult } from "./envelope.ts";
 * const p: PNPresenceEventResult = {
 *   event: "join", uuid: "u1", timestamp: 1700000000, occupancy: 1, subscription: undefined,
 *   channel: "ch", timetoken: "17000000000000000", state: undefined, userMetadata: undefined,
 * };
 * ```
 */
export interface PNPresenceEventResult {
  /** What happened. */
  event: PNPresenceEventName;
  /** Whose presence changed (absent for `interval`). */
  uuid: string | undefined;
  /** Unix time, seconds, when it happened. */
  timestamp: number | undefined;
  /** Occupancy of the channel after it happened. */
  occupancy: number | undefined;
  /** The group or wildcard pattern that matched (without `-pnpres`), or `undefined`. */
  subscription: string | undefined;
  /** The channel (without `-pnpres`). */
  channel: string;
  /** Timetoken of the event, a string. */
  timetoken: string;
  /** The user's state (`data` on the wire), for `state-change` and joins with state. */
  state: unknown;
  /** Meta of the envelope. */
  userMetadata: unknown;
  /** `interval` only: uuids that joined since the last interval. */
  joined?: string[];
  /** `interval` only: uuids that left. */
  left?: string[];
  /** `interval` only: uuids that timed out. */
  timedout?: string[];
  /** `interval` only: the lists were too long to send; call here-now for the full picture. */
  hereNowRefresh?: boolean;
}

/**
 * A message action event as the `messageAction` listener receives it: an action was added to, or
 * removed from, a message on a channel this client subscribes to.
 *
 * @example
 * ```ts
 * import type { PNMessageActionResult } from "./envelope.ts";
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
 * Decodes an envelope into what the listeners receive (api.md): a message, a signal, a presence
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
  const result: PNPresenceEventResult = {
    event,
    uuid: typeof d.uuid === "string" ? d.uuid : undefined,
    timestamp: typeof d.timestamp === "number" ? d.timestamp : undefined,
    occupancy: typeof d.occupancy === "number" ? d.occupancy : undefined,
    subscription: subscriptionOf(
      envelope.b === undefined ? undefined : stripPresence(envelope.b),
      channel,
    ),
    channel,
    timetoken: envelope.p.t,
    state: d.data,
    userMetadata: envelope.u,
  };
  if (event === "interval") {
    // The wire says join/leave/timeout; the seed's result says joined/left/timedout. Lists the
    // service left out (no deltas, or here_now_refresh) stay undefined: an empty list would
    // claim that nobody joined.
    result.joined = Array.isArray(d.join) ? names(d.join) : undefined;
    result.left = Array.isArray(d.leave) ? names(d.leave) : undefined;
    result.timedout = Array.isArray(d.timeout) ? names(d.timeout) : undefined;
    result.hereNowRefresh = d.here_now_refresh === true;
  }
  return { kind: "presence", result };
}

/** `b` only says something when it differs from the channel (a group or a wildcard matched). */
function subscriptionOf(b: string | undefined, channel: string): string | undefined {
  return b === undefined || b === channel ? undefined : b;
}

const stripPresence = baseNameOf;

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

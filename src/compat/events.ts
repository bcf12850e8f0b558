/**
 * Our subscribe results turned into the official SDK's event shapes: `subscription` is the name
 * that was subscribed to (the channel itself, a group, a pattern; for presence with `-pnpres`),
 * and the older `actualChannel` / `subscribedChannel` names are filled in.
 *
 * @module
 */
import { presenceNameOf } from "../core/wire/names.ts";
import type {
  PNMessageActionResult,
  PNMessageResult,
  PNPresenceEventResult,
  PNSignalResult,
} from "../core/subscribe/envelope.ts";
import type {
  MessageActionEvent,
  MessageEvent,
  Payload,
  PresenceEvent,
  SignalEvent,
} from "./types.ts";

type Meta = { [key: string]: Payload };
type Loose = Record<string, unknown>;

/**
 * Copies onto `to` the fields `keys` names (separated by spaces) that `from` has (not
 * `undefined`): the official shapes leave out what is not there.
 *
 * @example
 * ```ts
 * import { copyDefined } from "./events.ts";
 * copyDefined({ a: 1 }, { b: 2, c: undefined }, "b c"); // { a: 1, b: 2 }
 * ```
 */
export function copyDefined<T extends object>(to: T, from: object, keys: string): T {
  for (const key of keys.split(" ")) {
    const value = (from as Loose)[key];
    if (value !== undefined) (to as Loose)[key] = value;
  }
  return to;
}

/** Where an event happened, with the older names of `channel` and `subscription`. */
const where = (e: { channel: string; timetoken: string }, subscription: string) => ({
  channel: e.channel,
  subscription,
  actualChannel: e.channel,
  subscribedChannel: subscription,
  timetoken: e.timetoken,
});

/**
 * A message event.
 *
 * @example
 * ```ts
 * import { messageEvent } from "./events.ts";
 * const e = messageEvent({
 *   message: "hi", subscription: undefined, channel: "a", timetoken: "17000000000000000",
 *   userMetadata: undefined, publisher: "u1", customMessageType: undefined,
 * });
 * e.subscription; // "a"
 * ```
 */
export function messageEvent(m: PNMessageResult): MessageEvent {
  return copyDefined(
    {
      ...where(m, m.subscription ?? m.channel),
      publisher: m.publisher,
      message: m.message as Payload,
    },
    m,
    "userMetadata customMessageType error",
  );
}

/**
 * A signal event.
 *
 * @example
 * ```ts
 * import { signalEvent } from "./events.ts";
 * const e = signalEvent({
 *   message: "typing", subscription: undefined, channel: "a", timetoken: "17000000000000000", publisher: "u1",
 * });
 * e.subscription; // "a"
 * ```
 */
export function signalEvent(s: PNSignalResult): SignalEvent {
  return {
    channel: s.channel,
    subscription: s.subscription ?? s.channel,
    timetoken: s.timetoken,
    publisher: s.publisher,
    message: s.message as Payload,
  };
}

/**
 * A message action event.
 *
 * @example
 * ```ts
 * import { messageActionEvent } from "./events.ts";
 * const e = messageActionEvent({
 *   channel: "a", subscription: undefined, publisher: "u1", timetoken: "17000000000000002",
 *   event: "added",
 *   data: { type: "reaction", value: "+1", uuid: "u1", messageTimetoken: "1", actionTimetoken: "2" },
 * });
 * e.data.value; // "+1"
 * ```
 */
export function messageActionEvent(a: PNMessageActionResult): MessageActionEvent {
  return {
    channel: a.channel,
    subscription: a.subscription ?? a.channel,
    timetoken: a.timetoken,
    publisher: a.publisher,
    event: a.event,
    data: { ...a.data },
  };
}

/**
 * A presence event.
 *
 * @example
 * ```ts
 * import { presenceEvent } from "./events.ts";
 * const e = presenceEvent({
 *   event: "join", uuid: "u1", timestamp: 1700000000, occupancy: 1, subscription: undefined,
 *   channel: "a", timetoken: "17000000000000000", state: undefined, userMetadata: undefined,
 * });
 * e.subscription; // "a-pnpres"
 * ```
 */
export function presenceEvent(p: PNPresenceEventResult): PresenceEvent {
  const event: Loose = {
    ...where(p, presenceNameOf(p.subscription ?? p.channel)),
    timestamp: p.timestamp ?? 0,
  };
  const state = p.state as Meta | undefined;
  if (p.event === "interval") {
    event.action = "interval";
    event.occupancy = p.occupancy ?? 0;
    event.hereNowRefresh = p.hereNowRefresh ?? false;
    if (p.joined) event.join = p.joined;
    if (p.left) event.leave = p.left;
    if (p.timedout) event.timeout = p.timedout;
  } else {
    event.action = p.event;
    event.uuid = p.uuid ?? "";
    if (p.event === "state-change") {
      event.state = state ?? {};
      if (p.occupancy !== undefined) event.occupancy = p.occupancy;
    } else {
      event.occupancy = p.occupancy ?? 0;
      if (state != null) event.state = state;
    }
  }
  return event as PresenceEvent;
}

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
  const subscription = m.subscription ?? m.channel;
  const event: MessageEvent = {
    channel: m.channel,
    subscription,
    actualChannel: m.channel,
    subscribedChannel: subscription,
    timetoken: m.timetoken,
    publisher: m.publisher,
    message: m.message as Payload,
  };
  if (m.userMetadata !== undefined) event.userMetadata = m.userMetadata as Meta;
  if (m.customMessageType !== undefined) event.customMessageType = m.customMessageType;
  if (m.error !== undefined) event.error = m.error;
  return event;
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
  const subscription = presenceNameOf(p.subscription ?? p.channel);
  const base = {
    channel: p.channel,
    subscription,
    actualChannel: p.channel,
    subscribedChannel: subscription,
    timetoken: p.timetoken,
    timestamp: p.timestamp ?? 0,
  };
  if (p.event === "interval") {
    const event: PresenceEvent = {
      ...base,
      action: "interval",
      occupancy: p.occupancy ?? 0,
      hereNowRefresh: p.hereNowRefresh ?? false,
    };
    if (p.joined) event.join = p.joined;
    if (p.left) event.leave = p.left;
    if (p.timedout) event.timeout = p.timedout;
    return event;
  }
  const state = p.state as Meta | undefined;
  if (p.event === "state-change") {
    const event: PresenceEvent = {
      ...base,
      action: "state-change",
      uuid: p.uuid ?? "",
      state: state ?? {},
    };
    if (p.occupancy !== undefined) event.occupancy = p.occupancy;
    return event;
  }
  const event: PresenceEvent = {
    ...base,
    action: p.event,
    uuid: p.uuid ?? "",
    occupancy: p.occupancy ?? 0,
  };
  if (state !== undefined && state !== null) event.state = state;
  return event;
}

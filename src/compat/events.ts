/**
 * Our subscribe results turned into the official SDK's event shapes: `subscription` is the name
 * that was subscribed to (the channel itself, a group, a pattern; for presence with `-pnpres`),
 * and the older `actualChannel` / `subscribedChannel` names are filled in.
 *
 * @module
 */
import { presenceNameOf } from "../core/wire/names.ts";
import type { PNPresenceEventResult } from "../core/subscribe/envelope.ts";
import type { PresenceEvent } from "./types.ts";

type Loose = Record<string, unknown>;

/**
 * `o` without its `undefined` fields: the official shapes leave out what is not there.
 *
 * @example
 * ```ts
 * import { defined } from "./events.ts";
 * defined({ a: 1, b: undefined }); // { a: 1 }
 * ```
 */
export function defined<T extends object>(o: T): T {
  for (const key in o) if (o[key] === undefined) delete o[key];
  return o;
}

/**
 * An event in the official shape: our event's fields, `subscription` the name subscribed to (the
 * channel itself when we leave it out), and its older names `actualChannel` and
 * `subscribedChannel`.
 *
 * @example
 * ```ts
 * import { officialEvent } from "./events.ts";
 * import type { MessageEvent } from "./types.ts";
 * const ours = {
 *   message: "hi", subscription: undefined, channel: "a", timetoken: "17000000000000000",
 *   userMetadata: undefined, publisher: "u1", customMessageType: undefined,
 * };
 * const e = officialEvent<MessageEvent>(ours);
 * e.subscription; // "a"
 * ```
 */
export function officialEvent<R>(
  e: { channel: string; subscription?: string },
  subscription: string = e.subscription ?? e.channel,
): R {
  return defined({
    ...e,
    subscription,
    actualChannel: e.channel,
    subscribedChannel: subscription,
  }) as R;
}

/**
 * A presence event: `action` for our `event`, `join`, `leave` and `timeout` for the interval's
 * lists, and the presence channel as `subscription`.
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
  const { event, joined, left, timedout, ...rest } = p as PNPresenceEventResult & Loose;
  return officialEvent<PresenceEvent>(
    {
      ...rest,
      action: event,
      timestamp: p.timestamp ?? 0,
      state: p.state ?? (event === "state-change" ? {} : undefined),
      join: joined,
      leave: left,
      timeout: timedout,
    } as typeof rest,
    presenceNameOf(p.subscription ?? p.channel),
  );
}

/**
 * The caller's events of the subscribe engine, as
 * docs/protocol.md "Subscribe engine states and events" names them: `SUBSCRIPTION_CHANGED`,
 * `SUBSCRIPTION_RESTORED`, `DISCONNECT`, `RECONNECT`, `UNSUBSCRIBE_ALL`. `events.ts` has the
 * outcomes of the shell's requests and the union of all.
 *
 * @module
 */
import type { SubscriptionCursor } from "./states.ts";

/**
 * The caller now wants exactly these channels and groups (the full lists, not a difference).
 *
 * @example
 * ```ts
 * import type { SubscriptionChangedEvent } from "./events.ts";
 * const event: SubscriptionChangedEvent = { type: "SUBSCRIPTION_CHANGED", channels: ["a"], groups: [] };
 * ```
 */
export interface SubscriptionChangedEvent {
  /** Discriminant. */
  readonly type: "SUBSCRIPTION_CHANGED";
  /** Every channel to be subscribed to from now on. */
  readonly channels: readonly string[];
  /** Every channel group to be subscribed to from now on. */
  readonly groups: readonly string[];
}

/**
 * Like {@link SubscriptionChangedEvent}, resuming from a known cursor (`withTimetoken`).
 *
 * @example
 * ```ts
 * import type { SubscriptionRestoredEvent } from "./events.ts";
 * const event: SubscriptionRestoredEvent = {
 *   type: "SUBSCRIPTION_RESTORED", channels: ["a"], groups: [], cursor: { timetoken: "17000000000000000", region: 0 },
 * };
 * ```
 */
export interface SubscriptionRestoredEvent {
  /** Discriminant. */
  readonly type: "SUBSCRIPTION_RESTORED";
  /** Every channel to be subscribed to from now on. */
  readonly channels: readonly string[];
  /** Every channel group to be subscribed to from now on. */
  readonly groups: readonly string[];
  /** Where to resume from. */
  readonly cursor: SubscriptionCursor;
}

/**
 * The caller asks to reconnect after a failure or a disconnect, optionally from a given cursor.
 *
 * @example
 * ```ts
 * import type { ReconnectEvent } from "./events.ts";
 * const event: ReconnectEvent = { type: "RECONNECT" };
 * ```
 */
export interface ReconnectEvent {
  /** Discriminant. */
  readonly type: "RECONNECT";
  /** Where to resume from; absent: the cursor the engine holds, if any. */
  readonly cursor?: SubscriptionCursor;
}

function names(list: readonly string[]): readonly string[] {
  return Object.freeze([...list]);
}

/**
 * A frozen copy of a cursor, as events carry it.
 *
 * @example
 * ```ts
 * import { cursorOf } from "./caller_events.ts";
 * Object.isFrozen(cursorOf({ timetoken: "1", region: 1 })); // true
 * ```
 */
export function cursorOf(cursor: SubscriptionCursor): SubscriptionCursor {
  return Object.freeze({ timetoken: cursor.timetoken, region: cursor.region });
}

/**
 * `SUBSCRIPTION_CHANGED(channels, groups)`: the full lists wanted from now on.
 *
 * @example
 * ```ts
 * import { subscriptionChanged } from "./events.ts";
 * subscriptionChanged(["a", "b"], ["g"]).channels; // ["a", "b"]
 * ```
 */
export function subscriptionChanged(
  channels: readonly string[],
  groups: readonly string[],
): SubscriptionChangedEvent {
  return Object.freeze({
    type: "SUBSCRIPTION_CHANGED",
    channels: names(channels),
    groups: names(groups),
  });
}

/**
 * `SUBSCRIPTION_RESTORED(channels, groups, cursor)`: the full lists, resuming from `cursor`.
 * A bare timetoken gets region 0 (the service accepts any region with a timetoken it knows).
 *
 * @example
 * ```ts
 * import { subscriptionRestored } from "./events.ts";
 * subscriptionRestored(["a"], [], { timetoken: "17000000000000000", region: 0 }).cursor.timetoken;
 * // "17000000000000000"
 * ```
 */
export function subscriptionRestored(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
): SubscriptionRestoredEvent {
  return Object.freeze({
    type: "SUBSCRIPTION_RESTORED",
    channels: names(channels),
    groups: names(groups),
    cursor: cursorOf(cursor),
  });
}

const DISCONNECT_EVENT: { readonly type: "DISCONNECT" } = /* @__PURE__ */ Object.freeze({
  type: "DISCONNECT",
});
const UNSUBSCRIBE_ALL_EVENT: { readonly type: "UNSUBSCRIBE_ALL" } = /* @__PURE__ */ Object.freeze({
  type: "UNSUBSCRIBE_ALL",
});

/**
 * `DISCONNECT`: stop the loop, keep the subscription and the cursor.
 *
 * @example
 * ```ts
 * import { disconnect } from "./events.ts";
 * disconnect().type; // "DISCONNECT"
 * ```
 */
export function disconnect(): { readonly type: "DISCONNECT" } {
  return DISCONNECT_EVENT;
}

/**
 * `RECONNECT(cursor?)`: resume after a failure or a disconnect, from `cursor` when given.
 *
 * @example
 * ```ts
 * import { reconnect } from "./events.ts";
 * reconnect().type; // "RECONNECT"
 * reconnect({ timetoken: "17000000000000000", region: 0 }).cursor?.timetoken; // "17000000000000000"
 * ```
 */
export function reconnect(cursor?: SubscriptionCursor): ReconnectEvent {
  return cursor === undefined
    ? Object.freeze({ type: "RECONNECT" })
    : Object.freeze({ type: "RECONNECT", cursor: cursorOf(cursor) });
}

/**
 * `UNSUBSCRIBE_ALL`: drop every channel and group, and the cursor with them.
 *
 * @example
 * ```ts
 * import { unsubscribeAll } from "./events.ts";
 * unsubscribeAll().type; // "UNSUBSCRIBE_ALL"
 * ```
 */
export function unsubscribeAll(): { readonly type: "UNSUBSCRIBE_ALL" } {
  return UNSUBSCRIBE_ALL_EVENT;
}

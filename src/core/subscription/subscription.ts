/**
 * What a client is subscribed to, and who holds each name: the app (its `subscribe()` calls)
 * or message streams (counted), plus the presence state `setState` remembered. A pure value:
 * every function returns a new one, with what the engines must be told — the lists for
 * `SUBSCRIPTION_CHANGED` and the names to announce for presence (docs/protocol.md "Subscribe
 * engine states and events", "Heartbeat and leave"). The shell only dispatches what comes back.
 *
 * The names currently subscribed (`current`) are the subscribe engine's; they come in as an
 * argument so the two never disagree.
 *
 * @module
 */
import { checkNames } from "../requests/validate.ts";
import { describeValue } from "../describe_value.ts";
import { isTimetoken } from "../wire/timetoken.ts";
import { PubNubError } from "../error.ts";
import { isPresenceName, presenceNameOf } from "../wire/names.ts";

/**
 * Channels and groups, as the engines name them.
 *
 * @example
 * ```ts
 * import type { Names } from "./subscription.ts";
 * const names: Names = { channels: ["a"], groups: [] };
 * ```
 */
export interface Names {
  readonly channels: readonly string[];
  readonly groups: readonly string[];
}

/**
 * How this client announces itself: with a heartbeat engine (which sends leaves itself) or
 * without one, and whether leaves are sent at all.
 *
 * @example
 * ```ts
 * import type { SubscriptionOptions } from "./subscription.ts";
 * const options: SubscriptionOptions = { heartbeats: true, suppressLeaveEvents: false };
 * ```
 */
export interface SubscriptionOptions {
  /** A heartbeat engine runs: joins and leaves go to it (`JOINED`, `LEFT`, `LEFT_ALL`). */
  readonly heartbeats: boolean;
  /** Never send a leave. */
  readonly suppressLeaveEvents: boolean;
}

/**
 * The subscription value.
 *
 * @example
 * ```ts
 * import { createSubscription, type Subscription } from "./subscription.ts";
 * const s: Subscription = createSubscription({ heartbeats: false, suppressLeaveEvents: false });
 * s.appHeld.size; // 0
 * ```
 */
export interface Subscription {
  readonly options: SubscriptionOptions;
  /** Names the app subscribed to itself (`c:name` / `g:name`): streams never unsubscribe them. */
  readonly appHeld: ReadonlySet<string>;
  /** How many message streams hold each name (`c:name` / `g:name`). */
  readonly streamHolds: ReadonlyMap<string, number>;
  /** Presence state by channel or group name, as `setState` left it. */
  readonly presenceState: ReadonlyMap<string, unknown>;
}

/**
 * What the heartbeat engine is told: names joined or left, or everything left.
 *
 * @example
 * ```ts
 * import type { PresenceAnnouncement } from "./subscription.ts";
 * const a: PresenceAnnouncement = { type: "joined", channels: ["a"], groups: [] };
 * ```
 */
export type PresenceAnnouncement =
  | { readonly type: "joined" | "left"; readonly channels: string[]; readonly groups: string[] }
  | { readonly type: "leftAll" };

/**
 * A new subscription value and what the engines must be told, in this order: `changed` (the
 * subscribe engine's new lists; with `timetoken` a restore from it), then `announce` (the
 * heartbeat engine) or `leave` (a leave request to send, when no heartbeat engine runs).
 *
 * @example
 * ```ts
 * import { createSubscription, subscribe, type SubscriptionUpdate } from "./subscription.ts";
 * const s = createSubscription({ heartbeats: false, suppressLeaveEvents: false });
 * const u: SubscriptionUpdate = subscribe(s, { channels: [], groups: [] }, { channels: ["a"], groups: [], withPresence: false });
 * u.changed?.channels; // ["a"]
 * ```
 */
export interface SubscriptionUpdate {
  readonly subscription: Subscription;
  readonly changed?: { channels: string[]; groups: string[]; timetoken?: string };
  readonly announce?: PresenceAnnouncement;
  readonly leave?: { channels: string[]; groups: string[] };
}

/**
 * What a subscribe call asks for.
 *
 * @example
 * ```ts
 * import type { SubscribeRequest } from "./subscription.ts";
 * const r: SubscribeRequest = { channels: ["a"], groups: [], withPresence: true };
 * ```
 */
export interface SubscribeRequest {
  readonly channels: readonly string[];
  readonly groups: readonly string[];
  readonly withPresence: boolean;
  readonly timetoken?: string;
}

/**
 * An empty subscription.
 *
 * @example
 * ```ts
 * import { createSubscription } from "./subscription.ts";
 * createSubscription({ heartbeats: true, suppressLeaveEvents: false }).streamHolds.size; // 0
 * ```
 */
export function createSubscription(options: SubscriptionOptions): Subscription {
  return { options, appHeld: new Set(), streamHolds: new Map(), presenceState: new Map() };
}

/**
 * The app subscribes (its names are then the app's until it unsubscribes them). With
 * `withPresence` each name's presence channel is added; presence names are never announced.
 * Throws a validation `PubNubError` for bad names, no names, or a bad timetoken.
 *
 * @example
 * ```ts
 * import { createSubscription, subscribe } from "./subscription.ts";
 * const s = createSubscription({ heartbeats: true, suppressLeaveEvents: false });
 * const u = subscribe(s, { channels: [], groups: [] }, { channels: ["a"], groups: [], withPresence: true });
 * u.changed?.channels.length; // 2: "a" and its presence channel
 * u.announce; // { type: "joined", channels: ["a"], groups: [] }
 * ```
 */
export function subscribe(
  subscription: Subscription,
  current: Names,
  request: SubscribeRequest,
): SubscriptionUpdate {
  const update = add(subscription, current, request);
  const appHeld = new Set(subscription.appHeld);
  for (const key of keysOf(request.channels, request.groups)) appHeld.add(key);
  return { ...update, subscription: { ...update.subscription, appHeld } };
}

/**
 * A message stream holds names: subscribed if they were not, counted so that the stream's end
 * unsubscribes only what nobody else holds.
 *
 * @example
 * ```ts
 * import { createSubscription, hold } from "./subscription.ts";
 * const s = createSubscription({ heartbeats: false, suppressLeaveEvents: false });
 * hold(s, { channels: [], groups: [] }, ["a"], []).subscription.streamHolds.get("c:a"); // 1
 * ```
 */
export function hold(
  subscription: Subscription,
  current: Names,
  channels: readonly string[],
  groups: readonly string[],
): SubscriptionUpdate {
  const update = add(subscription, current, { channels, groups, withPresence: false });
  const streamHolds = new Map(subscription.streamHolds);
  for (const key of keysOf(channels, groups)) streamHolds.set(key, (streamHolds.get(key) ?? 0) + 1);
  return { ...update, subscription: { ...update.subscription, streamHolds } };
}

/**
 * A message stream drops its hold: names no other stream holds, and the app did not subscribe
 * to, are unsubscribed. Names already released (by `unsubscribeAll`) are ignored.
 *
 * @example
 * ```ts
 * import { createSubscription, hold, release } from "./subscription.ts";
 * const s = createSubscription({ heartbeats: false, suppressLeaveEvents: false });
 * const held = hold(s, { channels: [], groups: [] }, ["a"], []).subscription;
 * release(held, { channels: ["a"], groups: [] }, ["a"], []).changed?.channels; // []
 * ```
 */
export function release(
  subscription: Subscription,
  current: Names,
  channels: readonly string[],
  groups: readonly string[],
): SubscriptionUpdate {
  const streamHolds = new Map(subscription.streamHolds);
  const free = (names: readonly string[], prefix: string) =>
    names.filter((name) => {
      const key = `${prefix}${name}`;
      const count = streamHolds.get(key);
      if (count === undefined) return false;
      if (count > 1) {
        streamHolds.set(key, count - 1);
        return false;
      }
      streamHolds.delete(key);
      return !subscription.appHeld.has(key);
    });
  const c = free(channels, "c:");
  const g = free(groups, "g:");
  const released = { ...subscription, streamHolds };
  if (c.length === 0 && g.length === 0) return { subscription: released };
  return remove(released, current, c, g);
}

/**
 * The app unsubscribes: the names (and their presence channels) leave the subscription and
 * their presence state is forgotten; a name a message stream still holds stays until the stream
 * ends (only its presence channel goes). Throws a validation `PubNubError` for bad names.
 *
 * @example
 * ```ts
 * import { createSubscription, unsubscribe } from "./subscription.ts";
 * const s = createSubscription({ heartbeats: false, suppressLeaveEvents: false });
 * unsubscribe(s, { channels: ["a", "b"], groups: [] }, ["a"], []).leave; // { channels: ["a"], groups: [] }
 * ```
 */
export function unsubscribe(
  subscription: Subscription,
  current: Names,
  channels: readonly string[],
  groups: readonly string[],
): SubscriptionUpdate {
  checkNames("PNUnsubscribeOperation", "unsubscribe", "channel", channels);
  checkNames("PNUnsubscribeOperation", "unsubscribe", "channel group", groups);
  // A name a message stream still holds stays (the stream would wait for ever): only its
  // presence channel, which streams never ask for, goes.
  const leaving = (names: readonly string[], prefix: string) =>
    names.map((name) =>
      subscription.streamHolds.has(`${prefix}${name}`) ? presenceNameOf(name) : name
    );
  const update = remove(subscription, current, leaving(channels, "c:"), leaving(groups, "g:"));
  const appHeld = new Set(subscription.appHeld);
  for (const key of keysOf(channels, groups)) appHeld.delete(key);
  return { ...update, subscription: { ...update.subscription, appHeld } };
}

/**
 * Everything goes, whoever held it. The presence state of the names left is forgotten; state
 * set for names never subscribed stays, waiting for them.
 *
 * @example
 * ```ts
 * import { createSubscription, unsubscribeAll } from "./subscription.ts";
 * const s = createSubscription({ heartbeats: true, suppressLeaveEvents: false });
 * unsubscribeAll(s, { channels: ["a"], groups: [] }).announce; // { type: "leftAll" }
 * ```
 */
export function unsubscribeAll(subscription: Subscription, current: Names): SubscriptionUpdate {
  const presenceState = new Map(subscription.presenceState);
  for (const name of [...current.channels, ...current.groups]) presenceState.delete(name);
  const next = {
    ...subscription,
    appHeld: new Set<string>(),
    streamHolds: new Map(),
    presenceState,
  };
  if (subscription.options.heartbeats) return { subscription: next, announce: { type: "leftAll" } };
  return {
    subscription: next,
    leave: leaveOf(subscription.options, current.channels, current.groups),
  };
}

/**
 * The presence state sent with subscribe and heartbeat: what `setState` remembered, for the
 * names currently subscribed (state set before subscribing waits until then).
 *
 * @example
 * ```ts
 * import { createSubscription, setState, stateFor } from "./subscription.ts";
 * const s = setState(createSubscription({ heartbeats: true, suppressLeaveEvents: false }), ["a", "b"], { mood: "ok" });
 * stateFor(s, { channels: ["a"], groups: [] }); // { a: { mood: "ok" } }
 * ```
 */
export function stateFor(subscription: Subscription, current: Names): Record<string, unknown> {
  // Asked on every subscribe poll; most clients set no state.
  if (subscription.presenceState.size === 0) return {};
  const subscribed = new Set([...current.channels, ...current.groups]);
  // Built from entries, not by assignment: where `__proto__` is a setter (Node, browsers), a
  // channel of that name would silently lose its state.
  return Object.fromEntries(
    [...subscription.presenceState].filter(([name]) => subscribed.has(name)),
  );
}

/**
 * Remembers `state` for `names`.
 *
 * @example
 * ```ts
 * import { createSubscription, setState } from "./subscription.ts";
 * setState(createSubscription({ heartbeats: true, suppressLeaveEvents: false }), ["a"], 1).presenceState.get("a"); // 1
 * ```
 */
export function setState(
  subscription: Subscription,
  names: readonly string[],
  state: unknown,
): Subscription {
  const presenceState = new Map(subscription.presenceState);
  for (const name of names) presenceState.set(name, state);
  return { ...subscription, presenceState };
}

/**
 * Undoes a `setState` whose request failed: only what that call put there, and is still
 * there, goes back to what `before` held.
 *
 * @example
 * ```ts
 * import { createSubscription, rollbackState, setState } from "./subscription.ts";
 * const before = createSubscription({ heartbeats: true, suppressLeaveEvents: false });
 * const after = setState(before, ["a"], 1);
 * rollbackState(after, before, ["a"], 1).presenceState.has("a"); // false
 * ```
 */
export function rollbackState(
  subscription: Subscription,
  before: Subscription,
  names: readonly string[],
  state: unknown,
): Subscription {
  const presenceState = new Map(subscription.presenceState);
  for (const name of names) {
    if (presenceState.get(name) !== state) continue;
    const previous = before.presenceState.get(name);
    if (previous === undefined) presenceState.delete(name);
    else presenceState.set(name, previous);
  }
  return { ...subscription, presenceState };
}

function add(
  subscription: Subscription,
  current: Names,
  request: SubscribeRequest,
): SubscriptionUpdate {
  const { channels, groups, withPresence, timetoken } = request;
  checkNames("PNSubscribeOperation", "subscribe", "channel", channels);
  checkNames("PNSubscribeOperation", "subscribe", "channel group", groups);
  if (channels.length === 0 && groups.length === 0) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      "Cannot subscribe: no channels and no channel groups were given",
    );
  }
  checkTimetoken("subscribe", timetoken);
  const presence = (names: readonly string[]) =>
    withPresence ? names.filter((n) => !isPresenceName(n)).map(presenceNameOf) : [];
  const changed = {
    channels: union(current.channels, channels, presence(channels)),
    groups: union(current.groups, groups, presence(groups)),
    ...(timetoken === undefined ? {} : { timetoken }),
  };
  if (!subscription.options.heartbeats) return { subscription, changed };
  const announce = {
    type: "joined" as const,
    channels: channels.filter((n) => !isPresenceName(n)),
    groups: groups.filter((n) => !isPresenceName(n)),
  };
  return { subscription, changed, announce };
}

/**
 * Throws a validation `PubNubError` unless `timetoken` is absent or a decimal timetoken (the
 * start of a subscribe, the cursor of a reconnect).
 *
 * @example
 * ```ts
 * import { checkTimetoken } from "./subscription.ts";
 * checkTimetoken("reconnect", "17000000000000000"); // fine
 * ```
 */
export function checkTimetoken(call: "subscribe" | "reconnect", timetoken: unknown): void {
  if (timetoken !== undefined && !isTimetoken(timetoken)) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      `Cannot ${call}: timetoken ${describeValue(timetoken)} is not a decimal timetoken`,
    );
  }
}

/** Leaving a name leaves its presence channel too; state first goes with it. */
function remove(
  subscription: Subscription,
  current: Names,
  channels: readonly string[],
  groups: readonly string[],
): SubscriptionUpdate {
  const drop = (names: readonly string[], removed: readonly string[]) => {
    const gone = new Set(removed.flatMap((n) => [n, presenceNameOf(n)]));
    return { kept: names.filter((n) => !gone.has(n)), left: names.filter((n) => gone.has(n)) };
  };
  const c = drop(current.channels, channels);
  const g = drop(current.groups, groups);
  if (c.left.length === 0 && g.left.length === 0) return { subscription };
  // The heartbeat that LEFT triggers must not carry the state of the names just left.
  const presenceState = new Map(subscription.presenceState);
  for (const name of [...c.left, ...g.left]) presenceState.delete(name);
  const next = { ...subscription, presenceState };
  const changed = { channels: c.kept, groups: g.kept };
  if (subscription.options.heartbeats) {
    return {
      subscription: next,
      changed,
      announce: { type: "left", channels: c.left, groups: g.left },
    };
  }
  return { subscription: next, changed, leave: leaveOf(subscription.options, c.left, g.left) };
}

/** The suppress-leave rule for a client without a heartbeat engine (that engine applies it itself). */
function leaveOf(
  options: SubscriptionOptions,
  channels: readonly string[],
  groups: readonly string[],
): { channels: string[]; groups: string[] } | undefined {
  return options.suppressLeaveEvents ? undefined : { channels: [...channels], groups: [...groups] };
}

function union(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

function keysOf(channels: readonly string[], groups: readonly string[]): string[] {
  return [...channels.map((c) => `c:${c}`), ...groups.map((g) => `g:${g}`)];
}

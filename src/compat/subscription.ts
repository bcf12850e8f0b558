/**
 * The official SDK's entity-style subscriptions: `channel(name).subscription(options)`, sets of
 * them, each with its own listeners, receiving only the events of the names it subscribed to.
 *
 * @module
 */
import { presenceNameOf } from "../core/wire/names.ts";
import { EventEmitter, type EventKind, type EventOf } from "./emitter.ts";
import type { CompatEvent, SubscriptionOptions } from "./types.ts";

/**
 * Channels and groups, by the names the service delivers events for (`-pnpres` included).
 *
 * @example
 * ```ts
 * import type { Names } from "@pubnub-ts/pubsub/compat";
 * const names: Names = { channels: ["a", "a-pnpres"], channelGroups: [] };
 * ```
 */
export interface Names {
  /** Channel names (and patterns). */
  channels: string[];
  /** Channel group names. */
  channelGroups: string[];
}

/**
 * What a subscription needs from its client.
 *
 * @example
 * ```ts
 * import type { SubscriptionHub } from "@pubnub-ts/pubsub/compat";
 * const hub: SubscriptionHub = { hold: () => {}, release: () => {} };
 * ```
 */
export interface SubscriptionHub {
  /** Subscribes `names` on behalf of `holder`; a holder that is an {@link EventTarget} gets events. */
  hold(holder: object, names: Names, timetoken?: string): void;
  /**
   * Drops `holder`'s hold on its names (or on `only` of them; without any left it gets no more
   * events); names nobody holds are unsubscribed.
   */
  release(holder: object, only?: Names): void;
}

/**
 * Something events are routed to.
 *
 * @example
 * ```ts
 * import type { EventTarget } from "@pubnub-ts/pubsub/compat";
 * const target: EventTarget = { deliver: (kind, event, name) => console.log(kind, name, event) };
 * ```
 */
export interface EventTarget {
  /** Delivers the event if it was delivered for a name this target subscribed to. */
  deliver<K extends Exclude<EventKind, "status">>(kind: K, event: EventOf[K], name: string): void;
  /** Who gets the events while this target holds names (each once, however many hold it). */
  readonly receivers?: EventTarget[];
}

const TYPE_OF: Record<Exclude<EventKind, "status">, CompatEvent["type"]> = {
  presence: -2,
  message: -1,
  signal: 1,
  messageAction: 3,
};

/**
 * What `Subscription` and `SubscriptionSet` share: listeners, subscribe and unsubscribe, and the
 * names (a subscription's own; a set's members').
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * import type { SubscriptionBase } from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const s: SubscriptionBase = pubnub.channel("a").subscription();
 * s.onMessage = (m) => console.log(m.message);
 * ```
 */
export abstract class SubscriptionBase extends EventEmitter implements EventTarget {
  /** The client this subscribes through. */
  protected readonly hub: SubscriptionHub;
  /** The names subscribed to besides the members'. */
  protected readonly names: Names;
  /** A set's member subscriptions. */
  protected readonly members: Subscription[] = [];
  /** The options it was made with. */
  protected readonly options: SubscriptionOptions;
  #subscribed = false;

  /** A subscription through `hub`. */
  constructor(hub: SubscriptionHub, names: Names, options: SubscriptionOptions = {}) {
    super();
    this.hub = hub;
    this.names = names;
    this.options = options;
  }

  /** The channels (and presence channels) this subscribes to. */
  get channels(): string[] {
    return this.#all("channels");
  }

  /** The channel groups this subscribes to. */
  get channelGroups(): string[] {
    return this.#all("channelGroups");
  }

  #all(kind: keyof Names): string[] {
    return [...new Set([...this.names[kind], ...this.members.flatMap((s) => s[kind])])];
  }

  /** Subscribes (from `timetoken` when given); events start reaching the listeners. */
  subscribe(parameters: { timetoken?: string } = {}): void {
    this.#subscribed = true;
    this.hub.hold(this, this, parameters.timetoken);
  }

  /** Unsubscribes what no other subscription holds; the listeners stop receiving events. */
  unsubscribe(): void {
    if (this.#subscribed) this.hub.release(this);
    this.#subscribed = false;
  }

  /** Whether `subscribe()` was called (and not `unsubscribe()` since). */
  get isSubscribed(): boolean {
    return this.#subscribed;
  }

  /** Unsubscribes and removes every listener. */
  dispose(): void {
    this.unsubscribe();
    this.removeAllListeners();
  }

  /** Who gets the events while this is subscribed: itself and a set's members. */
  get receivers(): EventTarget[] {
    return [this, ...this.members];
  }

  /** Emits the event if it was delivered for one of this subscription's names. */
  deliver<K extends Exclude<EventKind, "status">>(kind: K, event: EventOf[K], name: string): void {
    const filter = this.options.filter;
    if (
      [...this.channels, ...this.channelGroups].includes(name) &&
      (!filter || filter({ type: TYPE_OF[kind], data: event } as CompatEvent))
    ) {
      this.emit(kind, event);
    }
  }

  /** A readable description. */
  override toString(): string {
    return `Subscription${
      this instanceof SubscriptionSet ? "Set" : ""
    } { channels: ${this.channels}, groups: ${this.channelGroups} }`;
  }
}

/**
 * A subscription to one entity (a channel or a channel group).
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const subscription = pubnub.channel("room").subscription({ receivePresenceEvents: true });
 * subscription.onMessage = (m) => console.log(m.message);
 * ```
 */
export class Subscription extends SubscriptionBase {
  /** A new subscription to the same names, without listeners. */
  cloneEmpty(): Subscription {
    return new Subscription(this.hub, this.names, this.options);
  }

  /** A set holding this subscription and `other`, subscribed if this one is. */
  addSubscription(other: Subscription): SubscriptionSet {
    const set = new SubscriptionSet(this.hub, [this, other], this.options);
    if (this.isSubscribed) set.subscribe();
    return set;
  }
}

/**
 * Several subscriptions subscribed and listened to together.
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const set = pubnub.subscriptionSet({ channels: ["a", "b"], channelGroups: ["g"] });
 * set.onMessage = (m) => console.log(m.channel, m.message);
 * ```
 */
export class SubscriptionSet extends SubscriptionBase {
  /** A set of `members`. */
  constructor(hub: SubscriptionHub, members: Subscription[], options?: SubscriptionOptions) {
    super(hub, { channels: [], channelGroups: [] }, options);
    this.addSubscriptions(members);
  }

  /** The member subscriptions. */
  get subscriptions(): Subscription[] {
    return [...this.members];
  }

  /** A new set of the same names, without listeners. */
  cloneEmpty(): SubscriptionSet {
    return new SubscriptionSet(this.hub, this.members.map((s) => s.cloneEmpty()), this.options);
  }

  /** Adds a subscription (subscribed at once when the set is). */
  addSubscription(subscription: Subscription): void {
    this.addSubscriptions([subscription]);
  }

  /** Adds subscriptions (subscribed at once when the set is, in one subscription change). */
  addSubscriptions(subscriptions: Subscription[]): void {
    for (const s of subscriptions) if (!this.members.includes(s)) this.members.push(s);
    if (this.isSubscribed) this.hub.hold(this, this);
  }

  /** Removes a subscription (its names no other member has are let go when the set is subscribed). */
  removeSubscription(subscription: Subscription): void {
    this.removeSubscriptions([subscription]);
  }

  /** Removes subscriptions (the names they alone had are let go at once: one leave). */
  removeSubscriptions(subscriptions: Subscription[]): void {
    const { channels, channelGroups } = this;
    // Not a member: -1 becomes the largest index, and nothing is removed.
    for (const s of subscriptions) this.members.splice(this.members.indexOf(s) >>> 0, 1);
    const gone = (was: string[], kept: string[]) => was.filter((n) => !kept.includes(n));
    if (this.isSubscribed) {
      this.hub.release(this, {
        channels: gone(channels, this.channels),
        channelGroups: gone(channelGroups, this.channelGroups),
      });
    }
  }

  /** Adds every subscription of another set. */
  addSubscriptionSet(set: SubscriptionSet): void {
    this.addSubscriptions(set.members);
  }

  /** Removes every subscription of another set. */
  removeSubscriptionSet(set: SubscriptionSet): void {
    this.removeSubscriptions(set.members);
  }
}

/**
 * A channel or channel group entity: `subscription(options)` makes a subscription to it.
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * pubnub.channelGroup("g").subscription().subscribe();
 * pubnub.destroy();
 * ```
 */
export class Entity {
  readonly #hub: SubscriptionHub;
  readonly #kind: keyof Names;
  /** The entity's name. */
  readonly name: string;

  /** An entity named `name`: a channel, or (`kind` `channelGroups`) a channel group. */
  constructor(hub: SubscriptionHub, kind: keyof Names, name: string) {
    this.#hub = hub;
    this.#kind = kind;
    this.name = name;
  }

  /** A subscription to this entity (and its presence channel with `receivePresenceEvents`). */
  subscription(options?: SubscriptionOptions): Subscription {
    const names: Names = { channels: [], channelGroups: [] };
    names[this.#kind] = options?.receivePresenceEvents
      ? [this.name, presenceNameOf(this.name)]
      : [this.name];
    return new Subscription(this.#hub, names, options);
  }

  /** The entity's name. */
  toString(): string {
    return this.name;
  }
}

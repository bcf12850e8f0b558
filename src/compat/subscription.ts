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
 * const names: Names = { channels: ["a", "a-pnpres"], groups: [] };
 * ```
 */
export interface Names {
  /** Channel names (and patterns). */
  channels: string[];
  /** Channel group names. */
  groups: string[];
}

/**
 * What a subscription needs from its client.
 *
 * @example
 * ```ts
 * import type { SubscriptionHub } from "@pubnub-ts/pubsub/compat";
 * const hub: SubscriptionHub = { hold: () => {}, release: () => {}, onError: console.error };
 * ```
 */
export interface SubscriptionHub {
  /** Subscribes `names` on behalf of `holder`; a holder that is an {@link EventTarget} gets events. */
  hold(holder: object, names: Names, timetoken?: string): void;
  /** Drops `holder`'s hold on its names (it gets no more events); names nobody holds are unsubscribed. */
  release(holder: object): void;
  /** Where listener exceptions go. */
  onError(error: unknown): void;
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
 * What `Subscription` and `SubscriptionSet` share: listeners, subscribe and unsubscribe.
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
  /** The options it was made with. */
  protected readonly options: SubscriptionOptions;
  #subscribed = false;

  /** A subscription through `hub`. */
  constructor(hub: SubscriptionHub, options: SubscriptionOptions) {
    super((error) => hub.onError(error));
    this.hub = hub;
    this.options = options;
  }

  /** The channels (and presence channels) this subscribes to. */
  abstract get channels(): string[];
  /** The channel groups this subscribes to. */
  abstract get channelGroups(): string[];

  /** Subscribes (from `timetoken` when given); events start reaching the listeners. */
  subscribe(parameters: { timetoken?: string } = {}): void {
    this.#subscribed = true;
    this.hub.hold(
      this,
      { channels: this.channels, groups: this.channelGroups },
      parameters.timetoken,
    );
  }

  /** Unsubscribes what no other subscription holds; the listeners stop receiving events. */
  unsubscribe(): void {
    if (!this.#subscribed) return;
    this.#subscribed = false;
    this.hub.release(this);
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

  /** Who gets the events while this subscription is subscribed: itself. */
  get receivers(): EventTarget[] {
    return [this];
  }

  /** Emits the event if it was delivered for one of this subscription's names. */
  deliver<K extends Exclude<EventKind, "status">>(kind: K, event: EventOf[K], name: string): void {
    if (!this.channels.includes(name) && !this.channelGroups.includes(name)) return;
    const filter = this.options.filter;
    if (filter && !filter({ type: TYPE_OF[kind], data: event } as CompatEvent)) return;
    this.emit(kind, event);
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
  readonly #names: Names;

  /** A subscription to `names` (presence names added by the caller). */
  constructor(hub: SubscriptionHub, names: Names, options: SubscriptionOptions = {}) {
    super(hub, options);
    this.#names = names;
  }

  /** The channels (and presence channels) subscribed to. */
  get channels(): string[] {
    return [...this.#names.channels];
  }

  /** The channel groups subscribed to. */
  get channelGroups(): string[] {
    return [...this.#names.groups];
  }

  /** A new subscription to the same names, without listeners. */
  cloneEmpty(): Subscription {
    return new Subscription(this.hub, this.#names, this.options);
  }

  /** A set holding this subscription and `other`. */
  addSubscription(other: Subscription): SubscriptionSet {
    const set = new SubscriptionSet(this.hub, [], this.options);
    set.addSubscriptions([this, other]);
    return set;
  }

  /** A readable description. */
  override toString(): string {
    return `Subscription { channels: ${this.channels}, groups: ${this.channelGroups} }`;
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
  readonly #members: Subscription[] = [];

  /** A set of `members`. */
  constructor(hub: SubscriptionHub, members: Subscription[], options: SubscriptionOptions = {}) {
    super(hub, options);
    this.addSubscriptions(members);
  }

  /** The member subscriptions. */
  get subscriptions(): Subscription[] {
    return [...this.#members];
  }

  /** The members' channels. */
  get channels(): string[] {
    return [...new Set(this.#members.flatMap((s) => s.channels))];
  }

  /** The members' channel groups. */
  get channelGroups(): string[] {
    return [...new Set(this.#members.flatMap((s) => s.channelGroups))];
  }

  /** The set and its members: while the set is subscribed, the members' listeners get their events. */
  override get receivers(): EventTarget[] {
    return [this, ...this.#members];
  }

  /** A new set of the same names, without listeners. */
  cloneEmpty(): SubscriptionSet {
    return new SubscriptionSet(this.hub, this.#members.map((s) => s.cloneEmpty()), this.options);
  }

  /** Adds a subscription. */
  addSubscription(subscription: Subscription): void {
    if (!this.#members.includes(subscription)) this.#members.push(subscription);
  }

  /** Adds subscriptions. */
  addSubscriptions(subscriptions: Subscription[]): void {
    for (const s of subscriptions) this.addSubscription(s);
  }

  /** Removes a subscription (it is unsubscribed if the set was). */
  removeSubscription(subscription: Subscription): void {
    const at = this.#members.indexOf(subscription);
    if (at >= 0) this.#members.splice(at, 1);
  }

  /** Removes subscriptions. */
  removeSubscriptions(subscriptions: Subscription[]): void {
    for (const s of subscriptions) this.removeSubscription(s);
  }

  /** Adds every subscription of another set. */
  addSubscriptionSet(set: SubscriptionSet): void {
    this.addSubscriptions(set.subscriptions);
  }

  /** Removes every subscription of another set. */
  removeSubscriptionSet(set: SubscriptionSet): void {
    this.removeSubscriptions(set.subscriptions);
  }

  /** A readable description. */
  override toString(): string {
    return `SubscriptionSet { channels: ${this.channels}, groups: ${this.channelGroups} }`;
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
  readonly #kind: "channel" | "group";
  /** The entity's name. */
  readonly name: string;

  /** An entity named `name`. */
  constructor(hub: SubscriptionHub, kind: "channel" | "group", name: string) {
    this.#hub = hub;
    this.#kind = kind;
    this.name = name;
  }

  /** A subscription to this entity (and its presence channel with `receivePresenceEvents`). */
  subscription(options: SubscriptionOptions = {}): Subscription {
    const names = options.receivePresenceEvents
      ? [this.name, presenceNameOf(this.name)]
      : [this.name];
    return new Subscription(
      this.#hub,
      this.#kind === "channel" ? { channels: names, groups: [] } : { channels: [], groups: names },
      options,
    );
  }

  /** The entity's name. */
  toString(): string {
    return this.name;
  }
}

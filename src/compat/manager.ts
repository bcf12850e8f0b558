/**
 * Who holds which names: the app's own `subscribe()` and every entity subscription. A name is
 * subscribed on our client when its first holder takes it and unsubscribed (with a leave) when
 * its last holder lets go. Also routes our client's events, in the official shapes, to the
 * client's listeners and to the subscriptions they were delivered for.
 *
 * @module
 */
import { presenceNameOf } from "../core/wire/names.ts";
import type { PNStatus } from "../core/status.ts";
import type { PubNub as NativePubNub } from "../shell/pubnub.ts";
import { EventEmitter, type EventKind, type EventOf } from "./emitter.ts";
import {
  deliveredFor,
  messageActionEvent,
  messageEvent,
  presenceEvent,
  signalEvent,
} from "./events.ts";
import { statusEvent } from "./status.ts";
import type { EventTarget, Names, SubscriptionHub } from "./subscription.ts";

const key = (kind: "c" | "g", name: string) => `${kind}:${name}`;

/**
 * The subscription bookkeeping of one compat client.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { SubscriptionManager } from "./manager.ts";
 * const native = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const manager = new SubscriptionManager(native, console.error);
 * manager.emitter.addListener({ message: (m) => console.log(m.message) });
 * ```
 */
export class SubscriptionManager implements SubscriptionHub {
  /** The client's own listeners. */
  readonly emitter: EventEmitter;
  readonly #native: NativePubNub;
  readonly #holders = new Map<string, Set<object>>();
  readonly #heldBy = new Map<object, string[]>();
  readonly #targets = new Set<EventTarget>();
  readonly onError: (error: unknown) => void;
  #unsubscribedAll = false;

  /** Listens to `native` and routes its events. */
  constructor(native: NativePubNub, onError: (error: unknown) => void) {
    this.#native = native;
    this.onError = onError;
    this.emitter = new EventEmitter(onError);
    native.addListener({
      status: (_p, status) => this.#status(status),
      message: (_p, m) => this.#route("message", messageEvent(m)),
      signal: (_p, s) => this.#route("signal", signalEvent(s)),
      presence: (_p, p) => this.#route("presence", presenceEvent(p)),
      messageAction: (_p, a) => this.#route("messageAction", messageActionEvent(a)),
    });
  }

  /** Routes one event to the client's listeners and the subscriptions it was delivered for. */
  route<K extends Exclude<EventKind, "status">>(kind: K, event: EventOf[K]): void {
    this.#route(kind, event);
  }

  attach(target: EventTarget): void {
    this.#targets.add(target);
  }

  detach(target: EventTarget): void {
    this.#targets.delete(target);
  }

  hold(holder: object, names: Names, timetoken?: string): void {
    const keys = [
      ...names.channels.map((n) => key("c", n)),
      ...names.groups.map((n) => key("g", n)),
    ];
    const previous = this.#heldBy.get(holder) ?? [];
    this.#heldBy.set(holder, [...new Set([...previous, ...keys])]);
    const fresh: string[] = [];
    for (const k of keys) {
      let set = this.#holders.get(k);
      if (!set) this.#holders.set(k, set = new Set());
      if (set.size === 0) fresh.push(k);
      set.add(holder);
    }
    if (fresh.length === 0 && timetoken === undefined) return;
    this.#unsubscribedAll = false;
    const subscribe = this.#native.subscribe()
      .channels(namesOf(timetoken === undefined ? fresh : keys, "c"))
      .channelGroups(namesOf(timetoken === undefined ? fresh : keys, "g"));
    if (timetoken !== undefined) subscribe.withTimetoken(timetoken);
    subscribe.execute();
  }

  release(holder: object, only?: Names): void {
    const held = this.#heldBy.get(holder) ?? [];
    const dropping = only
      ? new Set([...only.channels.map((n) => key("c", n)), ...only.groups.map((n) => key("g", n))])
      : new Set(held);
    const kept = held.filter((k) => !dropping.has(k));
    if (kept.length > 0) this.#heldBy.set(holder, kept);
    else this.#heldBy.delete(holder);
    const free: string[] = [];
    for (const k of dropping) {
      const set = this.#holders.get(k);
      if (!set?.delete(holder)) continue;
      if (set.size === 0) {
        this.#holders.delete(k);
        free.push(k);
      }
    }
    if (free.length === 0) return;
    if (this.#holders.size === 0) this.#unsubscribedAll = true;
    this.#native.unsubscribe().channels(namesOf(free, "c")).channelGroups(namesOf(free, "g"))
      .execute();
    // Our client leaves `x-pnpres` with `x`: subscribe again to presence names still held.
    const orphans = namesOf(free, "c").map((n) => key("c", presenceNameOf(n)))
      .concat(namesOf(free, "g").map((n) => key("g", presenceNameOf(n))))
      .filter((k) => this.#holders.has(k));
    if (orphans.length > 0) {
      this.#native.subscribe().channels(namesOf(orphans, "c")).channelGroups(namesOf(orphans, "g"))
        .execute();
    }
  }

  /** Forgets every hold and unsubscribes from everything. */
  releaseAll(): void {
    this.#holders.clear();
    this.#heldBy.clear();
    this.#targets.clear();
    this.#unsubscribedAll = true;
    this.#native.unsubscribeAll();
  }

  #status(status: PNStatus): void {
    const event = statusEvent(status, this.#unsubscribedAll);
    if (event) this.emitter.emit("status", event);
  }

  #route<K extends Exclude<EventKind, "status">>(kind: K, event: EventOf[K]): void {
    this.emitter.emit(kind, event);
    const name = deliveredFor(event);
    for (const target of [...this.#targets]) target.deliver(kind, event, name);
  }
}

function namesOf(keys: readonly string[], kind: "c" | "g"): string[] {
  return keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(2));
}

/**
 * Who holds which names: the app's own `subscribe()` and every entity subscription. A name is
 * subscribed on our client when its first holder takes it and unsubscribed (with a leave) when
 * its last holder lets go. Also routes our client's events, in the official shapes, to the
 * client's listeners and to the subscriptions holding names.
 *
 * @module
 */
import { presenceNameOf } from "../core/wire/names.ts";
import type { PubNub as NativePubNub } from "../shell/pubnub.ts";
import type { EventEmitter, EventKind, EventOf } from "./emitter.ts";
import { messageActionEvent, messageEvent, presenceEvent, signalEvent } from "./events.ts";
import { statusEvent } from "./status.ts";
import type { EventTarget, Names, SubscriptionHub } from "./subscription.ts";

/** `c:name` for a channel, `g:name` for a group, each once. */
const keysOf = (names: Names) => [
  ...new Set([...names.channels.map((n) => `c:${n}`), ...names.groups.map((n) => `g:${n}`)]),
];

const namesOf = (keys: readonly string[], kind: string) =>
  keys.filter((k) => k[0] === kind).map((k) => k.slice(2));

/**
 * The subscription bookkeeping of one compat client.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { EventEmitter } from "@pubnub-ts/pubsub/compat";
 * import { SubscriptionManager } from "./manager.ts";
 * const native = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const manager = new SubscriptionManager(native, new EventEmitter(console.error), console.error);
 * manager.emitter.addListener({ message: (m) => console.log(m.message) });
 * ```
 */
export class SubscriptionManager implements SubscriptionHub {
  /** The client's own listeners. */
  readonly emitter: EventEmitter;
  readonly #native: NativePubNub;
  /** Each holder's names, as keys; an {@link EventTarget} holder's receivers get events. */
  readonly #held = new Map<object, string[]>();
  readonly onError: (error: unknown) => void;
  #unsubscribedAll = false;

  /** Listens to `native` and routes its events to `emitter` and the subscriptions. */
  constructor(native: NativePubNub, emitter: EventEmitter, onError: (error: unknown) => void) {
    this.#native = native;
    this.onError = onError;
    this.emitter = emitter;
    native.addListener({
      status: (_p, status) => {
        const event = statusEvent(status, this.#unsubscribedAll);
        if (event) this.emitter.emit("status", event);
      },
      message: (_p, m) => this.route("message", messageEvent(m)),
      signal: (_p, s) => this.route("signal", signalEvent(s)),
      presence: (_p, p) => this.route("presence", presenceEvent(p)),
      messageAction: (_p, a) => this.route("messageAction", messageActionEvent(a)),
    });
  }

  /** Routes one event to the client's listeners and the subscriptions holding names. */
  route<K extends Exclude<EventKind, "status">>(kind: K, event: EventOf[K]): void {
    this.emitter.emit(kind, event);
    const name = event.subscription ?? event.channel;
    const receivers = new Set<EventTarget>();
    for (const holder of this.#held.keys()) {
      for (const receiver of (holder as EventTarget).receivers ?? []) receivers.add(receiver);
    }
    for (const receiver of receivers) receiver.deliver(kind, event, name);
  }

  hold(holder: object, names: Names, timetoken?: string): void {
    const keys = keysOf(names);
    const fresh = keys.filter((k) => !this.#isHeld(k));
    this.#held.set(holder, [...new Set([...this.#held.get(holder) ?? [], ...keys])]);
    if (fresh.length === 0 && timetoken === undefined) return;
    this.#unsubscribedAll = false;
    this.#change("subscribe", timetoken === undefined ? fresh : keys, timetoken);
  }

  release(holder: object, only?: Names): void {
    const held = this.#held.get(holder) ?? [];
    const dropping = only ? keysOf(only) : held;
    const kept = held.filter((k) => !dropping.includes(k));
    if (kept.length > 0) this.#held.set(holder, kept);
    else this.#held.delete(holder);
    const free = dropping.filter((k) => held.includes(k) && !this.#isHeld(k));
    if (free.length === 0) return;
    if (this.#held.size === 0) this.#unsubscribedAll = true;
    this.#change("unsubscribe", free);
    // Our client leaves `x-pnpres` with `x`: subscribe again to presence names still held.
    const orphans = free.map(presenceNameOf).filter((k) => this.#isHeld(k));
    if (orphans.length > 0) this.#change("subscribe", orphans);
  }

  /** Forgets every hold and unsubscribes from everything. */
  releaseAll(): void {
    this.#held.clear();
    this.#unsubscribedAll = true;
    this.#native.unsubscribeAll();
  }

  #isHeld(key: string): boolean {
    return [...this.#held.values()].some((keys) => keys.includes(key));
  }

  #change(how: "subscribe" | "unsubscribe", keys: string[], timetoken?: string): void {
    const builder = this.#native[how]().channels(namesOf(keys, "c"))
      .channelGroups(namesOf(keys, "g")) as ReturnType<NativePubNub["subscribe"]>;
    if (timetoken !== undefined) builder.withTimetoken(timetoken);
    builder.execute();
  }
}

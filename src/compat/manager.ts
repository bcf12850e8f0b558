/**
 * Who holds which names: the app's own `subscribe()` and every entity subscription. A name is
 * subscribed on our client when its first holder takes it and unsubscribed (with a leave) when
 * its last holder lets go. Also routes our client's events, in the official shapes, to the
 * client's listeners and to the subscriptions holding names.
 *
 * @module
 */
import { presenceNameOf } from "../core/wire/names.ts";
import type { Client as NativePubNub } from "./client.ts";
import type { EventEmitter, EventKind, EventOf } from "./emitter.ts";
import { officialEvent, presenceEvent } from "./events.ts";
import { statusEvent } from "./status.ts";
import type { EventTarget, Names, SubscriptionHub } from "./subscription.ts";

/** `0name` for a channel, `1name` for a group, each once. */
const keysOf = (names: Names) => [
  ...new Set([...names.channels.map((n) => `0${n}`), ...names.channelGroups.map((n) => `1${n}`)]),
];

const namesOf = (keys: readonly string[], kind: string) =>
  keys.filter((k) => k[0] === kind).map((k) => k.slice(1));

/**
 * The subscription bookkeeping of one compat client.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { EventEmitter } from "@pubnub-ts/pubsub/compat";
 * import { SubscriptionManager } from "./manager.ts";
 * const native = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const emitter = new EventEmitter();
 * new SubscriptionManager(native, emitter);
 * emitter.addListener({ message: (m) => console.log(m.message) });
 * ```
 */
export class SubscriptionManager implements SubscriptionHub {
  readonly #native: NativePubNub;
  /** Each holder's names, as keys; an {@link EventTarget} holder's receivers get events. */
  readonly #held = new Map<object, string[]>();

  /** Listens to `native` and routes its events to `emitter` and the subscriptions. */
  constructor(native: NativePubNub, emitter: EventEmitter) {
    this.#native = native;
    // An event reaches the client's listeners, then each receiver of a holder, once.
    const route = <K extends Exclude<EventKind, "status">>(kind: K, event: EventOf[K]) => {
      emitter.emit(kind, event);
      const holders = [...this.#held.keys()] as EventTarget[];
      for (const receiver of new Set(holders.flatMap((holder) => holder.receivers ?? []))) {
        receiver.deliver(kind, event, event.subscription!);
      }
    };
    native.addListener({
      status: (_p, status) => {
        // Disconnected with nothing left subscribed: an unsubscribe, not a `disconnect()`.
        const left = native.getSubscribedChannels().length +
          native.getSubscribedChannelGroups().length;
        const event = statusEvent(status, !left);
        if (event) emitter.emit("status", event);
      },
      message: (_p, m) => route("message", officialEvent(m)),
      signal: (_p, s) => route("signal", officialEvent(s)),
      presence: (_p, p) => route("presence", presenceEvent(p)),
      messageAction: (_p, a) => route("messageAction", officialEvent(a)),
    });
  }

  hold(holder: object, names: Names, timetoken?: string): void {
    const keys = keysOf(names);
    const fresh = keys.filter((k) => !this.#isHeld(k));
    this.#held.set(holder, [...new Set([...this.#held.get(holder) ?? [], ...keys])]);
    if (fresh.length > 0 || timetoken !== undefined) {
      this.#change("subscribe", timetoken === undefined ? fresh : keys, timetoken);
    }
  }

  release(holder: object, only?: Names): void {
    const held = this.#held.get(holder) ?? [];
    const dropping = only ? keysOf(only) : held;
    const kept = held.filter((k) => !dropping.includes(k));
    if (kept.length > 0) this.#held.set(holder, kept);
    else this.#held.delete(holder);
    const free = dropping.filter((k) => held.includes(k) && !this.#isHeld(k));
    if (free.length === 0) return;
    this.#change("unsubscribe", free);
    // Our client leaves `x-pnpres` with `x`: subscribe again to presence names still held.
    const orphans = free.map(presenceNameOf).filter((k) => this.#isHeld(k));
    if (orphans.length > 0) this.#change("subscribe", orphans);
  }

  /** Forgets every hold and unsubscribes from everything. */
  releaseAll(): void {
    this.#held.clear();
    this.#native.unsubscribeAll();
  }

  #isHeld(key: string): boolean {
    return [...this.#held.values()].some((keys) => keys.includes(key));
  }

  #change(how: "subscribe" | "unsubscribe", keys: string[], timetoken?: string): void {
    const builder = this.#native[how]().channels(namesOf(keys, "0"))
      .channelGroups(namesOf(keys, "1")) as ReturnType<NativePubNub["subscribe"]>;
    if (timetoken !== undefined) builder.withTimetoken(timetoken);
    builder.execute();
  }
}

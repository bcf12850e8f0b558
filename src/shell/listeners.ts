import type {
  PNMessageActionResult,
  PNMessageResult,
  PNPresenceEventResult,
  PNSignalResult,
} from "../core/subscribe/envelope.ts";
import type { PNStatus } from "../core/status.ts";
import { reportSafely, watchResult } from "./call_safely.ts";
import type { ConnectionStateChange } from "../core/subscribe/connection_state.ts";

/**
 * A subscribe listener: any object with some of these methods (the client first, then the
 * value). A `PubNub` client is passed first; its type is left open here so listeners stay
 * decoupled. `M` is the type of messages and signals as the app knows them
 * (`Listener<PubNub, Chat>`); the SDK does not check it. A method may be async: what it throws
 * or rejects with is reported to the client's `onError`.
 *
 * @example
 * ```ts
 * import type { Listener } from "@pubnub-ts/pubsub";
 * const listener: Listener = {
 *   message(_pubnub, m) { console.log(m.channel, m.message); },
 *   status(_pubnub, s) { console.log(s.category); },
 * };
 * ```
 */
export interface Listener<Client = unknown, M = unknown> {
  /** A status: connected, reconnected, disconnected, errors. */
  status?(pubnub: Client, status: PNStatus): void;
  /** A published message. */
  message?(pubnub: Client, message: PNMessageResult<M>): void;
  /** A presence event: join, leave, timeout, state-change, interval. */
  presence?(pubnub: Client, presence: PNPresenceEventResult): void;
  /** A signal. */
  signal?(pubnub: Client, signal: PNSignalResult<M>): void;
  /**
   * The connection state changed (`connected`, `reconnecting`, …): with why, and for
   * `reconnecting` the next attempt's number and the delay before it.
   */
  connectionState?(pubnub: Client, change: ConnectionStateChange): void;
  /** A message action added to or removed from a message. */
  messageAction?(pubnub: Client, action: PNMessageActionResult): void;
}

/**
 * A listener base class: override the methods you need (`M` types messages and signals).
 *
 * @example
 * ```ts
 * import { SubscribeCallback } from "@pubnub-ts/pubsub";
 * import type { PNMessageResult } from "@pubnub-ts/pubsub";
 * class Printer extends SubscribeCallback {
 *   override message(_pubnub: unknown, m: PNMessageResult) { console.log(m.message); }
 * }
 * ```
 */
export class SubscribeCallback<Client = unknown, M = unknown> implements Listener<Client, M> {
  /** A status arrived; override to handle it. */
  status(_pubnub: Client, _status: PNStatus): void {}
  /** A message arrived; override to handle it. */
  message(_pubnub: Client, _message: PNMessageResult<M>): void {}
  /** A presence event arrived; override to handle it. */
  presence(_pubnub: Client, _presence: PNPresenceEventResult): void {}
  /** A signal arrived; override to handle it. */
  signal(_pubnub: Client, _signal: PNSignalResult<M>): void {}
  /** A message action was added or removed; override to handle it. */
  messageAction(_pubnub: Client, _action: PNMessageActionResult): void {}
}

/**
 * The set of listeners of one client. Each listener is called on its own: an exception in one,
 * or the rejection of the promise an async one returns, is reported (to `onError`, with the
 * listener and the name of the callback) and never reaches the loop or the other listeners.
 * Adding the same listener twice adds it once.
 *
 * @example
 * ```ts
 * import { ListenerSet } from "./listeners.ts";
 * const listeners = new ListenerSet<string>("client", (error) => console.error(error));
 * listeners.add({ status: (_c, s) => console.log(s.category) });
 * ```
 */
export class ListenerSet<Client> {
  readonly #client: Client;
  readonly #onError: (error: unknown, listener: Listener<Client>, callback: string) => void;
  readonly #listeners = new Set<Listener<Client>>();
  /**
   * The listeners as an array, rebuilt only when they change: `emit` runs once per delivered
   * message and iterates this snapshot, so a listener added or removed by a callback takes
   * effect from the next emit without a copy per call.
   */
  #snapshot: readonly Listener<Client>[] = [];

  /** `onError` receives what a listener threw or rejected with, and which callback it was. */
  constructor(
    client: Client,
    onError: (error: unknown, listener: Listener<Client>, callback: string) => void,
  ) {
    this.#client = client;
    this.#onError = onError;
  }

  /** Adds a listener (once). */
  add(listener: Listener<Client>): void {
    if (this.#listeners.has(listener)) return;
    this.#listeners.add(listener);
    this.#snapshot = [...this.#listeners];
  }

  /** Removes a listener. */
  remove(listener: Listener<Client>): void {
    if (this.#listeners.delete(listener)) this.#snapshot = [...this.#listeners];
  }

  /** Number of listeners. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Calls `kind` on every listener that has it, isolating failures. */
  emit<K extends keyof Listener<Client>>(
    kind: K,
    value: Parameters<NonNullable<Listener<Client>[K]>>[1],
  ): void {
    // A snapshot: listeners added or removed by a callback take effect from the next emit.
    for (const listener of this.#snapshot) {
      let result: unknown;
      // The method is read inside the try too: a getter that throws is the listener's failure.
      try {
        const method = listener[kind] as ((c: Client, v: typeof value) => unknown) | undefined;
        if (typeof method !== "function") continue;
        result = method.call(listener, this.#client, value);
      } catch (error) {
        this.#report(error, listener, kind);
        continue;
      }
      // Most listeners return nothing: only a value that may be a thenable is watched.
      if (result !== undefined) this.#watch(result, listener, kind);
    }
  }

  // The reporting closures are made here, not in `emit`'s loop: a closure there over the
  // loop's listener costs every call (a context per listener per message), thrown or not.
  #report(error: unknown, listener: Listener<Client>, kind: string): void {
    reportSafely((e) => this.#onError(e, listener, kind), error);
  }

  #watch(result: unknown, listener: Listener<Client>, kind: string): void {
    watchResult(result, (error) => this.#onError(error, listener, kind));
  }
}

/**
 * Listeners in the official SDK's style: `addListener({ message, presence, … })` with one-argument
 * callbacks, and the `onMessage`, `onPresence`, … handler properties. Shared by the client and its
 * subscriptions.
 *
 * @module
 */
import type {
  Listener,
  MessageActionEvent,
  MessageEvent,
  PresenceEvent,
  SignalEvent,
  Status,
  StatusEvent,
} from "./types.ts";

/**
 * What each listener kind receives.
 *
 * @example
 * ```ts
 * import type { EventOf } from "@pubnub-ts/pubsub/compat";
 * const handle = (m: EventOf["message"]) => console.log(m.message);
 * ```
 */
export type EventOf = {
  message: MessageEvent;
  signal: SignalEvent;
  presence: PresenceEvent;
  messageAction: MessageActionEvent;
  status: Status | StatusEvent;
};

/**
 * One of the listener kinds.
 *
 * @example
 * ```ts
 * import type { EventKind } from "@pubnub-ts/pubsub/compat";
 * const kind: EventKind = "presence";
 * ```
 */
export type EventKind = keyof EventOf;

/**
 * Reports what the app's code threw where nothing else can take it: on the console.
 *
 * @example
 * ```ts
 * import { reportError } from "./emitter.ts";
 * reportError(new Error("a listener failed"));
 * ```
 */
export const reportError = (error: unknown): void => console.error("PubNub:", error);

/**
 * A set of listeners plus the `on…` handlers. A throwing listener is reported to `onError` and
 * never stops the others.
 *
 * @example
 * ```ts
 * import { EventEmitter } from "@pubnub-ts/pubsub/compat";
 * const emitter = new EventEmitter((e) => console.error(e));
 * emitter.onMessage = (m) => console.log(m.message);
 * emitter.addListener({ presence: (p) => console.log(p.action) });
 * ```
 */
export class EventEmitter {
  readonly #listeners = new Set<Listener>();
  readonly #onError: (error: unknown) => void;

  /** `onError` receives what a listener threw (default: the console). */
  constructor(onError: (error: unknown) => void = reportError) {
    this.#onError = onError;
  }

  /** Handles status events. */
  declare onStatus?: (event: Status | StatusEvent) => void;
  /** Handles messages. */
  declare onMessage?: (event: MessageEvent) => void;
  /** Handles presence events. */
  declare onPresence?: (event: PresenceEvent) => void;
  /** Handles signals. */
  declare onSignal?: (event: SignalEvent) => void;
  /** Handles message action events. */
  declare onMessageAction?: (event: MessageActionEvent) => void;
  /** App Context events are not delivered by this client; setting a handler is allowed. */
  declare onObjects?: (event: never) => void;
  /** File events are not delivered by this client; setting a handler is allowed. */
  declare onFile?: (event: never) => void;

  /** Adds a listener (the same one twice is added once). */
  addListener(listener: Listener): void {
    this.#listeners.add(listener);
  }

  /** Removes a listener. */
  removeListener(listener: Listener): void {
    this.#listeners.delete(listener);
  }

  /** Removes every listener (the `on…` handlers stay). */
  removeAllListeners(): void {
    this.#listeners.clear();
  }

  /** Calls the `on…` handler of `kind` and every listener that has `kind`. */
  emit<K extends EventKind>(kind: K, event: EventOf[K]): void {
    const handler = `on${kind[0].toUpperCase()}${kind.slice(1)}`;
    for (const [target, name] of [[this, handler], ...[...this.#listeners].map((l) => [l, kind])]) {
      const method = (target as Record<string, unknown>)[name as string];
      if (typeof method === "function") {
        try {
          method.call(target, event);
        } catch (error) {
          this.#onError(error);
        }
      }
    }
  }
}

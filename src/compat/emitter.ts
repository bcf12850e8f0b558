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
 * import type { EventOf } from "./emitter.ts";
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
 * import type { EventKind } from "./emitter.ts";
 * const kind: EventKind = "presence";
 * ```
 */
export type EventKind = keyof EventOf;

/**
 * A set of listeners plus the `on…` handlers. A throwing listener is reported to `onError` and
 * never stops the others.
 *
 * @example
 * ```ts
 * import { EventEmitter } from "./emitter.ts";
 * const emitter = new EventEmitter((e) => console.error(e));
 * emitter.onMessage = (m) => console.log(m.message);
 * emitter.addListener({ presence: (p) => console.log(p.action) });
 * ```
 */
export class EventEmitter {
  readonly #listeners = new Set<Listener>();
  readonly #handlers: { [K in EventKind]?: (event: EventOf[K]) => void } = {};
  readonly #onError: (error: unknown) => void;

  /** `onError` receives what a listener threw. */
  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Handles status events. */
  set onStatus(handler: ((event: Status | StatusEvent) => void) | undefined) {
    this.#handlers.status = handler;
  }
  /** Handles messages. */
  set onMessage(handler: ((event: MessageEvent) => void) | undefined) {
    this.#handlers.message = handler;
  }
  /** Handles presence events. */
  set onPresence(handler: ((event: PresenceEvent) => void) | undefined) {
    this.#handlers.presence = handler;
  }
  /** Handles signals. */
  set onSignal(handler: ((event: SignalEvent) => void) | undefined) {
    this.#handlers.signal = handler;
  }
  /** Handles message action events. */
  set onMessageAction(handler: ((event: MessageActionEvent) => void) | undefined) {
    this.#handlers.messageAction = handler;
  }
  /** App Context events are not delivered by this client; setting a handler is allowed. */
  set onObjects(_handler: ((event: never) => void) | undefined) {}
  /** File events are not delivered by this client; setting a handler is allowed. */
  set onFile(_handler: ((event: never) => void) | undefined) {}

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

  /** Calls the `kind` handler and every listener that has `kind`. */
  emit<K extends EventKind>(kind: K, event: EventOf[K]): void {
    const handler = this.#handlers[kind] as ((event: EventOf[K]) => void) | undefined;
    if (handler) this.#call(() => handler(event));
    for (const listener of [...this.#listeners]) {
      const method = listener[kind] as ((event: EventOf[K]) => void) | undefined;
      if (typeof method === "function") this.#call(() => method.call(listener, event));
    }
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#onError(error);
    }
  }
}

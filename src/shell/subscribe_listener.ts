import type {
  PNMessageResult,
  PNPresenceEventResult,
  PNSignalResult,
} from "../core/subscribe/envelope.ts";
import { PubNubError } from "../core/error.ts";
import type { PNStatus } from "../core/status.ts";
import type { Listener } from "./listeners.ts";

/**
 * The seed's ready-made listener with promises: wait for the connection, for messages on given
 * channels, for presence events, for the disconnection. Everything it receives is also kept in
 * `messages`, `presenceEvents`, `signals` and `statuses`.
 *
 * @example
 * ```ts
 * import { SubscribeListener } from "./subscribe_listener.ts";
 * import { PubNub } from "./pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", publishKey: "demo", userId: "u" });
 * const listener = new SubscribeListener();
 * pubnub.addListener(listener);
 * pubnub.subscribe().channels("room").execute();
 * await listener.waitForConnect();
 * const message = await listener.waitForMessageOn("room");
 * ```
 */
export class SubscribeListener implements Listener {
  /** Messages received, in order. */
  readonly messages: PNMessageResult[] = [];
  /** Presence events received, in order. */
  readonly presenceEvents: PNPresenceEventResult[] = [];
  /** Signals received, in order. */
  readonly signals: PNSignalResult[] = [];
  /** Statuses received, in order. */
  readonly statuses: PNStatus[] = [];
  // Waiters in the order they were made; a message or presence event goes to the first one
  // that wants it, and each value is handed out by the stream waits at most once.
  readonly #waiters: Waiter[] = [];
  readonly #taken = new WeakSet<object>();

  /** Receives a status; when the loop gave up, waits that can no longer be met reject. */
  status(_pubnub: unknown, status: PNStatus): void {
    this.statuses.push(status);
    this.#notify("status", status);
    if (GAVE_UP.has(status.category)) {
      const said = (status.errorData as { message?: unknown } | undefined)?.message;
      const error = new PubNubError(
        `The subscribe loop gave up (${status.category})${
          typeof said === "string" ? `: ${said}` : ""
        }`,
        status,
      );
      for (let i = 0; i < this.#waiters.length;) {
        if (this.#waiters[i].endsOnGiveUp) this.#waiters.splice(i, 1)[0].reject(error);
        else i++;
      }
    }
  }

  /** Receives a message. */
  message(_pubnub: unknown, message: PNMessageResult): void {
    this.messages.push(message);
    this.#notify("message", message);
  }

  /** Receives a presence event. */
  presence(_pubnub: unknown, presence: PNPresenceEventResult): void {
    this.presenceEvents.push(presence);
    this.#notify("presence", presence);
  }

  /** Receives a signal. */
  signal(_pubnub: unknown, signal: PNSignalResult): void {
    this.signals.push(signal);
    this.#notify("signal", signal);
  }

  /**
   * Resolves with the first `PNConnectedCategory` status (at once if one arrived already);
   * rejects with a `PubNubError` carrying the status if the loop gives up first.
   */
  waitForConnect(): Promise<PNStatus> {
    return this.#waitForStatus(["PNConnectedCategory"], true);
  }

  /** Resolves with the first disconnected (or unexpected-disconnect) status. */
  waitForDisconnect(): Promise<PNStatus> {
    return this.#waitForStatus(
      ["PNDisconnectedCategory", "PNUnexpectedDisconnectCategory"],
      false,
    );
  }

  /**
   * Resolves with the oldest message not yet handed out by a wait, on one of `channels` (any
   * channel when none are named). Messages on other channels stay available to other waits.
   * Rejects with a `PubNubError` carrying the status if the loop gives up first.
   */
  waitForMessageOn(...channels: string[]): Promise<PNMessageResult> {
    return this.#waitInStream(
      "message",
      this.messages,
      (m) => channels.length === 0 || channels.includes(m.channel),
    );
  }

  /**
   * Resolves with the oldest presence event not yet handed out by a wait, on one of `channels`;
   * rejects if the loop gives up first.
   */
  waitForPresenceOn(...channels: string[]): Promise<PNPresenceEventResult> {
    return this.#waitInStream(
      "presence",
      this.presenceEvents,
      (p) => channels.length === 0 || channels.includes(p.channel),
    );
  }

  #waitForStatus(categories: string[], endsOnGiveUp: boolean): Promise<PNStatus> {
    const seen = this.statuses.find((s) => categories.includes(s.category));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.#waiters.push({
        accept: (kind, value) => {
          if (kind !== "status" || !categories.includes((value as PNStatus).category)) {
            return false;
          }
          resolve(value as PNStatus);
          return true;
        },
        reject,
        endsOnGiveUp,
      });
    });
  }

  #waitInStream<T extends object>(
    kind: string,
    list: T[],
    matches: (value: T) => boolean,
  ): Promise<T> {
    const available = list.find((value) => !this.#taken.has(value) && matches(value));
    if (available) {
      this.#taken.add(available);
      return Promise.resolve(available);
    }
    return new Promise((resolve, reject) => {
      this.#waiters.push({
        accept: (k, value) => {
          if (k !== kind || this.#taken.has(value as T) || !matches(value as T)) return false;
          this.#taken.add(value as T);
          resolve(value as T);
          return true;
        },
        reject,
        endsOnGiveUp: true,
      });
    });
  }

  #notify(kind: string, value: unknown): void {
    for (let i = 0; i < this.#waiters.length;) {
      if (this.#waiters[i].accept(kind, value)) this.#waiters.splice(i, 1);
      else i++;
    }
  }
}

/** Statuses after which the loop is stopped: nothing more arrives until the app acts. */
const GAVE_UP = new Set(["PNConnectionErrorCategory", "PNUnexpectedDisconnectCategory"]);

/** A pending wait: takes the value it wants, or is rejected when the loop gives up. */
interface Waiter {
  accept(kind: string, value: unknown): boolean;
  reject(error: PubNubError): void;
  endsOnGiveUp: boolean;
}

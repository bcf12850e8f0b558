import type {
  PNMessageResult,
  PNPresenceEventResult,
  PNSignalResult,
} from "../core/subscribe/envelope.ts";
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
  readonly #waiters = new Set<(kind: string, value: unknown) => boolean>();
  #messageCursor = 0;
  #presenceCursor = 0;

  /** Receives a status. */
  status(_pubnub: unknown, status: PNStatus): void {
    this.statuses.push(status);
    this.#notify("status", status);
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

  /** Resolves with the first `PNConnectedCategory` status (at once if one arrived already). */
  waitForConnect(): Promise<PNStatus> {
    return this.#waitForStatus(["PNConnectedCategory"]);
  }

  /** Resolves with the first disconnected (or unexpected-disconnect) status. */
  waitForDisconnect(): Promise<PNStatus> {
    return this.#waitForStatus(["PNDisconnectedCategory", "PNUnexpectedDisconnectCategory"]);
  }

  /**
   * Resolves with the next message not yet waited for on one of `channels` (any channel when
   * none are named).
   */
  waitForMessageOn(...channels: string[]): Promise<PNMessageResult> {
    const matches = (m: PNMessageResult) => channels.length === 0 || channels.includes(m.channel);
    return this.#waitInStream("message", this.messages, () => this.#messageCursor, (i) => {
      this.#messageCursor = i;
    }, matches);
  }

  /** Resolves with the next presence event not yet waited for on one of `channels`. */
  waitForPresenceOn(...channels: string[]): Promise<PNPresenceEventResult> {
    const matches = (p: PNPresenceEventResult) =>
      channels.length === 0 || channels.includes(p.channel);
    return this.#waitInStream("presence", this.presenceEvents, () => this.#presenceCursor, (i) => {
      this.#presenceCursor = i;
    }, matches);
  }

  #waitForStatus(categories: string[]): Promise<PNStatus> {
    const seen = this.statuses.find((s) => categories.includes(s.category));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      this.#waiters.add((kind, value) => {
        if (kind !== "status" || !categories.includes((value as PNStatus).category)) return false;
        resolve(value as PNStatus);
        return true;
      });
    });
  }

  #waitInStream<T>(
    kind: string,
    list: T[],
    cursor: () => number,
    advance: (index: number) => void,
    matches: (value: T) => boolean,
  ): Promise<T> {
    for (let i = cursor(); i < list.length; i++) {
      if (matches(list[i])) {
        advance(i + 1);
        return Promise.resolve(list[i]);
      }
    }
    return new Promise((resolve) => {
      this.#waiters.add((k, value) => {
        if (k !== kind || !matches(value as T)) return false;
        advance(list.lastIndexOf(value as T) + 1);
        resolve(value as T);
        return true;
      });
    });
  }

  #notify(kind: string, value: unknown): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter(kind, value)) this.#waiters.delete(waiter);
    }
  }
}

import type {
  PNMessageResult,
  PNPresenceEventResult,
  PNSignalResult,
} from "../core/subscribe/envelope.ts";
import { PubNubError } from "../core/error.ts";
import type { PNStatus } from "../core/status.ts";
import { errorStatus } from "../core/response_status.ts";
import { describeValue } from "../core/describe_value.ts";
import type { Listener } from "./listeners.ts";
import { type Clock, systemClock } from "./clock.ts";
import { HEARS_MISSED_CONNECT } from "./late_connect.ts";

/**
 * How long a `SubscribeListener` wait may take: past `timeoutMs` milliseconds it rejects with a
 * `PubNubError` that says what was waited for. Without it, a wait lasts until it is met or the
 * subscribe loop gives up.
 *
 * @example
 * ```ts
 * import type { WaitOptions } from "@pubnub-ts/pubsub";
 * const options: WaitOptions = { timeoutMs: 5_000 };
 * ```
 */
export interface WaitOptions {
  /** Milliseconds before the wait rejects; a positive finite number. */
  timeoutMs?: number;
}

/**
 * A ready-made listener with promises: wait for the connection, for messages on given
 * channels, for presence events, for the disconnection. Everything it receives is also kept in
 * `messages`, `presenceEvents`, `signals` and `statuses` (`M` types messages and signals, as
 * the app knows them: `new SubscribeListener<Chat>()`). Every wait takes an optional
 * `{ timeoutMs }` (last argument). Added to a client that is connected already, it is told the
 * connected status at once, so `waitForConnect()` does not wait for a connection that happened
 * before it was there.
 *
 * @example
 * ```ts
 * import { PubNub, SubscribeListener } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({
 *   subscribeKey: "demo", publishKey: "demo", userId: "u", origin: server.origin, ssl: false,
 * });
 * const listener = new SubscribeListener<{ text: string }>();
 * pubnub.addListener(listener);
 * pubnub.subscribe().channels("room").execute();
 * await listener.waitForConnect({ timeoutMs: 10_000 });
 * await pubnub.publish().channel("room").message({ text: "hi" });
 * const message = await listener.waitForMessageOn("room", { timeoutMs: 10_000 });
 * console.log(message.message.text);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export class SubscribeListener<M = unknown> implements Listener<unknown, M> {
  /** Messages received, in order. */
  readonly messages: PNMessageResult<M>[] = [];
  /** Presence events received, in order. */
  readonly presenceEvents: PNPresenceEventResult[] = [];
  /** Signals received, in order. */
  readonly signals: PNSignalResult<M>[] = [];
  /** Statuses received, in order. */
  readonly statuses: PNStatus[] = [];
  // Waiters in the order they were made; a message or presence event goes to the first one
  // that wants it, and each value is handed out by the stream waits at most once.
  readonly #waiters: Waiter[] = [];
  readonly #taken = new WeakSet<object>();
  readonly #clock: Clock;

  /** `clock` runs the wait timeouts; default the real clock. */
  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
    (this as Record<symbol, unknown>)[HEARS_MISSED_CONNECT] = true;
  }

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
  message(_pubnub: unknown, message: PNMessageResult<M>): void {
    this.messages.push(message);
    this.#notify("message", message);
  }

  /** Receives a presence event. */
  presence(_pubnub: unknown, presence: PNPresenceEventResult): void {
    this.presenceEvents.push(presence);
    this.#notify("presence", presence);
  }

  /** Receives a signal. */
  signal(_pubnub: unknown, signal: PNSignalResult<M>): void {
    this.signals.push(signal);
    this.#notify("signal", signal);
  }

  /**
   * Resolves with the first `PNConnectedCategory` status (at once if one arrived already, or if
   * the client was connected when this listener was added); rejects with a `PubNubError`
   * carrying the status if the loop gives up first, or when `timeoutMs` passes.
   */
  waitForConnect(options?: WaitOptions): Promise<PNStatus> {
    return this.#waitForStatus(["PNConnectedCategory"], true, "a connected status", options);
  }

  /** Resolves with the first disconnected (or unexpected-disconnect) status. */
  waitForDisconnect(options?: WaitOptions): Promise<PNStatus> {
    return this.#waitForStatus(
      ["PNDisconnectedCategory", "PNUnexpectedDisconnectCategory"],
      false,
      "a disconnected status",
      options,
    );
  }

  /**
   * Resolves with the oldest message not yet handed out by a wait, on one of `channels` (any
   * channel when none are named). Messages on other channels stay available to other waits.
   * Rejects with a `PubNubError` carrying the status if the loop gives up first. A last
   * argument `{ timeoutMs }` bounds the wait.
   */
  waitForMessageOn(...channels: string[]): Promise<PNMessageResult<M>>;
  /** The same, bounded: `waitForMessageOn("a", "b", { timeoutMs: 5000 })`. */
  waitForMessageOn(
    ...args: [...channels: string[], options: WaitOptions]
  ): Promise<PNMessageResult<M>>;
  waitForMessageOn(...args: (string | WaitOptions)[]): Promise<PNMessageResult<M>> {
    const [channels, options] = splitArgs(args);
    return this.#waitInStream(
      "message",
      this.messages,
      (m) => channels.length === 0 || channels.includes(m.channel),
      `a message${on(channels)}`,
      options,
    );
  }

  /**
   * Resolves with the oldest presence event not yet handed out by a wait, on one of `channels`;
   * rejects if the loop gives up first. A last argument `{ timeoutMs }` bounds the wait.
   */
  waitForPresenceOn(...channels: string[]): Promise<PNPresenceEventResult>;
  /** The same, bounded: `waitForPresenceOn("a", { timeoutMs: 5000 })`. */
  waitForPresenceOn(
    ...args: [...channels: string[], options: WaitOptions]
  ): Promise<PNPresenceEventResult>;
  waitForPresenceOn(...args: (string | WaitOptions)[]): Promise<PNPresenceEventResult> {
    const [channels, options] = splitArgs(args);
    return this.#waitInStream(
      "presence",
      this.presenceEvents,
      (p) => channels.length === 0 || channels.includes(p.channel),
      `a presence event${on(channels)}`,
      options,
    );
  }

  #waitForStatus(
    categories: string[],
    endsOnGiveUp: boolean,
    what: string,
    options: WaitOptions | undefined,
  ): Promise<PNStatus> {
    const timeoutMs = checkTimeout(options);
    const seen = this.statuses.find((s) => categories.includes(s.category));
    if (seen) return Promise.resolve(seen);
    return this.#wait<PNStatus>(
      what,
      timeoutMs,
      endsOnGiveUp,
      (kind, value) => kind === "status" && categories.includes((value as PNStatus).category),
    );
  }

  #waitInStream<T extends object>(
    kind: string,
    list: T[],
    matches: (value: T) => boolean,
    what: string,
    options: WaitOptions | undefined,
  ): Promise<T> {
    const timeoutMs = checkTimeout(options);
    const available = list.find((value) => !this.#taken.has(value) && matches(value));
    if (available) {
      this.#taken.add(available);
      return Promise.resolve(available);
    }
    return this.#wait<T>(what, timeoutMs, true, (k, value) => {
      if (k !== kind || this.#taken.has(value as T) || !matches(value as T)) return false;
      this.#taken.add(value as T);
      return true;
    });
  }

  /** Queues a waiter that takes what `wants` accepts; a timeout, if any, rejects it. */
  #wait<T>(
    what: string,
    timeoutMs: number | undefined,
    endsOnGiveUp: boolean,
    wants: (kind: string, value: unknown) => boolean,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        accept: (kind, value) => {
          if (!wants(kind, value)) return false;
          if (timer !== undefined) this.#clock.clearTimeout(timer);
          resolve(value as T);
          return true;
        },
        reject: (error) => {
          if (timer !== undefined) this.#clock.clearTimeout(timer);
          reject(error);
        },
        endsOnGiveUp,
      };
      this.#waiters.push(waiter);
      // Read by the waiter only once a value or a give-up arrives, after this is set.
      const timer = timeoutMs === undefined ? undefined : this.#clock.setTimeout(() => {
        const index = this.#waiters.indexOf(waiter);
        if (index === -1) return;
        this.#waiters.splice(index, 1);
        reject(
          new PubNubError(
            `Timed out after ${timeoutMs} ms waiting for ${what}`,
            errorStatus(
              "PNTimeoutCategory",
              "PNSubscribeOperation",
              `no ${what.replace(/^an? /, "")} within ${timeoutMs} ms`,
            ),
          ),
        );
      }, timeoutMs);
    });
  }

  #notify(kind: string, value: unknown): void {
    for (let i = 0; i < this.#waiters.length;) {
      if (this.#waiters[i].accept(kind, value)) this.#waiters.splice(i, 1);
      else i++;
    }
  }
}

/** Splits `("a", "b", { timeoutMs })` into the channels and the options. */
function splitArgs(args: (string | WaitOptions)[]): [string[], WaitOptions | undefined] {
  const last = args[args.length - 1];
  if (typeof last === "object" && last !== null) {
    return [args.slice(0, -1) as string[], last];
  }
  return [args as string[], undefined];
}

function on(channels: string[]): string {
  return channels.length === 0 ? "" : ` on ${channels.map((c) => `"${c}"`).join(" or ")}`;
}

/** The timeout, checked: a bad one is refused at once, not turned into a wait that never ends. */
function checkTimeout(options: WaitOptions | undefined): number | undefined {
  const timeoutMs = options?.timeoutMs;
  if (timeoutMs === undefined) return undefined;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0) || timeoutMs > MAX_TIMEOUT_MS) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      `Cannot wait: timeoutMs must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS}, got ${
        describeValue(timeoutMs)
      }`,
    );
  }
  return timeoutMs;
}

/** The longest delay a timer can hold (2^31 - 1 ms). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Statuses after which the loop is stopped: nothing more arrives until the app acts. */
const GAVE_UP = new Set(["PNConnectionErrorCategory", "PNUnexpectedDisconnectCategory"]);

/** A pending wait: takes the value it wants, or is rejected when the loop gives up. */
interface Waiter {
  accept(kind: string, value: unknown): boolean;
  reject(error: PubNubError): void;
  endsOnGiveUp: boolean;
}

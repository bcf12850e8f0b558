/**
 * The subscribing half of a client: its listeners, the subscribe loop, the optional heartbeat
 * loop and the subscription that drives them. `PubNub` holds one, and so does a client made by
 * `createPubNub` with the `subscribing` feature: one implementation behind both.
 *
 * @module
 */
import type { PNConfiguration } from "../core/config.ts";
import { describeValue } from "../core/describe_value.ts";
import { PubNubError } from "../core/error.ts";
import { checkTimetoken } from "../core/subscription/subscription.ts";
import * as events from "../core/subscribe/events.ts";
import { type ConnectionState, connectionStateOf } from "../core/subscribe/connection_state.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { EngineLogEntry } from "./engine_runner.ts";
import type { RequestSender } from "./endpoint.ts";
import { callSafely, reportingSafely } from "./call_safely.ts";
import { ClientSubscription } from "./client_subscription.ts";
import { type Listener, ListenerSet } from "./listeners.ts";
import type { PresenceLoop, PresenceLoopContext } from "./presence_loop.ts";
import type { PNLogger } from "./log.ts";
import type { LoopLog } from "./loop_log.ts";
import { SubscribeLoop } from "./subscribe_loop.ts";
import type { GapRestorer } from "./gap_restorer.ts";
import type { EnvelopeDecryption } from "./envelope_decryption.ts";
import { HEARS_MISSED_CONNECT } from "./late_connect.ts";

/** How long `stop()` waits for leave requests before cancelling them. */
const STOP_LEAVE_GRACE_MS = 1000;

/**
 * What a {@link Subscriber} is built from.
 *
 * @example
 * ```ts ignore
 * const parts: SubscriberParts = { client, config, sender, options: {} };
 * ```
 */
export interface SubscriberParts {
  /** What listeners receive as their first argument. */
  client: unknown;
  /** The client's configuration. */
  config: PNConfiguration;
  /** Where requests go (the client's transport, so `stop()` cancels them). */
  sender: RequestSender;
  /** The client's seams: clock, random source, error sink, logger. */
  options: {
    clock?: Clock;
    random?: () => number;
    onError?: (error: unknown, callback?: string) => void;
    logger?: PNLogger;
  };
  /** Decrypts message payloads (a cipher key is configured). */
  decryption?: EnvelopeDecryption;
  /** Makes the heartbeat loop; absent: no heartbeats (the loop's code is not even loaded). */
  heartbeats?: (context: PresenceLoopContext) => PresenceLoop;
  /** Makes the gap back-fill; absent: gaps are not restored (its code is not even loaded). */
  gapRestorer?: () => GapRestorer;
  /** The loops' log (retries, engine transitions, failed callbacks); absent: nothing logged. */
  log?: LoopLog;
}

/**
 * Listeners, loops and subscription of one client.
 *
 * @example
 * ```ts ignore
 * const subscriber = new Subscriber({ client, config, sender, options: {} });
 * subscriber.addListener({ message: (_c, m) => console.log(m.message) });
 * new Subscribe(subscriber.subscription.appControl).channels(["room"]).execute();
 * ```
 */
export class Subscriber {
  /** The listeners every loop emits to. */
  readonly listeners: ListenerSet<unknown>;
  /** The subscribe loop. */
  readonly subscribeLoop: SubscribeLoop;
  /** The heartbeat loop, when heartbeats are on. */
  readonly presenceLoop: PresenceLoop | undefined;
  /** What the app and the streams hold. */
  readonly subscription: ClientSubscription;
  /** Reports a failed callback or other non-fatal trouble (logged, then the app's `onError`). */
  readonly onError: (error: unknown, callback?: string) => void;
  readonly #clock: Clock;

  /** Builds the loops, idle until something is subscribed. */
  constructor(parts: SubscriberParts) {
    const { config, options } = parts;
    this.#clock = options.clock ?? systemClock;
    const log = parts.log;
    const report = reportingSafely(options.onError);
    this.onError = (error, callback) => {
      log?.trouble(error, callback);
      report(error, callback);
    };
    this.listeners = new ListenerSet<unknown>(
      parts.client,
      (error, _listener, callback) => this.onError(error, callback),
    );
    const shared = {
      config,
      sender: parts.sender,
      clock: this.#clock,
      random: options.random ?? Math.random,
      listeners: this.listeners,
      presenceState: () => this.subscription.presenceState(),
      onError: this.onError,
    };
    this.subscribeLoop = new SubscribeLoop({
      ...shared,
      decryption: parts.decryption,
      gapRestorer: parts.gapRestorer?.(),
    });
    this.presenceLoop = parts.heartbeats && config.heartbeatInterval > 0
      ? parts.heartbeats({ ...shared, leave: (c, g) => this.subscription.leave(c, g) })
      : undefined;
    this.subscription = new ClientSubscription({
      config,
      sender: parts.sender,
      subscribeLoop: this.subscribeLoop,
      presenceLoop: this.presenceLoop,
      listeners: this.listeners,
    }, {
      heartbeats: this.presenceLoop !== undefined,
      suppressLeaveEvents: config.suppressLeaveEvents,
    });
    if (log) {
      this.subscribeLoop.logTo(log);
      this.presenceLoop?.logTo(log);
    }
  }

  /**
   * Adds a listener (once). A `SubscribeListener` added while connected is told the connected
   * status at once.
   */
  addListener(client: unknown, listener: Listener<unknown>): void {
    if (typeof listener !== "object" || listener === null) {
      throw PubNubError.validation(
        "PNSubscribeOperation",
        `Cannot add a listener: expected an object with status, message, presence or signal methods, got ${
          describeValue(listener)
        }`,
      );
    }
    this.listeners.add(listener);
    // A SubscribeListener added to a connected client hears the connected status it missed,
    // so its waitForConnect() resolves at once instead of waiting for a connection that was.
    const connected = HEARS_MISSED_CONNECT in listener
      ? this.subscription.connectedStatus()
      : undefined;
    if (connected) {
      callSafely(() => listener.status!(client, connected), (e) => this.onError(e, "status"));
    }
  }

  /** Stops the loops, keeping the subscription and timetoken. */
  disconnect(): void {
    this.subscribeLoop.dispatch(events.disconnect());
    this.presenceLoop?.disconnect();
  }

  /** Resumes from the last timetoken (or `timetoken`). */
  reconnect(timetoken?: string): void {
    checkTimetoken("reconnect", timetoken);
    const cursor = timetoken === undefined ? undefined : { timetoken, region: 0 };
    this.subscribeLoop.dispatch(events.reconnect(cursor));
    this.presenceLoop?.reconnect();
  }

  /** Where the connection stands, read from the subscribe loop's state. */
  get connectionState(): ConnectionState {
    return connectionStateOf(this.subscribeLoop.state);
  }

  /** Reports every event and invocation of the engines; returns what stops the reporting. */
  observeEngine(
    observer: (entry: EngineLogEntry) => void,
    options: { retries?: boolean } = {},
  ): () => void {
    const stops = [this.subscribeLoop.observe(observer, options)];
    if (this.presenceLoop) stops.push(this.presenceLoop.observe(observer, options));
    return () => stops.forEach((stop) => stop());
  }

  /**
   * The first half of a client's stop: unsubscribes from everything and gives the leave
   * requests a second to complete before the transport cancels what is left.
   */
  async leaveAll(): Promise<void> {
    this.subscription.unsubscribeAll();
    const leaves = this.subscription.pendingLeaves();
    if (leaves.length > 0) {
      let timer: unknown;
      const grace = new Promise<void>((resolve) => {
        timer = this.#clock.setTimeout(resolve, STOP_LEAVE_GRACE_MS);
      });
      await Promise.race([Promise.allSettled(leaves), grace]);
      this.#clock.clearTimeout(timer);
    }
  }

  /** The second half: waits for the leaves the transport has just cancelled to settle. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.subscription.pendingLeaves());
  }
}

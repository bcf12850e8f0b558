/**
 * A client's subscription as the loops see it: what the app's subscribe builders and the message
 * streams hold, applied to the subscribe and presence loops in order, with the leave requests
 * that dropping names sends. `PubNub` keeps one and hands its controls to the builders.
 *
 * @module
 */
import type { PNConfiguration } from "../core/config.ts";
import { buildLeaveRequest } from "../core/requests/leave.ts";
import { emittedStatus, withOperation } from "../core/response_status.ts";
import type { PNStatus } from "../core/status.ts";
import { loopStatus } from "../core/subscribe/loop_status.ts";
import * as subscription from "../core/subscription/subscription.ts";
import type { SubscriptionUpdate } from "../core/subscription/subscription.ts";
import * as events from "../core/subscribe/events.ts";
import { connectionStateOf } from "../core/subscribe/connection_state.ts";
import type { SubscriptionControl } from "./builders/subscribe.ts";
import type { RequestSender } from "./endpoint.ts";
import type { Listener, ListenerSet } from "./listeners.ts";
import { type ConnectedWaitSource, waitForConnected } from "./connected_wait.ts";
import type { PresenceLoop } from "./presence_loop.ts";
import type { SubscribeLoop } from "./subscribe_loop.ts";

/**
 * What a {@link ClientSubscription} drives.
 *
 * @example
 * ```ts ignore
 * import type { ClientSubscriptionParts } from "./client_subscription.ts";
 * const parts: ClientSubscriptionParts = { config, sender, subscribeLoop, presenceLoop, listeners };
 * ```
 */
export interface ClientSubscriptionParts {
  /** The client's configuration (the subscribe key of leave requests). */
  config: PNConfiguration;
  /** Where leave requests go (the client's transport, so `stop()` cancels them). */
  sender: RequestSender;
  /** The subscribe loop, told every change of the subscription. */
  subscribeLoop: SubscribeLoop;
  /** The presence loop, told joins and leaves; absent without heartbeats. */
  presenceLoop: PresenceLoop | undefined;
  /** The client's listeners: streams and connected waits add theirs; failed leaves are told. */
  listeners: ListenerSet<unknown>;
}

/**
 * The subscription of one client: the names the app and the message streams hold, the presence
 * state to send, and the leaves in flight.
 *
 * @example
 * ```ts ignore
 * import { ClientSubscription } from "./client_subscription.ts";
 * const subscription = new ClientSubscription(
 *   { config, sender, subscribeLoop, presenceLoop, listeners },
 *   { heartbeats: presenceLoop !== undefined, suppressLeaveEvents: false },
 * );
 * new SubscribeBuilder(subscription.appControl).channels(["room"]).execute();
 * ```
 */
export class ClientSubscription {
  readonly #parts: ClientSubscriptionParts;
  readonly #pendingLeaves = new Set<Promise<void>>();
  readonly #streamClosers = new Set<() => void>();
  #subscription: subscription.Subscription;

  /** Starts with nothing subscribed. */
  constructor(
    parts: ClientSubscriptionParts,
    options: { heartbeats: boolean; suppressLeaveEvents: boolean },
  ) {
    this.#parts = parts;
    this.#subscription = subscription.createSubscription(options);
  }

  /** Drops every name, whoever held it: the app's subscriptions and every message stream. */
  unsubscribeAll(): void {
    const { subscribeLoop } = this.#parts;
    const update = subscription.unsubscribeAll(this.#subscription, subscribeLoop.projectedState);
    this.#subscription = update.subscription;
    for (const close of [...this.#streamClosers]) close();
    this.#announce(update);
    subscribeLoop.dispatch(events.unsubscribeAll());
  }

  /** The leave requests still in flight. */
  pendingLeaves(): Promise<void>[] {
    return [...this.#pendingLeaves];
  }

  /** The presence state sent with subscribe and heartbeat. */
  presenceState(): Record<string, unknown> {
    return subscription.stateFor(this.#subscription, this.#parts.subscribeLoop.projectedState);
  }

  /** What the app's subscribe and unsubscribe builders use: marks the names as the app's. */
  readonly appControl: SubscriptionControl = {
    subscribeTo: (request) => {
      this.change((current, names) => subscription.subscribe(current, names, request));
      return waitForConnected(this.#connectedWaitSource);
    },
    unsubscribeFrom: (channels, groups) =>
      this.change((current, names) => subscription.unsubscribe(current, names, channels, groups)),
  };

  /**
   * Applies a change of the subscription computed from the current one and the names subscribed
   * now (how message streams hold and release names: `stream_source.ts`).
   */
  change(
    update: (current: subscription.Subscription, names: subscription.Names) => SubscriptionUpdate,
  ): void {
    this.#apply(update(this.#subscription, this.#parts.subscribeLoop.projectedState));
  }

  /** Registers `close`, called when everything is unsubscribed; returns what unregisters it. */
  onUnsubscribeAll(close: () => void): () => boolean {
    this.#streamClosers.add(close);
    return () => this.#streamClosers.delete(close);
  }

  /** The client's listeners (message streams add theirs). */
  get listeners(): ListenerSet<unknown> {
    return this.#parts.listeners;
  }

  readonly #connectedWaitSource: ConnectedWaitSource = {
    addListener: (listener) => this.listeners.add(listener as Listener<unknown>),
    removeListener: (listener) => this.listeners.remove(listener as Listener<unknown>),
    connectedNow: () => this.connectedStatus(),
  };

  /** A connected status describing the subscription, when the loop is receiving now. */
  connectedStatus(): PNStatus | undefined {
    const state = this.#parts.subscribeLoop.state;
    if (connectionStateOf(state) !== "connected") return undefined;
    return emittedStatus(loopStatus("PNConnectedCategory", state, undefined, state.cursor));
  }

  /** Keeps the new subscription and tells the engines what it says, in its order. */
  #apply(update: SubscriptionUpdate): void {
    this.#subscription = update.subscription;
    const { changed } = update;
    if (changed) {
      this.#parts.subscribeLoop.dispatch(
        changed.timetoken === undefined
          ? events.subscriptionChanged(changed.channels, changed.groups)
          : events.subscriptionRestored(changed.channels, changed.groups, {
            timetoken: changed.timetoken,
            region: 0,
          }),
      );
    }
    this.#announce(update);
  }

  #announce({ announce, leave }: SubscriptionUpdate): void {
    const { presenceLoop } = this.#parts;
    if (announce) presenceLoop?.announce(announce);
    if (leave) void this.leave(leave.channels, leave.groups);
  }

  /** Sends a leave; a failure is reported as a status, never thrown. */
  leave(channels: readonly string[], groups: readonly string[]): Promise<void> {
    const request = buildLeaveRequest({
      subscribeKey: this.#parts.config.subscribeKey,
      channels,
      channelGroups: groups,
    });
    if (!request) return Promise.resolve();
    const pending = this.#parts.sender.send(request).then((outcome) => {
      if (!outcome.ok && outcome.status.category !== "PNCancelledCategory") {
        this.#parts.listeners.emit(
          "status",
          withOperation(outcome.status, "PNUnsubscribeOperation"),
        );
      }
    });
    this.#pendingLeaves.add(pending);
    pending.finally(() => this.#pendingLeaves.delete(pending));
    return pending;
  }
}

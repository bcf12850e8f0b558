/**
 * The `subscribing` feature: listeners, `subscribe()` and `unsubscribe()`, and the connection's
 * controls, as on `PubNub` (the same subscribe loop behind both).
 *
 * @module
 */
import { applySubscribeOptions } from "../../core/config.ts";
import type { ConnectionState } from "../../core/subscribe/connection_state.ts";
import { SubscribeBuilder, UnsubscribeBuilder } from "../builders/subscribe.ts";
import type { Subscribe, Unsubscribe } from "../builders/subscribe_api.ts";
import type { EngineLogEntry } from "../engine_runner.ts";
import type { Listener } from "../listeners.ts";
import { Subscriber } from "../subscriber.ts";
import { defineFeature, type Feature, type PubNubClient } from "./client.ts";

/**
 * The calls `subscribing` adds.
 *
 * @example
 * ```ts
 * import type { SubscribingCalls } from "@pubnub-ts/pubsub/modular";
 * const join = (pubnub: SubscribingCalls) => pubnub.subscribe().channels(["room"]).execute();
 * ```
 */
export interface SubscribingCalls {
  /** Adds a listener (adding the same one twice adds it once). */
  addListener<M = unknown>(listener: Listener<PubNubClient, M>): void;
  /** Removes a listener. */
  removeListener<M = unknown>(listener: Listener<PubNubClient, M>): void;
  /** Starts a subscribe: `subscribe().channels([...]).withPresence().execute()`. */
  subscribe(): Subscribe;
  /** Starts an unsubscribe: `unsubscribe().channels(...).execute()`. */
  unsubscribe(): Unsubscribe;
  /** Leaves every channel and group; a later subscribe starts from a new timetoken. */
  unsubscribeAll(): void;
  /** Channels currently subscribed to (presence channels included). */
  getSubscribedChannels(): string[];
  /** Channel groups currently subscribed to. */
  getSubscribedChannelGroups(): string[];
  /** Stops the loops, keeping the subscription and timetoken for `reconnect()`. */
  disconnect(): void;
  /** Resumes after a failure or `disconnect()` from the last timetoken (or `timetoken`). */
  reconnect(timetoken?: string): void;
  /** Where the connection stands: `"disconnected"`, `"connecting"`, `"connected"`, … */
  readonly connectionState: ConnectionState;
  /** Reports every event and invocation of the engines; returns what stops the reporting. */
  observeEngine(
    observer: (entry: EngineLogEntry) => void,
    options?: { retries?: boolean },
  ): () => void;
}

/**
 * Subscribe, listeners and the connection's controls.
 *
 * @example
 * ```ts
 * import { createPubNub, subscribing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [subscribing]);
 * pubnub.addListener({ message: (_client, m) => console.log(m.message) });
 * console.log(pubnub.connectionState); // "disconnected"
 * await pubnub.stop();
 * ```
 */
export const subscribing: Feature<SubscribingCalls> = /* @__PURE__ */ defineFeature<
  SubscribingCalls
>({
  name: "subscribing",
  options: applySubscribeOptions,
  install: (host) => {
    // The host has what the subscriber needs under the same names.
    const subscriber = new Subscriber(host);
    host.subscriber = subscriber;
    host.onStop(() => subscriber.leaveAll(), () => subscriber.settled());
    const { subscription, subscribeLoop } = subscriber;
    return {
      addListener: (listener) => subscriber.addListener(host.client, listener as Listener<unknown>),
      removeListener: (listener) => subscriber.listeners.remove(listener as Listener<unknown>),
      subscribe: () => new SubscribeBuilder(subscription.appControl),
      unsubscribe: () => new UnsubscribeBuilder(subscription.appControl),
      unsubscribeAll: () => subscription.unsubscribeAll(),
      getSubscribedChannels: () => [...subscribeLoop.projectedState.channels],
      getSubscribedChannelGroups: () => [...subscribeLoop.projectedState.groups],
      disconnect: () => subscriber.disconnect(),
      reconnect: (timetoken) => subscriber.reconnect(timetoken),
      get connectionState() {
        return subscriber.connectionState;
      },
      observeEngine: (observer, options) => subscriber.observeEngine(observer, options),
    };
  },
});

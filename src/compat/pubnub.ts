/**
 * The compat client: the official JavaScript SDK's `PubNub` class (v8+ API) on top of our
 * client, so code written for `npm:pubnub` runs with one changed import.
 *
 * @module
 */
import { PubNub as NativePubNub } from "../shell/pubnub.ts";
import type { PNHereNowResult } from "../core/requests/here_now.ts";
import { invalid, settle } from "./call.ts";
import type * as Calls from "./call_types.ts";
import { PubNubChannelGroups } from "./channel_groups.ts";
import { type PubNubConfiguration, translateConfiguration } from "./config.ts";
import { CryptoModule } from "./crypto.ts";
import type { EventEmitter } from "./emitter.ts";
import * as Enums from "./enums.ts";
import { SubscriptionManager } from "./manager.ts";
import * as Retry from "./retry.ts";
import { PubNubError } from "./status.ts";
import {
  Entity,
  Subscription as SubscriptionClass,
  SubscriptionSet as SubscriptionSetClass,
} from "./subscription.ts";
import type * as T from "./types.ts";

/** The app's own `subscribe()` calls hold their names under this key. */
const APP = {};

/** Throws our validation errors in the official shape; passes on the rest. */
function guard<R>(operation: string, fn: () => R): R {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error && (error as { status?: { category?: string } }).status?.category) {
      invalid(operation, error.message);
    }
    throw error;
  }
}

/**
 * The official SDK's client, on our engine.
 *
 * @example
 * ```ts
 * import PubNub from "../../compat.ts";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" });
 * pubnub.addListener({ message: (m) => console.log(m.channel, m.message) });
 * pubnub.subscribe({ channels: ["room"] });
 * pubnub.destroy();
 * ```
 */
class PubNub {
  /** Status categories, by the official names. */
  static CATEGORIES: typeof Enums.CATEGORIES = Enums.CATEGORIES;
  /** Operation names, by the official names. */
  static OPERATIONS: typeof Enums.OPERATIONS = Enums.OPERATIONS;
  /** Endpoint groups (for retry policy exclusions). */
  static Endpoint: typeof Enums.Endpoint = Enums.Endpoint;
  /** Log levels. */
  static LogLevel: typeof Enums.LogLevel = Enums.LogLevel;
  /** A linear retry policy for `retryConfiguration`. */
  static LinearRetryPolicy: typeof Retry.RetryPolicy.LinearRetryPolicy =
    Retry.RetryPolicy.LinearRetryPolicy;
  /** An exponential retry policy for `retryConfiguration`. */
  static ExponentialRetryPolicy: typeof Retry.RetryPolicy.ExponentialRetryPolicy =
    Retry.RetryPolicy.ExponentialRetryPolicy;
  /** No retries, for `retryConfiguration`. */
  static NoneRetryPolicy: typeof Retry.RetryPolicy.None = Retry.RetryPolicy.None;
  /** Crypto module constructors for `cryptoModule`. */
  static CryptoModule: typeof CryptoModule = CryptoModule;

  /** A random user id. */
  static generateUUID(): string {
    return crypto.randomUUID();
  }

  readonly #native: NativePubNub;
  readonly #manager: SubscriptionManager;
  readonly #emitter: EventEmitter;
  readonly #groups: PubNubChannelGroups;

  /**
   * Creates a client. Options this client cannot honour are reported once, with
   * `console.warn`, naming each option and why.
   */
  constructor(configuration: PubNubConfiguration) {
    const { options, unsupported } = translateConfiguration(configuration);
    if (unsupported.length > 0) {
      console.warn(`PubNub compat: these options are not applied: ${unsupported.join("; ")}`);
    }
    const onError = (error: unknown) => console.error("PubNub: a listener threw:", error);
    this.#native = guard("PNSubscribeOperation", () => new NativePubNub(options, { onError }));
    this.#manager = new SubscriptionManager(this.#native, onError);
    this.#emitter = this.#manager.emitter;
    this.#groups = new PubNubChannelGroups(this.#native);
  }

  /** This client's user id. */
  get userId(): string {
    return this.#native.config.userId;
  }

  /** This client's user id. */
  getUserId(): string {
    return this.#native.config.userId;
  }

  /** This client's user id (older name). */
  getUUID(): string {
    return this.#native.config.userId;
  }

  /** The server-side filter expression. */
  get filterExpression(): string | undefined {
    return this.#native.config.filterExpression;
  }

  /** The filter expression (older name). */
  getFilterExpression(): string | undefined {
    return this.#native.config.filterExpression;
  }

  /** The access key. */
  get authKey(): string | undefined {
    return this.#native.config.authKey;
  }

  /** The access key (older name). */
  getAuthKey(): string | undefined {
    return this.#native.config.authKey;
  }

  /** The SDK version. */
  getVersion(): string {
    return "12.0.3";
  }

  /** Channel group calls. */
  get channelGroups(): PubNubChannelGroups {
    return this.#groups;
  }

  // ---- Publish, signal, fire, time ----

  /** Publishes a message: resolves to `{ timetoken }`. */
  publish(parameters: T.PublishParameters): Promise<T.TimetokenResponse>;
  /** Publishes a message, callback style. */
  publish(parameters: T.PublishParameters, callback: T.ResultCallback<T.TimetokenResponse>): void;
  publish(
    parameters: T.PublishParameters,
    callback?: T.ResultCallback<T.TimetokenResponse>,
  ): Promise<T.TimetokenResponse> | void {
    return settle(() => this.#publish(parameters, false), timetoken, callback);
  }

  /** Sends a message to the channel's functions only: not delivered, not stored. */
  fire(parameters: T.PublishParameters): Promise<T.TimetokenResponse>;
  /** Fires a message, callback style. */
  fire(parameters: T.PublishParameters, callback: T.ResultCallback<T.TimetokenResponse>): void;
  fire(
    parameters: T.PublishParameters,
    callback?: T.ResultCallback<T.TimetokenResponse>,
  ): Promise<T.TimetokenResponse> | void {
    return settle(() => this.#publish(parameters, true), timetoken, callback);
  }

  /** Sends a signal (a small, unstored message). */
  signal(parameters: T.SignalParameters): Promise<T.TimetokenResponse>;
  /** Sends a signal, callback style. */
  signal(parameters: T.SignalParameters, callback: T.ResultCallback<T.TimetokenResponse>): void;
  signal(
    parameters: T.SignalParameters,
    callback?: T.ResultCallback<T.TimetokenResponse>,
  ): Promise<T.TimetokenResponse> | void {
    return settle(
      () => {
        const builder = this.#native.signal().channel(parameters.channel).message(
          parameters.message,
        );
        if (parameters.customMessageType !== undefined) {
          builder.customMessageType(parameters.customMessageType);
        }
        return builder.future();
      },
      timetoken,
      callback,
    );
  }

  /** The service's time: `{ timetoken }`. */
  time(): Promise<T.TimetokenResponse>;
  /** The service's time, callback style. */
  time(callback: T.ResultCallback<T.TimetokenResponse>): void;
  time(callback?: T.ResultCallback<T.TimetokenResponse>): Promise<T.TimetokenResponse> | void {
    return settle(() => this.#native.time().future(), timetoken, callback);
  }

  #publish(p: T.PublishParameters, fire: boolean) {
    const builder = (fire ? this.#native.fire() : this.#native.publish())
      .channel(p.channel).message(p.message);
    if (p.meta !== undefined) builder.meta(p.meta as Record<string, unknown>);
    if (p.storeInHistory !== undefined && !fire) builder.shouldStore(p.storeInHistory);
    if (p.ttl !== undefined) builder.ttl(p.ttl);
    if (p.sendByPost !== undefined) builder.usePost(p.sendByPost);
    if (p.customMessageType !== undefined) builder.customMessageType(p.customMessageType);
    return builder.future();
  }

  // ---- Presence ----

  /** Who is present on channels and groups. */
  hereNow(parameters: Calls.HereNowParameters): Promise<Calls.HereNowResponse>;
  /** Who is present, callback style. */
  hereNow(
    parameters: Calls.HereNowParameters,
    callback: T.ResultCallback<Calls.HereNowResponse>,
  ): void;
  hereNow(
    parameters: Calls.HereNowParameters,
    callback?: T.ResultCallback<Calls.HereNowResponse>,
  ): Promise<Calls.HereNowResponse> | void {
    return settle(
      () => {
        const builder = this.#native.hereNow()
          .channels(parameters.channels ?? []).channelGroups(parameters.channelGroups ?? [])
          .includeUuids(parameters.includeUUIDs ?? true).includeState(
            parameters.includeState ?? false,
          );
        if (parameters.limit !== undefined) builder.limit(parameters.limit);
        if (parameters.offset !== undefined) builder.offset(parameters.offset);
        return builder.future();
      },
      hereNowResponse,
      callback,
    );
  }

  /** The channels a user (default: this client) is present on. */
  whereNow(parameters: Calls.WhereNowParameters): Promise<Calls.WhereNowResponse>;
  /** The channels a user is present on, callback style. */
  whereNow(
    parameters: Calls.WhereNowParameters,
    callback: T.ResultCallback<Calls.WhereNowResponse>,
  ): void;
  whereNow(
    parameters: Calls.WhereNowParameters,
    callback?: T.ResultCallback<Calls.WhereNowResponse>,
  ): Promise<Calls.WhereNowResponse> | void {
    return settle(
      () => this.#native.whereNow().uuid(parameters.uuid ?? this.userId).future(),
      (r) => ({ channels: r.channels }),
      callback,
    );
  }

  /** Sets this client's presence state on channels and groups. */
  setState(parameters: Calls.SetStateParameters): Promise<Calls.SetStateResponse>;
  /** Sets presence state, callback style. */
  setState(
    parameters: Calls.SetStateParameters,
    callback: T.ResultCallback<Calls.SetStateResponse>,
  ): void;
  setState(
    parameters: Calls.SetStateParameters,
    callback?: T.ResultCallback<Calls.SetStateResponse>,
  ): Promise<Calls.SetStateResponse> | void {
    return settle(
      () =>
        this.#native.setState().channels(parameters.channels ?? [])
          .channelGroups(parameters.channelGroups ?? [])
          .state(parameters.state as Record<string, unknown>).future(),
      (r) => ({ state: r.state as T.Payload }),
      callback,
    );
  }

  /** A user's (default: this client's) presence state. */
  getState(parameters: Calls.GetStateParameters): Promise<Calls.GetStateResponse>;
  /** A user's presence state, callback style. */
  getState(
    parameters: Calls.GetStateParameters,
    callback: T.ResultCallback<Calls.GetStateResponse>,
  ): void;
  getState(
    parameters: Calls.GetStateParameters,
    callback?: T.ResultCallback<Calls.GetStateResponse>,
  ): Promise<Calls.GetStateResponse> | void {
    return settle(
      () =>
        this.#native.getState().channels(parameters.channels ?? [])
          .channelGroups(parameters.channelGroups ?? []).uuid(parameters.uuid ?? this.userId)
          .future(),
      (r) => ({ channels: r.channels as Record<string, T.Payload> }),
      callback,
    );
  }

  // ---- Subscribe ----

  /** Subscribes to channels and groups (and their presence channels with `withPresence`). */
  subscribe(parameters: T.SubscribeParameters): void {
    const presence = (names: string[]) =>
      parameters.withPresence ? names.flatMap((n) => [n, `${n}-pnpres`]) : names;
    const tt = parameters.timetoken === undefined || parameters.timetoken === 0 ||
        parameters.timetoken === "0"
      ? undefined
      : String(parameters.timetoken);
    guard("PNSubscribeOperation", () =>
      this.#manager.hold(APP, {
        channels: presence(parameters.channels ?? []),
        groups: presence(parameters.channelGroups ?? []),
      }, tt));
  }

  /** Unsubscribes from channels and groups (and their presence channels); sends a leave. */
  unsubscribe(parameters: Calls.UnsubscribeParameters): void {
    const withPresence = (names: string[]) => names.flatMap((n) => [n, `${n}-pnpres`]);
    guard("PNUnsubscribeOperation", () =>
      this.#manager.release(APP, {
        channels: withPresence(parameters.channels ?? []),
        groups: withPresence(parameters.channelGroups ?? []),
      }));
  }

  /** Unsubscribes from everything, subscriptions included. */
  unsubscribeAll(): void {
    this.#manager.releaseAll();
  }

  /** Stops receiving, keeping the subscription for `reconnect()`. */
  disconnect(): void {
    this.#native.disconnect();
  }

  /** Resumes receiving, from the last timetoken (or the one given). */
  reconnect(parameters?: { timetoken?: string; region?: number }): void {
    guard("PNSubscribeOperation", () => this.#native.reconnect(parameters?.timetoken));
  }

  /** Unsubscribes from everything and releases every request and timer. */
  destroy(_isOffline?: boolean): void {
    this.#manager.releaseAll();
    void this.#native.stop();
  }

  /** Older name of {@link destroy}. */
  stop(): void {
    this.destroy();
  }

  /** Channels subscribed to (presence channels included). */
  getSubscribedChannels(): string[] {
    return this.#native.getSubscribedChannels();
  }

  /** Channel groups subscribed to. */
  getSubscribedChannelGroups(): string[] {
    return this.#native.getSubscribedChannelGroups();
  }

  // ---- Listeners ----

  /** Adds a listener (one-argument callbacks). */
  addListener(listener: T.Listener): void {
    this.#emitter.addListener(listener);
  }

  /** Removes a listener. */
  removeListener(listener: T.Listener): void {
    this.#emitter.removeListener(listener);
  }

  /** Removes every listener. */
  removeAllListeners(): void {
    this.#emitter.removeAllListeners();
  }

  /** Handles status events. */
  set onStatus(handler: ((status: T.Status | T.StatusEvent) => void) | undefined) {
    this.#emitter.onStatus = handler;
  }
  /** Handles messages. */
  set onMessage(handler: ((event: T.MessageEvent) => void) | undefined) {
    this.#emitter.onMessage = handler;
  }
  /** Handles presence events. */
  set onPresence(handler: ((event: T.PresenceEvent) => void) | undefined) {
    this.#emitter.onPresence = handler;
  }
  /** Handles signals. */
  set onSignal(handler: ((event: T.SignalEvent) => void) | undefined) {
    this.#emitter.onSignal = handler;
  }
  /** Handles message action events. */
  set onMessageAction(handler: ((event: T.MessageActionEvent) => void) | undefined) {
    this.#emitter.onMessageAction = handler;
  }

  // ---- Entities ----

  /** A channel entity: `channel("a").subscription(options)`. */
  channel(name: string): Entity {
    return new Entity(this.#manager, "channel", name);
  }

  /** A channel group entity. */
  channelGroup(name: string): Entity {
    return new Entity(this.#manager, "group", name);
  }

  /** A set of subscriptions to channels and groups, listened to together. */
  subscriptionSet(parameters: {
    channels?: string[];
    channelGroups?: string[];
    subscriptionOptions?: T.SubscriptionOptions;
  }): SubscriptionSetClass {
    const options = parameters.subscriptionOptions ?? {};
    return new SubscriptionSetClass(this.#manager, [
      ...(parameters.channels ?? []).map((c) => this.channel(c).subscription(options)),
      ...(parameters.channelGroups ?? []).map((g) => this.channelGroup(g).subscription(options)),
    ], options);
  }
}

function timetoken(result: { timetoken: string }): T.TimetokenResponse {
  return { timetoken: result.timetoken };
}

function hereNowResponse(r: PNHereNowResult): Calls.HereNowResponse {
  const channels: Calls.HereNowResponse["channels"] = {};
  for (const [name, data] of Object.entries(r.channels)) {
    channels[name] = {
      occupants: data.occupants.map((o) => ({ uuid: o.uuid, state: o.state as T.Payload | null })),
      name,
      occupancy: data.occupancy,
    };
  }
  return { totalChannels: r.totalChannels, totalOccupancy: r.totalOccupancy, channels };
}

/**
 * The official SDK's type names, so that `PubNub.Subscription.Message`, `PubNub.Status`,
 * `PubNub.Publish.PublishParameters`, … resolve against this entry.
 */
declare namespace PubNub {
  /** The client configuration. */
  export type PubNubConfiguration = import("./config.ts").PubNubConfiguration;
  /** The client configuration (the official SDK's base type). */
  export type UserConfiguration = import("./config.ts").PubNubConfiguration;
  /** A JSON value. */
  export type Payload = T.Payload;
  /** A finished call's status. */
  export type Status = T.Status;
  /** A real-time connection status. */
  export type StatusEvent = T.StatusEvent;
  /** Listener callbacks. */
  export type Listener = T.Listener;
  /** `(status, response)` callback. */
  export type ResultCallback<R> = T.ResultCallback<R>;
  /** `(status)` callback. */
  export type StatusCallback = T.StatusCallback;
  /** A status category name. */
  export type StatusCategory = Enums.CompatCategory;
  /** An operation name. */
  export type RequestOperation = Enums.CompatOperation;
  /** A retry policy. */
  export type RequestRetryPolicy = Retry.RequestRetryPolicy;
  /** Entity subscription options. */
  export type SubscriptionOptions = T.SubscriptionOptions;
  /** A channel entity. */
  export type Channel = Entity;
  /** A channel group entity. */
  export type ChannelGroup = Entity;
  /** An entity subscription. */
  export type Subscription = SubscriptionClass;
  /** An entity subscription (the official SDK's other name). */
  export type SubscriptionObject = SubscriptionClass;
  /** A set of entity subscriptions. */
  export type SubscriptionSet = SubscriptionSetClass;
  /** The error calls reject with. */
  export type PubNubError = import("./status.ts").PubNubError;
  /** Real-time event shapes. */
  export namespace Subscription {
    /** A message event. */
    export type Message = T.MessageEvent;
    /** A presence event. */
    export type Presence = T.PresenceEvent;
    /** A signal event. */
    export type Signal = T.SignalEvent;
    /** A message action event. */
    export type MessageAction = T.MessageActionEvent;
    /** `subscribe()` parameters. */
    export type SubscribeParameters = T.SubscribeParameters;
    /** Where a subscription resumes from. */
    export type SubscriptionCursor = { timetoken: string; region?: number };
  }
  /** Publish shapes. */
  export namespace Publish {
    /** `publish()` parameters. */
    export type PublishParameters = T.PublishParameters;
    /** `publish()` result. */
    export type PublishResponse = T.TimetokenResponse;
  }
  /** Signal shapes. */
  export namespace Signal {
    /** `signal()` parameters. */
    export type SignalParameters = T.SignalParameters;
    /** `signal()` result. */
    export type SignalResponse = T.TimetokenResponse;
  }
  /** Time shapes. */
  export namespace Time {
    /** `time()` result. */
    export type TimeResponse = T.TimetokenResponse;
  }
  /** Presence shapes. */
  export namespace Presence {
    /** `hereNow()` parameters. */
    export type HereNowParameters = Calls.HereNowParameters;
    /** `hereNow()` result. */
    export type HereNowResponse = Calls.HereNowResponse;
    /** `whereNow()` parameters. */
    export type WhereNowParameters = Calls.WhereNowParameters;
    /** `whereNow()` result. */
    export type WhereNowResponse = Calls.WhereNowResponse;
    /** `getState()` parameters. */
    export type GetPresenceStateParameters = Calls.GetStateParameters;
    /** `getState()` result. */
    export type GetPresenceStateResponse = Calls.GetStateResponse;
    /** `setState()` parameters. */
    export type SetPresenceStateParameters = Calls.SetStateParameters;
    /** `setState()` result. */
    export type SetPresenceStateResponse = Calls.SetStateResponse;
    /** `unsubscribe()` parameters. */
    export type PresenceLeaveParameters = Calls.UnsubscribeParameters;
  }
  /** Channel group shapes. */
  export namespace ChannelGroups {
    /** Add or remove channels. */
    export type ManageChannelGroupChannelsParameters = Calls.ManageChannelGroupParameters;
    /** Names a group. */
    export type ListChannelGroupChannelsParameters = Calls.ChannelGroupParameters;
    /** Names a group. */
    export type DeleteChannelGroupParameters = Calls.ChannelGroupParameters;
    /** A group's channels. */
    export type ListChannelGroupChannelsResponse = Calls.ListChannelsResponse;
    /** The keyset's groups. */
    export type ListAllChannelGroupsResponse = Calls.ListGroupsResponse;
  }
  /** Storage shapes. */
  export namespace History {
    /** `fetchMessages()` parameters. */
    export type FetchMessagesParameters = Calls.FetchMessagesParameters;
    /** `fetchMessages()` result. */
    export type FetchMessagesResponse = Calls.FetchMessagesResponse;
    /** One fetched message. */
    export type FetchedMessage = Calls.FetchedMessage;
    /** A fetched message's actions. */
    export type Actions = Calls.Actions;
    /** `history()` parameters. */
    export type GetHistoryParameters = Calls.HistoryParameters;
    /** `history()` result. */
    export type GetHistoryResponse = Calls.HistoryResponse;
    /** `messageCounts()` parameters. */
    export type MessageCountParameters = Calls.MessageCountsParameters;
    /** `messageCounts()` result. */
    export type MessageCountResponse = Calls.MessageCountsResponse;
    /** `deleteMessages()` parameters. */
    export type DeleteMessagesParameters = Calls.DeleteMessagesParameters;
  }
  /** Message action shapes. */
  export namespace MessageAction {
    /** A message action. */
    export type MessageAction = Calls.MessageAction;
    /** `addMessageAction()` parameters. */
    export type AddMessageActionParameters = Calls.AddMessageActionParameters;
    /** `getMessageActions()` parameters. */
    export type GetMessageActionsParameters = Calls.GetMessageActionsParameters;
    /** `getMessageActions()` result. */
    export type GetMessageActionsResponse = Calls.GetMessageActionsResponse;
    /** `removeMessageAction()` parameters. */
    export type RemoveMessageActionParameters = Calls.RemoveMessageActionParameters;
  }
}

export { PubNub, PubNubError };
export default PubNub;

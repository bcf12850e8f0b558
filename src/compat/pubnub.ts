/**
 * The compat client: the official JavaScript SDK's `PubNub` class (v8+ API) on top of our
 * client, so code written for `npm:pubnub` runs with one changed import.
 *
 * @module
 */
import { presenceNameOf } from "../core/wire/names.ts";
import { type Client as NativePubNub, createClient } from "./client.ts";
import { PubNubError as OurError } from "../core/error.ts";
import type * as Calls from "./call_types.ts";
import { type PubNubConfiguration, translateConfiguration } from "./config.ts";
import { CryptoModule } from "./crypto.ts";
import * as Enums from "./enums.ts";
import { reportError } from "./emitter.ts";
import { SubscriptionManager } from "./manager.ts";
import * as Retry from "./retry.ts";
import { PubNubStorageCalls } from "./storage_calls.ts";
import { nativeOf } from "./call.ts";
import { callStatus, errorFromStatus, PubNubError } from "./status.ts";
import {
  Entity,
  type Names,
  Subscription as SubscriptionClass,
  SubscriptionSet as SubscriptionSetClass,
} from "./subscription.ts";
import type * as T from "./types.ts";

/** The app's own `subscribe()` calls hold their names under this key. */
const APP = {};

/** Throws our errors (bad names, a bad configuration) in the official shape; passes on the rest. */
function guard<R>(fn: () => R): R {
  try {
    return fn();
  } catch (error) {
    throw error instanceof OurError ? errorFromStatus(callStatus(error.status)) : error;
  }
}

/** The names of `subscribe()` or `unsubscribe()` parameters, with their presence names. */
function names(
  parameters: { channels?: string[]; channelGroups?: string[] },
  withPresence?: boolean,
): Names {
  const add = (list: string[] = []) =>
    withPresence ? list.flatMap((n) => [n, presenceNameOf(n)]) : list;
  return { channels: add(parameters.channels), channelGroups: add(parameters.channelGroups) };
}

/** Our client for an official configuration; what it cannot honour is reported once. */
function nativeClient(configuration: PubNubConfiguration): NativePubNub {
  const { options, unsupported } = translateConfiguration(configuration);
  if (unsupported.length > 0) {
    console.warn(`PubNub: options not applied: ${unsupported.join("; ")}`);
  }
  return guard(() => createClient(options, { onError: reportError }));
}

/**
 * The official SDK's client, on our engine.
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" });
 * pubnub.addListener({ message: (m) => console.log(m.channel, m.message) });
 * pubnub.subscribe({ channels: ["room"] });
 * pubnub.destroy();
 * ```
 */
class PubNub extends PubNubStorageCalls {
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

  readonly #manager: SubscriptionManager;

  /**
   * Creates a client. Options this client cannot honour are reported once, with
   * `console.warn`, naming each option and why.
   */
  constructor(configuration: PubNubConfiguration) {
    super(nativeClient(configuration));
    this.#manager = new SubscriptionManager(nativeOf(this), this);
  }

  // ---- Subscribe ----

  /**
   * Subscribes to channels and groups (and their presence channels with `withPresence`); a
   * `state` is set on them as `setState` would (a failure is reported with `console.error`).
   */
  subscribe(parameters: T.SubscribeParameters): void {
    const tt = parameters.timetoken;
    guard(() =>
      this.#manager.hold(
        APP,
        names(parameters, parameters.withPresence),
        tt && tt !== "0" ? String(tt) : undefined,
      )
    );
    if (parameters.state !== undefined) {
      this.setState(parameters as Calls.SetStateParameters).catch(reportError);
    }
  }

  /** Unsubscribes from channels and groups (and their presence channels); sends a leave. */
  unsubscribe(parameters: Calls.UnsubscribeParameters): void {
    guard(() => this.#manager.release(APP, names(parameters, true)));
  }

  /** Unsubscribes from everything, subscriptions included. */
  unsubscribeAll(): void {
    this.#manager.releaseAll();
  }

  /** Stops receiving, keeping the subscription for `reconnect()`. */
  disconnect(): void {
    nativeOf(this).disconnect();
  }

  /** Resumes receiving, from the last timetoken (or the one given). */
  reconnect(parameters?: { timetoken?: string; region?: number }): void {
    guard(() => nativeOf(this).reconnect(parameters?.timetoken));
  }

  /** Unsubscribes from everything and releases every request and timer. */
  destroy(_isOffline?: boolean): void {
    this.#manager.releaseAll();
    void nativeOf(this).stop();
  }

  /** Older name of {@link destroy}. */
  stop(): void {
    this.destroy();
  }

  /** Channels subscribed to (presence channels included). */
  getSubscribedChannels(): string[] {
    return nativeOf(this).getSubscribedChannels();
  }

  /** Channel groups subscribed to. */
  getSubscribedChannelGroups(): string[] {
    return nativeOf(this).getSubscribedChannelGroups();
  }

  // ---- Entities ----

  /** A channel entity: `channel("a").subscription(options)`. */
  channel(name: string): Entity {
    return new Entity(this.#manager, "channels", name);
  }

  /** A channel group entity. */
  channelGroup(name: string): Entity {
    return new Entity(this.#manager, "channelGroups", name);
  }

  /** A set of subscriptions to channels and groups, listened to together. */
  subscriptionSet(parameters: {
    channels?: string[];
    channelGroups?: string[];
    subscriptionOptions?: T.SubscriptionOptions;
  }): SubscriptionSetClass {
    const { channels = [], channelGroups = [], subscriptionOptions: options } = parameters;
    return new SubscriptionSetClass(
      this.#manager,
      [...channels.map((c) => this.channel(c)), ...channelGroups.map((g) => this.channelGroup(g))]
        .map((entity) => entity.subscription(options)),
      options,
    );
  }
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
    /** One fetched message, with its actions when they were asked for. */
    export type FetchedMessageWithActions = Calls.FetchedMessage;
    /** `deleteMessages()` result. */
    export type DeleteMessagesResponse = Record<string, unknown>;
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
    /** `addMessageAction()` result. */
    export type AddMessageActionResponse = { data: Calls.MessageAction };
    /** `removeMessageAction()` result. */
    export type RemoveMessageActionResponse = { data: Record<string, unknown> };
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

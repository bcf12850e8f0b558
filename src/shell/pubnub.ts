import { PNConfiguration, type PNConfigurationOptions } from "../core/config.ts";
import type { PNMessageActionResult, PNMessageResult } from "../core/subscribe/envelope.ts";
import type { ConnectionState } from "../core/subscribe/connection_state.ts";
import { AddChannelToChannelGroupBuilder } from "./builders/add_channel_to_channel_group.ts";
import { AddMessageActionBuilder } from "./builders/add_message_action.ts";
import { DeleteMessagesBuilder } from "./builders/delete_messages.ts";
import { GetMessageActionsBuilder } from "./builders/get_message_actions.ts";
import { HistoryBuilder } from "./builders/history.ts";
import { MessageCountsBuilder } from "./builders/message_counts.ts";
import { RemoveMessageActionBuilder } from "./builders/remove_message_action.ts";
import { FetchMessagesBuilder } from "./builders/fetch_messages.ts";
import { GetStateBuilder } from "./builders/get_state.ts";
import { HereNowBuilder } from "./builders/here_now.ts";
import { ListChannelGroupsBuilder } from "./builders/list_channel_groups.ts";
import { ListChannelsForChannelGroupBuilder } from "./builders/list_channels_for_channel_group.ts";
import { RemoveChannelFromChannelGroupBuilder } from "./builders/remove_channel_from_channel_group.ts";
import { RemoveChannelGroupBuilder } from "./builders/remove_channel_group.ts";
import { SetStateBuilder } from "./builders/set_state.ts";
import { SubscribeBuilder, UnsubscribeBuilder } from "./builders/subscribe.ts";
import { WhereNowBuilder } from "./builders/where_now.ts";
import type {
  AddChannelToChannelGroup,
  ListChannelGroups,
  ListChannelsForChannelGroup,
  RemoveChannelFromChannelGroup,
  RemoveChannelGroup,
} from "./builders/channel_groups_api.ts";
import type {
  AddMessageAction,
  GetMessageActions,
  RemoveMessageAction,
} from "./builders/message_actions_api.ts";
import type { GetState, HereNow, SetState, WhereNow } from "./builders/presence_api.ts";
import type {
  DeleteMessages,
  FetchMessages,
  History,
  MessageCounts,
} from "./builders/storage_api.ts";
import type { Subscribe, Unsubscribe } from "./builders/subscribe_api.ts";
import type { EngineLogEntry } from "./engine_runner.ts";
import type { ClientSubscription } from "./client_subscription.ts";
import type { Listener } from "./listeners.ts";
import { checkStreamNames, checkStreamOptions, messageStream } from "./message_stream.ts";
import { Log } from "./log.ts";
import { loopLog } from "./loop_log.ts";
import { envelopeDecryption } from "./envelope_decryption.ts";
import { PresenceLoop } from "./presence_loop.ts";
import { createGapRestorer } from "./gap_restorer.ts";
import { Subscriber } from "./subscriber.ts";
import { streamSourceOf } from "./stream_source.ts";
import { rememberState } from "./remembered_state.ts";
import { MessageCryptor } from "./crypto/cryptor.ts";
import { PubNubPublisher, requestSender } from "./publisher.ts";
import type { TransportOptions } from "./transport.ts";

/**
 * What a client takes from its environment; every one has a real default. Tests and replays
 * inject a manual clock and a seeded random source.
 *
 * @example
 * ```ts
 * import type { PubNubOptions } from "@pubnub-ts/pubsub";
 * const options: PubNubOptions = { random: () => 0.5, onError: (e) => console.warn(e) };
 * ```
 */
export interface PubNubOptions extends TransportOptions {
  /** A number in [0, 1) for retry jitter; default `Math.random`. */
  random?: () => number;
  /**
   * Receives what the app's callbacks threw or rejected with (an async listener's rejected
   * promise included), and other non-fatal trouble; default `console.error`. `callback` names the
   * callback that failed: a listener's `status`, `message`, `presence` or `signal`, or
   * `observeEngine`; it is absent for trouble of the SDK's own.
   */
  onError?: (error: unknown, callback?: string) => void;
}

/**
 * The client: builders for every call, the subscribe loop and its listeners.
 *
 * @example
 * ```ts
 * import { PubNub, SubscribeListener } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "user-1", origin: server.origin, ssl: false });
 * const listener = new SubscribeListener();
 * pubnub.addListener(listener);
 * await pubnub.subscribe().channels("my_channel").execute();
 * await pubnub.publish().channel("my_channel").message({ hello: "world" });
 * console.log((await listener.waitForMessageOn("my_channel")).message); // { hello: "world" }
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export class PubNub extends PubNubPublisher {
  readonly #subscriber: Subscriber;
  readonly #subscription: ClientSubscription;
  readonly #cryptor: MessageCryptor | undefined;

  /** Creates a client; throws a validation `PubNubError` for a bad configuration. */
  constructor(config: PNConfiguration | PNConfigurationOptions, options: PubNubOptions = {}) {
    const resolved = config instanceof PNConfiguration ? config : new PNConfiguration(config);
    const cryptor = MessageCryptor.fromConfig(resolved);
    super(resolved, { ...options, encodePayload: cryptor?.encodePayload });
    this.#cryptor = cryptor;
    // The same subscribing half as a `createPubNub` client with every feature.
    this.#subscriber = new Subscriber({
      client: this,
      config: this.config,
      sender: requestSender(this),
      options,
      decryption: cryptor && envelopeDecryption(cryptor.decodePayload),
      heartbeats: (context) => new PresenceLoop(context),
      gapRestorer: createGapRestorer,
      // The loops' log: the same level and logger as the requests' (the transport's own).
      log: loopLog(new Log(this.config.logLevel, this.config, options.logger)),
    });
    this.#subscription = this.#subscriber.subscription;
  }

  /**
   * Who is present: `hereNow().channels([...]).channelGroups([...]).includeUuids(true)
   * .includeState(false).future()`; naming no channel and no group asks about the whole keyset.
   */
  hereNow(): HereNow {
    return new HereNowBuilder(requestSender(this), this.config);
  }

  /**
   * The channels a user is present on: `whereNow().userId("u1").future()` (or `.uuid("u1")`,
   * the wire name; default: this client).
   */
  whereNow(): WhereNow {
    return new WhereNowBuilder(requestSender(this), this.config);
  }

  /**
   * Sets presence state: `setState().channels([...]).state({...}).future()`. This client's own
   * state is remembered and sent with every subscribe and heartbeat on those channels (and
   * groups) until it unsubscribes from them.
   */
  setState(): SetState {
    return new SetStateBuilder(
      requestSender(this),
      this.config,
      (names, state) => rememberState(this.#subscription, names, state),
    );
  }

  /** Reads presence state: `getState().channels([...]).uuid("u1").future()` (default: this client). */
  getState(): GetState {
    return new GetStateBuilder(requestSender(this), this.config);
  }

  /** Adds channels to a channel group: `.channels([...]).channelGroup("g").future()`. */
  addChannelToChannelGroup(): AddChannelToChannelGroup {
    return new AddChannelToChannelGroupBuilder(requestSender(this), this.config);
  }

  /** Removes channels from a channel group: `.channels([...]).channelGroup("g").future()`. */
  removeChannelFromChannelGroup(): RemoveChannelFromChannelGroup {
    return new RemoveChannelFromChannelGroupBuilder(requestSender(this), this.config);
  }

  /** Lists a channel group's channels: `.channelGroup("g").future()` → `{ channels }`. */
  listChannelsForChannelGroup(): ListChannelsForChannelGroup {
    return new ListChannelsForChannelGroupBuilder(requestSender(this), this.config);
  }

  /** Deletes a channel group: `.channelGroup("g").future()`. */
  removeChannelGroup(): RemoveChannelGroup {
    return new RemoveChannelGroupBuilder(requestSender(this), this.config);
  }

  /** Lists the keyset's channel groups: `.future()` → `{ groups }`. */
  listChannelGroups(): ListChannelGroups {
    return new ListChannelGroupsBuilder(requestSender(this), this.config);
  }

  /**
   * Reads history: `fetchMessages().channels([...]).count(25).start("17…").end("17…")
   * .includeMeta(true).future()` → `{ channels: { a: [{ message, timetoken, uuid, meta }] } }`.
   * `fetchMessages<Chat>()` types the messages as `Chat` (as the app knows them, unchecked).
   * With a `cipherKey` messages are decrypted; one that cannot be is returned as stored, with
   * `error` saying why.
   */
  fetchMessages<M = unknown>(): FetchMessages<M> {
    return new FetchMessagesBuilder<M>(requestSender(this), this.config, {
      decode: this.#cryptor?.decodePayload,
    });
  }

  /**
   * Reads one channel's history (v2): `history().channel("a").count(100).start("17…")
   * .includeTimetoken(true).includeMeta(true).future()` → `{ messages: [{ entry, timetoken?,
   * meta? }], startTimetoken, endTimetoken }`. With a `cipherKey` entries are decrypted.
   */
  history(): History {
    return new HistoryBuilder(requestSender(this), this.config, {
      decode: this.#cryptor?.decodePayload,
    });
  }

  /**
   * Counts stored messages after a timetoken: `messageCounts().channels(["a", "b"])
   * .channelsTimetoken(["17…", "17…"]).future()` (or one `.timetoken("17…")`) →
   * `{ channels: { a: 3, b: 0 } }`.
   */
  messageCounts(): MessageCounts {
    return new MessageCountsBuilder(requestSender(this), this.config);
  }

  /** Deletes stored messages: `deleteMessages().channel("a").start("17…").end("17…").future()`. */
  deleteMessages(): DeleteMessages {
    return new DeleteMessagesBuilder(requestSender(this), this.config);
  }

  /**
   * Adds an action to a message: `addMessageAction().channel("a").messageTimetoken("17…")
   * .action({ type: "reaction", value: "👍" }).future()` → the stored action.
   */
  addMessageAction(): AddMessageAction {
    return new AddMessageActionBuilder(requestSender(this), this.config);
  }

  /**
   * Reads a channel's message actions: `getMessageActions().channel("a").start("17…").end("17…")
   * .limit(100).future()` → `{ actions, more? }`.
   */
  getMessageActions(): GetMessageActions {
    return new GetMessageActionsBuilder(requestSender(this), this.config);
  }

  /**
   * Removes an action: `removeMessageAction().channel("a").messageTimetoken("17…")
   * .actionTimetoken("17…").future()`.
   */
  removeMessageAction(): RemoveMessageAction {
    return new RemoveMessageActionBuilder(requestSender(this), this.config);
  }

  /**
   * Adds a listener (adding the same one twice adds it once). A `SubscribeListener` added while
   * the client is connected is told the connected status at once.
   */
  addListener<M = unknown>(listener: Listener<PubNub, M>): void {
    this.#subscriber.addListener(this, listener as Listener<unknown>);
  }

  /** Removes a listener. */
  removeListener<M = unknown>(listener: Listener<PubNub, M>): void {
    this.#subscriber.listeners.remove(listener as Listener<unknown>);
  }

  /** Starts a subscribe: `subscribe().channels([...]).channelGroups(...).execute()`. */
  subscribe(): Subscribe {
    return new SubscribeBuilder(this.#subscription.appControl);
  }

  /** Starts an unsubscribe: `unsubscribe().channels(...).execute()`. */
  unsubscribe(): Unsubscribe {
    return new UnsubscribeBuilder(this.#subscription.appControl);
  }

  /**
   * Leaves every channel and group. The stored timetoken is dropped: a later subscribe starts
   * from a new one (messages published in between are not delivered).
   */
  unsubscribeAll(): void {
    this.#subscription.unsubscribeAll();
  }

  /** Channels currently subscribed to (presence channels included). */
  getSubscribedChannels(): string[] {
    return [...this.#subscriber.subscribeLoop.projectedState.channels];
  }

  /** Channel groups currently subscribed to. */
  getSubscribedChannelGroups(): string[] {
    return [...this.#subscriber.subscribeLoop.projectedState.groups];
  }

  /** Stops the loops, keeping the subscription and timetoken for `reconnect()`. */
  disconnect(): void {
    this.#subscriber.disconnect();
  }

  /** Resumes after a failure or `disconnect()` from the last timetoken (or `timetoken`). */
  reconnect(timetoken?: string): void {
    this.#subscriber.reconnect(timetoken);
  }

  /**
   * Where the connection stands: `"disconnected"`, `"connecting"`, `"connected"`,
   * `"reconnecting"` or `"failed"`, read from the subscribe loop's state. Listeners with a
   * `connectionState` callback are told each change as it happens.
   */
  get connectionState(): ConnectionState {
    return this.#subscriber.connectionState;
  }

  /**
   * Reports every event and invocation of the subscribe and presence engines, in order, by their
   * protocol names. With `{ retries: true }` it also reports each retry as it is scheduled:
   * an entry of type `retry` naming the reconnect invocation, with the attempt's number and its
   * delay in milliseconds. Returns a function that stops the reporting.
   */
  observeEngine(
    observer: (entry: EngineLogEntry) => void,
    options: { retries?: boolean } = {},
  ): () => void {
    return this.#subscriber.observeEngine(observer, options);
  }

  /**
   * Messages on `channels` (and `channelGroups`) as an async iterator: subscribes on the first
   * pull; ends when the loop ends, `signal` aborts, or the client stops or unsubscribes from
   * everything; throws if the subscribe loop gives up. Ending a stream unsubscribes only what
   * nobody else uses: not channels the app subscribed to, nor those another stream holds.
   * Bad names throw a validation `PubNubError` here, before anything is sent.
   * `messages<Chat>(…)` yields `PNMessageResult<Chat>`: the type the app knows its messages by.
   */
  messages<M = unknown>(
    options: { channels?: string[]; channelGroups?: string[]; signal?: AbortSignal },
  ): AsyncIterableIterator<PNMessageResult<M>> {
    checkStreamOptions(options);
    checkStreamNames(options);
    // Typed as the app says its messages are (`messages<Chat>(…)`): nothing checks the payload.
    return messageStream(streamSourceOf(this.#subscription), options) as AsyncIterableIterator<
      PNMessageResult<M>
    >;
  }

  /**
   * Message action events (added, removed) on `channels` (and `channelGroups`) as an async
   * iterator, with the same lifetime rules as {@link PubNub.messages}.
   */
  messageActions(
    options: { channels?: string[]; channelGroups?: string[]; signal?: AbortSignal },
  ): AsyncIterableIterator<PNMessageActionResult> {
    checkStreamNames(options);
    return messageStream(streamSourceOf(this.#subscription), options, "messageAction");
  }

  /**
   * Unsubscribes from everything (sending leave, given a second to complete), cancels every
   * request and timer. Afterwards nothing keeps the process alive; the client can be used again.
   */
  override async stop(): Promise<void> {
    await this.#subscriber.leaveAll();
    await super.stop();
    await this.#subscriber.settled();
  }
}

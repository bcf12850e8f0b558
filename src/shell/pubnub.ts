import { PNConfiguration, type PNConfigurationOptions } from "../core/config.ts";
import { describeValue } from "../core/describe_value.ts";
import { PubNubError } from "../core/error.ts";
import * as presenceEvents from "../core/presence/events.ts";
import { isPresenceName } from "../core/presence/presence_names.ts";
import { buildLeaveRequest } from "../core/requests/leave.ts";
import { emittedStatus, withOperation } from "../core/response_status.ts";
import type { PNStatus } from "../core/status.ts";
import { loopStatus } from "../core/subscribe/loop_status.ts";
import { isTimetoken } from "../core/timetoken.ts";
import type { PNMessageActionResult, PNMessageResult } from "../core/subscribe/envelope.ts";
import * as events from "../core/subscribe/events.ts";
import { type ConnectionState, connectionStateOf } from "../core/subscribe/connection_state.ts";
import { AddChannelToChannelGroup } from "./builders/add_channel_to_channel_group.ts";
import { AddMessageAction } from "./builders/add_message_action.ts";
import { DeleteMessages } from "./builders/delete_messages.ts";
import { GetMessageActions } from "./builders/get_message_actions.ts";
import { History } from "./builders/history.ts";
import { MessageCounts } from "./builders/message_counts.ts";
import { RemoveMessageAction } from "./builders/remove_message_action.ts";
import { FetchMessages } from "./builders/fetch_messages.ts";
import { GetState } from "./builders/get_state.ts";
import { HereNow } from "./builders/here_now.ts";
import { ListChannelGroups } from "./builders/list_channel_groups.ts";
import { ListChannelsForChannelGroup } from "./builders/list_channels_for_channel_group.ts";
import { RemoveChannelFromChannelGroup } from "./builders/remove_channel_from_channel_group.ts";
import { RemoveChannelGroup } from "./builders/remove_channel_group.ts";
import { SetState } from "./builders/set_state.ts";
import { Subscribe, type SubscriptionControl, Unsubscribe } from "./builders/subscribe.ts";
import { WhereNow } from "./builders/where_now.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { EngineLogEntry } from "./engine_runner.ts";
import { callSafely, reportingSafely } from "./call_safely.ts";
import { type Listener, ListenerSet } from "./listeners.ts";
import { type ConnectedWaitSource, waitForConnected } from "./connected_wait.ts";
import { checkStreamOptions, messageStream, type StreamSource } from "./message_stream.ts";
import { PresenceLoop } from "./presence_loop.ts";
import { SubscribeListener } from "./subscribe_listener.ts";
import { Log } from "./log.ts";
import { SubscribeLoop } from "./subscribe_loop.ts";
import { MessageCryptor } from "./crypto/cryptor.ts";
import { PubNubPublisher, requestSender } from "./publisher.ts";
import type { TransportOptions } from "./transport.ts";

/**
 * Seams a client takes from its environment; every one has a real default. Tests and replays
 * inject a manual clock and a seeded random source.
 *
 * @example
 * ```ts
 * import type { PubNubOptions } from "@pubnub-ts/pubsub";
 * const options: PubNubOptions = { random: () => 0.5, onError: (e) => console.warn(e) };
 * ```
 */
export interface PubNubOptions extends TransportOptions {
  /** Timers for reconnect delays and heartbeats; default the real clock. */
  clock?: Clock;
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

/** How long `stop()` waits for leave requests before cancelling them. */
const STOP_LEAVE_GRACE_MS = 1000;

/**
 * The client: builders for every call, the subscribe loop and its listeners.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "user-1" });
 * pubnub.addListener({ message: (_p, m) => console.log(m.message) });
 * pubnub.subscribe().channels("my_channel").execute();
 * await pubnub.publish().channel("my_channel").message({ hello: "world" }).future();
 * await pubnub.stop();
 * ```
 */
export class PubNub extends PubNubPublisher {
  readonly #pendingLeaves = new Set<Promise<void>>();
  readonly #listeners: ListenerSet<unknown>;
  readonly #subscribeLoop: SubscribeLoop;
  readonly #presenceLoop: PresenceLoop | undefined;
  readonly #presenceState = new Map<string, unknown>();
  /** Names the app subscribed to itself (`c:name` / `g:name`): streams never unsubscribe them. */
  readonly #appHeld = new Set<string>();
  /** How many message streams hold each name (`c:name` / `g:name`). */
  readonly #streamHolds = new Map<string, number>();
  readonly #streamClosers = new Set<() => void>();
  readonly #clock: Clock;
  readonly #onError: (error: unknown, callback?: string) => void;
  readonly #cryptor: MessageCryptor | undefined;

  /** Creates a client; throws a validation `PubNubError` for a bad configuration. */
  constructor(config: PNConfiguration | PNConfigurationOptions, options: PubNubOptions = {}) {
    const resolved = config instanceof PNConfiguration ? config : new PNConfiguration(config);
    const cryptor = MessageCryptor.fromConfig(resolved);
    super(resolved, { ...options, encodePayload: cryptor?.encodePayload });
    this.#cryptor = cryptor;
    this.#clock = options.clock ?? systemClock;
    // The loops' log: the same level and logger as the requests' (the transport's own).
    const log = new Log(this.config.logLevel, this.config, options.logger);
    const report = reportingSafely(options.onError);
    this.#onError = (error, callback) => {
      log.error(() =>
        `${callback === undefined ? "" : `the app's ${callback} callback failed: `}${
          error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error)
        }`
      );
      report(error, callback);
    };
    this.#listeners = new ListenerSet<unknown>(
      this,
      (error, _listener, callback) => this.#onError(error, callback),
    );
    const shared = {
      config: this.config,
      sender: requestSender(this),
      clock: this.#clock,
      random: options.random ?? Math.random,
      listeners: this.#listeners,
      presenceState: () => this.#stateFor(),
      onError: this.#onError,
    };
    const decode = this.#cryptor?.decodePayload;
    this.#subscribeLoop = new SubscribeLoop({ ...shared, decode });
    this.#presenceLoop = this.config.heartbeatInterval > 0
      ? new PresenceLoop({ ...shared, leave: (c, g) => this.#leave(c, g) })
      : undefined;
    this.#subscribeLoop.logTo(log);
    this.#presenceLoop?.logTo(log);
  }

  /**
   * Who is present: `hereNow().channels([...]).channelGroups([...]).includeUuids(true)
   * .includeState(false).future()`; naming no channel and no group asks about the whole keyset.
   */
  hereNow(): HereNow {
    return new HereNow(requestSender(this), this.config);
  }

  /**
   * The channels a user is present on: `whereNow().userId("u1").future()` (or `.uuid("u1")`,
   * the wire name; default: this client).
   */
  whereNow(): WhereNow {
    return new WhereNow(requestSender(this), this.config);
  }

  /**
   * Sets presence state: `setState().channels([...]).state({...}).future()`. This client's own
   * state is remembered and sent with every subscribe and heartbeat on those channels (and
   * groups) until it unsubscribes from them.
   */
  setState(): SetState {
    return new SetState(requestSender(this), this.config, (names, state) => {
      const previous = names.map((name) => [name, this.#presenceState.get(name)] as const);
      for (const name of names) this.#presenceState.set(name, state);
      return () => {
        // Only what this call put there, and is still there, is rolled back.
        for (const [name, before] of previous) {
          if (this.#presenceState.get(name) !== state) continue;
          if (before === undefined) this.#presenceState.delete(name);
          else this.#presenceState.set(name, before);
        }
      };
    });
  }

  /** Reads presence state: `getState().channels([...]).uuid("u1").future()` (default: this client). */
  getState(): GetState {
    return new GetState(requestSender(this), this.config);
  }

  /** Adds channels to a channel group: `.channels([...]).channelGroup("g").future()`. */
  addChannelToChannelGroup(): AddChannelToChannelGroup {
    return new AddChannelToChannelGroup(requestSender(this), this.config);
  }

  /** Removes channels from a channel group: `.channels([...]).channelGroup("g").future()`. */
  removeChannelFromChannelGroup(): RemoveChannelFromChannelGroup {
    return new RemoveChannelFromChannelGroup(requestSender(this), this.config);
  }

  /** Lists a channel group's channels: `.channelGroup("g").future()` → `{ channels }`. */
  listChannelsForChannelGroup(): ListChannelsForChannelGroup {
    return new ListChannelsForChannelGroup(requestSender(this), this.config);
  }

  /** Deletes a channel group: `.channelGroup("g").future()`. */
  removeChannelGroup(): RemoveChannelGroup {
    return new RemoveChannelGroup(requestSender(this), this.config);
  }

  /** Lists the keyset's channel groups: `.future()` → `{ groups }`. */
  listChannelGroups(): ListChannelGroups {
    return new ListChannelGroups(requestSender(this), this.config);
  }

  /**
   * Reads history: `fetchMessages().channels([...]).count(25).start("17…").end("17…")
   * .includeMeta(true).future()` → `{ channels: { a: [{ message, timetoken, uuid, meta }] } }`.
   * `fetchMessages<Chat>()` types the messages as `Chat` (as the app knows them, unchecked).
   * With a `cipherKey` messages are decrypted; one that cannot be is returned as stored, with
   * `error` saying why.
   */
  fetchMessages<M = unknown>(): FetchMessages<M> {
    return new FetchMessages<M>(requestSender(this), this.config, {
      decode: this.#cryptor?.decodePayload,
    });
  }

  /**
   * Reads one channel's history (v2): `history().channel("a").count(100).start("17…")
   * .includeTimetoken(true).includeMeta(true).future()` → `{ messages: [{ entry, timetoken?,
   * meta? }], startTimetoken, endTimetoken }`. With a `cipherKey` entries are decrypted.
   */
  history(): History {
    return new History(requestSender(this), this.config, { decode: this.#cryptor?.decodePayload });
  }

  /**
   * Counts stored messages after a timetoken: `messageCounts().channels(["a", "b"])
   * .channelsTimetoken(["17…", "17…"]).future()` (or one `.timetoken("17…")`) →
   * `{ channels: { a: 3, b: 0 } }`.
   */
  messageCounts(): MessageCounts {
    return new MessageCounts(requestSender(this), this.config);
  }

  /** Deletes stored messages: `deleteMessages().channel("a").start("17…").end("17…").future()`. */
  deleteMessages(): DeleteMessages {
    return new DeleteMessages(requestSender(this), this.config);
  }

  /**
   * Adds an action to a message: `addMessageAction().channel("a").messageTimetoken("17…")
   * .action({ type: "reaction", value: "👍" }).future()` → the stored action.
   */
  addMessageAction(): AddMessageAction {
    return new AddMessageAction(requestSender(this), this.config);
  }

  /**
   * Reads a channel's message actions: `getMessageActions().channel("a").start("17…").end("17…")
   * .limit(100).future()` → `{ actions, more? }`.
   */
  getMessageActions(): GetMessageActions {
    return new GetMessageActions(requestSender(this), this.config);
  }

  /**
   * Removes an action: `removeMessageAction().channel("a").messageTimetoken("17…")
   * .actionTimetoken("17…").future()`.
   */
  removeMessageAction(): RemoveMessageAction {
    return new RemoveMessageAction(requestSender(this), this.config);
  }

  /**
   * Adds a listener (adding the same one twice adds it once). A `SubscribeListener` added while
   * the client is connected is told the connected status at once.
   */
  addListener<M = unknown>(listener: Listener<PubNub, M>): void {
    if (typeof listener !== "object" || listener === null) {
      throw PubNubError.validation(
        "PNSubscribeOperation",
        `Cannot add a listener: expected an object with status, message, presence or signal methods, got ${
          describeValue(listener)
        }`,
      );
    }
    this.#listeners.add(listener as Listener<unknown>);
    // A SubscribeListener added to a connected client hears the connected status it missed,
    // so its waitForConnect() resolves at once instead of waiting for a connection that was.
    const connected = listener instanceof SubscribeListener ? this.#connectedStatus() : undefined;
    if (connected) {
      const late = listener as SubscribeListener;
      callSafely(() => late.status(this, connected), (e) => this.#onError(e, "status"));
    }
  }

  /** Removes a listener. */
  removeListener<M = unknown>(listener: Listener<PubNub, M>): void {
    this.#listeners.remove(listener as Listener<unknown>);
  }

  /** Starts a subscribe: `subscribe().channels([...]).channelGroups(...).execute()`. */
  subscribe(): Subscribe {
    return new Subscribe(this.#appControl);
  }

  /** Starts an unsubscribe: `unsubscribe().channels(...).execute()`. */
  unsubscribe(): Unsubscribe {
    return new Unsubscribe(this.#appControl);
  }

  /**
   * Leaves every channel and group. The stored timetoken is dropped: a later subscribe starts
   * from a new one (messages published in between are not delivered).
   */
  unsubscribeAll(): void {
    // Everything goes, whoever held it: the app's subscriptions and every message stream.
    this.#appHeld.clear();
    this.#streamHolds.clear();
    for (const close of [...this.#streamClosers]) close();
    const { channels, groups } = this.#subscribeLoop.projectedState;
    if (this.#presenceLoop) this.#presenceLoop.dispatch(presenceEvents.leftAll());
    else this.#leaveUnlessSuppressed(channels, groups);
    for (const name of [...channels, ...groups]) this.#presenceState.delete(name);
    this.#subscribeLoop.dispatch(events.unsubscribeAll());
  }

  /** Channels currently subscribed to (presence channels included). */
  getSubscribedChannels(): string[] {
    return [...this.#subscribeLoop.projectedState.channels];
  }

  /** Channel groups currently subscribed to. */
  getSubscribedChannelGroups(): string[] {
    return [...this.#subscribeLoop.projectedState.groups];
  }

  /** Stops the loops, keeping the subscription and timetoken for `reconnect()`. */
  disconnect(): void {
    this.#subscribeLoop.dispatch(events.disconnect());
    this.#presenceLoop?.dispatch(presenceEvents.disconnect());
  }

  /** Resumes after a failure or `disconnect()` from the last timetoken (or `timetoken`). */
  reconnect(timetoken?: string): void {
    if (timetoken !== undefined && !isTimetoken(timetoken)) {
      throw PubNubError.validation(
        "PNSubscribeOperation",
        `Cannot reconnect: timetoken ${describeValue(timetoken)} is not a decimal timetoken`,
      );
    }
    const cursor = timetoken === undefined ? undefined : { timetoken, region: 0 };
    this.#subscribeLoop.dispatch(events.reconnect(cursor));
    this.#presenceLoop?.dispatch(presenceEvents.reconnect());
  }

  /**
   * Where the connection stands: `"disconnected"`, `"connecting"`, `"connected"`,
   * `"reconnecting"` or `"failed"`, read from the subscribe loop's state. Listeners with a
   * `connectionState` callback are told each change as it happens.
   */
  get connectionState(): ConnectionState {
    return connectionStateOf(this.#subscribeLoop.state);
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
    const stops = [this.#subscribeLoop.observe(observer, options)];
    if (this.#presenceLoop) stops.push(this.#presenceLoop.observe(observer, options));
    return () => stops.forEach((stop) => stop());
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
    checkNames("channel", options.channels ?? []);
    checkNames("channel group", options.channelGroups ?? []);
    // Typed as the app says its messages are (`messages<Chat>(…)`): nothing checks the payload.
    return messageStream(this.#streamSource, options) as AsyncIterableIterator<PNMessageResult<M>>;
  }

  /**
   * Message action events (added, removed) on `channels` (and `channelGroups`) as an async
   * iterator, with the same lifetime rules as {@link PubNub.messages}.
   */
  messageActions(
    options: { channels?: string[]; channelGroups?: string[]; signal?: AbortSignal },
  ): AsyncIterableIterator<PNMessageActionResult> {
    checkNames("channel", options.channels ?? []);
    checkNames("channel group", options.channelGroups ?? []);
    return messageStream(this.#streamSource, options, "messageAction");
  }

  /**
   * Unsubscribes from everything (sending leave, given a second to complete), cancels every
   * request and timer. Afterwards nothing keeps the process alive; the client can be used again.
   */
  override async stop(): Promise<void> {
    this.unsubscribeAll();
    if (this.#pendingLeaves.size > 0) {
      let timer: unknown;
      const grace = new Promise<void>((resolve) => {
        timer = systemClock.setTimeout(resolve, STOP_LEAVE_GRACE_MS);
      });
      await Promise.race([Promise.allSettled([...this.#pendingLeaves]), grace]);
      systemClock.clearTimeout(timer);
    }
    await super.stop();
    await Promise.allSettled([...this.#pendingLeaves]);
  }

  /**
   * The presence state sent with subscribe and heartbeat: what `setState` remembered, for the
   * channels and groups currently subscribed to (state set before subscribing waits until then).
   */
  #stateFor(): Record<string, unknown> {
    const { channels, groups } = this.#subscribeLoop.projectedState;
    const subscribed = new Set([...channels, ...groups]);
    const state: Record<string, unknown> = {};
    for (const [name, value] of this.#presenceState) {
      if (subscribed.has(name)) state[name] = value;
    }
    return state;
  }

  /** What the app's subscribe and unsubscribe builders use: marks the names as the app's. */
  readonly #appControl: SubscriptionControl = {
    subscribeTo: (request) => {
      this.#control.subscribeTo(request);
      for (const name of request.channels) this.#appHeld.add(`c:${name}`);
      for (const name of request.groups) this.#appHeld.add(`g:${name}`);
      return waitForConnected(this.#connectedWaitSource);
    },
    unsubscribeFrom: (channels, groups) => {
      this.#control.unsubscribeFrom(channels, groups);
      for (const name of channels) this.#appHeld.delete(`c:${name}`);
      for (const name of groups) this.#appHeld.delete(`g:${name}`);
    },
  };

  /** What message streams use: counted holds on top of the same subscription. */
  readonly #streamSource: StreamSource = {
    addListener: (listener) => this.#listeners.add(listener as Listener<unknown>),
    removeListener: (listener) => this.#listeners.remove(listener as Listener<unknown>),
    hold: (channels, groups) => {
      this.#control.subscribeTo({ channels, groups, withPresence: false });
      for (const key of keysOf(channels, groups)) {
        this.#streamHolds.set(key, (this.#streamHolds.get(key) ?? 0) + 1);
      }
    },
    release: (channels, groups) => {
      const free = (names: string[], prefix: string) =>
        names.filter((name) => {
          const key = `${prefix}${name}`;
          const count = this.#streamHolds.get(key);
          if (count === undefined) return false; // released already (unsubscribeAll)
          if (count > 1) {
            this.#streamHolds.set(key, count - 1);
            return false;
          }
          this.#streamHolds.delete(key);
          return !this.#appHeld.has(key);
        });
      const c = free(channels, "c:");
      const g = free(groups, "g:");
      if (c.length > 0 || g.length > 0) this.#control.unsubscribeFrom(c, g);
    },
    onClose: (close) => {
      this.#streamClosers.add(close);
      return () => this.#streamClosers.delete(close);
    },
  };

  readonly #connectedWaitSource: ConnectedWaitSource = {
    addListener: (listener) => this.#listeners.add(listener as Listener<unknown>),
    removeListener: (listener) => this.#listeners.remove(listener as Listener<unknown>),
    connectedNow: () => this.#connectedStatus(),
  };

  /** A connected status describing the subscription, when the loop is receiving now. */
  #connectedStatus(): PNStatus | undefined {
    const state = this.#subscribeLoop.state;
    if (connectionStateOf(state) !== "connected") return undefined;
    return emittedStatus(loopStatus("PNConnectedCategory", state, undefined, state.cursor));
  }

  readonly #control: SubscriptionControl<void> = {
    subscribeTo: ({ channels, groups, withPresence, timetoken }) => {
      checkNames("channel", channels);
      checkNames("channel group", groups);
      if (channels.length === 0 && groups.length === 0) {
        throw PubNubError.validation(
          "PNSubscribeOperation",
          "Cannot subscribe: no channels and no channel groups were given",
        );
      }
      if (timetoken !== undefined && !isTimetoken(timetoken)) {
        throw PubNubError.validation(
          "PNSubscribeOperation",
          `Cannot subscribe: timetoken ${describeValue(timetoken)} is not a decimal timetoken`,
        );
      }
      const current = this.#subscribeLoop.projectedState;
      const presence = (names: string[]) =>
        withPresence ? names.filter((n) => !isPresenceName(n)).map((n) => `${n}-pnpres`) : [];
      const nextChannels = union(current.channels, channels, presence(channels));
      const nextGroups = union(current.groups, groups, presence(groups));
      this.#subscribeLoop.dispatch(
        timetoken === undefined
          ? events.subscriptionChanged(nextChannels, nextGroups)
          : events.subscriptionRestored(nextChannels, nextGroups, { timetoken, region: 0 }),
      );
      this.#presenceLoop?.dispatch(
        presenceEvents.joined(
          channels.filter((n) => !isPresenceName(n)),
          groups.filter((n) => !isPresenceName(n)),
        ),
      );
    },
    unsubscribeFrom: (channels, groups) => {
      checkNames("channel", channels);
      checkNames("channel group", groups);
      const current = this.#subscribeLoop.projectedState;
      // Leaving a channel leaves its presence channel too.
      const drop = (names: readonly string[], removed: string[]) => {
        const gone = new Set(removed.flatMap((n) => [n, `${n}-pnpres`]));
        return {
          kept: names.filter((n) => !gone.has(n)),
          left: names.filter((n) => gone.has(n)),
        };
      };
      const c = drop(current.channels, channels);
      const g = drop(current.groups, groups);
      if (c.left.length === 0 && g.left.length === 0) return;
      // State and subscription first: the heartbeat that LEFT triggers must not carry the
      // state of the channels just left.
      for (const name of [...c.left, ...g.left]) this.#presenceState.delete(name);
      this.#subscribeLoop.dispatch(events.subscriptionChanged(c.kept, g.kept));
      if (this.#presenceLoop) {
        this.#presenceLoop.dispatch(presenceEvents.left(c.left, g.left));
      } else {
        this.#leaveUnlessSuppressed(c.left, g.left);
      }
    },
  };

  #leaveUnlessSuppressed(channels: readonly string[], groups: readonly string[]): void {
    if (!this.config.suppressLeaveEvents) void this.#leave(channels, groups);
  }

  /** Sends a leave; a failure is reported as a status, never thrown. */
  #leave(channels: readonly string[], groups: readonly string[]): Promise<void> {
    const request = buildLeaveRequest({
      subscribeKey: this.config.subscribeKey,
      channels,
      channelGroups: groups,
    });
    if (!request) return Promise.resolve();
    const pending = requestSender(this).send(request).then((outcome) => {
      if (!outcome.ok && outcome.status.category !== "PNCancelledCategory") {
        this.#listeners.emit(
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

function union(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

function keysOf(channels: readonly string[], groups: readonly string[]): string[] {
  return [...channels.map((c) => `c:${c}`), ...groups.map((g) => `g:${g}`)];
}

function checkNames(what: string, names: readonly string[]): void {
  if (!Array.isArray(names)) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      `Cannot subscribe: ${what} names must be a string or an array of strings, got ${typeof names}`,
    );
  }
  for (const name of names) {
    if (typeof name !== "string" || name === "") {
      throw PubNubError.validation(
        "PNSubscribeOperation",
        `Cannot subscribe: a ${what} name is empty or not a string (${describeValue(name)})`,
      );
    }
    if (!name.isWellFormed() || name.includes(",")) {
      throw PubNubError.validation(
        "PNSubscribeOperation",
        `Cannot subscribe: ${what} name "${name.toWellFormed()}" contains a comma or an unpaired surrogate`,
      );
    }
  }
}

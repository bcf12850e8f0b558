import type { Envelope } from "./envelope.ts";
import type { HistoryQuery, HistoryStore, StoredMessage } from "./history.ts";
import type { Keyset } from "./keyset.ts";
import { KeysetCache } from "./keyset_cache.ts";
import type { ActionChange, ActionRequest } from "./message_actions.ts";
import {
  heartbeatOn,
  hereNowOn,
  type PresenceRequest,
  setStateOn,
  stateOn,
} from "./model_presence.ts";
import { messageActionOn, type Outcome, type PublishInput, publishOn } from "./model_publish.ts";
import type { Occupant } from "./presence.ts";
import { type ModelSettings, resolveModelSettings } from "./settings.ts";
import type { Collected, Subscription } from "./subscription.ts";
import { TimetokenGenerator } from "./timetoken_generator.ts";

export type { PresenceRequest } from "./model_presence.ts";
export type { Outcome, PublishInput } from "./model_publish.ts";

/**
 * The pure model of the local server: keysets of channels, buffers, history, presence and
 * groups, driven by method calls that take the current time (ms) and return what changed.
 * No sockets, no timers: the HTTP shell calls {@link PubSubModel.tick} on a timer.
 *
 * @example
 * ```ts
 * import { PubSubModel } from "./model.ts";
 * const model = new PubSubModel({});
 * const handshake = BigInt(model.timetoken(1000));
 * model.publish(1001, { subKey: "demo", channel: "ch", message: "hi", kind: "message" });
 * model.collect("demo", { channels: ["ch"], groups: [] }, handshake).deliveries.length; // 1
 * ```
 */
export class PubSubModel {
  /** The resolved settings. */
  readonly settings: ModelSettings;
  readonly #tokens = new TimetokenGenerator();
  readonly #keysets: KeysetCache;

  /**
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({ announceMax: 2, intervalMillis: 1000 });
   * ```
   */
  constructor(settings: Partial<ModelSettings>) {
    this.settings = resolveModelSettings(settings);
    this.#keysets = new KeysetCache(this.settings);
  }

  /**
   * A fresh timetoken (the answer to `/time` and to a handshake).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).timetoken(1700000000000); // "17000000000000000"
   * ```
   */
  timetoken(now: number): string {
    return this.#tokens.next(now);
  }

  /**
   * Publishes a message or signal: stored (messages, unless `store` is false) and buffered for
   * subscribers (unless `replicate` is false, as for fire).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.publish(0, { subKey: "demo", channel: "ch", message: 1, kind: "signal" }).envelopes.length; // 1
   * ```
   */
  publish(now: number, input: PublishInput): Outcome {
    return publishOn(this.#keyset(input.subKey), this.settings, this.#tokens, now, input);
  }

  /**
   * Records a heartbeat (a subscribe or `/heartbeat`) for `uuid` on the channels and groups it
   * names: `join` where it was absent, a new expiry everywhere, and the `state` it sends per
   * channel: carried as `data` by the join it causes, or a `state-change` when it differs for a
   * present uuid. `timeoutSeconds` (capped) sets the presence timeout; without it (or when it is
   * not a positive number) a present uuid keeps its timeout and a first join gets the default.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.heartbeat(0, { subKey: "demo", uuid: "u", channels: ["a"], groups: [] }).envelopes[0].channel; // "a-pnpres"
   * ```
   */
  heartbeat(
    now: number,
    request: PresenceRequest & { timeoutSeconds?: number; state?: Record<string, unknown> },
  ): Outcome {
    const keyset = this.#keyset(request.subKey);
    return heartbeatOn(keyset, this.settings, this.#tokens, now, request);
  }

  /**
   * Removes `uuid` from the channels and groups it names at once (`leave` events).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.heartbeat(0, { subKey: "demo", uuid: "u", channels: ["a"], groups: [] });
   * model.leave(1, { subKey: "demo", uuid: "u", channels: ["a"], groups: [] }).envelopes.length; // 1
   * ```
   */
  leave(now: number, request: PresenceRequest): Outcome {
    const keyset = this.#get(request.subKey);
    if (!keyset) return { envelopes: [] };
    const targets = keyset.presenceTargets(request.channels, request.groups);
    const events = keyset.presence.leave(now, request.uuid, targets);
    return { envelopes: keyset.announce(events, now, () => this.#tokens.nextBig(now)) };
  }

  /**
   * Sets `uuid`'s state on the channels and group members named (`state-change` where present).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.setState(0, { subKey: "demo", uuid: "u", channels: ["a"], groups: [] }, { mood: "ok" });
   * model.getState("demo", "u", ["a"], []); // { a: { mood: "ok" } }
   * ```
   */
  setState(now: number, request: PresenceRequest, state: Record<string, unknown>): Outcome {
    const keyset = this.#keyset(request.subKey);
    return setStateOn(keyset, this.settings, this.#tokens, now, request, state);
  }

  /**
   * `uuid`'s state per channel, for the channels (and group members) named that have one.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).getState("demo", "u", ["a"], []); // {}
   * ```
   */
  getState(
    subKey: string,
    uuid: string,
    channels: readonly string[],
    groups: readonly string[],
  ): Record<string, unknown> {
    return stateOn(this.#get(subKey), uuid, channels, groups);
  }

  /**
   * Occupants per channel: of the channels and group members named, or, with `channels`
   * undefined, of every occupied channel of the keyset.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.heartbeat(0, { subKey: "demo", uuid: "u", channels: ["a"], groups: [] });
   * model.hereNow("demo", undefined, []); // { a: [{ uuid: "u" }] }
   * ```
   */
  hereNow(
    subKey: string,
    channels: readonly string[] | undefined,
    groups: readonly string[],
  ): Record<string, Occupant[]> {
    return hereNowOn(this.#get(subKey), channels, groups);
  }

  /**
   * Channels `uuid` is present on.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).whereNow("demo", "u"); // []
   * ```
   */
  whereNow(subKey: string, uuid: string): string[] {
    return this.#get(subKey)?.presence.channelsOf(uuid) ?? [];
  }

  /**
   * Adds channels to a group; an error text when a limit refuses it.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.addToGroup("demo", "g", ["a"]); // undefined
   * model.groupChannels("demo", "g"); // ["a"]
   * ```
   */
  addToGroup(subKey: string, group: string, channels: readonly string[]): string | undefined {
    return this.#keyset(subKey).groups.add(group, channels)?.error;
  }

  /**
   * Removes channels from a group.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).removeFromGroup("demo", "g", ["a"]);
   * ```
   */
  removeFromGroup(subKey: string, group: string, channels: readonly string[]): void {
    this.#get(subKey)?.groups.remove(group, channels);
  }

  /**
   * Deletes a group.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).deleteGroup("demo", "g");
   * ```
   */
  deleteGroup(subKey: string, group: string): void {
    this.#get(subKey)?.groups.delete(group);
  }

  /**
   * Member channels of a group.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).groupChannels("demo", "g"); // []
   * ```
   */
  groupChannels(subKey: string, group: string): string[] {
    return this.#get(subKey)?.groups.channelsOf(group) ?? [];
  }

  /**
   * All groups of a keyset.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).listGroups("demo"); // []
   * ```
   */
  listGroups(subKey: string): string[] {
    return this.#get(subKey)?.groups.list() ?? [];
  }

  /**
   * Stored messages of a channel in a range.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).history(0, "demo", "ch", { max: 25 }); // []
   * ```
   */
  history(now: number, subKey: string, channel: string, query: HistoryQuery): StoredMessage[] {
    return this.#get(subKey)?.history.read(channel, query, now) ?? [];
  }

  /**
   * The stored messages of a keyset (for counts, deletes and action listings), `undefined`
   * while nothing is stored there.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).storedMessages("demo"); // undefined
   * ```
   */
  storedMessages(subKey: string): HistoryStore | undefined {
    return this.#get(subKey)?.history;
  }

  /**
   * Adds or removes a message action on a stored message and, when that worked, announces it
   * to the channel's subscribers (`e: 3`, after the action's own timetoken).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * const tt = model.publish(0, { subKey: "demo", channel: "ch", message: 1, kind: "message" }).timetoken!;
   * const add = { type: "reaction", value: "smile" };
   * model.messageAction(1, { subKey: "demo", channel: "ch", messageTimetoken: BigInt(tt), uuid: "u", add }).change.ok; // true
   * ```
   */
  messageAction(now: number, request: ActionRequest): Outcome & { change: ActionChange } {
    const keyset = this.#get(request.subKey);
    return messageActionOn(keyset, this.settings, this.#tokens, now, request);
  }

  /**
   * What a subscribe with cursor `after` receives now (see {@link Keyset.collect}).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).collect("demo", { channels: ["a"], groups: [] }, 0n).deliveries; // []
   * ```
   */
  collect(subKey: string, subscription: Subscription, after: bigint): Collected {
    const keyset = this.#get(subKey);
    const last = this.#tokens.last > after ? this.#tokens.last : after;
    if (!keyset) return { timetoken: last.toString(), deliveries: [] };
    return keyset.collect(subscription, after, last);
  }

  /**
   * Keys of the long-polls an envelope may wake (see {@link Keyset.wakeKeys}).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * const [e] = model.publish(0, { subKey: "demo", channel: "a", message: 1, kind: "message" }).envelopes;
   * model.wakeKeys(e); // ["c:a"]
   * ```
   */
  wakeKeys(envelope: Envelope): string[] {
    return this.#keysets.peek(envelope.subKey)?.wakeKeys(envelope) ?? [`c:${envelope.channel}`];
  }

  /**
   * Advances time: presence timeouts and due interval events (returned), then drops idle
   * buffers, expired history and empty keysets.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.heartbeat(0, { subKey: "demo", uuid: "u", channels: ["a"], groups: [], timeoutSeconds: 10 });
   * model.tick(10_000).envelopes.length; // 1 (timeout)
   * ```
   */
  tick(now: number): Outcome {
    const envelopes: Envelope[] = [];
    for (const [subKey, keyset] of this.#keysets.entries()) {
      const events = keyset.presence.tick(now);
      envelopes.push(...keyset.announce(events, now, () => this.#tokens.nextBig(now)));
      keyset.buffers.prune(now);
      keyset.history.prune(now);
      if (keyset.isEmpty) this.#keysets.delete(subKey);
    }
    return { envelopes };
  }

  /**
   * Marks a long-poll as waiting on a subscribe key: while one waits, the keyset is never
   * evicted. Each `hold` is matched by one {@link PubSubModel.release}.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * const model = new PubSubModel({});
   * model.hold("demo");
   * model.release("demo");
   * ```
   */
  hold(subKey: string): void {
    this.#keysets.hold(subKey);
  }

  /**
   * Ends one {@link PubSubModel.hold}.
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).release("demo"); // unmatched: ignored
   * ```
   */
  release(subKey: string): void {
    this.#keysets.release(subKey);
  }

  /**
   * The newest timetoken handed out so far (0 before any).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).lastTimetoken; // 0n
   * ```
   */
  get lastTimetoken(): bigint {
    return this.#tokens.last;
  }

  /**
   * Number of keysets held (for tests of memory bounds).
   *
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({}).keysetCount; // 0
   * ```
   */
  get keysetCount(): number {
    return this.#keysets.size;
  }

  // A keyset, made the most recently used.
  #get(subKey: string): Keyset | undefined {
    return this.#keysets.get(subKey);
  }

  // A keyset, created when missing.
  #keyset(subKey: string): Keyset {
    return this.#keysets.getOrCreate(subKey);
  }
}

import { isPresenceName } from "../../core/wire/names.ts";
import { type Envelope, makeEnvelope } from "./envelope.ts";
import type { HistoryQuery, HistoryStore, StoredMessage } from "./history.ts";
import {
  type ActionChange,
  actionEventPayload,
  type ActionRequest,
  addAction,
  removeAction,
} from "./message_actions.ts";
import { Keyset } from "./keyset.ts";
import type { Occupant } from "./presence.ts";
import { presenceRefusal } from "./presence_limits.ts";
import { type ModelSettings, resolveModelSettings } from "./settings.ts";
import type { Collected, Subscription } from "./subscription.ts";
import { TimetokenGenerator } from "./timetoken_generator.ts";

/**
 * A publish or signal, already validated and parsed.
 *
 * @example
 * ```ts
 * import type { PublishInput } from "./model.ts";
 * const input: PublishInput = { subKey: "demo", channel: "ch", message: { text: "hi" }, kind: "message" };
 * ```
 */
export interface PublishInput {
  /** Subscribe key. */
  subKey: string;
  /** Target channel. */
  channel: string;
  /** The parsed message. */
  message: unknown;
  /** `message` (stored unless `store` is false) or `signal` (never stored). */
  kind: "message" | "signal";
  /** Parsed meta, when sent. */
  meta?: unknown;
  /** Publisher uuid. */
  uuid?: string;
  /** `store=0` → false. Default true. */
  store?: boolean;
  /** Hours to keep in history; 0 or absent: until evicted. */
  ttlHours?: number;
  /** `norep=true` (fire) → false: delivered to nobody. Default true. */
  replicate?: boolean;
  /** `custom_message_type`. */
  customMessageType?: string;
  /** `seqn`. */
  sequence?: number;
}

/**
 * What an operation produced: new envelopes (to wake long-polls with) and, for publish, the
 * timetoken to answer with.
 *
 * @example
 * ```ts
 * import type { Outcome } from "./model.ts";
 * const none: Outcome = { envelopes: [] };
 * ```
 */
export interface Outcome {
  /** Envelopes added to channel buffers. */
  envelopes: Envelope[];
  /** The publish timetoken, for publish and signal. */
  timetoken?: string;
  /** Set when a limit refused the operation (nothing changed): what and which limit. */
  refused?: string;
}

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
  // In least-recently-used order: the first entry is the one used longest ago.
  readonly #keysets = new Map<string, Keyset>();
  // Held long-polls per subscribe key (see `hold`).
  readonly #holds = new Map<string, number>();

  /**
   * @example
   * ```ts
   * import { PubSubModel } from "./model.ts";
   * new PubSubModel({ announceMax: 2, intervalMillis: 1000 });
   * ```
   */
  constructor(settings: Partial<ModelSettings>) {
    this.settings = resolveModelSettings(settings);
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
    const keyset = this.#keyset(input.subKey);
    const refused = this.#publishRefusal(keyset, input, now);
    if (refused !== undefined) return { envelopes: [], refused };
    const timetoken = this.#tokens.nextBig(now);
    const tt = timetoken.toString();
    if (input.kind === "message" && input.store !== false) {
      const stored: StoredMessage = { timetoken, tt, message: input.message };
      if (input.uuid !== undefined) stored.uuid = input.uuid;
      if (input.meta !== undefined) stored.meta = input.meta;
      if (input.customMessageType !== undefined) stored.customMessageType = input.customMessageType;
      if (input.ttlHours !== undefined && input.ttlHours > 0) {
        stored.expiresAt = now + input.ttlHours * 3_600_000;
      }
      keyset.history.add(input.channel, stored);
    }
    if (input.replicate === false) return { envelopes: [], timetoken: tt };
    const envelope = makeEnvelope({
      subKey: input.subKey,
      channel: input.channel,
      timetoken,
      region: this.settings.region,
      kind: input.kind,
      payload: input.message,
      meta: input.meta,
      publisher: input.uuid,
      sequence: input.sequence,
      customMessageType: input.customMessageType,
    });
    keyset.buffers.append(envelope, now, keyset.isLive);
    return { envelopes: [envelope], timetoken: tt };
  }

  // A publish to a new channel when making room would drop live data (a buffer a subscriber
  // is on, history younger than the retention) is refused instead, naming the limit.
  #publishRefusal(keyset: Keyset, input: PublishInput, now: number): string | undefined {
    const stores = input.kind === "message" && input.store !== false;
    const probe = BigInt(Math.floor(now)) * 10_000n;
    if (stores && !keyset.history.admits(input.channel, probe)) {
      return `Too many channels with recent history: ${keyset.history.size} (limit historyChannels = ${this.settings.historyChannels})`;
    }
    if (input.replicate !== false && !keyset.buffers.admits(input.channel, keyset.isLive, now)) {
      return `Too many channels with live subscribers: ${keyset.buffers.size} (limit bufferChannels = ${this.settings.bufferChannels})`;
    }
    return undefined;
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
    const targets = keyset.presenceTargets(request.channels, request.groups);
    if (targets.length === 0) return { envelopes: [] };
    const presence = keyset.presence;
    const refused = presenceRefusal(presence, this.settings, request.uuid, targets, request.state);
    if (refused !== undefined) return { envelopes: [], refused };
    const timeout = this.#timeout(request.timeoutSeconds);
    const wasPresent = new Set(targets.filter((c) => presence.isPresent(request.uuid, c)));
    const events = [];
    const changed: [string, Record<string, unknown>][] = [];
    const joinState: Record<string, Record<string, unknown>> = {};
    for (const [channel, value] of Object.entries(request.state ?? {})) {
      if (!targets.includes(channel) || !isPlainObject(value)) continue;
      const same =
        JSON.stringify(presence.stateOf(request.uuid, channel) ?? {}) === JSON.stringify(value);
      if (wasPresent.has(channel)) {
        if (!same) changed.push([channel, value]);
        continue;
      }
      if (!same) presence.setState(now, request.uuid, channel, value);
      joinState[channel] = value; // announced by the join, as `data`
    }
    events.push(...presence.heartbeat(now, request.uuid, targets, timeout, joinState));
    for (const [channel, value] of changed) {
      events.push(...presence.setState(now, request.uuid, channel, value));
    }
    return { envelopes: keyset.announce(events, now, () => this.#tokens.nextBig(now)) };
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
    const targets = keyset.presenceTargets(request.channels, request.groups);
    const perChannel = Object.fromEntries(targets.map((channel) => [channel, state]));
    const refused = presenceRefusal(
      keyset.presence,
      this.settings,
      request.uuid,
      targets,
      perChannel,
      false,
    );
    if (refused !== undefined) return { envelopes: [], refused };
    const events = targets
      .flatMap((channel) => keyset.presence.setState(now, request.uuid, channel, state));
    return { envelopes: keyset.announce(events, now, () => this.#tokens.nextBig(now)) };
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
    const keyset = this.#get(subKey);
    const result: Record<string, unknown> = {};
    if (!keyset) return result;
    for (const channel of keyset.presenceTargets(channels, groups)) {
      const state = keyset.presence.stateOf(uuid, channel);
      if (state !== undefined) result[channel] = state;
    }
    return result;
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
    const keyset = this.#get(subKey);
    const names = channels === undefined
      ? keyset?.presence.occupiedChannels() ?? []
      : keyset?.presenceTargets(channels, groups) ?? channels.filter((c) => !isPresenceName(c));
    const result: Record<string, Occupant[]> = {};
    for (const name of names) result[name] = keyset?.presence.occupants(name) ?? [];
    return result;
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
    const message = keyset?.history.find(request.channel, request.messageTimetoken, now);
    const change = request.add
      ? addAction(
        message,
        request.channel,
        { ...request.add, uuid: request.uuid },
        this.#tokens.nextBig(now),
      )
      : removeAction(message, request.channel, request.remove ?? -1n);
    if (!change.ok || !keyset || !message) return { envelopes: [], change };
    const envelope = makeEnvelope({
      subKey: request.subKey,
      channel: request.channel,
      timetoken: this.#tokens.nextBig(now),
      region: this.settings.region,
      kind: "action",
      payload: actionEventPayload(request.add ? "added" : "removed", change.action, message.tt),
      publisher: request.uuid,
    });
    keyset.buffers.append(envelope, now);
    return { envelopes: [envelope], change };
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
    return this.#keysets.get(envelope.subKey)?.wakeKeys(envelope) ?? [`c:${envelope.channel}`];
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
    for (const [subKey, keyset] of this.#keysets) {
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
    this.#holds.set(subKey, (this.#holds.get(subKey) ?? 0) + 1);
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
    const count = (this.#holds.get(subKey) ?? 0) - 1;
    if (count > 0) this.#holds.set(subKey, count);
    else this.#holds.delete(subKey);
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
    const keyset = this.#keysets.get(subKey);
    if (keyset) {
      this.#keysets.delete(subKey);
      this.#keysets.set(subKey, keyset);
    }
    return keyset;
  }

  // A keyset, created when missing.
  #keyset(subKey: string): Keyset {
    let keyset = this.#get(subKey);
    if (!keyset) {
      if (this.#keysets.size >= this.settings.keysets) this.#evict();
      keyset = new Keyset(subKey, this.settings);
      this.#keysets.set(subKey, keyset);
    }
    return keyset;
  }

  // Makes room for a new keyset. The rule:
  // - at the `keysets` limit, the least recently used keyset that no long-poll waits on and
  //   nobody is present on is dropped (its history, buffers and groups with it);
  // - a keyset in use is never dropped for that: when all are in use the map grows, up to twice
  //   the limit; there, the least recently used keyset no long-poll waits on is dropped even
  //   with occupants (they come back with their next heartbeat, as a join);
  // - keysets long-polls wait on are never dropped: beyond twice the limit they grow only with
  //   open connections, which the listener bounds.
  #evict(): void {
    let occupied: string | undefined;
    for (const [subKey, keyset] of this.#keysets) {
      if (this.#holds.has(subKey)) continue;
      if (!keyset.presence.hasOccupants) {
        this.#keysets.delete(subKey);
        return;
      }
      occupied ??= subKey;
    }
    if (occupied !== undefined && this.#keysets.size >= 2 * this.settings.keysets) {
      this.#keysets.delete(occupied);
    }
  }

  // The requested timeout, capped; undefined when none usable was sent (keep the current one).
  #timeout(requested: number | undefined): number | undefined {
    if (requested === undefined || !Number.isFinite(requested) || requested <= 0) return undefined;
    return Math.min(requested, this.settings.maxPresenceTimeoutSeconds);
  }
}

/**
 * Who does a presence operation, and where.
 *
 * @example
 * ```ts
 * import type { PresenceRequest } from "./model.ts";
 * const r: PresenceRequest = { subKey: "demo", uuid: "u", channels: ["a"], groups: ["g"] };
 * ```
 */
export interface PresenceRequest {
  /** Subscribe key. */
  subKey: string;
  /** The uuid. */
  uuid: string;
  /** Channels named. */
  channels: readonly string[];
  /** Groups named. */
  groups: readonly string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

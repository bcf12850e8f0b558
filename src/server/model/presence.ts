import { utf8Length } from "../../core/size.ts";
import { DeadlineQueue } from "./deadline_queue.ts";
import {
  type ChannelPresence,
  type KeptState,
  type Occupancy,
  PresenceOccupancy,
} from "./presence_occupancy.ts";

export type { Occupant } from "./presence_occupancy.ts";

/**
 * How presence announces changes (docs/protocol.md "Presence events").
 *
 * @example
 * ```ts
 * import type { PresenceSettings } from "./presence.ts";
 * const s: PresenceSettings = { announceMax: 20, intervalMillis: 10000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 300000 };
 * ```
 */
export interface PresenceSettings {
  /** Above this occupancy a channel switches to interval events. */
  announceMax: number;
  /** Period of interval events. */
  intervalMillis: number;
  /** Whether interval events carry `join`/`leave`/`timeout` arrays. */
  presenceDeltas: boolean;
  /** Interval events bigger than this (UTF-8 bytes) drop the arrays, say `here_now_refresh`. */
  hereNowRefreshBytes: number;
  /** How long state set by a uuid that is not present on the channel is kept. */
  stateTtlMillis: number;
  /**
   * Presence timeout (seconds) of a first join that names none; a present uuid keeps its own.
   * Default 300, the service's.
   */
  defaultTimeoutSeconds?: number;
}

/**
 * A presence event to publish on `channel-pnpres`.
 *
 * @example
 * ```ts
 * import type { PresenceEvent } from "./presence.ts";
 * const e: PresenceEvent = { channel: "room", payload: { action: "join", timestamp: 1, uuid: "u", occupancy: 1 } };
 * ```
 */
export interface PresenceEvent {
  /** The channel (without `-pnpres`). */
  channel: string;
  /** The event body (`d`). */
  payload: Record<string, unknown>;
}

type Removal = "leave" | "timeout";

// A queued deadline: an occupant's expiry, a kept state's expiry, or a channel's interval.
// `ref` is the occupancy or state it was queued for: a different one (renewed by a leave and a
// join, say) has its own deadline, so this one is skipped.
interface Due {
  kind: "occupant" | "state" | "interval";
  channel: string;
  entry: ChannelPresence;
  uuid?: string;
  ref?: Occupancy | KeptState;
}

/**
 * Who is on which channel, until when, with what state; and the events that announce changes,
 * individually or, above `announceMax`, as periodic `interval` events with deltas.
 * Pure: time comes in as `now` (ms), events come out as values.
 *
 * @example
 * ```ts
 * import { PresenceTable } from "./presence.ts";
 * const presence = new PresenceTable({ announceMax: 20, intervalMillis: 10000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 300000 });
 * presence.heartbeat(0, "u1", ["room"], 300)[0].payload.action; // "join"
 * presence.tick(301000)[0].payload.action; // "timeout"
 * ```
 */
export class PresenceTable extends PresenceOccupancy {
  readonly #settings: PresenceSettings;
  // Deadlines, so a tick costs what is due, not what is held.
  readonly #due = new DeadlineQueue<Due>();

  /**
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 2, intervalMillis: 1000, presenceDeltas: false, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * ```
   */
  constructor(settings: PresenceSettings) {
    super();
    this.#settings = settings;
  }

  /**
   * Marks a uuid present on channels for its presence timeout; a `join` for each channel it
   * was not on. `timeoutSeconds` sets the timeout; without it a present uuid keeps the one it
   * has on that channel (the official v12 SDK sends `heartbeat` only to `/heartbeat`, never on
   * subscribe) and a first join gets `defaultTimeoutSeconds`. `joinState` is the state the same
   * request sent, per channel: a join it causes carries it as `data` (the official JS SDK reads
   * `data` as the occupant's state on any presence action). Above `announceMax` the join is
   * only an interval delta; its state is then seen through here-now with `state=1`.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * const p = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * p.heartbeat(0, "u", ["a"], 60).length; // 1
   * p.heartbeat(1, "u", ["a"]).length; // 0 (and the timeout stays 60 s)
   * p.heartbeat(0, "v", ["a"], 60, { a: { mood: "ok" } })[0].payload.data; // { mood: "ok" }
   * ```
   */
  heartbeat(
    now: number,
    uuid: string,
    channels: Iterable<string>,
    timeoutSeconds?: number,
    joinState: Readonly<Record<string, Record<string, unknown>>> = {},
  ): PresenceEvent[] {
    const events: PresenceEvent[] = [];
    const fallback = (this.#settings.defaultTimeoutSeconds ?? 300) * 1000;
    for (const channel of channels) {
      const entry = this.entry(channel);
      const current = entry.occupants.get(uuid);
      const timeoutMillis = timeoutSeconds !== undefined
        ? timeoutSeconds * 1000
        : current?.timeoutMillis ?? fallback;
      const occupancy = current ?? { expiresAt: 0, timeoutMillis };
      occupancy.expiresAt = now + timeoutMillis;
      occupancy.timeoutMillis = timeoutMillis;
      if (!occupancy.scheduled) {
        occupancy.scheduled = true;
        this.#due.push(occupancy.expiresAt, {
          kind: "occupant",
          channel,
          entry,
          uuid,
          ref: occupancy,
        });
      }
      if (current) continue;
      entry.occupants.set(uuid, occupancy);
      this.entries++;
      let mine = this.byUuid.get(uuid);
      if (!mine) this.byUuid.set(uuid, mine = new Set());
      mine.add(channel);
      const after = entry.occupants.size;
      const data = Object.hasOwn(joinState, channel) ? joinState[channel] : undefined;
      this.#announce(now, channel, entry, "join", uuid, after - 1, after, events, data);
    }
    return events;
  }

  /**
   * Removes a uuid from channels at once: a `leave` for each channel it was on.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * const p = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * p.heartbeat(0, "u", ["a"], 60);
   * p.leave(1, "u", ["a"])[0].payload.action; // "leave"
   * ```
   */
  leave(now: number, uuid: string, channels: Iterable<string>): PresenceEvent[] {
    const events: PresenceEvent[] = [];
    for (const channel of channels) this.#remove(now, channel, uuid, "leave", events);
    return events;
  }

  /**
   * Sets (or, with an empty object, clears) a uuid's state on a channel; a `state-change` event
   * when the uuid is present. State of an absent uuid is kept for `stateTtlMillis`.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * const p = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * p.heartbeat(0, "u", ["a"], 60);
   * p.setState(1, "u", "a", { mood: "ok" })[0].payload.action; // "state-change"
   * ```
   */
  setState(
    now: number,
    uuid: string,
    channel: string,
    state: Record<string, unknown>,
  ): PresenceEvent[] {
    const entry = this.entry(channel);
    const kept = entry.states.get(uuid);
    if (Object.keys(state).length === 0) {
      if (entry.states.delete(uuid)) this.entries--;
    } else {
      const record = kept ?? { value: state, expiresAt: 0 };
      record.value = state;
      record.expiresAt = now + this.#settings.stateTtlMillis;
      if (!kept) {
        entry.states.set(uuid, record);
        this.entries++;
      }
      if (!record.scheduled) {
        record.scheduled = true;
        this.#due.push(record.expiresAt, { kind: "state", channel, entry, uuid, ref: record });
      }
    }
    if (!entry.occupants.has(uuid)) {
      this.dropIfIdle(channel, entry);
      return [];
    }
    return [{
      channel,
      payload: {
        action: "state-change",
        timestamp: seconds(now),
        uuid,
        occupancy: entry.occupants.size,
        data: state,
      },
    }];
  }
  /**
   * Advances time: `timeout` for every expired occupant, drops expired state, and emits the
   * `interval` events that are due.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * const p = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * p.heartbeat(0, "u", ["a"], 10);
   * p.tick(5000); // []
   * p.tick(10000).length; // 1
   * ```
   */
  tick(now: number): PresenceEvent[] {
    const events: PresenceEvent[] = [];
    // Per channel, as due: timeouts first, then kept states, then the interval (which then
    // carries those timeouts), channels in the order their first deadline came due.
    const work = new Map<ChannelPresence, Due[]>();
    for (const due of this.#due.takeDue(now)) {
      let list = work.get(due.entry);
      if (!list) work.set(due.entry, list = []);
      list.push(due);
    }
    const order = { occupant: 0, state: 1, interval: 2 };
    for (const [entry, list] of work) {
      list.sort((a, b) => order[a.kind] - order[b.kind]);
      const channel = list[0].channel;
      for (const due of list) {
        if (this.channels.get(channel) !== entry) break; // dropped: its deadlines are moot
        this.#runDue(now, due, events);
      }
      if (this.channels.get(channel) === entry) this.dropIfIdle(channel, entry);
    }
    return events;
  }

  #runDue(now: number, due: Due, events: PresenceEvent[]): void {
    const { entry, channel } = due;
    if (due.kind === "occupant") {
      const occupancy = entry.occupants.get(due.uuid!);
      if (occupancy === undefined || occupancy !== due.ref) return;
      occupancy.scheduled = false;
      if (occupancy.expiresAt <= now) this.#remove(now, channel, due.uuid!, "timeout", events);
      else {
        occupancy.scheduled = true;
        this.#due.push(occupancy.expiresAt, due);
      }
    } else if (due.kind === "state") {
      const kept = entry.states.get(due.uuid!);
      if (kept === undefined || kept !== due.ref) return;
      kept.scheduled = false;
      // A present uuid's state goes when the uuid goes.
      if (entry.occupants.has(due.uuid!)) return;
      if (kept.expiresAt <= now) {
        entry.states.delete(due.uuid!);
        this.entries--;
      } else {
        kept.scheduled = true;
        this.#due.push(kept.expiresAt, due);
      }
    } else {
      entry.intervalScheduled = false;
      if (entry.nextIntervalAt !== undefined && entry.nextIntervalAt <= now) {
        events.push({ channel, payload: this.#interval(now, entry) });
        const stillCrowded = entry.occupants.size > this.#settings.announceMax;
        entry.nextIntervalAt = stillCrowded ? now + this.#settings.intervalMillis : undefined;
      }
      this.#scheduleInterval(channel, entry);
    }
  }

  #scheduleInterval(channel: string, entry: ChannelPresence): void {
    if (entry.nextIntervalAt === undefined || entry.intervalScheduled) return;
    entry.intervalScheduled = true;
    this.#due.push(entry.nextIntervalAt, { kind: "interval", channel, entry });
  }

  #remove(
    now: number,
    channel: string,
    uuid: string,
    action: Removal,
    events: PresenceEvent[],
  ): void {
    const entry = this.channels.get(channel);
    if (!entry?.occupants.has(uuid)) return;
    entry.occupants.delete(uuid);
    this.entries--;
    if (entry.states.delete(uuid)) this.entries--; // the service forgets state when it goes
    const mine = this.byUuid.get(uuid);
    mine?.delete(channel);
    if (mine?.size === 0) this.byUuid.delete(uuid);
    const after = entry.occupants.size;
    this.#announce(now, channel, entry, action, uuid, after + 1, after, events);
    this.dropIfIdle(channel, entry);
  }

  // A change is announced on its own only while the channel stays within announceMax on both
  // sides of it; otherwise it goes into the next interval's net deltas.
  //
  // Causal order: when a channel comes back within announceMax while an interval is still owed
  // (deltas held since it was crowded), that interval is sent at once, with the occupancy
  // before this change, and then the change itself. Waiting for the timer instead would put
  // older changes after newer ones; holding the new ones back too would delay every event of
  // a now-small channel by up to an interval.
  #announce(
    now: number,
    channel: string,
    entry: ChannelPresence,
    action: "join" | Removal,
    uuid: string,
    before: number,
    after: number,
    events: PresenceEvent[],
    data?: Record<string, unknown>,
  ): void {
    if (Math.max(before, after) <= this.#settings.announceMax) {
      if (entry.nextIntervalAt !== undefined) {
        events.push({ channel, payload: this.#interval(now, entry, before) });
        entry.nextIntervalAt = undefined;
      }
      const payload: Record<string, unknown> = {
        action,
        timestamp: seconds(now),
        uuid,
        occupancy: after,
      };
      if (data !== undefined && Object.keys(data).length > 0) payload.data = data;
      events.push({ channel, payload });
      return;
    }
    const { join, leave, timeout } = entry.pending;
    if (action === "join") {
      // Gone and back within one interval is no change.
      if (!leave.delete(uuid) && !timeout.delete(uuid)) join.add(uuid);
    } else if (!join.delete(uuid)) {
      (action === "leave" ? leave : timeout).add(uuid);
    }
    entry.nextIntervalAt ??= now + this.#settings.intervalMillis;
    this.#scheduleInterval(channel, entry);
  }

  #interval(
    now: number,
    entry: ChannelPresence,
    occupancy = entry.occupants.size,
  ): Record<string, unknown> {
    const base = { action: "interval", timestamp: seconds(now), occupancy };
    const { join, leave, timeout } = entry.pending;
    const deltas = {
      join: [...join].sort(),
      leave: [...leave].sort(),
      timeout: [...timeout].sort(),
    };
    join.clear();
    leave.clear();
    timeout.clear();
    if (!this.#settings.presenceDeltas) return base;
    const full = { ...base, ...deltas };
    if (utf8Length(JSON.stringify(full)) > this.#settings.hereNowRefreshBytes) {
      return { ...base, here_now_refresh: true };
    }
    return full;
  }
}

function seconds(now: number): number {
  return Math.floor(now / 1000);
}

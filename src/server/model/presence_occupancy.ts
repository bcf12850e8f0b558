/**
 * One occupant as here-now shows it.
 *
 * @example
 * ```ts
 * import type { Occupant } from "./presence.ts";
 * const o: Occupant = { uuid: "u", state: { mood: "ok" } };
 * ```
 */
export interface Occupant {
  /** The occupant's uuid. */
  uuid: string;
  /** Its state on the channel, when set. */
  state?: unknown;
}

/**
 * One uuid's presence on one channel.
 *
 * @example
 * ```ts
 * import type { Occupancy } from "./presence_occupancy.ts";
 * const o: Occupancy = { expiresAt: 300000, timeoutMillis: 300000 };
 * ```
 */
export interface Occupancy {
  /** When the uuid times out (ms). */
  expiresAt: number;
  /** Its presence timeout (ms), kept for heartbeats that name none. */
  timeoutMillis: number;
  /** Whether a deadline for it is queued. */
  scheduled?: boolean;
}

/**
 * State kept for one uuid on one channel.
 *
 * @example
 * ```ts
 * import type { KeptState } from "./presence_occupancy.ts";
 * const s: KeptState = { value: { mood: "ok" }, expiresAt: 300000 };
 * ```
 */
export interface KeptState {
  /** The state. */
  value: unknown;
  /** When it is dropped if its uuid is not present (ms). */
  expiresAt: number;
  /** Whether a deadline for it is queued. */
  scheduled?: boolean;
}

/**
 * Everything presence keeps for one channel: occupants, kept states, and the deltas held for
 * its next interval event.
 *
 * @example
 * ```ts
 * import type { ChannelPresence } from "./presence_occupancy.ts";
 * const c: ChannelPresence = { occupants: new Map(), states: new Map(), pending: { join: new Set(), leave: new Set(), timeout: new Set() } };
 * ```
 */
export interface ChannelPresence {
  /** Present uuids. */
  occupants: Map<string, Occupancy>;
  /** State per uuid, present or recently gone. */
  states: Map<string, KeptState>;
  /** Net changes since the last interval event (above `announceMax`). */
  pending: { join: Set<string>; leave: Set<string>; timeout: Set<string> };
  /** When the owed interval event is due. */
  nextIntervalAt?: number;
  /** Whether a deadline for that interval is queued. */
  intervalScheduled?: boolean;
}

/**
 * The bookkeeping under `PresenceTable` (./presence.ts): who is on which channel with what state, and
 * the queries on it. The table changes it and announces the changes.
 *
 * @example
 * ```ts
 * import { PresenceTable } from "./presence.ts";
 * const presence = new PresenceTable({ announceMax: 20, intervalMillis: 10000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 300000 });
 * presence.heartbeat(0, "u1", ["room"], 300);
 * presence.occupancy("room"); // 1
 * ```
 */
export abstract class PresenceOccupancy {
  /** Presence per channel. */
  protected readonly channels = new Map<string, ChannelPresence>();
  /** Channels per present uuid. */
  protected readonly byUuid = new Map<string, Set<string>>();
  /** Occupancies plus states, kept as they change. */
  protected entries = 0;

  /**
   * Whether a uuid is present on a channel.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * const p = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * p.isPresent("u", "a"); // false
   * ```
   */
  isPresent(uuid: string, channel: string): boolean {
    return this.channels.get(channel)?.occupants.has(uuid) ?? false;
  }

  /**
   * A uuid's state on a channel, when set.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * const p = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * p.stateOf("u", "a"); // undefined
   * ```
   */
  stateOf(uuid: string, channel: string): unknown {
    return this.channels.get(channel)?.states.get(uuid)?.value;
  }

  /**
   * Occupants of a channel, sorted by uuid, with their state.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * const p = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
   * p.heartbeat(0, "b", ["a"], 60);
   * p.heartbeat(0, "a", ["a"], 60);
   * p.occupants("a").map((o) => o.uuid); // ["a", "b"]
   * ```
   */
  occupants(channel: string): Occupant[] {
    const entry = this.channels.get(channel);
    if (!entry) return [];
    return [...entry.occupants.keys()].sort().map((uuid) => {
      const state = entry.states.get(uuid)?.value;
      return state === undefined ? { uuid } : { uuid, state };
    });
  }

  /**
   * Number of uuids present on a channel.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 }).occupancy("a"); // 0
   * ```
   */
  occupancy(channel: string): number {
    return this.channels.get(channel)?.occupants.size ?? 0;
  }

  /**
   * Channels with at least one occupant, sorted.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 }).occupiedChannels(); // []
   * ```
   */
  occupiedChannels(): string[] {
    return [...this.channels].filter(([, e]) => e.occupants.size > 0).map(([c]) => c).sort();
  }

  /**
   * Channels a uuid is present on, sorted.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 }).channelsOf("u"); // []
   * ```
   */
  channelsOf(uuid: string): string[] {
    return [...(this.byUuid.get(uuid) ?? [])].sort();
  }
  /**
   * Presence entries held: each uuid present on a channel, and each state kept.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 }).entryCount; // 0
   * ```
   */
  get entryCount(): number {
    return this.entries;
  }

  /**
   * Number of channels a uuid is present on.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 }).channelCountOf("u"); // 0
   * ```
   */
  channelCountOf(uuid: string): number {
    return this.byUuid.get(uuid)?.size ?? 0;
  }

  /**
   * Whether any uuid is present on any channel.
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 }).hasOccupants; // false
   * ```
   */
  get hasOccupants(): boolean {
    return this.byUuid.size > 0;
  }

  /**
   * Whether nothing is tracked (so the owner may be dropped).
   *
   * @example
   * ```ts
   * import { PresenceTable } from "./presence.ts";
   * new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 }).isEmpty; // true
   * ```
   */
  get isEmpty(): boolean {
    return this.channels.size === 0;
  }

  /** A channel's presence, created when missing. */
  protected entry(channel: string): ChannelPresence {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = {
        occupants: new Map(),
        states: new Map(),
        pending: { join: new Set(), leave: new Set(), timeout: new Set() },
      };
      this.channels.set(channel, entry);
    }
    return entry;
  }

  /** Forgets a channel once nothing is kept for it and no interval is owed. */
  protected dropIfIdle(channel: string, entry: ChannelPresence): void {
    if (
      entry.occupants.size === 0 && entry.states.size === 0 && entry.nextIntervalAt === undefined
    ) this.channels.delete(channel);
  }
}

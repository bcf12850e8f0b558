import { ChannelBuffers } from "./channel_buffers.ts";
import {
  isPresenceChannel,
  isWildcard,
  PRESENCE_SUFFIX,
  presenceChannelOf,
  wildcardKeyOf,
} from "./channel_names.ts";
import { type Envelope, makeEnvelope } from "./envelope.ts";
import { ChannelGroups } from "./groups.ts";
import { HistoryStore } from "./history.ts";
import { type PresenceEvent, PresenceTable } from "./presence.ts";
import type { ModelSettings } from "./settings.ts";
import {
  type Collected,
  type Delivery,
  MAX_ENVELOPES_PER_RESPONSE,
  type Subscription,
} from "./subscription.ts";

/**
 * Everything the server keeps for one subscribe key: channel buffers, history, presence and
 * channel groups. Keysets never see each other's channels.
 *
 * @example
 * ```ts
 * import { Keyset } from "./keyset.ts";
 * import { resolveModelSettings } from "./settings.ts";
 * const keyset = new Keyset("demo", resolveModelSettings({}));
 * keyset.isEmpty; // true
 * ```
 */
export class Keyset {
  /** The subscribe key. */
  readonly subKey: string;
  /** Recent envelopes per channel. */
  readonly buffers: ChannelBuffers;
  /** Stored messages. */
  readonly history: HistoryStore;
  /** Occupants and state. */
  readonly presence: PresenceTable;
  /** Channel groups. */
  readonly groups: ChannelGroups;
  readonly #settings: ModelSettings;

  /**
   * @example
   * ```ts
   * import { Keyset } from "./keyset.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new Keyset("demo", resolveModelSettings({ bufferSize: 10 }));
   * ```
   */
  constructor(subKey: string, settings: ModelSettings) {
    this.subKey = subKey;
    this.#settings = settings;
    this.buffers = new ChannelBuffers({
      perChannel: settings.bufferSize,
      channels: settings.bufferChannels,
      retentionMillis: settings.bufferRetentionMillis,
    });
    this.history = new HistoryStore({
      perChannel: settings.historyPerChannel,
      channels: settings.historyChannels,
      retentionMillis: settings.historyRetentionMillis,
    });
    this.presence = new PresenceTable({
      announceMax: settings.announceMax,
      intervalMillis: settings.intervalMillis,
      presenceDeltas: settings.presenceDeltas,
      hereNowRefreshBytes: settings.hereNowRefreshBytes,
      stateTtlMillis: settings.stateTtlMillis,
      defaultTimeoutSeconds: Math.min(
        settings.presenceTimeoutSeconds,
        settings.maxPresenceTimeoutSeconds,
      ),
    });
    this.groups = new ChannelGroups(settings.groupChannels, settings.groups);
  }

  /**
   * Turns presence events into envelopes on `x-pnpres` and buffers them.
   *
   * @example
   * ```ts
   * import { Keyset } from "./keyset.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * const keyset = new Keyset("demo", resolveModelSettings({}));
   * let t = 0n;
   * keyset.announce([{ channel: "a", payload: { action: "join" } }], 0, () => ++t)[0].channel; // "a-pnpres"
   * ```
   */
  announce(events: readonly PresenceEvent[], now: number, nextTimetoken: () => bigint): Envelope[] {
    return events.map((event) => {
      const envelope = makeEnvelope({
        subKey: this.subKey,
        channel: presenceChannelOf(event.channel),
        timetoken: nextTimetoken(),
        region: this.#settings.region,
        kind: "presence",
        payload: event.payload,
      });
      this.buffers.append(envelope, now, this.isLive);
      return envelope;
    });
  }

  /**
   * Whether a live subscriber is on a channel (or, for `x-pnpres`, on its base channel): a
   * uuid present there, that is, seen within its presence timeout. Such channels keep their
   * buffers when others need room.
   *
   * @example
   * ```ts
   * import { Keyset } from "./keyset.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * const keyset = new Keyset("demo", resolveModelSettings({}));
   * keyset.presence.heartbeat(0, "u", ["a"], 60);
   * keyset.isLive("a-pnpres"); // true
   * ```
   */
  readonly isLive = (channel: string): boolean => {
    const base = isPresenceChannel(channel) ? channel.slice(0, -PRESENCE_SUFFIX.length) : channel;
    return this.presence.occupancy(base) > 0;
  };

  /**
   * The channels a subscribe or heartbeat makes its uuid present on: named channels that are not
   * presence channels or patterns, and the members of named groups.
   *
   * @example
   * ```ts
   * import { Keyset } from "./keyset.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * const keyset = new Keyset("demo", resolveModelSettings({}));
   * keyset.groups.add("g", ["m"]);
   * keyset.presenceTargets(["a", "a-pnpres", "b.*"], ["g", "g-pnpres"]); // ["a", "m"]
   * ```
   */
  presenceTargets(channels: readonly string[], groups: readonly string[]): string[] {
    const targets = new Set<string>();
    for (const channel of channels) {
      if (!isPresenceChannel(channel) && !isWildcard(channel)) targets.add(channel);
    }
    for (const group of groups) {
      if (isPresenceChannel(group)) continue;
      for (const member of this.groups.channelsOf(group)) targets.add(member);
    }
    return [...targets];
  }

  /**
   * Envelopes newer than `after` for a subscription, oldest first, each once, capped at 100.
   * The cursor is `last` (the newest timetoken issued) unless the cap cut the list, in which
   * case it is the last delivered one, so the rest comes next time.
   *
   * @example
   * ```ts
   * import { Keyset } from "./keyset.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new Keyset("demo", resolveModelSettings({})).collect({ channels: ["a"], groups: [] }, 0n, 5n).timetoken; // "5"
   * ```
   */
  collect(subscription: Subscription, after: bigint, last: bigint): Collected {
    const seen = new Set<Envelope>();
    const found: Delivery[] = [];
    const take = (channel: string, match: string) => {
      for (const envelope of this.buffers.newerThan(channel, after)) {
        if (seen.has(envelope)) continue;
        seen.add(envelope);
        if (envelope.kind !== "presence" && subscription.filter) {
          let pass = false;
          try {
            pass = subscription.filter({ meta: envelope.meta, data: envelope.payload });
          } catch {
            pass = false;
          }
          if (!pass) continue;
        }
        found.push({ envelope, match });
      }
    };
    for (const channel of subscription.channels) {
      if (isWildcard(channel)) {
        for (const member of this.buffers.channelsMatching(channel)) take(member, channel);
      } else take(channel, channel);
    }
    for (const group of subscription.groups) {
      const presence = isPresenceChannel(group);
      const name = presence ? group.slice(0, -PRESENCE_SUFFIX.length) : group;
      for (const member of this.groups.channelsOf(name)) {
        take(presence ? presenceChannelOf(member) : member, group);
      }
    }
    found.sort((x, y) => x.envelope.timetoken < y.envelope.timetoken ? -1 : 1);
    if (found.length > MAX_ENVELOPES_PER_RESPONSE) {
      const kept = found.slice(0, MAX_ENVELOPES_PER_RESPONSE);
      return { timetoken: kept[kept.length - 1].envelope.tt, deliveries: kept };
    }
    return { timetoken: last.toString(), deliveries: found };
  }

  /**
   * The keys of the long-polls an envelope may interest: its channel, its wildcard pattern, and
   * the groups its channel belongs to.
   *
   * @example
   * ```ts
   * import { Keyset } from "./keyset.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * import { makeEnvelope } from "./envelope.ts";
   * const keyset = new Keyset("demo", resolveModelSettings({}));
   * keyset.groups.add("g", ["a.b"]);
   * const e = makeEnvelope({ subKey: "demo", channel: "a.b-pnpres", timetoken: 1n, region: 1, kind: "presence", payload: {} });
   * keyset.wakeKeys(e); // ["c:a.b-pnpres", "c:a.*-pnpres", "g:g-pnpres"]
   * ```
   */
  wakeKeys(envelope: Envelope): string[] {
    const channel = envelope.channel;
    const keys = [`c:${channel}`];
    const pattern = wildcardKeyOf(channel);
    if (pattern !== undefined) keys.push(`c:${pattern}`);
    const presence = isPresenceChannel(channel);
    const base = presence ? channel.slice(0, -PRESENCE_SUFFIX.length) : channel;
    for (const group of this.groups.groupsOf(base)) {
      keys.push(`g:${group}${presence ? PRESENCE_SUFFIX : ""}`);
    }
    return keys;
  }

  /**
   * Whether the keyset holds nothing and can be forgotten.
   *
   * @example
   * ```ts
   * import { Keyset } from "./keyset.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new Keyset("demo", resolveModelSettings({})).isEmpty; // true
   * ```
   */
  get isEmpty(): boolean {
    return this.buffers.size === 0 && this.history.size === 0 && this.presence.isEmpty &&
      this.groups.size === 0;
  }
}

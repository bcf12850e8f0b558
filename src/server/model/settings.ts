/**
 * The model's tunables, all resolved.
 *
 * @example
 * ```ts
 * import { resolveModelSettings } from "./settings.ts";
 * const settings = resolveModelSettings({ announceMax: 5 });
 * settings.bufferSize; // 100
 * ```
 */
export interface ModelSettings {
  /** Region sent as `r` in timetokens. */
  region: number;
  /** Catch-up window per channel (envelopes). */
  bufferSize: number;
  /** Channels with a buffer, at most, per keyset. */
  bufferChannels: number;
  /** A channel idle longer than this loses its buffer. */
  bufferRetentionMillis: number;
  /** Stored messages per channel. */
  historyPerChannel: number;
  /** Channels with stored messages, per keyset. */
  historyChannels: number;
  /** Stored history younger than this is never dropped to make room for another channel. */
  historyRetentionMillis: number;
  /** Occupancy above which presence switches to interval events. */
  announceMax: number;
  /** Period of interval events. */
  intervalMillis: number;
  /** Whether interval events carry deltas. */
  presenceDeltas: boolean;
  /** Size above which an interval event says `here_now_refresh` instead of deltas. */
  hereNowRefreshBytes: number;
  /** How long state of an absent uuid is kept. */
  stateTtlMillis: number;
  /** Default presence timeout (seconds) when a request names none. */
  presenceTimeoutSeconds: number;
  /** Largest presence timeout accepted (seconds). */
  maxPresenceTimeoutSeconds: number;
  /** Channels per group. */
  groupChannels: number;
  /** Groups per keyset. */
  groups: number;
  /**
   * Keysets kept at once: beyond it the least recently used idle one (no long-poll, nobody
   * present) is dropped; keysets in use may take the count up to twice this (see the model).
   */
  keysets: number;
  /** Channels (group members included) one presence request may name. */
  presenceChannelsPerRequest: number;
  /** Uuids present on one channel at once. */
  occupantsPerChannel: number;
  /** Channels one uuid may be present on at once. */
  channelsPerUuid: number;
  /** Size of the state a uuid sets on one channel (JSON characters). */
  stateBytes: number;
  /** Presence entries (uuid on a channel, or state kept for one) per keyset. */
  presenceEntries: number;
}

const DEFAULTS: ModelSettings = {
  region: 1,
  bufferSize: 100,
  bufferChannels: 10_000,
  bufferRetentionMillis: 15 * 60_000,
  historyPerChannel: 1_000,
  historyChannels: 1_000,
  historyRetentionMillis: 3_600_000,
  announceMax: 20,
  intervalMillis: 10_000,
  presenceDeltas: true,
  hereNowRefreshBytes: 30_000,
  stateTtlMillis: 300_000,
  presenceTimeoutSeconds: 300,
  maxPresenceTimeoutSeconds: 320,
  groupChannels: 2_000,
  groups: 10_000,
  keysets: 1_000,
  presenceChannelsPerRequest: 1_000,
  occupantsPerChannel: 10_000,
  channelsPerUuid: 2_000,
  stateBytes: 32_768,
  presenceEntries: 200_000,
};

/**
 * Fills in defaults (the service's where it has one).
 *
 * @example
 * ```ts
 * import { resolveModelSettings } from "./settings.ts";
 * resolveModelSettings({}).announceMax; // 20
 * ```
 */
export function resolveModelSettings(partial: Partial<ModelSettings>): ModelSettings {
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(partial) as (keyof ModelSettings)[]) {
    if (partial[key] !== undefined) (settings as Record<string, unknown>)[key] = partial[key];
  }
  return settings;
}

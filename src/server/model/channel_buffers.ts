import { wildcardKeyOf } from "./channel_names.ts";
import type { Envelope } from "./envelope.ts";

/**
 * Limits of {@link ChannelBuffers}.
 *
 * @example
 * ```ts
 * import type { ChannelBufferLimits } from "./channel_buffers.ts";
 * const limits: ChannelBufferLimits = { perChannel: 100, channels: 10000, retentionMillis: 600000 };
 * ```
 */
export interface ChannelBufferLimits {
  /** Envelopes kept per channel (the catch-up window; the service keeps 100). */
  perChannel: number;
  /** Channels kept at most; the least recently used is dropped beyond it. */
  channels: number;
  /** A channel whose newest envelope is older than this is dropped. */
  retentionMillis: number;
}

interface Buffer {
  envelopes: Envelope[];
  lastAt: number;
}

/**
 * Per-channel windows of the most recent envelopes, the catch-up source of subscribe.
 * The map's insertion order is kept as least-recently-published first, so dropping idle
 * channels stops at the first live one, and a wildcard index gives `a.*` its channels.
 *
 * @example
 * ```ts
 * import { ChannelBuffers } from "./channel_buffers.ts";
 * import { makeEnvelope } from "./envelope.ts";
 * const buffers = new ChannelBuffers({ perChannel: 2, channels: 10, retentionMillis: 1000 });
 * buffers.append(makeEnvelope({ subKey: "k", channel: "a.b", timetoken: 1n, region: 1, kind: "message", payload: 1 }), 0);
 * buffers.newerThan("a.b", 0n).length; // 1
 * buffers.channelsMatching("a.*"); // ["a.b"]
 * ```
 */
export class ChannelBuffers {
  readonly #limits: ChannelBufferLimits;
  readonly #buffers = new Map<string, Buffer>();
  readonly #wildcards = new Map<string, Set<string>>();

  /**
   * @example
   * ```ts
   * import { ChannelBuffers } from "./channel_buffers.ts";
   * new ChannelBuffers({ perChannel: 100, channels: 1000, retentionMillis: 60000 });
   * ```
   */
  constructor(limits: ChannelBufferLimits) {
    this.#limits = limits;
  }

  /**
   * Appends an envelope to its channel's window, dropping the oldest beyond the limit.
   *
   * @example
   * ```ts
   * import { ChannelBuffers } from "./channel_buffers.ts";
   * import { makeEnvelope } from "./envelope.ts";
   * const buffers = new ChannelBuffers({ perChannel: 1, channels: 10, retentionMillis: 1000 });
   * buffers.append(makeEnvelope({ subKey: "k", channel: "c", timetoken: 1n, region: 1, kind: "message", payload: 1 }), 0);
   * ```
   */
  append(
    envelope: Envelope,
    now: number,
    isLive: (channel: string) => boolean = () => false,
  ): void {
    const channel = envelope.channel;
    let buffer = this.#buffers.get(channel);
    if (buffer) {
      this.#buffers.delete(channel); // re-insert: most recently used goes last
    } else {
      buffer = { envelopes: [], lastAt: now };
      this.#index(channel);
    }
    this.#buffers.set(channel, buffer);
    buffer.envelopes.push(envelope);
    buffer.lastAt = now;
    if (buffer.envelopes.length > this.#limits.perChannel) {
      buffer.envelopes.splice(0, buffer.envelopes.length - this.#limits.perChannel);
    }
    // Room is made from channels nobody live is on; live ones are never dropped for it (a
    // publish to a new channel is refused first, see `admits`). Presence events make no room:
    // their channels are bounded by the presence limits, and a flood of joins must not pay a
    // search each.
    if (this.#buffers.size > this.#limits.channels && envelope.kind !== "presence") {
      const idle = this.#leastRecentIdle(isLive, channel, now);
      if (idle !== undefined) this.#drop(idle);
    }
  }

  /**
   * Whether an envelope for `channel` can be buffered without dropping a channel that
   * `isLive` says a subscriber is on: the channel has a buffer, or there is room, or an idle
   * one can go.
   *
   * @example
   * ```ts
   * import { ChannelBuffers } from "./channel_buffers.ts";
   * new ChannelBuffers({ perChannel: 1, channels: 1, retentionMillis: 1 }).admits("a", () => true, 0); // true
   * ```
   */
  admits(channel: string, isLive: (channel: string) => boolean, now: number): boolean {
    if (this.#buffers.has(channel) || this.#buffers.size < this.#limits.channels) return true;
    return this.#leastRecentIdle(isLive, channel, now) !== undefined;
  }

  // The least recently used channel nobody is subscribed to. Live channels met on the way are
  // moved to the back as used now (they stay anyway; the order stays by `lastAt` for `prune`),
  // so the next search does not meet them again; a search looks at SCAN_LIMIT channels at
  // most, so its cost is bounded even when all are live.
  #leastRecentIdle(
    isLive: (channel: string) => boolean,
    except: string,
    now: number,
  ): string | undefined {
    for (const [channel, buffer] of [...take(this.#buffers, SCAN_LIMIT)]) {
      if (channel === except) continue;
      if (!isLive(channel)) return channel;
      this.#buffers.delete(channel);
      buffer.lastAt = Math.max(buffer.lastAt, now);
      this.#buffers.set(channel, buffer);
    }
    return undefined;
  }

  /**
   * The envelopes of a channel newer than a timetoken, oldest first.
   *
   * @example
   * ```ts
   * import { ChannelBuffers } from "./channel_buffers.ts";
   * new ChannelBuffers({ perChannel: 1, channels: 1, retentionMillis: 1 }).newerThan("none", 0n); // []
   * ```
   */
  newerThan(channel: string, timetoken: bigint): Envelope[] {
    const envelopes = this.#buffers.get(channel)?.envelopes;
    if (!envelopes) return [];
    let start = envelopes.length;
    while (start > 0 && envelopes[start - 1].timetoken > timetoken) start--;
    return envelopes.slice(start);
  }

  /**
   * Buffered channels that a one-level wildcard pattern (`a.*` or `a.*-pnpres`) matches.
   *
   * @example
   * ```ts
   * import { ChannelBuffers } from "./channel_buffers.ts";
   * new ChannelBuffers({ perChannel: 1, channels: 1, retentionMillis: 1 }).channelsMatching("a.*"); // []
   * ```
   */
  channelsMatching(pattern: string): string[] {
    const set = this.#wildcards.get(pattern);
    return set ? [...set] : [];
  }

  /**
   * Drops channels idle longer than the retention time.
   *
   * @example
   * ```ts
   * import { ChannelBuffers } from "./channel_buffers.ts";
   * new ChannelBuffers({ perChannel: 1, channels: 1, retentionMillis: 1 }).prune(10);
   * ```
   */
  prune(now: number): void {
    for (const [channel, buffer] of this.#buffers) {
      if (now - buffer.lastAt <= this.#limits.retentionMillis) break;
      this.#drop(channel);
    }
  }

  /**
   * Number of channels with a buffer.
   *
   * @example
   * ```ts
   * import { ChannelBuffers } from "./channel_buffers.ts";
   * new ChannelBuffers({ perChannel: 1, channels: 1, retentionMillis: 1 }).size; // 0
   * ```
   */
  get size(): number {
    return this.#buffers.size;
  }

  #index(channel: string): void {
    const key = wildcardKeyOf(channel);
    if (key === undefined) return;
    let set = this.#wildcards.get(key);
    if (!set) this.#wildcards.set(key, set = new Set());
    set.add(channel);
  }

  #drop(channel: string): void {
    this.#buffers.delete(channel);
    const key = wildcardKeyOf(channel);
    if (key === undefined) return;
    const set = this.#wildcards.get(key);
    set?.delete(channel);
    if (set?.size === 0) this.#wildcards.delete(key);
  }
}

const SCAN_LIMIT = 1000;

function* take<K, V>(map: Map<K, V>, count: number): Generator<[K, V]> {
  if (count <= 0) return;
  for (const entry of map) {
    yield entry;
    if (--count <= 0) return;
  }
}

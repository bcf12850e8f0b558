/**
 * A message kept for history (`/v3/history`).
 *
 * @example
 * ```ts
 * import type { StoredMessage } from "./history.ts";
 * const m: StoredMessage = { timetoken: 1n, tt: "1", message: "hi", uuid: "u" };
 * ```
 */
export interface StoredMessage {
  /** Publish timetoken, for ordering and ranges. */
  timetoken: bigint;
  /** Publish timetoken as sent. */
  tt: string;
  /** The published value. */
  message: unknown;
  /** Publisher uuid. */
  uuid?: string;
  /** Publish meta. */
  meta?: unknown;
  /** Custom message type. */
  customMessageType?: string;
  /** When it stops being returned (ms), from the publish `ttl`; absent: kept until evicted. */
  expiresAt?: number;
  /** Message actions added to it, oldest first; absent until the first one. */
  actions?: StoredAction[];
}

/**
 * A message action kept with its message (`/v1/message-actions`).
 *
 * @example
 * ```ts
 * import type { StoredAction } from "./history.ts";
 * const a: StoredAction = { type: "reaction", value: "smile", uuid: "u", timetoken: 2n, tt: "2" };
 * ```
 */
export interface StoredAction {
  /** What the action is (`reaction`, `receipt`, …). */
  type: string;
  /** Its value. */
  value: string;
  /** Who added it. */
  uuid: string;
  /** Action timetoken, for ordering and ranges. */
  timetoken: bigint;
  /** Action timetoken as sent. */
  tt: string;
}

/**
 * Limits of {@link HistoryStore}.
 *
 * @example
 * ```ts
 * import type { HistoryLimits } from "./history.ts";
 * const limits: HistoryLimits = { perChannel: 1000, channels: 1000 };
 * ```
 */
export interface HistoryLimits {
  /** Messages kept per channel; the oldest go first. */
  perChannel: number;
  /** Channels kept; the least recently published goes first. */
  channels: number;
}

/**
 * A range query, as the history endpoint takes it: `start` exclusive (older than),
 * `end` inclusive (at or newer than), at most `max` messages.
 *
 * @example
 * ```ts
 * import type { HistoryQuery } from "./history.ts";
 * const q: HistoryQuery = { max: 25, start: 20n };
 * ```
 */
export interface HistoryQuery {
  /** Most messages to return. */
  max: number;
  /** Only messages older than this. */
  start?: bigint;
  /** Only messages at or newer than this. */
  end?: bigint;
  /** Take the oldest `max` of the range instead of the newest (v2 `reverse=true`). */
  oldestFirst?: boolean;
}

/**
 * Stored messages per channel, bounded in both dimensions so memory cannot grow without limit.
 *
 * @example
 * ```ts
 * import { HistoryStore } from "./history.ts";
 * const store = new HistoryStore({ perChannel: 10, channels: 10 });
 * store.add("ch", { timetoken: 1n, tt: "1", message: "hi" });
 * store.read("ch", { max: 10 }, 0).length; // 1
 * ```
 */
export class HistoryStore {
  readonly #limits: HistoryLimits;
  readonly #channels = new Map<string, StoredMessage[]>();

  /**
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * new HistoryStore({ perChannel: 100, channels: 100 });
   * ```
   */
  constructor(limits: HistoryLimits) {
    this.#limits = limits;
  }

  /**
   * Stores a message (timetokens arrive in increasing order).
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * new HistoryStore({ perChannel: 1, channels: 1 }).add("ch", { timetoken: 1n, tt: "1", message: 1 });
   * ```
   */
  add(channel: string, message: StoredMessage): void {
    const list = this.#channels.get(channel) ?? [];
    this.#channels.delete(channel); // re-insert as most recently used
    this.#channels.set(channel, list);
    list.push(message);
    if (list.length > this.#limits.perChannel) {
      list.splice(0, list.length - this.#limits.perChannel);
    }
    while (this.#channels.size > this.#limits.channels) {
      this.#channels.delete(this.#channels.keys().next().value as string);
    }
  }

  /**
   * Messages of a channel in a range, oldest first, skipping expired ones. With only `end`,
   * the oldest `max` from `end` on; otherwise the newest `max` (paging back with `start`).
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * const store = new HistoryStore({ perChannel: 10, channels: 10 });
   * for (const t of [1n, 2n, 3n]) store.add("ch", { timetoken: t, tt: String(t), message: Number(t) });
   * store.read("ch", { max: 2 }, 0).map((m) => m.message); // [2, 3]
   * store.read("ch", { max: 5, start: 3n }, 0).map((m) => m.message); // [1, 2]
   * ```
   */
  read(channel: string, query: HistoryQuery, now: number): StoredMessage[] {
    const list = this.#channels.get(channel) ?? [];
    const hits = list.filter((m) =>
      (m.expiresAt === undefined || m.expiresAt > now) &&
      (query.start === undefined || m.timetoken < query.start) &&
      (query.end === undefined || m.timetoken >= query.end)
    );
    if (query.max <= 0) return [];
    if (query.oldestFirst || (query.end !== undefined && query.start === undefined)) {
      return hits.slice(0, query.max);
    }
    return hits.slice(Math.max(0, hits.length - query.max));
  }

  /**
   * The live message of a channel published at `timetoken`, if it is stored.
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * const store = new HistoryStore({ perChannel: 10, channels: 10 });
   * store.add("ch", { timetoken: 5n, tt: "5", message: "hi" });
   * store.find("ch", 5n, 0)?.message; // "hi"
   * ```
   */
  find(channel: string, timetoken: bigint, now: number): StoredMessage | undefined {
    return this.#channels.get(channel)?.find((m) =>
      m.timetoken === timetoken && (m.expiresAt === undefined || m.expiresAt > now)
    );
  }

  /**
   * Number of live messages of a channel published after `timetoken`.
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * const store = new HistoryStore({ perChannel: 10, channels: 10 });
   * for (const t of [1n, 2n, 3n]) store.add("ch", { timetoken: t, tt: String(t), message: 0 });
   * store.countAfter("ch", 1n, 0); // 2
   * ```
   */
  countAfter(channel: string, timetoken: bigint, now: number): number {
    let count = 0;
    for (const m of this.#channels.get(channel) ?? []) {
      if (m.timetoken > timetoken && (m.expiresAt === undefined || m.expiresAt > now)) count++;
    }
    return count;
  }

  /**
   * Deletes a channel's messages (and their actions) in a range: `start` exclusive, `end`
   * inclusive, whichever of the two is older; without either bound, on that side everything.
   * Returns how many were deleted.
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * const store = new HistoryStore({ perChannel: 10, channels: 10 });
   * for (const t of [1n, 2n, 3n]) store.add("ch", { timetoken: t, tt: String(t), message: 0 });
   * store.delete("ch", { start: 1n, end: 2n }); // 1 (only 2)
   * ```
   */
  delete(channel: string, range: { start?: bigint; end?: bigint }): number {
    const list = this.#channels.get(channel);
    if (!list) return 0;
    const { start, end } = range;
    const doomed = (t: bigint) => {
      if (start !== undefined && end !== undefined) {
        return start <= end ? t > start && t <= end : t >= end && t < start;
      }
      if (start !== undefined) return t > start;
      if (end !== undefined) return t <= end;
      return true;
    };
    const kept = list.filter((m) => !doomed(m.timetoken));
    const deleted = list.length - kept.length;
    if (kept.length === 0) this.#channels.delete(channel);
    else if (deleted > 0) list.splice(0, list.length, ...kept);
    return deleted;
  }

  /**
   * Every action of a channel's live messages, with its message, oldest action first.
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * new HistoryStore({ perChannel: 1, channels: 1 }).actions("ch", 0); // []
   * ```
   */
  actions(channel: string, now: number): { message: StoredMessage; action: StoredAction }[] {
    const found = [];
    for (const message of this.#channels.get(channel) ?? []) {
      if (message.expiresAt !== undefined && message.expiresAt <= now) continue;
      for (const action of message.actions ?? []) found.push({ message, action });
    }
    return found.sort((x, y) => x.action.timetoken < y.action.timetoken ? -1 : 1);
  }

  /**
   * Drops expired messages at the head of each channel and channels left empty. Messages with
   * different `ttl`s interleave, so an expired one behind a live one waits; reads skip it anyway.
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * const store = new HistoryStore({ perChannel: 1, channels: 1 });
   * store.add("ch", { timetoken: 1n, tt: "1", message: 1, expiresAt: 5 });
   * store.prune(10);
   * store.size; // 0
   * ```
   */
  prune(now: number): void {
    for (const [channel, list] of this.#channels) {
      let drop = 0;
      while (
        drop < list.length && list[drop].expiresAt !== undefined && list[drop].expiresAt! <= now
      ) drop++;
      if (drop > 0) list.splice(0, drop);
      if (list.length === 0) this.#channels.delete(channel);
    }
  }

  /**
   * Number of channels with stored messages.
   *
   * @example
   * ```ts
   * import { HistoryStore } from "./history.ts";
   * new HistoryStore({ perChannel: 1, channels: 1 }).size; // 0
   * ```
   */
  get size(): number {
    return this.#channels.size;
  }
}

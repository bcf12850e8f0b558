/**
 * Catch-up gaps: the service keeps a window of 100 envelopes per channel for a subscriber to
 * catch up from. A subscribe response that carries a full window for a channel may have lost
 * older ones; the stored ones can be fetched from history. Everything here is pure: the engine
 * decides with it, the shell fetches.
 *
 * @module
 */
import type { PNFetchedMessage } from "../requests/fetch_messages.ts";
import { FETCH_MESSAGES_SINGLE_MAX, type FetchMessagesParams } from "../requests/fetch_messages.ts";
import { compareTimetokens } from "../timetoken.ts";
import type { Envelope } from "./envelope.ts";
import { isPresenceName } from "../wire/names.ts";

/**
 * The service's catch-up window: envelopes kept per channel.
 *
 * @example
 * ```ts
 * import { CATCH_UP_WINDOW } from "./gaps.ts";
 * CATCH_UP_WINDOW; // 100
 * ```
 */
export const CATCH_UP_WINDOW = 100;

/**
 * The most history pages the back-fill fetches for one channel (100 messages each); a gap that
 * needs more is reported as unfilled rather than fetched without end.
 *
 * @example
 * ```ts
 * import { GAP_FILL_MAX_PAGES } from "./gaps.ts";
 * GAP_FILL_MAX_PAGES; // 50
 * ```
 */
export const GAP_FILL_MAX_PAGES = 50;

/**
 * A range of one channel that may hold messages the subscribe response could not carry:
 * strictly after `after` (the cursor the long-poll was made from: everything up to it was
 * delivered) and strictly before `before` (the oldest envelope of the response on that channel).
 *
 * @example
 * ```ts
 * import type { GapRange } from "./gaps.ts";
 * const gap: GapRange = { channel: "a", after: "17000000000000000", before: "17000000000000500" };
 * ```
 */
export interface GapRange {
  /** The channel the envelopes were published on. */
  readonly channel: string;
  /** The group or wildcard that matched it, when not the channel itself. */
  readonly subscription?: string;
  /** Exclusive lower bound: the last delivered timetoken. */
  readonly after: string;
  /** Exclusive upper bound: the oldest timetoken of the response on this channel. */
  readonly before: string;
  /**
   * How many messages are missing, when the publishers number their publishes (`seqn`) and the
   * last one delivered from them is known; absent otherwise.
   */
  readonly missed?: number;
}

/**
 * A channel whose gap could not be filled: why, and how many messages are lost when known.
 *
 * @example
 * ```ts
 * import type { UnfilledGap } from "./gaps.ts";
 * const unfilled: UnfilledGap = {
 *   channel: "a", after: "1", before: "9", missed: 3,
 *   reason: { category: "PNAccessDeniedCategory", statusCode: 403, message: "storage is off" },
 * };
 * ```
 */
export interface UnfilledGap extends GapRange {
  /** The failure of the history fetch. */
  readonly reason: {
    readonly category: string;
    readonly statusCode?: number;
    readonly message: string;
  };
}

/** Publisher sequence numbers are remembered per channel and publisher under this key. */
function sequenceKey(channel: string, publisher: string): string {
  return `${channel}\u0000${publisher}`;
}

/**
 * The key under which the last delivered sequence number of a publisher on a channel is kept.
 *
 * @example
 * ```ts
 * import { lastSequenceKey } from "./gaps.ts";
 * lastSequenceKey({ c: "a", i: "pub", s: 4, p: { t: "1", r: 1 } }); // "a\u0000pub"
 * ```
 */
export function lastSequenceKey(envelope: Envelope): string | undefined {
  return envelope.s === undefined || envelope.i === undefined
    ? undefined
    : sequenceKey(envelope.c, envelope.i);
}

/**
 * The channels of a subscribe response that carried a full window (`window` envelopes or more),
 * with the range that may be missing before them. Presence channels are not stored, so they are
 * never gaps; signals count towards the window (the service keeps them in it) but only stored
 * messages can be fetched back. A response from timetoken 0 (from "now") has no gap. `missed`
 * is counted from the publishers' sequence numbers when they send them (`lastSequences` holds
 * the last delivered one per channel and publisher, see {@link lastSequenceKey}).
 *
 * @example
 * ```ts
 * import { findGaps } from "./gaps.ts";
 * const m = Array.from({ length: 100 }, (_, i) => ({ c: "a", d: i, p: { t: String(17000000000000100 + i), r: 1 } }));
 * findGaps("17000000000000000", m); // [{ channel: "a", after: "17000000000000000", before: "17000000000000100" }]
 * ```
 */
export function findGaps(
  after: string,
  messages: readonly Envelope[],
  lastSequences: ReadonlyMap<string, number> = new Map(),
  window: number = CATCH_UP_WINDOW,
): GapRange[] {
  if (messages.length < window || /^0*$/.test(after)) return [];
  const perChannel = new Map<string, Envelope[]>();
  for (const envelope of messages) {
    if (isPresenceName(envelope.c)) continue;
    const list = perChannel.get(envelope.c);
    if (list) list.push(envelope);
    else perChannel.set(envelope.c, [envelope]);
  }
  const gaps: GapRange[] = [];
  for (const [channel, envelopes] of perChannel) {
    if (envelopes.length < window) continue;
    let oldest = envelopes[0].p.t;
    for (const e of envelopes) if (compareTimetokens(e.p.t, oldest) < 0) oldest = e.p.t;
    if (compareTimetokens(oldest, after) <= 0) continue;
    const gap: { -readonly [K in keyof GapRange]: GapRange[K] } = {
      channel,
      after,
      before: oldest,
    };
    const subscription = envelopes[0].b;
    if (subscription !== undefined && subscription !== channel) gap.subscription = subscription;
    const missed = countMissed(envelopes, lastSequences);
    if (missed !== undefined) gap.missed = missed;
    gaps.push(Object.freeze(gap));
  }
  return gaps;
}

/**
 * Messages missing before `envelopes` (one channel's), by the publishers' sequence numbers: for
 * each publisher whose last delivered number is known, the numbers skipped before its first
 * envelope here. `undefined` when no publisher's could be counted.
 */
function countMissed(
  envelopes: readonly Envelope[],
  lastSequences: ReadonlyMap<string, number>,
): number | undefined {
  const firsts = new Map<string, number>();
  for (const e of envelopes) {
    const key = lastSequenceKey(e);
    if (key !== undefined && !firsts.has(key)) firsts.set(key, e.s as number);
  }
  let missed: number | undefined;
  for (const [key, first] of firsts) {
    const last = lastSequences.get(key);
    if (last === undefined || first <= last) continue;
    missed = (missed ?? 0) + (first - last - 1);
  }
  return missed;
}

/**
 * The history fetch for one page of a gap: `start` (exclusive) is `before` for the first page
 * and the oldest timetoken fetched so far after that; `end` (inclusive) is one past `after`.
 * At most 100 messages per call, the service's limit for one channel.
 *
 * @example
 * ```ts
 * import { gapPageParams } from "./gaps.ts";
 * gapPageParams("sub", { channel: "a", after: "10", before: "20" });
 * // { subscribeKey: "sub", channels: ["a"], count: 100, start: "20", end: "11", includeMeta: true }
 * ```
 */
export function gapPageParams(
  subscribeKey: string,
  gap: GapRange,
  start: string = gap.before,
): FetchMessagesParams {
  return {
    subscribeKey,
    channels: [gap.channel],
    count: FETCH_MESSAGES_SINGLE_MAX,
    start,
    end: (BigInt(gap.after) + 1n).toString(),
    includeMeta: true,
  };
}

/**
 * Where the next page of a gap starts, or `undefined` when the gap is done: a page shorter than
 * the limit was the last one (the service returns the newest messages of the range first).
 *
 * @example
 * ```ts
 * import { nextGapPageStart } from "./gaps.ts";
 * nextGapPageStart([{ message: 1, timetoken: "15", uuid: "u", meta: undefined }]); // undefined
 * ```
 */
export function nextGapPageStart(page: readonly PNFetchedMessage[]): string | undefined {
  if (page.length < FETCH_MESSAGES_SINGLE_MAX) return undefined;
  let oldest = page[0].timetoken;
  for (const m of page) if (compareTimetokens(m.timetoken, oldest) < 0) oldest = m.timetoken;
  return oldest;
}

/**
 * Stored messages of a gap as subscribe envelopes, so they are delivered like the live ones
 * (decrypted, decoded): only those strictly inside the gap, signals left out.
 *
 * @example
 * ```ts
 * import { storedAsEnvelopes } from "./gaps.ts";
 * storedAsEnvelopes({ channel: "a", after: "10", before: "20" }, [
 *   { message: "hi", timetoken: "15", uuid: "u1", meta: undefined },
 * ], 1);
 * // [{ c: "a", d: "hi", p: { t: "15", r: 1 }, i: "u1" }]
 * ```
 */
export function storedAsEnvelopes(
  gap: GapRange,
  stored: readonly PNFetchedMessage[],
  region: number,
): Envelope[] {
  const envelopes: Envelope[] = [];
  for (const m of stored) {
    if (m.messageType === 1) continue;
    if (compareTimetokens(m.timetoken, gap.after) <= 0) continue;
    if (compareTimetokens(m.timetoken, gap.before) >= 0) continue;
    const envelope: { -readonly [K in keyof Envelope]: Envelope[K] } = {
      c: gap.channel,
      d: m.message,
      p: { t: m.timetoken, r: region },
    };
    if (m.uuid !== undefined) envelope.i = m.uuid;
    if (m.meta !== undefined) envelope.u = m.meta;
    if (m.messageType !== undefined && m.messageType !== 0) envelope.e = m.messageType;
    if (m.customMessageType !== undefined) envelope.cmt = m.customMessageType;
    if (gap.subscription !== undefined) envelope.b = gap.subscription;
    envelopes.push(envelope);
  }
  return envelopes;
}

/** The identity of a message for the back-fill: timetoken, publisher and channel. */
function identity(envelope: Envelope): string {
  return `${envelope.p.t}\u0000${envelope.i ?? ""}\u0000${envelope.c}`;
}

/**
 * The restored messages to deliver before the catch-up batch: in timetoken order, each once
 * (by timetoken and publisher, per channel), none that the catch-up batch carries itself.
 *
 * @example
 * ```ts
 * import { orderRestored } from "./gaps.ts";
 * const a = { c: "a", p: { t: "12", r: 1 }, i: "u" };
 * const b = { c: "a", p: { t: "11", r: 1 }, i: "u" };
 * orderRestored([a, b, a], []).map((e) => e.p.t); // ["11", "12"]
 * ```
 */
export function orderRestored(
  restored: readonly Envelope[],
  catchUp: readonly Envelope[],
): Envelope[] {
  const seen = new Set<string>();
  for (const e of catchUp) seen.add(identity(e));
  const unique: Envelope[] = [];
  for (const e of restored) {
    const key = identity(e);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(e);
  }
  return unique.sort((x, y) => compareTimetokens(x.p.t, y.p.t));
}

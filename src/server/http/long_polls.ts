import type { Envelope } from "../model/envelope.ts";
import type { Collected, Subscription } from "../model/subscription.ts";

/**
 * A held subscribe request.
 *
 * @example
 * ```ts
 * import type { Waiter } from "./long_polls.ts";
 * const w: Waiter = { subKey: "demo", subscription: { channels: ["a"], groups: [] }, after: 0n, keys: ["c:a"], deadline: 0, answer: () => {} };
 * ```
 */
export interface Waiter {
  /** Subscribe key. */
  subKey: string;
  /** What it listens to. */
  subscription: Subscription;
  /** Its cursor (`tt`). */
  after: bigint;
  /** Wait keys (see `waitKeys`). */
  keys: string[];
  /** When it is answered empty (monotonic ms). */
  deadline: number;
  /** Sends the answer; called exactly once. */
  answer: (collected: Collected) => void;
}

/**
 * The source of answers: what a subscription gets now, and which waiters an envelope concerns.
 *
 * @example
 * ```ts
 * import type { Collector } from "./long_polls.ts";
 * const none: Collector = { collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] };
 * ```
 */
export interface Collector {
  /** Envelopes for a subscription after a cursor. */
  collect(subKey: string, subscription: Subscription, after: bigint): Collected;
  /** Keys of the waiters an envelope may interest. */
  wakeKeys(envelope: Envelope): string[];
  /** Told when a waiter starts waiting on a subscribe key (the model keeps that keyset). */
  hold?(subKey: string): void;
  /** Told when that waiter is answered or removed; once per `hold`. */
  release?(subKey: string): void;
}

/**
 * Held long-polls, indexed by what they listen to so a publish wakes only the waiters it may
 * interest. Expiry is a sweep over waiters kept in arrival order (all hold for the same time,
 * so the sweep stops at the first one still in time): no timer per request.
 *
 * @example
 * ```ts
 * import { LongPolls } from "./long_polls.ts";
 * const polls = new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] });
 * polls.size; // 0
 * ```
 */
export class LongPolls {
  readonly #collector: Collector;
  readonly #byKey = new Map<string, Set<Waiter>>();
  readonly #all = new Set<Waiter>();
  #queued: Envelope[] = [];
  #flush: ReturnType<typeof setTimeout> | undefined;

  /**
   * @example
   * ```ts
   * import { LongPolls } from "./long_polls.ts";
   * new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] });
   * ```
   */
  constructor(collector: Collector) {
    this.#collector = collector;
  }

  /**
   * Holds a waiter until something for it arrives, its deadline passes, or it is removed.
   *
   * @example
   * ```ts
   * import { LongPolls } from "./long_polls.ts";
   * const polls = new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] });
   * polls.add({ subKey: "k", subscription: { channels: ["a"], groups: [] }, after: 0n, keys: ["c:a"], deadline: 0, answer: () => {} });
   * polls.size; // 1
   * ```
   */
  add(waiter: Waiter): void {
    if (this.#all.has(waiter)) return;
    this.#all.add(waiter);
    this.#collector.hold?.(waiter.subKey);
    for (const key of waiter.keys) {
      const indexKey = scoped(waiter.subKey, key);
      let set = this.#byKey.get(indexKey);
      if (!set) this.#byKey.set(indexKey, set = new Set());
      set.add(waiter);
    }
  }

  /**
   * Forgets a waiter without answering it (its client went away).
   *
   * @example
   * ```ts
   * import { LongPolls, type Waiter } from "./long_polls.ts";
   * const polls = new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] });
   * const w: Waiter = { subKey: "k", subscription: { channels: [], groups: [] }, after: 0n, keys: [], deadline: 0, answer: () => {} };
   * polls.add(w);
   * polls.remove(w);
   * polls.size; // 0
   * ```
   */
  remove(waiter: Waiter): void {
    if (!this.#all.delete(waiter)) return;
    this.#collector.release?.(waiter.subKey);
    for (const key of waiter.keys) {
      const indexKey = scoped(waiter.subKey, key);
      const set = this.#byKey.get(indexKey);
      set?.delete(waiter);
      if (set?.size === 0) this.#byKey.delete(indexKey);
    }
  }

  /**
   * Answers every waiter that new envelopes give something to deliver (after its filter).
   *
   * @example
   * ```ts
   * import { LongPolls } from "./long_polls.ts";
   * new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] }).wake([]);
   * ```
   */
  wake(envelopes: readonly Envelope[]): void {
    if (envelopes.length === 0 || this.#all.size === 0) return;
    const candidates = new Set<Waiter>();
    for (const envelope of envelopes) {
      for (const key of this.#collector.wakeKeys(envelope)) {
        const set = this.#byKey.get(scoped(envelope.subKey, key));
        if (set) { for (const waiter of set) candidates.add(waiter); }
      }
    }
    for (const waiter of candidates) {
      const collected = this.#collector.collect(waiter.subKey, waiter.subscription, waiter.after);
      if (collected.deliveries.length === 0) continue; // filtered out: keep waiting
      this.remove(waiter);
      waiter.answer(collected);
    }
  }

  /**
   * Wakes waiters for these envelopes soon, in a task of its own: the request that produced
   * them (a publish) is answered first, however many long-polls wait, and envelopes queued by
   * several requests in between wake their waiters in one pass.
   *
   * @example
   * ```ts
   * import { LongPolls } from "./long_polls.ts";
   * new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] }).wakeSoon([]);
   * ```
   */
  wakeSoon(envelopes: readonly Envelope[]): void {
    if (envelopes.length === 0 || this.#all.size === 0) return;
    this.#queued.push(...envelopes);
    this.#flush ??= setTimeout(() => {
      this.#flush = undefined;
      const queued = this.#queued;
      this.#queued = [];
      this.wake(queued);
    }, 0);
  }

  /**
   * Answers (empty) the waiters whose deadline has passed.
   *
   * @example
   * ```ts
   * import { LongPolls } from "./long_polls.ts";
   * new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] }).expire(0);
   * ```
   */
  expire(now: number): void {
    for (const waiter of this.#all) {
      if (waiter.deadline > now) break;
      this.#release(waiter);
    }
  }

  /**
   * Answers every waiter at once (shutdown).
   *
   * @example
   * ```ts
   * import { LongPolls } from "./long_polls.ts";
   * new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] }).releaseAll();
   * ```
   */
  releaseAll(): void {
    clearTimeout(this.#flush);
    this.#flush = undefined;
    this.#queued = [];
    for (const waiter of [...this.#all]) this.#release(waiter);
  }

  /**
   * Number of held long-polls.
   *
   * @example
   * ```ts
   * import { LongPolls } from "./long_polls.ts";
   * new LongPolls({ collect: () => ({ timetoken: "1", deliveries: [] }), wakeKeys: () => [] }).size; // 0
   * ```
   */
  get size(): number {
    return this.#all.size;
  }

  #release(waiter: Waiter): void {
    this.remove(waiter);
    waiter.answer(this.#collector.collect(waiter.subKey, waiter.subscription, waiter.after));
  }
}

function scoped(subKey: string, key: string): string {
  return `${subKey}\u0000${key}`;
}

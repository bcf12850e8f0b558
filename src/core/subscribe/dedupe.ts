import type { Envelope } from "./envelope.ts";

/**
 * The identity of an envelope for `dedupeOnSubscribe`: publish timetoken, channel and payload.
 * The same publish seen twice (a retried long-poll that overlaps the last one, a channel matched
 * both directly and by a wildcard) has the same key. The channel is included so two different
 * publishes that happen to share a timetoken and payload on different channels are both kept.
 *
 * @example
 * ```ts
 * import { dedupeKey } from "./dedupe.ts";
 * dedupeKey({ c: "ch", d: { a: 1 }, p: { t: "17000000000000000", r: 1 } });
 * // '17000000000000000|ch|{"a":1}'
 * ```
 */
export function dedupeKey(envelope: Envelope): string {
  // Parsed JSON has no cycles and no BigInts, so stringify cannot throw here.
  return `${envelope.p.t}|${envelope.c}|${JSON.stringify(envelope.d) ?? "undefined"}`;
}

/**
 * How many keys a {@link DedupeCache} remembers unless told otherwise.
 *
 * @example
 * ```ts
 * import { DEFAULT_DEDUPE_CAPACITY } from "./dedupe.ts";
 * console.log(DEFAULT_DEDUPE_CAPACITY);
 * ```
 */
export const DEFAULT_DEDUPE_CAPACITY = 100;

/**
 * A bounded memory of the last `capacity` keys seen, oldest forgotten first. Plain data, no I/O.
 *
 * @example
 * ```ts
 * import { DedupeCache } from "./dedupe.ts";
 * const cache = new DedupeCache(2);
 * cache.seen("a"); // false: first time, now remembered
 * cache.seen("a"); // true: a duplicate
 * ```
 */
export class DedupeCache {
  /** The most keys remembered at once. */
  readonly capacity: number;
  // A Set iterates in insertion order, so its first key is the oldest.
  readonly #keys = new Set<string>();

  /** A cache remembering up to `capacity` keys (default 100, at least 1). */
  constructor(capacity: number = DEFAULT_DEDUPE_CAPACITY) {
    this.capacity = Number.isInteger(capacity) && capacity >= 1
      ? capacity
      : DEFAULT_DEDUPE_CAPACITY;
  }

  /** How many keys are remembered now. */
  get size(): number {
    return this.#keys.size;
  }

  /** Whether `key` is remembered, without remembering it. */
  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /**
   * Whether `key` was seen before; if not, remembers it (forgetting the oldest key when full).
   * A key seen again is not refreshed: the window is by first sighting.
   */
  seen(key: string): boolean {
    if (this.#keys.has(key)) return true;
    this.#keys.add(key);
    if (this.#keys.size > this.capacity) {
      const oldest = this.#keys.values().next().value as string;
      this.#keys.delete(oldest);
    }
    return false;
  }

  /** Forgets every key. */
  clear(): void {
    this.#keys.clear();
  }
}

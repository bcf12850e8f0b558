import { Keyset } from "./keyset.ts";
import type { ModelSettings } from "./settings.ts";

/**
 * The keysets of the local server in least-recently-used order, with the long-polls held on
 * each, and the rule for which one makes room when the `keysets` limit is reached.
 *
 * @example
 * ```ts
 * import { KeysetCache } from "./keyset_cache.ts";
 * import { resolveModelSettings } from "./settings.ts";
 * const cache = new KeysetCache(resolveModelSettings({}));
 * cache.getOrCreate("demo").subKey; // "demo"
 * cache.size; // 1
 * ```
 */
export class KeysetCache {
  readonly #settings: ModelSettings;
  // In least-recently-used order: the first entry is the one used longest ago.
  readonly #keysets = new Map<string, Keyset>();
  // Held long-polls per subscribe key (see `hold`).
  readonly #holds = new Map<string, number>();

  /**
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({ keysets: 2 }));
   * ```
   */
  constructor(settings: ModelSettings) {
    this.#settings = settings;
  }

  /**
   * A keyset, made the most recently used.
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({})).get("demo"); // undefined
   * ```
   */
  get(subKey: string): Keyset | undefined {
    const keyset = this.#keysets.get(subKey);
    if (keyset) {
      this.#keysets.delete(subKey);
      this.#keysets.set(subKey, keyset);
    }
    return keyset;
  }

  /**
   * A keyset, created when missing (making room first at the limit).
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({})).getOrCreate("demo").isEmpty; // true
   * ```
   */
  getOrCreate(subKey: string): Keyset {
    let keyset = this.get(subKey);
    if (!keyset) {
      if (this.#keysets.size >= this.#settings.keysets) this.#evict();
      keyset = new Keyset(subKey, this.#settings);
      this.#keysets.set(subKey, keyset);
    }
    return keyset;
  }

  /**
   * A keyset, without changing the order of use.
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({})).peek("demo"); // undefined
   * ```
   */
  peek(subKey: string): Keyset | undefined {
    return this.#keysets.get(subKey);
  }

  /**
   * The keysets with their subscribe keys, least recently used first; deleting the current
   * one while iterating is safe.
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * [...new KeysetCache(resolveModelSettings({})).entries()]; // []
   * ```
   */
  entries(): IterableIterator<[string, Keyset]> {
    return this.#keysets.entries();
  }

  /**
   * Drops a keyset.
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({})).delete("demo");
   * ```
   */
  delete(subKey: string): void {
    this.#keysets.delete(subKey);
  }

  /**
   * Number of keysets held.
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({})).size; // 0
   * ```
   */
  get size(): number {
    return this.#keysets.size;
  }

  /**
   * Marks a long-poll as waiting on a subscribe key (its keyset is then never evicted).
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({})).hold("demo");
   * ```
   */
  hold(subKey: string): void {
    this.#holds.set(subKey, (this.#holds.get(subKey) ?? 0) + 1);
  }

  /**
   * Ends one {@link KeysetCache.hold}; an unmatched one is ignored.
   *
   * @example
   * ```ts
   * import { KeysetCache } from "./keyset_cache.ts";
   * import { resolveModelSettings } from "./settings.ts";
   * new KeysetCache(resolveModelSettings({})).release("demo");
   * ```
   */
  release(subKey: string): void {
    const count = (this.#holds.get(subKey) ?? 0) - 1;
    if (count > 0) this.#holds.set(subKey, count);
    else this.#holds.delete(subKey);
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
    if (occupied !== undefined && this.#keysets.size >= 2 * this.#settings.keysets) {
      this.#keysets.delete(occupied);
    }
  }
}

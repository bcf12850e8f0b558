/**
 * A log that counts and samples: the first few reports of each kind are written in full, later
 * ones only counted, with one summary line per period. A client that provokes an error on every
 * request (a malformed body, a flood of refused connections) must not be able to flood stderr.
 *
 * @example
 * ```ts
 * import { SampledLog } from "./sampled_log.ts";
 * const log = new SampledLog({ burst: 1, periodMillis: 60_000, write: () => {} });
 * log.report("request failed", new Error("boom")); // written
 * log.report("request failed", new Error("boom")); // counted only
 * log.count("request failed"); // 2
 * ```
 */
export class SampledLog {
  readonly #burst: number;
  readonly #periodMillis: number;
  readonly #write: (...parts: unknown[]) => void;
  readonly #now: () => number;
  readonly #kinds = new Map<string, { total: number; inPeriod: number; periodStart: number }>();

  /**
   * @example
   * ```ts
   * import { SampledLog } from "./sampled_log.ts";
   * new SampledLog({});
   * ```
   */
  constructor(options: {
    /** Reports of one kind written in full per period. Default 5. */
    burst?: number;
    /** Length of a period (ms). Default 60 000. */
    periodMillis?: number;
    /** Where lines go. Default `console.error`. */
    write?: (...parts: unknown[]) => void;
    /** Clock (ms). Default `Date.now`. */
    now?: () => number;
  }) {
    this.#burst = options.burst ?? 5;
    this.#periodMillis = options.periodMillis ?? 60_000;
    this.#write = options.write ?? ((...parts) => console.error(...parts));
    this.#now = options.now ?? Date.now;
  }

  /**
   * Reports one occurrence of `kind`; `detail` (an error, a message) is written while the
   * period's burst lasts, and a summary with the count of the suppressed ones when a new
   * period starts.
   *
   * @example
   * ```ts
   * import { SampledLog } from "./sampled_log.ts";
   * new SampledLog({ write: () => {} }).report("accept failed", "EMFILE");
   * ```
   */
  report(kind: string, detail?: unknown): void {
    const now = this.#now();
    let entry = this.#kinds.get(kind);
    if (!entry) this.#kinds.set(kind, entry = { total: 0, inPeriod: 0, periodStart: now });
    if (now - entry.periodStart >= this.#periodMillis) {
      const suppressed = entry.inPeriod - this.#burst;
      if (suppressed > 0) {
        this.#write(
          `pubnub local server: ${kind}: ${suppressed} more not shown (${entry.total} in all)`,
        );
      }
      entry.inPeriod = 0;
      entry.periodStart = now;
    }
    entry.total++;
    entry.inPeriod++;
    if (entry.inPeriod <= this.#burst) {
      const more = entry.inPeriod === this.#burst ? " (further ones are counted, not shown)" : "";
      this.#write(`pubnub local server: ${kind}${more}:`, detail);
    }
  }

  /**
   * How many times `kind` was reported in all.
   *
   * @example
   * ```ts
   * import { SampledLog } from "./sampled_log.ts";
   * new SampledLog({}).count("accept failed"); // 0
   * ```
   */
  count(kind: string): number {
    return this.#kinds.get(kind)?.total ?? 0;
  }
}

/**
 * Issues timetokens that follow real time (100-ns units since the epoch) and strictly increase,
 * even when the clock stalls or steps back, so a cursor never skips or repeats an envelope.
 * BigInt inside because 17 digits do not fit a JS number exactly; strings outside.
 *
 * @example
 * ```ts
 * import { TimetokenGenerator } from "./timetoken_generator.ts";
 * const tokens = new TimetokenGenerator();
 * tokens.next(1700000000000); // "17000000000000000"
 * tokens.next(1700000000000); // "17000000000000001"
 * ```
 */
export class TimetokenGenerator {
  #last = 0n;

  /**
   * A new timetoken for the moment `nowMillis` (fractions of a millisecond are kept), strictly
   * greater than every one issued before.
   *
   * @example
   * ```ts
   * import { TimetokenGenerator } from "./timetoken_generator.ts";
   * new TimetokenGenerator().next(1.5); // "15000"
   * ```
   */
  next(nowMillis: number): string {
    return this.nextBig(nowMillis).toString();
  }

  /**
   * Like {@link TimetokenGenerator.next} but as a BigInt, for the model's own comparisons.
   *
   * @example
   * ```ts
   * import { TimetokenGenerator } from "./timetoken_generator.ts";
   * new TimetokenGenerator().nextBig(1); // 10000n
   * ```
   */
  nextBig(nowMillis: number): bigint {
    let candidate = millisToTimetoken(nowMillis);
    if (candidate <= this.#last) candidate = this.#last + 1n;
    this.#last = candidate;
    return candidate;
  }

  /**
   * The last timetoken issued (0n before the first), without issuing a new one.
   *
   * @example
   * ```ts
   * import { TimetokenGenerator } from "./timetoken_generator.ts";
   * const tokens = new TimetokenGenerator();
   * tokens.next(1);
   * tokens.last; // 10000n
   * ```
   */
  get last(): bigint {
    return this.#last;
  }
}

/**
 * Converts milliseconds (possibly fractional) to 100-ns units exactly, without passing the
 * 17-digit product through a float.
 *
 * @example
 * ```ts
 * import { millisToTimetoken } from "./timetoken_generator.ts";
 * millisToTimetoken(1700000000000.5); // 17000000000005000n
 * ```
 */
export function millisToTimetoken(nowMillis: number): bigint {
  if (!Number.isFinite(nowMillis) || nowMillis < 0) return 0n;
  const whole = Math.floor(nowMillis);
  const fraction = Math.floor((nowMillis - whole) * 10000);
  return BigInt(whole) * 10000n + BigInt(fraction);
}

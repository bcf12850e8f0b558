export { isTimetoken } from "./wire/timetoken.ts";

/**
 * Compares two timetokens numerically without converting them to numbers.
 *
 * @example
 * ```ts
 * import { compareTimetokens } from "./timetoken.ts";
 * compareTimetokens("9", "10"); // -1
 * ```
 */
export function compareTimetokens(a: string, b: string): -1 | 0 | 1 {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * The timetoken of a moment given in milliseconds since the epoch (as a string, exact).
 *
 * @example
 * ```ts
 * import { timetokenFromMillis } from "./timetoken.ts";
 * timetokenFromMillis(1700000000000); // "17000000000000000"
 * ```
 */
export function timetokenFromMillis(millis: number): string {
  return (BigInt(Math.floor(millis)) * 10000n).toString();
}

/**
 * The digits of a timetoken, as regular-expression source, for parsers that find timetokens
 * inside a larger text (a JSON answer read digit by digit).
 *
 * @example
 * ```ts
 * import { TIMETOKEN_DIGITS } from "./timetoken.ts";
 * new RegExp(`^\\[(${TIMETOKEN_DIGITS})\\]$`).exec("[17000000000000000]")?.[1]; // "17000000000000000"
 * ```
 */
export const TIMETOKEN_DIGITS = "\\d{1,19}";

/**
 * What a timetoken looks like on the wire: a decimal count of 100-ns units, at most 19 digits
 * (docs/protocol.md "Timetokens"). The one place that spells the pattern; client checks and
 * server routes both use it.
 *
 * @example
 * ```ts
 * import { TIMETOKEN_PATTERN } from "./timetoken.ts";
 * TIMETOKEN_PATTERN.test("17000000000000000"); // true
 * ```
 */
export const TIMETOKEN_PATTERN: RegExp =
  /* @__PURE__ */ (() => new RegExp(`^${TIMETOKEN_DIGITS}$`))();

/**
 * Whether a value is a timetoken string. Timetokens never pass through a JS `number`, which
 * cannot hold 17 digits exactly.
 *
 * @example
 * ```ts
 * import { isTimetoken } from "./timetoken.ts";
 * isTimetoken("17000000000000000"); // true
 * isTimetoken("1.7e16"); // false
 * ```
 */
export function isTimetoken(value: unknown): value is string {
  // The pattern's test, by hand: this runs for every envelope a subscriber receives.
  if (typeof value !== "string" || value.length === 0 || value.length > 19) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false; // not 0-9
  }
  return true;
}

/**
 * A timetoken a caller gave as a string or a `bigint`, as the text the wire carries (never through
 * a `number`, which cannot hold 17 digits).
 *
 * @example
 * ```ts
 * import { timetokenText } from "./timetoken.ts";
 * timetokenText(17000000000000001n); // "17000000000000001"
 * ```
 */
export function timetokenText(timetoken: string | bigint): string {
  return typeof timetoken === "bigint" ? String(timetoken) : timetoken;
}

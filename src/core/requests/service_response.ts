import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";

/**
 * Reads the JSON object every presence, channel-group and history answer is wrapped in
 * (`{"status":200,"message":"OK","service":…}`). Refuses anything that is not an object, and an
 * object that says `"error": true` although the HTTP status was a success.
 *
 * @example
 * ```ts
 * import { serviceObject } from "./service_response.ts";
 * serviceObject({ status: 200, message: "OK" }).ok; // true
 * serviceObject([1]).ok; // false
 * ```
 */
export function serviceObject(data: unknown): ParseResult<Record<string, unknown>> {
  if (!isObject(data)) return malformed(`expected a JSON object, got ${kindOf(data)}`);
  if (data.error === true) {
    const said = typeof data.message === "string"
      ? data.message
      : typeof data.error_message === "string"
      ? data.error_message
      : "no message";
    return malformed(`the service answered with an error: ${said}`);
  }
  return parsed(data);
}

/**
 * Runs a parser so that it returns a {@link ParseResult} whatever the input does: a parser bug
 * or a hostile value (a throwing getter, a proxy) becomes a malformed result, never an exception.
 *
 * @example
 * ```ts
 * import { safely } from "./service_response.ts";
 * safely(() => { throw new Error("boom"); }).ok; // false
 * ```
 */
export function safely<T>(parse: () => ParseResult<T>): ParseResult<T> {
  try {
    return parse();
  } catch (error) {
    return malformed(
      `could not read the response: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Builds an object from entries without letting a name like `__proto__` reach the prototype:
 * channel names are the service's (or a peer's) data, not ours.
 *
 * @example
 * ```ts
 * import { recordOf } from "./service_response.ts";
 * Object.keys(recordOf([["__proto__", 1]])); // ["__proto__"]
 * ```
 */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}

/**
 * Whether a value is a whole number at least 0 (occupancy, totals).
 *
 * @example
 * ```ts
 * import { isCount } from "./service_response.ts";
 * isCount(3); // true
 * isCount(-1); // false
 * ```
 */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/**
 * A short description of a JSON value's kind, for reasons.
 *
 * @example
 * ```ts
 * import { kindOf } from "./service_response.ts";
 * kindOf([]); // "an array"
 * ```
 */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (value === undefined) return "nothing";
  return `a ${typeof value}`;
}

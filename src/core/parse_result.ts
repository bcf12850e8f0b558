/**
 * What a response parser returns: the typed result, or why the body does not have the expected shape.
 *
 * @example
 * ```ts
 * import type { ParseResult } from "./parse_result.ts";
 * const bad: ParseResult<string> = { ok: false, reason: "expected an array" };
 * ```
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Builds a successful {@link ParseResult}.
 *
 * @example
 * ```ts
 * import { parsed } from "./parse_result.ts";
 * parsed(42); // { ok: true, value: 42 }
 * ```
 */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/**
 * Builds a failed {@link ParseResult}.
 *
 * @example
 * ```ts
 * import { malformed } from "./parse_result.ts";
 * malformed("expected an object"); // { ok: false, reason: "expected an object" }
 * ```
 */
export function malformed<T = never>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}

/**
 * Whether a value is a plain JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * import { isObject } from "./parse_result.ts";
 * isObject({}); // true
 * isObject([]); // false
 * ```
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

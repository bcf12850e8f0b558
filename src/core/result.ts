/**
 * The one shape for "a value, or why there is none": `{ ok: true, value }` or
 * `{ ok: false, error }`. Functions that can fail without it being exceptional return this
 * instead of throwing.
 *
 * @example
 * ```ts
 * import type { Result } from "./result.ts";
 * function half(n: number): Result<number> {
 *   return n % 2 === 0 ? { ok: true, value: n / 2 } : { ok: false, error: `${n} is odd` };
 * }
 * ```
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/**
 * A successful {@link Result}.
 *
 * @example
 * ```ts
 * import { ok } from "./result.ts";
 * ok(42); // { ok: true, value: 42 }
 * ```
 */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/**
 * A failed {@link Result}.
 *
 * @example
 * ```ts
 * import { err } from "./result.ts";
 * err("expected an object"); // { ok: false, error: "expected an object" }
 * ```
 */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/**
 * Turns what a builder method was given (one name or a list) into a fresh list. Anything else is
 * passed through untouched so the core's validation can refuse it with a clear message.
 *
 * @example
 * ```ts
 * import { toList } from "./_lists.ts";
 * toList("a"); // ["a"]
 * toList(["a", "b"]); // ["a", "b"]
 * ```
 */
export function toList(names: string | readonly string[]): string[] {
  if (typeof names === "string") return [names];
  if (Array.isArray(names)) return [...names];
  return names as unknown as string[];
}

/**
 * Adds names to a builder's list; keeps a non-list value as is so validation reports it.
 *
 * @example
 * ```ts
 * import { extendList } from "./_lists.ts";
 * extendList(["a"], "b"); // ["a", "b"]
 * ```
 */
export function extendList(
  current: readonly string[],
  names: string | readonly string[],
): string[] {
  const added = toList(names);
  if (!Array.isArray(current)) return current as string[];
  return Array.isArray(added) ? [...current, ...added] : added;
}

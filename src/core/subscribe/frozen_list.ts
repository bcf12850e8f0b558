/**
 * `list` itself when it is already frozen (nothing can change it, so it is shared as it is),
 * else a frozen copy: the engine's states, events and invocations hold only frozen lists.
 *
 * @example
 * ```ts
 * import { frozenList } from "./frozen_list.ts";
 * const names = Object.freeze(["a"]);
 * frozenList(names) === names; // true
 * Object.isFrozen(frozenList(["b"])); // true
 * ```
 */
export function frozenList<T>(list: readonly T[]): readonly T[] {
  return Object.isFrozen(list) ? list : Object.freeze([...list]);
}

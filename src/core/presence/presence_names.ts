/**
 * Whether a channel or group name is a presence channel (`…-pnpres`): the channel the service
 * publishes `x`'s presence events on. Nobody is ever present on it, so heartbeats and leaves skip it.
 *
 * @example
 * ```ts
 * import { isPresenceName } from "./presence_names.ts";
 * isPresenceName("lobby-pnpres"); // true
 * isPresenceName("lobby"); // false
 * ```
 */
export function isPresenceName(name: string): boolean {
  return name.endsWith("-pnpres");
}

/**
 * The names of a list that are not presence channels, in their order.
 *
 * @example
 * ```ts
 * import { withoutPresenceNames } from "./presence_names.ts";
 * withoutPresenceNames(["a", "a-pnpres", "b"]); // ["a", "b"]
 * ```
 */
export function withoutPresenceNames(names: readonly string[]): string[] {
  return names.filter((name) => !isPresenceName(name));
}

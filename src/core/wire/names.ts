/**
 * Presence channel names: the service publishes the presence events of `x` on `x` plus this
 * suffix (docs/protocol.md "Presence channels"). This is the one place that spells it.
 *
 * @example
 * ```ts
 * import { PRESENCE_SUFFIX } from "./names.ts";
 * "room" + PRESENCE_SUFFIX; // the presence channel of "room"
 * ```
 */
export const PRESENCE_SUFFIX = "-pnpres";

/**
 * Whether a channel or group name is a presence channel: nobody is ever present on it, so
 * heartbeats, leaves and joins skip it.
 *
 * @example
 * ```ts
 * import { isPresenceName, presenceNameOf } from "./names.ts";
 * isPresenceName(presenceNameOf("lobby")); // true
 * isPresenceName("lobby"); // false
 * ```
 */
export function isPresenceName(name: string): boolean {
  return name.endsWith(PRESENCE_SUFFIX);
}

/**
 * The presence channel of a channel (or group).
 *
 * @example
 * ```ts
 * import { presenceNameOf } from "./names.ts";
 * presenceNameOf("room").startsWith("room"); // true
 * ```
 */
export function presenceNameOf(name: string): string {
  return name + PRESENCE_SUFFIX;
}

/**
 * The channel a presence channel reports on (the name itself when it is not one).
 *
 * @example
 * ```ts
 * import { baseNameOf, presenceNameOf } from "./names.ts";
 * baseNameOf(presenceNameOf("room")); // "room"
 * baseNameOf("room"); // "room"
 * ```
 */
export function baseNameOf(name: string): string {
  return isPresenceName(name) ? name.slice(0, -PRESENCE_SUFFIX.length) : name;
}

/**
 * The names of a list that are not presence channels, in their order.
 *
 * @example
 * ```ts
 * import { presenceNameOf, withoutPresenceNames } from "./names.ts";
 * withoutPresenceNames(["a", presenceNameOf("a"), "b"]); // ["a", "b"]
 * ```
 */
export function withoutPresenceNames(names: readonly string[]): string[] {
  return names.filter((name) => !isPresenceName(name));
}

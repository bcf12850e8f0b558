import { PRESENCE_SUFFIX } from "../../core/wire/names.ts";

// The suffix is wire vocabulary, shared with the client.
export { PRESENCE_SUFFIX };

/**
 * Whether a channel is a presence channel (`x-pnpres`).
 *
 * @example
 * ```ts
 * import { isPresenceChannel } from "./channel_names.ts";
 * isPresenceChannel("room-pnpres"); // true
 * ```
 */
export function isPresenceChannel(name: string): boolean {
  return name.endsWith(PRESENCE_SUFFIX);
}

/**
 * The presence channel of a channel (or group).
 *
 * @example
 * ```ts
 * import { presenceChannelOf } from "./channel_names.ts";
 * presenceChannelOf("room"); // "room-pnpres"
 * ```
 */
export function presenceChannelOf(name: string): string {
  return name + PRESENCE_SUFFIX;
}

/**
 * Whether a subscribed name is a wildcard pattern (`a.*`, or its presence form `a.*-pnpres`).
 *
 * @example
 * ```ts
 * import { isWildcard } from "./channel_names.ts";
 * isWildcard("a.*"); // true
 * isWildcard("a.b"); // false
 * ```
 */
export function isWildcard(name: string): boolean {
  const base = isPresenceChannel(name) ? name.slice(0, -PRESENCE_SUFFIX.length) : name;
  return base.endsWith(".*") && base.length > 2;
}

/**
 * The one wildcard pattern that matches a channel, one level deep: `a.b` → `a.*`,
 * `a.b.c` → `a.b.*`, `a.b-pnpres` → `a.*-pnpres`; `undefined` for a name without a dot.
 * Indexing channels by this key makes wildcard lookups a map access instead of a scan.
 *
 * @example
 * ```ts
 * import { wildcardKeyOf } from "./channel_names.ts";
 * wildcardKeyOf("a.b.c"); // "a.b.*"
 * wildcardKeyOf("plain"); // undefined
 * ```
 */
export function wildcardKeyOf(channel: string): string | undefined {
  const presence = isPresenceChannel(channel);
  const base = presence ? channel.slice(0, -PRESENCE_SUFFIX.length) : channel;
  const dot = base.lastIndexOf(".");
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return base.slice(0, dot) + ".*" + (presence ? PRESENCE_SUFFIX : "");
}

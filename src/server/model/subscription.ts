import type { Envelope } from "./envelope.ts";
import type { Filter } from "./filter.ts";

/**
 * What one subscribe request listens to.
 *
 * @example
 * ```ts
 * import type { Subscription } from "./subscription.ts";
 * const s: Subscription = { channels: ["a", "a-pnpres", "b.*"], groups: ["g"] };
 * ```
 */
export interface Subscription {
  /** Channels, presence channels and wildcard patterns. */
  channels: readonly string[];
  /** Channel groups, and `g-pnpres` for a group's presence. */
  groups: readonly string[];
  /** Filter expression applied to messages and signals (never to presence). */
  filter?: Filter;
}

/**
 * One envelope for one subscriber, with what matched it (`b`).
 *
 * @example
 * ```ts
 * import type { Delivery } from "./subscription.ts";
 * const show = (d: Delivery) => `${d.match} ← ${d.envelope.channel}`;
 * ```
 */
export interface Delivery {
  /** The envelope. */
  envelope: Envelope;
  /** The channel, pattern or group that matched it. */
  match: string;
}

/**
 * The answer to a subscribe: the deliveries and the cursor to continue from.
 *
 * @example
 * ```ts
 * import type { Collected } from "./subscription.ts";
 * const empty: Collected = { timetoken: "17000000000000000", deliveries: [] };
 * ```
 */
export interface Collected {
  /** The next `tt`. */
  timetoken: string;
  /** Envelopes newer than the request's `tt`, oldest first. */
  deliveries: Delivery[];
}

/**
 * Most envelopes in one subscribe response (the service's cap).
 *
 * @example
 * ```ts
 * import { MAX_ENVELOPES_PER_RESPONSE } from "./subscription.ts";
 * MAX_ENVELOPES_PER_RESPONSE; // 100
 * ```
 */
export const MAX_ENVELOPES_PER_RESPONSE = 100;

/**
 * Keys under which a long-poll for this subscription waits; an envelope wakes the waiters of
 * its {@link Keyset.wakeKeys}.
 *
 * @example
 * ```ts
 * import { waitKeys } from "./subscription.ts";
 * waitKeys({ channels: ["a"], groups: ["g"] }); // ["c:a", "g:g"]
 * ```
 */
export function waitKeys(subscription: Subscription): string[] {
  return [
    ...subscription.channels.map((c) => `c:${c}`),
    ...subscription.groups.map((g) => `g:${g}`),
  ];
}

/**
 * The local server's access policy (a small model of PubNub's Access Manager): grants per auth
 * key, with channel and group patterns, and optional request signing. Pure: the clock comes in
 * as an argument.
 *
 * @module
 */

import { baseNameOf, isPresenceName } from "../../core/wire/names.ts";

/**
 * What one auth key may do. Patterns are exact names, `*` (everything) or a wildcard such as
 * `a.*` (every name starting with `a.`, the pattern itself included). Reading a channel also
 * allows its presence channel (`ch-pnpres`).
 *
 * @example
 * ```ts
 * import type { AccessGrant } from "@pubnub-ts/pubsub/server";
 * const grant: AccessGrant = { authKey: "alice", read: ["chat.*"], write: ["chat.room1"], ttl: 60 };
 * ```
 */
export interface AccessGrant {
  /** The `auth` parameter this grant is for. */
  authKey: string;
  /**
   * Channels that may be read: subscribe, history, message counts, message actions, here-now,
   * heartbeat, leave, state.
   */
  read?: string[];
  /** Channels that may be written: publish, fire, signal, add a message action. */
  write?: string[];
  /** Channels whose stored messages may be deleted and message actions removed. */
  delete?: string[];
  /** Channel groups that may be read (subscribe, here-now, heartbeat, leave, state). */
  groups?: string[];
  /** Channel groups that may be managed (add or remove channels, list, delete). */
  manage?: string[];
  /** Minutes the grant lasts, counted from when the server started. */
  ttl?: number;
  /** Absolute expiry, in ms since the epoch (server clock). */
  expires?: number;
}

/**
 * The policy `startServer({ access })` enforces.
 *
 * - `grants` (when given, even empty): every request but `/time` needs an `auth` key with a live
 *   grant covering what it touches; anything else is answered 403 `Forbidden` with the denied
 *   `payload.channels` / `payload["channel-groups"]`, as the service does.
 * - `secretKey`: signatures (`signature` + `timestamp`) are verified; a valid one has root
 *   access (grants do not apply), as a server holding the secret key does on the service.
 *   `requireSignature: true` refuses unsigned requests.
 *
 * @example
 * ```ts
 * import type { AccessPolicy } from "@pubnub-ts/pubsub/server";
 * const policy: AccessPolicy = {
 *   grants: [{ authKey: "reader", read: ["*"] }, { authKey: "writer", write: ["news"] }],
 *   secretKey: "sec-demo", publishKey: "demo", requireSignature: false,
 * };
 * ```
 */
export interface AccessPolicy {
  /** Grants per auth key; unset means no grant checks. */
  grants?: AccessGrant[];
  /** Secret key to verify request signatures with. */
  secretKey?: string;
  /** Publish key signatures are computed with; default the server's `keys.publishKey`. */
  publishKey?: string;
  /** Refuse requests without a valid signature (needs `secretKey`). Default `false`. */
  requireSignature?: boolean;
  /** Largest accepted distance between `timestamp` and the server clock (seconds). Default 60. */
  signatureWindowSeconds?: number;
}

/**
 * What a request touches: channels and groups it reads, writes or manages; `keyOnly` for calls
 * naming no resource (where-now, global here-now, list groups) that need just a live auth key.
 *
 * @example
 * ```ts
 * import type { AccessNeeds } from "./policy.ts";
 * const publish: AccessNeeds = { write: ["ch"] };
 * ```
 */
export interface AccessNeeds {
  /** Channels read. */
  read?: readonly string[];
  /** Channels written. */
  write?: readonly string[];
  /** Channels whose messages or actions are deleted. */
  delete?: readonly string[];
  /** Groups read. */
  readGroups?: readonly string[];
  /** Groups managed. */
  manageGroups?: readonly string[];
}

/**
 * The decision: allowed, or denied with the channels and groups refused and why (for logs and
 * tests; the wire answer stays the service's `Forbidden`).
 *
 * @example
 * ```ts
 * import type { AccessDecision } from "./policy.ts";
 * const denied: AccessDecision = { allowed: false, channels: ["ch"], groups: [], reason: "unknown auth key" };
 * ```
 */
export type AccessDecision =
  | { allowed: true }
  | { allowed: false; channels: string[]; groups: string[]; reason: string };

/**
 * Whether a grant pattern covers a name: `*` covers all, `a.*` covers `a.` followed by
 * anything (and the pattern itself), anything else only itself.
 *
 * @example
 * ```ts
 * import { patternCovers } from "./policy.ts";
 * patternCovers("a.*", "a.b.c"); // true
 * patternCovers("a.*", "ab"); // false
 * patternCovers("*", "anything"); // true
 * ```
 */
export function patternCovers(pattern: string, name: string): boolean {
  if (pattern === "*" || pattern === name) return true;
  if (pattern.endsWith(".*")) return name.startsWith(pattern.slice(0, -1));
  return false;
}

/**
 * Whether a grant is live at `now` (ms): `expires` not reached, `ttl` minutes since `startedAt`
 * not elapsed.
 *
 * @example
 * ```ts
 * import { grantIsLive } from "./policy.ts";
 * grantIsLive({ authKey: "k", ttl: 1 }, 0, 59_999); // true
 * grantIsLive({ authKey: "k", expires: 1000 }, 0, 1000); // false
 * ```
 */
export function grantIsLive(grant: AccessGrant, startedAt: number, now: number): boolean {
  if (grant.expires !== undefined && now >= grant.expires) return false;
  if (grant.ttl !== undefined && now >= startedAt + grant.ttl * 60_000) return false;
  return true;
}

/**
 * Decides a request against the grants. Without a live grant for `authKey` everything it
 * names is denied (every channel and group; `keyOnly` requests too).
 *
 * @example
 * ```ts
 * import { decideAccess } from "./policy.ts";
 * const grants = [{ authKey: "k", write: ["news"] }];
 * decideAccess(grants, { authKey: "k", startedAt: 0, now: 0 }, { write: ["news"] }); // { allowed: true }
 * decideAccess(grants, { authKey: "k", startedAt: 0, now: 0 }, { read: ["news"] }).allowed; // false
 * ```
 */
export function decideAccess(
  grants: readonly AccessGrant[],
  request: { authKey: string | undefined; startedAt: number; now: number },
  needs: AccessNeeds,
): AccessDecision {
  const channels = unique([
    ...(needs.read ?? []),
    ...(needs.write ?? []),
    ...(needs.delete ?? []),
  ]);
  const groups = unique([...(needs.readGroups ?? []), ...(needs.manageGroups ?? [])]);
  const mine = grants.filter((g) => g.authKey === request.authKey);
  const live = mine.filter((g) => grantIsLive(g, request.startedAt, request.now));
  if (request.authKey === undefined || request.authKey === "") {
    return { allowed: false, channels, groups, reason: "no auth key" };
  }
  if (mine.length === 0) {
    return { allowed: false, channels, groups, reason: `unknown auth key "${request.authKey}"` };
  }
  if (live.length === 0) {
    return { allowed: false, channels, groups, reason: `auth key "${request.authKey}" expired` };
  }
  const covered = (field: "read" | "write" | "delete" | "groups" | "manage", name: string) =>
    live.some((g) => (g[field] ?? []).some((p) => patternCovers(p, name)));
  const readable = (name: string) =>
    covered("read", name) ||
    (isPresenceName(name) && covered("read", baseNameOf(name)));
  const readableGroup = (name: string) =>
    covered("groups", name) ||
    (isPresenceName(name) && covered("groups", baseNameOf(name)));
  const deniedChannels = unique([
    ...(needs.read ?? []).filter((c) => !readable(c)),
    ...(needs.write ?? []).filter((c) => !covered("write", c)),
    ...(needs.delete ?? []).filter((c) => !covered("delete", c)),
  ]);
  const deniedGroups = unique([
    ...(needs.readGroups ?? []).filter((g) => !readableGroup(g)),
    ...(needs.manageGroups ?? []).filter((g) => !covered("manage", g)),
  ]);
  if (deniedChannels.length === 0 && deniedGroups.length === 0) return { allowed: true };
  return {
    allowed: false,
    channels: deniedChannels,
    groups: deniedGroups,
    reason: `auth key "${request.authKey}" has no grant for this`,
  };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

import type { PNStatus } from "../status.ts";
import type { Envelope } from "./envelope.ts";
import { frozenList } from "./frozen_list.ts";
import type { GapFillingFields } from "./gap_fill_values.ts";
import type { GapRange } from "./gaps.ts";

/**
 * The names of the subscribe engine's states: the nine of
 * docs/protocol.md "Subscribe engine states and events", PubNub's own vocabulary, and
 * `RECEIVE_GAP_FILLING`, where a catch-up that overflowed the service's window waits for the
 * missing messages from storage.
 *
 * @example
 * ```ts
 * import { SubscribeStateName } from "./states.ts";
 * SubscribeStateName.RECEIVING; // "RECEIVING"
 * ```
 */
export const SubscribeStateName = {
  /** Subscribed to nothing. */
  UNSUBSCRIBED: "UNSUBSCRIBED",
  /** The handshake request (no `tt`) is in flight. */
  HANDSHAKING: "HANDSHAKING",
  /** The handshake failed; a delayed retry is pending. */
  HANDSHAKE_RECONNECTING: "HANDSHAKE_RECONNECTING",
  /** Handshake retries were given up; waits for a reconnect or a change. */
  HANDSHAKE_FAILED: "HANDSHAKE_FAILED",
  /** Disconnected by the caller before the handshake completed. */
  HANDSHAKE_STOPPED: "HANDSHAKE_STOPPED",
  /** A long-poll from the cursor is in flight. */
  RECEIVING: "RECEIVING",
  /** A long-poll failed; a delayed retry from the same cursor is pending. */
  RECEIVE_RECONNECTING: "RECEIVE_RECONNECTING",
  /** Long-poll retries were given up; the cursor is kept for a gap-free reconnect. */
  RECEIVE_FAILED: "RECEIVE_FAILED",
  /** Disconnected by the caller while receiving; the cursor is kept. */
  RECEIVE_STOPPED: "RECEIVE_STOPPED",
  /** A catch-up overflowed the window: the gaps are fetched from storage before delivery. */
  RECEIVE_GAP_FILLING: "RECEIVE_GAP_FILLING",
} as const;

/**
 * One of the {@link SubscribeStateName} values.
 *
 * @example
 * ```ts
 * import type { SubscribeStateNameValue } from "./states.ts";
 * const name: SubscribeStateNameValue = "HANDSHAKING";
 * ```
 */
export type SubscribeStateNameValue = typeof SubscribeStateName[keyof typeof SubscribeStateName];

/**
 * Every {@link SubscribeStateNameValue}, in the order of
 * docs/protocol.md "Subscribe engine states and events", then
 * `RECEIVE_GAP_FILLING`.
 *
 * @example
 * ```ts
 * import { SUBSCRIBE_STATE_NAMES } from "./states.ts";
 * SUBSCRIBE_STATE_NAMES.length; // 10
 * ```
 */
export const SUBSCRIBE_STATE_NAMES: readonly SubscribeStateNameValue[] = /* @__PURE__ */ Object
  .freeze(
    /* @__PURE__ */ Object.values(SubscribeStateName),
  );

/**
 * The states that exist only after a handshake succeeded: they always hold a cursor.
 *
 * @example
 * ```ts
 * import type { ReceiveStateName } from "./states.ts";
 * const name: ReceiveStateName = "RECEIVE_STOPPED";
 * ```
 */
export type ReceiveStateName =
  | "RECEIVING"
  | "RECEIVE_RECONNECTING"
  | "RECEIVE_FAILED"
  | "RECEIVE_STOPPED"
  | "RECEIVE_GAP_FILLING";

/**
 * Where the subscribe loop stands in the stream: a timetoken (a string, never a number) and
 * the region the service gave with it (`t.t` and `t.r` of a subscribe response).
 *
 * @example
 * ```ts
 * import type { SubscriptionCursor } from "./states.ts";
 * const cursor: SubscriptionCursor = { timetoken: "17000000000000000", region: 12 };
 * ```
 */
export interface SubscriptionCursor {
  /** 17-digit timetoken, as a string. */
  readonly timetoken: string;
  /** Region (`tr`) the timetoken belongs to. */
  readonly region: number;
}

/**
 * What every state remembers.
 *
 * @example
 * ```ts
 * import type { SubscribeStateFields } from "./states.ts";
 * const fields: SubscribeStateFields = { channels: ["a"], groups: [], attempts: 0 };
 * ```
 */
export interface SubscribeStateFields {
  /** Channels subscribed to (wildcards and `-pnpres` names included), as given. */
  readonly channels: readonly string[];
  /** Channel groups subscribed to, as given. */
  readonly groups: readonly string[];
  /** Failed retries so far: counts up in the `*_RECONNECTING` states, 0 elsewhere. */
  readonly attempts: number;
  /** Why the last request failed: in the `*_RECONNECTING` and `*_FAILED` states. */
  readonly reason?: PNStatus;
}

/**
 * A handshake-side state: it holds a cursor only when one was stored (a restore, or the kept
 * cursor of a reconnect after a receive failure, so catch-up has no gap).
 *
 * @example
 * ```ts
 * import type { HandshakeSideState } from "./states.ts";
 * const state: HandshakeSideState = { name: "HANDSHAKING", channels: ["a"], groups: [], attempts: 0 };
 * ```
 */
export interface HandshakeSideState extends SubscribeStateFields {
  /** Which state this is. */
  readonly name: Exclude<SubscribeStateNameValue, ReceiveStateName>;
  /** The stored cursor to receive from once the handshake succeeds, if any. */
  readonly cursor?: SubscriptionCursor;
}

/**
 * A receive-side state: it exists only after a handshake succeeded, so it always holds a cursor.
 *
 * @example
 * ```ts
 * import type { ReceiveSideState } from "./states.ts";
 * const state: ReceiveSideState = {
 *   name: "RECEIVING", channels: ["a"], groups: [], attempts: 0, cursor: { timetoken: "1", region: 1 },
 * };
 * ```
 */
export interface ReceiveSideState extends SubscribeStateFields {
  /** Which state this is. */
  readonly name: ReceiveStateName;
  /** The cursor the next long-poll starts from. */
  readonly cursor: SubscriptionCursor;
  /**
   * `RECEIVING`: the next answer catches up on time nobody listened (after an outage, a restore
   * or a back-fill), so a full window in it may have lost messages. Absent for live polls.
   */
  readonly catchUp?: true;
  /** `RECEIVE_GAP_FILLING`: the channels whose gaps are being fetched. */
  readonly gaps?: readonly GapRange[];
  /** `RECEIVE_GAP_FILLING`: the catch-up batch, delivered after what the fill restores. */
  readonly pending?: readonly Envelope[];
  /** `RECEIVE_GAP_FILLING`: the cursor the catch-up was made from. */
  readonly previousCursor?: SubscriptionCursor;
}

/**
 * A snapshot of the subscribe engine: the state's name and everything it remembers. Frozen;
 * build one with the constructor functions below (`receiving(...)` and friends).
 *
 * @example
 * ```ts
 * import { receiving, type SubscribeState } from "./states.ts";
 * const state: SubscribeState = receiving(["a"], [], { timetoken: "17000000000000000", region: 1 });
 * state.name; // "RECEIVING"
 * ```
 */
export type SubscribeState = HandshakeSideState | ReceiveSideState;

/**
 * The state type for a given state name: receive-side states come with a required cursor, and
 * failure states with a required reason.
 *
 * @example
 * ```ts
 * import type { SubscribeStateOf } from "./states.ts";
 * type Receiving = SubscribeStateOf<"RECEIVING">; // cursor is required
 * ```
 */
export type SubscribeStateOf<N extends SubscribeStateNameValue> =
  & (N extends ReceiveStateName ? ReceiveSideState : HandshakeSideState)
  & { readonly name: N }
  & (N extends FailureStateName ? { readonly reason: PNStatus } : unknown)
  & (N extends "RECEIVE_GAP_FILLING" ? GapFillingFields : unknown);

/**
 * The states entered because of a failure: they always hold its `reason`.
 *
 * @example
 * ```ts
 * import type { FailureStateName } from "./states.ts";
 * const name: FailureStateName = "HANDSHAKE_FAILED";
 * ```
 */
export type FailureStateName =
  | "HANDSHAKE_RECONNECTING"
  | "HANDSHAKE_FAILED"
  | "RECEIVE_RECONNECTING"
  | "RECEIVE_FAILED";

const NO_NAMES: readonly string[] = /* @__PURE__ */ Object.freeze([]);

function make<N extends SubscribeStateNameValue>(
  name: N,
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor | undefined,
  attempts = 0,
  reason?: PNStatus,
  catchUp = false,
): SubscribeStateOf<N> {
  // Optional fields are left out rather than set to undefined, so snapshots compare cleanly.
  const state: Record<string, unknown> = {
    name,
    channels: frozenList(channels),
    groups: frozenList(groups),
    attempts,
  };
  if (cursor) state.cursor = Object.isFrozen(cursor) ? cursor : Object.freeze({ ...cursor });
  if (reason) state.reason = reason;
  if (catchUp) state.catchUp = true;
  return Object.freeze(state) as unknown as SubscribeStateOf<N>;
}

/**
 * The state the engine starts in: subscribed to nothing, no cursor.
 *
 * @example
 * ```ts
 * import { INITIAL_SUBSCRIBE_STATE } from "./states.ts";
 * INITIAL_SUBSCRIBE_STATE.name; // "UNSUBSCRIBED"
 * ```
 */
export const INITIAL_SUBSCRIBE_STATE: SubscribeStateOf<"UNSUBSCRIBED"> = /* @__PURE__ */ make(
  "UNSUBSCRIBED",
  NO_NAMES,
  NO_NAMES,
  undefined,
);

/**
 * `UNSUBSCRIBED`: nothing subscribed, no cursor (unsubscribing from everything resets it).
 *
 * @example
 * ```ts
 * import { unsubscribed } from "./states.ts";
 * unsubscribed().channels; // []
 * ```
 */
export function unsubscribed(): SubscribeStateOf<"UNSUBSCRIBED"> {
  return INITIAL_SUBSCRIBE_STATE;
}

/**
 * `HANDSHAKING`, with the cursor to resume from when one is stored.
 *
 * @example
 * ```ts
 * import { handshaking } from "./states.ts";
 * handshaking(["a"], ["g"]).name; // "HANDSHAKING"
 * ```
 */
export function handshaking(
  channels: readonly string[],
  groups: readonly string[],
  cursor?: SubscriptionCursor,
): SubscribeStateOf<"HANDSHAKING"> {
  return make("HANDSHAKING", channels, groups, cursor);
}

/**
 * `HANDSHAKE_RECONNECTING`: `attempts` failed retries so far, the last one for `reason`.
 *
 * @example
 * ```ts
 * import { handshakeReconnecting } from "./states.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * handshakeReconnecting(["a"], [], undefined, 0, reason).attempts; // 0
 * ```
 */
export function handshakeReconnecting(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor | undefined,
  attempts: number,
  reason: PNStatus,
): SubscribeStateOf<"HANDSHAKE_RECONNECTING"> {
  return make("HANDSHAKE_RECONNECTING", channels, groups, cursor, attempts, reason);
}

/**
 * `HANDSHAKE_FAILED`: retries given up for `reason`.
 *
 * @example
 * ```ts
 * import { handshakeFailed } from "./states.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNAccessDeniedCategory", operation: "PNSubscribeOperation", error: true });
 * handshakeFailed(["a"], [], undefined, reason).reason?.category; // "PNAccessDeniedCategory"
 * ```
 */
export function handshakeFailed(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor | undefined,
  reason: PNStatus,
): SubscribeStateOf<"HANDSHAKE_FAILED"> {
  return make("HANDSHAKE_FAILED", channels, groups, cursor, 0, reason);
}

/**
 * `HANDSHAKE_STOPPED`: disconnected before a handshake completed.
 *
 * @example
 * ```ts
 * import { handshakeStopped } from "./states.ts";
 * handshakeStopped(["a"], []).name; // "HANDSHAKE_STOPPED"
 * ```
 */
export function handshakeStopped(
  channels: readonly string[],
  groups: readonly string[],
  cursor?: SubscriptionCursor,
): SubscribeStateOf<"HANDSHAKE_STOPPED"> {
  return make("HANDSHAKE_STOPPED", channels, groups, cursor);
}

/**
 * `RECEIVING` from `cursor`; `catchUp` when the next answer covers time nobody listened.
 *
 * @example
 * ```ts
 * import { receiving } from "./states.ts";
 * receiving(["a"], [], { timetoken: "17000000000000000", region: 1 }).cursor.timetoken; // "17000000000000000"
 * receiving(["a"], [], { timetoken: "1", region: 1 }, true).catchUp; // true
 * ```
 */
export function receiving(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
  catchUp = false,
): SubscribeStateOf<"RECEIVING"> {
  // Built once, not copied to add `catchUp`: a long-poll loop makes one per poll.
  return make("RECEIVING", channels, groups, cursor, 0, undefined, catchUp);
}

/**
 * `RECEIVE_RECONNECTING`: `attempts` failed retries from `cursor`, the last one for `reason`.
 *
 * @example
 * ```ts
 * import { receiveReconnecting } from "./states.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNNetworkIssuesCategory", operation: "PNSubscribeOperation", error: true });
 * receiveReconnecting(["a"], [], { timetoken: "1", region: 1 }, 2, reason).attempts; // 2
 * ```
 */
export function receiveReconnecting(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
  attempts: number,
  reason: PNStatus,
): SubscribeStateOf<"RECEIVE_RECONNECTING"> {
  return make("RECEIVE_RECONNECTING", channels, groups, cursor, attempts, reason);
}

/**
 * `RECEIVE_FAILED`: retries given up for `reason`; `cursor` kept for a gap-free reconnect.
 *
 * @example
 * ```ts
 * import { receiveFailed } from "./states.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * receiveFailed(["a"], [], { timetoken: "1", region: 1 }, reason).cursor.timetoken; // "1"
 * ```
 */
export function receiveFailed(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
  reason: PNStatus,
): SubscribeStateOf<"RECEIVE_FAILED"> {
  return make("RECEIVE_FAILED", channels, groups, cursor, 0, reason);
}

/**
 * `RECEIVE_STOPPED`: disconnected by the caller; `cursor` kept.
 *
 * @example
 * ```ts
 * import { receiveStopped } from "./states.ts";
 * receiveStopped(["a"], [], { timetoken: "1", region: 1 }).name; // "RECEIVE_STOPPED"
 * ```
 */
export function receiveStopped(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
): SubscribeStateOf<"RECEIVE_STOPPED"> {
  return make("RECEIVE_STOPPED", channels, groups, cursor);
}

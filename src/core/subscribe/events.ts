import type { PNStatus } from "../status.ts";
import type { Envelope } from "./envelope.ts";
import { frozenList } from "./frozen_list.ts";
import type { GapFillFailureEvent, GapFillSuccessEvent } from "./gap_fill_values.ts";
import type { GapRange } from "./gaps.ts";
import type { SubscriptionCursor } from "./states.ts";
import {
  cursorOf,
  type ReconnectEvent,
  type SubscriptionChangedEvent,
  type SubscriptionRestoredEvent,
} from "./caller_events.ts";
import { type ResponseNotes, withNotes } from "./response_notes.ts";

export {
  disconnect,
  reconnect,
  type ReconnectEvent,
  subscriptionChanged,
  type SubscriptionChangedEvent,
  subscriptionRestored,
  type SubscriptionRestoredEvent,
  unsubscribeAll,
} from "./caller_events.ts";

/**
 * What can happen to the subscribe engine (docs/protocol.md "Subscribe engine states and events"):
 * the caller's requests (`SUBSCRIPTION_CHANGED`, `SUBSCRIPTION_RESTORED`, `DISCONNECT`,
 * `RECONNECT`, `UNSUBSCRIBE_ALL`) and the outcomes of the requests the shell performed (`*_SUCCESS`, `*_FAILURE`, `*_GIVEUP`),
 * the gap back-fill's among them (`GAP_FILL_SUCCESS`, `GAP_FILL_FAILURE`).
 * Values are frozen; build them with the constructor functions below.
 *
 * @example
 * ```ts
 * import { type SubscribeEvent, subscriptionChanged } from "./events.ts";
 * const event: SubscribeEvent = subscriptionChanged(["a"], []);
 * event.type; // "SUBSCRIPTION_CHANGED"
 * ```
 */
export type SubscribeEvent =
  | SubscriptionChangedEvent
  | SubscriptionRestoredEvent
  | CursorEvent<"HANDSHAKE_SUCCESS">
  | ReasonEvent<"HANDSHAKE_FAILURE">
  | CursorEvent<"HANDSHAKE_RECONNECT_SUCCESS">
  | ReasonEvent<"HANDSHAKE_RECONNECT_FAILURE">
  | ReasonEvent<"HANDSHAKE_RECONNECT_GIVEUP">
  | MessagesEvent<"RECEIVE_SUCCESS">
  | ReasonEvent<"RECEIVE_FAILURE">
  | MessagesEvent<"RECEIVE_RECONNECT_SUCCESS">
  | ReasonEvent<"RECEIVE_RECONNECT_FAILURE">
  | ReasonEvent<"RECEIVE_RECONNECT_GIVEUP">
  | { readonly type: "DISCONNECT" }
  | ReconnectEvent
  | { readonly type: "UNSUBSCRIBE_ALL" }
  | GapFillSuccessEvent
  | GapFillFailureEvent;

/**
 * The `type` of a {@link SubscribeEvent}.
 *
 * @example
 * ```ts
 * import type { SubscribeEventType } from "./events.ts";
 * const type: SubscribeEventType = "RECEIVE_SUCCESS";
 * ```
 */
export type SubscribeEventType = SubscribeEvent["type"];

/**
 * The event of a given type.
 *
 * @example
 * ```ts
 * import type { SubscribeEventOf } from "./events.ts";
 * type Failure = SubscribeEventOf<"RECEIVE_FAILURE">; // has `reason`
 * ```
 */
export type SubscribeEventOf<T extends SubscribeEventType> = Extract<SubscribeEvent, { type: T }>;

/**
 * Every {@link SubscribeEventType}, in the order of
 * docs/protocol.md "Subscribe engine states and events".
 *
 * @example
 * ```ts
 * import { SUBSCRIBE_EVENT_TYPES } from "./events.ts";
 * SUBSCRIBE_EVENT_TYPES.length; // 17
 * ```
 */
export const SUBSCRIBE_EVENT_TYPES: readonly SubscribeEventType[] = /* @__PURE__ */ Object.freeze(
  [
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "HANDSHAKE_SUCCESS",
    "HANDSHAKE_FAILURE",
    "HANDSHAKE_RECONNECT_SUCCESS",
    "HANDSHAKE_RECONNECT_FAILURE",
    "HANDSHAKE_RECONNECT_GIVEUP",
    "RECEIVE_SUCCESS",
    "RECEIVE_FAILURE",
    "RECEIVE_RECONNECT_SUCCESS",
    "RECEIVE_RECONNECT_FAILURE",
    "RECEIVE_RECONNECT_GIVEUP",
    "DISCONNECT",
    "RECONNECT",
    "UNSUBSCRIBE_ALL",
    "GAP_FILL_SUCCESS",
    "GAP_FILL_FAILURE",
  ] as const,
);

/**
 * A handshake (or its retry) succeeded: the service's current cursor.
 *
 * @example
 * ```ts
 * import type { CursorEvent } from "./events.ts";
 * const event: CursorEvent<"HANDSHAKE_SUCCESS"> = { type: "HANDSHAKE_SUCCESS", cursor: { timetoken: "1", region: 4 } };
 * ```
 */
export interface CursorEvent<T extends "HANDSHAKE_SUCCESS" | "HANDSHAKE_RECONNECT_SUCCESS">
  extends Pick<ResponseNotes, "rejected" | "statusCode"> {
  /** Discriminant. */
  readonly type: T;
  /** `t` of the response. */
  readonly cursor: SubscriptionCursor;
}

/**
 * A long-poll (or its retry) succeeded: the next cursor and the envelopes it brought.
 *
 * @example
 * ```ts
 * import type { MessagesEvent } from "./events.ts";
 * const event: MessagesEvent<"RECEIVE_SUCCESS"> = { type: "RECEIVE_SUCCESS", cursor: { timetoken: "2", region: 4 }, messages: [] };
 * ```
 */
export interface MessagesEvent<T extends "RECEIVE_SUCCESS" | "RECEIVE_RECONNECT_SUCCESS">
  extends ResponseNotes {
  /** Discriminant. */
  readonly type: T;
  /** `t` of the response: where the next long-poll starts. */
  readonly cursor: SubscriptionCursor;
  /** `m` of the response, shape-checked, oldest first. */
  readonly messages: readonly Envelope[];
  /**
   * Channels on which the response carried a full catch-up window, so older messages may be
   * missing (found by `findGaps` when gap back-fill is on); absent when there are none.
   */
  readonly gaps?: readonly GapRange[];
}

/**
 * A request failed (`*_FAILURE`), or the retry policy gave up on it (`*_GIVEUP`).
 *
 * @example
 * ```ts
 * import type { ReasonEvent } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * const event: ReasonEvent<"RECEIVE_FAILURE"> = { type: "RECEIVE_FAILURE", reason };
 * ```
 */
export interface ReasonEvent<
  T extends
    | "HANDSHAKE_FAILURE"
    | "HANDSHAKE_RECONNECT_FAILURE"
    | "HANDSHAKE_RECONNECT_GIVEUP"
    | "RECEIVE_FAILURE"
    | "RECEIVE_RECONNECT_FAILURE"
    | "RECEIVE_RECONNECT_GIVEUP",
> {
  /** Discriminant. */
  readonly type: T;
  /** The failed status: category, status code, error data. */
  readonly reason: PNStatus;
}

/**
 * `HANDSHAKE_SUCCESS(cursor)`.
 *
 * @example
 * ```ts
 * import { handshakeSuccess } from "./events.ts";
 * handshakeSuccess({ timetoken: "17000000000000000", region: 4 }).type; // "HANDSHAKE_SUCCESS"
 * ```
 */
export function handshakeSuccess(
  cursor: SubscriptionCursor,
  notes?: Pick<ResponseNotes, "rejected" | "statusCode">,
): CursorEvent<"HANDSHAKE_SUCCESS"> {
  return withNotes({ type: "HANDSHAKE_SUCCESS", cursor: cursorOf(cursor) }, notes);
}

/**
 * `HANDSHAKE_FAILURE(reason)`.
 *
 * @example
 * ```ts
 * import { handshakeFailure } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * handshakeFailure(new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true })).type;
 * // "HANDSHAKE_FAILURE"
 * ```
 */
export function handshakeFailure(reason: PNStatus): ReasonEvent<"HANDSHAKE_FAILURE"> {
  return Object.freeze({ type: "HANDSHAKE_FAILURE", reason });
}

/**
 * `HANDSHAKE_RECONNECT_SUCCESS(cursor)`.
 *
 * @example
 * ```ts
 * import { handshakeReconnectSuccess } from "./events.ts";
 * handshakeReconnectSuccess({ timetoken: "1", region: 4 }).type; // "HANDSHAKE_RECONNECT_SUCCESS"
 * ```
 */
export function handshakeReconnectSuccess(
  cursor: SubscriptionCursor,
  notes?: Pick<ResponseNotes, "rejected" | "statusCode">,
): CursorEvent<"HANDSHAKE_RECONNECT_SUCCESS"> {
  return withNotes({ type: "HANDSHAKE_RECONNECT_SUCCESS", cursor: cursorOf(cursor) }, notes);
}

/**
 * `HANDSHAKE_RECONNECT_FAILURE(reason)`.
 *
 * @example
 * ```ts
 * import { handshakeReconnectFailure } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNNetworkIssuesCategory", operation: "PNSubscribeOperation", error: true });
 * handshakeReconnectFailure(reason).reason.category; // "PNNetworkIssuesCategory"
 * ```
 */
export function handshakeReconnectFailure(
  reason: PNStatus,
): ReasonEvent<"HANDSHAKE_RECONNECT_FAILURE"> {
  return Object.freeze({ type: "HANDSHAKE_RECONNECT_FAILURE", reason });
}

/**
 * `HANDSHAKE_RECONNECT_GIVEUP(reason)`: the retry policy said stop.
 *
 * @example
 * ```ts
 * import { handshakeReconnectGiveup } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNAccessDeniedCategory", operation: "PNSubscribeOperation", error: true });
 * handshakeReconnectGiveup(reason).type; // "HANDSHAKE_RECONNECT_GIVEUP"
 * ```
 */
export function handshakeReconnectGiveup(
  reason: PNStatus,
): ReasonEvent<"HANDSHAKE_RECONNECT_GIVEUP"> {
  return Object.freeze({ type: "HANDSHAKE_RECONNECT_GIVEUP", reason });
}

/**
 * `RECEIVE_SUCCESS(cursor, messages)`.
 *
 * @example
 * ```ts
 * import { receiveSuccess } from "./events.ts";
 * receiveSuccess({ timetoken: "2", region: 4 }, []).messages; // []
 * ```
 */
export function receiveSuccess(
  cursor: SubscriptionCursor,
  messages: readonly Envelope[],
  gaps: readonly GapRange[] = [],
  notes?: ResponseNotes,
): MessagesEvent<"RECEIVE_SUCCESS"> {
  return withNotes(
    withGaps({
      type: "RECEIVE_SUCCESS",
      cursor: cursorOf(cursor),
      messages: frozenList(messages),
    }, gaps),
    notes,
  );
}

/** Adds `gaps` to a messages event only when there are some, so plain events stay as they were. */
function withGaps<T extends MessagesEvent<"RECEIVE_SUCCESS" | "RECEIVE_RECONNECT_SUCCESS">>(
  event: T,
  gaps: readonly GapRange[],
): T {
  return gaps.length ? { ...event, gaps: Object.freeze([...gaps]) } : event;
}

/**
 * `RECEIVE_FAILURE(reason)`.
 *
 * @example
 * ```ts
 * import { receiveFailure } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * receiveFailure(new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true })).type;
 * // "RECEIVE_FAILURE"
 * ```
 */
export function receiveFailure(reason: PNStatus): ReasonEvent<"RECEIVE_FAILURE"> {
  return Object.freeze({ type: "RECEIVE_FAILURE", reason });
}

/**
 * `RECEIVE_RECONNECT_SUCCESS(cursor, messages)`.
 *
 * @example
 * ```ts
 * import { receiveReconnectSuccess } from "./events.ts";
 * receiveReconnectSuccess({ timetoken: "2", region: 4 }, []).type; // "RECEIVE_RECONNECT_SUCCESS"
 * ```
 */
export function receiveReconnectSuccess(
  cursor: SubscriptionCursor,
  messages: readonly Envelope[],
  gaps: readonly GapRange[] = [],
  notes?: ResponseNotes,
): MessagesEvent<"RECEIVE_RECONNECT_SUCCESS"> {
  return withNotes(
    withGaps({
      type: "RECEIVE_RECONNECT_SUCCESS",
      cursor: cursorOf(cursor),
      messages: frozenList(messages),
    }, gaps),
    notes,
  );
}

/**
 * `RECEIVE_RECONNECT_FAILURE(reason)`.
 *
 * @example
 * ```ts
 * import { receiveReconnectFailure } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNServerErrorCategory", operation: "PNSubscribeOperation", error: true, statusCode: 503 });
 * receiveReconnectFailure(reason).reason.statusCode; // 503
 * ```
 */
export function receiveReconnectFailure(
  reason: PNStatus,
): ReasonEvent<"RECEIVE_RECONNECT_FAILURE"> {
  return Object.freeze({ type: "RECEIVE_RECONNECT_FAILURE", reason });
}

/**
 * `RECEIVE_RECONNECT_GIVEUP(reason)`: the retry policy said stop.
 *
 * @example
 * ```ts
 * import { receiveReconnectGiveup } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * receiveReconnectGiveup(reason).type; // "RECEIVE_RECONNECT_GIVEUP"
 * ```
 */
export function receiveReconnectGiveup(reason: PNStatus): ReasonEvent<"RECEIVE_RECONNECT_GIVEUP"> {
  return Object.freeze({ type: "RECEIVE_RECONNECT_GIVEUP", reason });
}

// The gap back-fill's events live with its other values; they are events like the rest.
export {
  gapFillFailure,
  type GapFillFailureEvent,
  gapFillSuccess,
  type GapFillSuccessEvent,
} from "./gap_fill_values.ts";

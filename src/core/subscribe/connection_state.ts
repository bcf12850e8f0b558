import type { PNStatus } from "../status.ts";
import type { SubscribeEvent, SubscribeEventType } from "./events.ts";
import type { SubscribeState, SubscribeStateNameValue } from "./states.ts";

/**
 * Where the client's connection stands, for an app to show: derived from the subscribe
 * engine's state, never kept on its own.
 *
 * - `disconnected`: subscribed to nothing, or stopped by `disconnect()`.
 * - `connecting`: the first request to the service is on its way.
 * - `connected`: receiving (also while missed messages are restored from storage).
 * - `reconnecting`: a request failed; the next attempt is scheduled.
 * - `failed`: retries were given up; `reconnect()` or a subscription change tries again.
 *
 * @example
 * ```ts
 * import type { ConnectionState } from "@pubnub-ts/pubsub";
 * const shown: ConnectionState = "reconnecting";
 * ```
 */
export type ConnectionState =
  | "disconnected"
  | "connecting"
  | "connected"
  | "reconnecting"
  | "failed";

const BY_STATE: Readonly<Record<SubscribeStateNameValue, ConnectionState>> = /* @__PURE__ */ Object
  .freeze({
    UNSUBSCRIBED: "disconnected",
    HANDSHAKING: "connecting",
    HANDSHAKE_RECONNECTING: "reconnecting",
    HANDSHAKE_FAILED: "failed",
    HANDSHAKE_STOPPED: "disconnected",
    RECEIVING: "connected",
    RECEIVE_RECONNECTING: "reconnecting",
    RECEIVE_FAILED: "failed",
    RECEIVE_STOPPED: "disconnected",
    RECEIVE_GAP_FILLING: "connected",
  });

/**
 * The connection state of a subscribe engine state.
 *
 * @example
 * ```ts
 * import { connectionStateOf } from "./connection_state.ts";
 * import { INITIAL_SUBSCRIBE_STATE } from "./states.ts";
 * connectionStateOf(INITIAL_SUBSCRIBE_STATE); // "disconnected"
 * ```
 */
export function connectionStateOf(state: SubscribeState): ConnectionState {
  return BY_STATE[state.name] ?? "disconnected";
}

/**
 * What the `connectionState` listener receives on each change.
 *
 * @example
 * ```ts
 * import type { ConnectionStateChange } from "@pubnub-ts/pubsub";
 * const change: ConnectionStateChange = {
 *   state: "reconnecting", previous: "connected", reason: "the connection was lost", attempt: 1, delayMs: 2000,
 * };
 * ```
 */
export interface ConnectionStateChange {
  /** The state now. */
  state: ConnectionState;
  /** The state before. */
  previous: ConnectionState;
  /** Why it changed, in words. */
  reason: string;
  /** The failure behind `reconnecting` and `failed`: category, status code, error data. */
  status?: PNStatus;
  /** `reconnecting`: the number of the attempt that comes next (1 for the first retry). */
  attempt?: number;
  /** `reconnecting`: how long until that attempt, in milliseconds. */
  delayMs?: number;
}

// Only events that can change the connection state have a reason: a receive success and the
// gap back-fill's answers go from "connected" to "connected".
const REASONS: Readonly<
  Record<
    Exclude<SubscribeEventType, "RECEIVE_SUCCESS" | "GAP_FILL_SUCCESS" | "GAP_FILL_FAILURE">,
    string
  >
> = /* @__PURE__ */ Object.freeze({
  SUBSCRIPTION_CHANGED: "the subscription changed",
  SUBSCRIPTION_RESTORED: "the subscription was restored from a timetoken",
  HANDSHAKE_SUCCESS: "connected to the service",
  HANDSHAKE_FAILURE: "connecting to the service failed",
  HANDSHAKE_RECONNECT_SUCCESS: "connected to the service",
  HANDSHAKE_RECONNECT_FAILURE: "a connection attempt failed",
  HANDSHAKE_RECONNECT_GIVEUP: "connection attempts were given up",
  RECEIVE_FAILURE: "the connection was lost",
  RECEIVE_RECONNECT_SUCCESS: "the connection is back",
  RECEIVE_RECONNECT_FAILURE: "a reconnection attempt failed",
  RECEIVE_RECONNECT_GIVEUP: "reconnection attempts were given up",
  DISCONNECT: "disconnect() was called",
  RECONNECT: "reconnect() was called",
  UNSUBSCRIBE_ALL: "unsubscribed from everything",
});

/**
 * The change an event made, or `undefined` when the connection state stayed as it was. A
 * further failed attempt while `reconnecting` is a change too (a new attempt, a new delay).
 * `delayMs` is not the engine's to know: the shell adds it from the retry policy.
 *
 * @example
 * ```ts
 * import { connectionChange } from "./connection_state.ts";
 * import { receiving, receiveReconnecting } from "./states.ts";
 * import { receiveFailure } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNNetworkIssuesCategory", operation: "PNSubscribeOperation", error: true });
 * const cursor = { timetoken: "1", region: 1 };
 * connectionChange(receiving(["a"], [], cursor), receiveFailure(reason), receiveReconnecting(["a"], [], cursor, 0, reason));
 * // { state: "reconnecting", previous: "connected", reason: "the connection was lost", status: reason, attempt: 1 }
 * ```
 */
export function connectionChange(
  before: SubscribeState,
  event: SubscribeEvent,
  after: SubscribeState,
): ConnectionStateChange | undefined {
  const previous = connectionStateOf(before);
  const state = connectionStateOf(after);
  const retried = state === "reconnecting" && before !== after;
  if (state === previous && !retried) return undefined;
  const change: ConnectionStateChange = {
    state,
    previous,
    reason: REASONS[event.type as keyof typeof REASONS] ?? event.type,
  };
  if ((state === "reconnecting" || state === "failed") && after.reason) {
    change.status = after.reason;
  }
  if (state === "reconnecting") change.attempt = after.attempts + 1;
  return change;
}

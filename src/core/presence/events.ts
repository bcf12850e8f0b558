import type { PNStatus } from "../status.ts";

/**
 * What can happen to the heartbeat engine (docs/protocol.md "Heartbeat engine states and events"):
 * the caller's subscription changes (`JOINED`, `LEFT`, `LEFT_ALL`, `DISCONNECT`, `RECONNECT`) and
 * the outcomes of the invocations the shell performed (`HEARTBEAT_SUCCESS`, `HEARTBEAT_FAILURE`,
 * `HEARTBEAT_GIVEUP`, `TIMES_UP`). Values are frozen; build them with the constructor functions
 * below.
 *
 * @example
 * ```ts
 * import { type HeartbeatEvent, joined } from "./events.ts";
 * const event: HeartbeatEvent = joined(["a"], []);
 * event.type; // "JOINED"
 * ```
 */
export type HeartbeatEvent =
  | JoinedEvent
  | LeftEvent
  | { readonly type: "LEFT_ALL" }
  | { readonly type: "HEARTBEAT_SUCCESS" }
  | HeartbeatFailureEvent
  | HeartbeatGiveupEvent
  | { readonly type: "TIMES_UP" }
  | { readonly type: "DISCONNECT" }
  | { readonly type: "RECONNECT" };

/**
 * The `type` of a {@link HeartbeatEvent}.
 *
 * @example
 * ```ts
 * import type { HeartbeatEventType } from "./events.ts";
 * const type: HeartbeatEventType = "TIMES_UP";
 * ```
 */
export type HeartbeatEventType = HeartbeatEvent["type"];

/**
 * Every {@link HeartbeatEventType}, in the order of
 * docs/protocol.md "Heartbeat engine states and events".
 *
 * @example
 * ```ts
 * import { HEARTBEAT_EVENT_TYPES } from "./events.ts";
 * HEARTBEAT_EVENT_TYPES.length; // 9
 * ```
 */
export const HEARTBEAT_EVENT_TYPES: readonly HeartbeatEventType[] = /* @__PURE__ */ Object.freeze(
  [
    "JOINED",
    "LEFT",
    "LEFT_ALL",
    "HEARTBEAT_SUCCESS",
    "HEARTBEAT_FAILURE",
    "HEARTBEAT_GIVEUP",
    "TIMES_UP",
    "DISCONNECT",
    "RECONNECT",
  ] as const,
);

/**
 * The caller subscribed to more channels or groups.
 *
 * @example
 * ```ts
 * import type { JoinedEvent } from "./events.ts";
 * const event: JoinedEvent = { type: "JOINED", channels: ["a"], groups: [] };
 * ```
 */
export interface JoinedEvent {
  /** Discriminant. */
  readonly type: "JOINED";
  /** Channels added. */
  readonly channels: readonly string[];
  /** Channel groups added. */
  readonly groups: readonly string[];
}

/**
 * The caller unsubscribed from some channels or groups.
 *
 * @example
 * ```ts
 * import type { LeftEvent } from "./events.ts";
 * const event: LeftEvent = { type: "LEFT", channels: ["a"], groups: [] };
 * ```
 */
export interface LeftEvent {
  /** Discriminant. */
  readonly type: "LEFT";
  /** Channels removed. */
  readonly channels: readonly string[];
  /** Channel groups removed. */
  readonly groups: readonly string[];
}

/**
 * A heartbeat (immediate or delayed) failed; `reason` is its failed status.
 *
 * @example
 * ```ts
 * import type { HeartbeatFailureEvent } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNHeartbeatOperation", error: true });
 * const event: HeartbeatFailureEvent = { type: "HEARTBEAT_FAILURE", reason };
 * ```
 */
export interface HeartbeatFailureEvent {
  /** Discriminant. */
  readonly type: "HEARTBEAT_FAILURE";
  /** The failed heartbeat's status. */
  readonly reason: PNStatus;
}

/**
 * The retry policy said to stop retrying; `reason` is the last failure.
 *
 * @example
 * ```ts
 * import type { HeartbeatGiveupEvent } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNNetworkIssuesCategory", operation: "PNHeartbeatOperation", error: true });
 * const event: HeartbeatGiveupEvent = { type: "HEARTBEAT_GIVEUP", reason };
 * ```
 */
export interface HeartbeatGiveupEvent {
  /** Discriminant. */
  readonly type: "HEARTBEAT_GIVEUP";
  /** The last failed heartbeat's status. */
  readonly reason: PNStatus;
}

/**
 * `JOINED(channels, groups)`: the caller subscribed to these. Copies and freezes the lists.
 *
 * @example
 * ```ts
 * import { joined } from "./events.ts";
 * joined(["a", "b"], ["g"]).channels; // ["a", "b"]
 * ```
 */
export function joined(channels: readonly string[], groups: readonly string[] = []): JoinedEvent {
  return Object.freeze({
    type: "JOINED",
    channels: Object.freeze([...channels]),
    groups: Object.freeze([...groups]),
  });
}

/**
 * `LEFT(channels, groups)`: the caller unsubscribed from these. Copies and freezes the lists.
 *
 * @example
 * ```ts
 * import { left } from "./events.ts";
 * left(["a"]).type; // "LEFT"
 * ```
 */
export function left(channels: readonly string[], groups: readonly string[] = []): LeftEvent {
  return Object.freeze({
    type: "LEFT",
    channels: Object.freeze([...channels]),
    groups: Object.freeze([...groups]),
  });
}

/**
 * `LEFT_ALL`: the caller unsubscribed from everything.
 *
 * @example
 * ```ts
 * import { leftAll } from "./events.ts";
 * leftAll().type; // "LEFT_ALL"
 * ```
 */
export function leftAll(): HeartbeatEvent {
  return LEFT_ALL;
}

/**
 * `HEARTBEAT_SUCCESS`: the heartbeat (immediate or delayed) was answered with a 2xx.
 *
 * @example
 * ```ts
 * import { heartbeatSuccess } from "./events.ts";
 * heartbeatSuccess().type; // "HEARTBEAT_SUCCESS"
 * ```
 */
export function heartbeatSuccess(): HeartbeatEvent {
  return HEARTBEAT_SUCCESS;
}

/**
 * `HEARTBEAT_FAILURE(reason)`: the heartbeat failed with this status.
 *
 * @example
 * ```ts
 * import { heartbeatFailure } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNServerErrorCategory", operation: "PNHeartbeatOperation", error: true, statusCode: 503 });
 * heartbeatFailure(reason).reason.statusCode; // 503
 * ```
 */
export function heartbeatFailure(reason: PNStatus): HeartbeatFailureEvent {
  return Object.freeze({ type: "HEARTBEAT_FAILURE", reason });
}

/**
 * `HEARTBEAT_GIVEUP(reason)`: the retry policy gave up; `reason` is the last failure.
 *
 * @example
 * ```ts
 * import { heartbeatGiveup } from "./events.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNHeartbeatOperation", error: true });
 * heartbeatGiveup(reason).type; // "HEARTBEAT_GIVEUP"
 * ```
 */
export function heartbeatGiveup(reason: PNStatus): HeartbeatGiveupEvent {
  return Object.freeze({ type: "HEARTBEAT_GIVEUP", reason });
}

/**
 * `TIMES_UP`: the heartbeat interval passed (the `WAIT` invocation finished).
 *
 * @example
 * ```ts
 * import { timesUp } from "./events.ts";
 * timesUp().type; // "TIMES_UP"
 * ```
 */
export function timesUp(): HeartbeatEvent {
  return TIMES_UP;
}

/**
 * `DISCONNECT`: the caller stopped the loops; lists are kept for a later `RECONNECT`.
 *
 * @example
 * ```ts
 * import { disconnect } from "./events.ts";
 * disconnect().type; // "DISCONNECT"
 * ```
 */
export function disconnect(): HeartbeatEvent {
  return DISCONNECT;
}

/**
 * `RECONNECT`: the caller restarted the loops after a disconnect or a give-up.
 *
 * @example
 * ```ts
 * import { reconnect } from "./events.ts";
 * reconnect().type; // "RECONNECT"
 * ```
 */
export function reconnect(): HeartbeatEvent {
  return RECONNECT;
}

// Payload-free events are singletons: nothing to copy, and identity comparisons stay cheap.
const LEFT_ALL: HeartbeatEvent = /* @__PURE__ */ Object.freeze({ type: "LEFT_ALL" });
const HEARTBEAT_SUCCESS: HeartbeatEvent = /* @__PURE__ */ Object.freeze({
  type: "HEARTBEAT_SUCCESS",
});
const TIMES_UP: HeartbeatEvent = /* @__PURE__ */ Object.freeze({ type: "TIMES_UP" });
const DISCONNECT: HeartbeatEvent = /* @__PURE__ */ Object.freeze({ type: "DISCONNECT" });
const RECONNECT: HeartbeatEvent = /* @__PURE__ */ Object.freeze({ type: "RECONNECT" });

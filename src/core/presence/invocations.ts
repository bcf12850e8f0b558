import type { PNStatus, PNStatusInit } from "../status.ts";

/**
 * What the heartbeat engine asks the shell to do
 * (docs/protocol.md "Heartbeat engine states and events"), as data. Values are frozen.
 *
 * - `HEARTBEAT`: send one heartbeat now; answer with `HEARTBEAT_SUCCESS` or `HEARTBEAT_FAILURE`.
 *   Not cancellable: a heartbeat in flight is allowed to finish.
 * - `DELAYED_HEARTBEAT`: ask the retry policy about `attempts` and `reason`; on give-up dispatch
 *   `HEARTBEAT_GIVEUP` at once, otherwise wait its delay, send a heartbeat and answer with
 *   `HEARTBEAT_SUCCESS` or `HEARTBEAT_FAILURE`. Cancelled by `CANCEL_DELAYED_HEARTBEAT`.
 * - `WAIT`: wait the heartbeat interval, then dispatch `TIMES_UP`. Cancelled by `CANCEL_WAIT`.
 * - `LEAVE`: send a leave for these channels and groups (fire and forget: no event comes back).
 * - `EMIT_STATUS`: hand this status to the listeners.
 *
 * A cancelled invocation dispatches nothing.
 *
 * @example
 * ```ts
 * import { type HeartbeatInvocation, wait } from "./invocations.ts";
 * const invocation: HeartbeatInvocation = wait();
 * invocation.type; // "WAIT"
 * ```
 */
export type HeartbeatInvocation =
  | HeartbeatInvocationWithLists<"HEARTBEAT">
  | DelayedHeartbeatInvocation
  | { readonly type: "CANCEL_DELAYED_HEARTBEAT" }
  | { readonly type: "WAIT" }
  | { readonly type: "CANCEL_WAIT" }
  | HeartbeatInvocationWithLists<"LEAVE">
  | EmitHeartbeatStatusInvocation;

/**
 * The `type` of a {@link HeartbeatInvocation}.
 *
 * @example
 * ```ts
 * import type { HeartbeatInvocationType } from "./invocations.ts";
 * const type: HeartbeatInvocationType = "CANCEL_WAIT";
 * ```
 */
export type HeartbeatInvocationType = HeartbeatInvocation["type"];

/**
 * An invocation that concerns a set of channels and groups: `HEARTBEAT` or `LEAVE`.
 *
 * @example
 * ```ts
 * import type { HeartbeatInvocationWithLists } from "./invocations.ts";
 * const leave: HeartbeatInvocationWithLists<"LEAVE"> = { type: "LEAVE", channels: ["a"], groups: [] };
 * ```
 */
export interface HeartbeatInvocationWithLists<T extends "HEARTBEAT" | "LEAVE"> {
  /** Discriminant. */
  readonly type: T;
  /** Channels concerned. */
  readonly channels: readonly string[];
  /** Channel groups concerned. */
  readonly groups: readonly string[];
}

/**
 * A heartbeat retry after a failure, to be delayed by the retry policy.
 *
 * @example
 * ```ts
 * import type { DelayedHeartbeatInvocation } from "./invocations.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNHeartbeatOperation", error: true });
 * const retry: DelayedHeartbeatInvocation = { type: "DELAYED_HEARTBEAT", channels: ["a"], groups: [], attempts: 0, reason };
 * ```
 */
export interface DelayedHeartbeatInvocation {
  /** Discriminant. */
  readonly type: "DELAYED_HEARTBEAT";
  /** Channels to announce. */
  readonly channels: readonly string[];
  /** Channel groups to announce. */
  readonly groups: readonly string[];
  /** Failed retries so far (0 for the first retry). */
  readonly attempts: number;
  /** Why the previous heartbeat failed. */
  readonly reason: PNStatus;
}

/**
 * A status for the listeners, with `operation` `PNHeartbeatOperation`.
 *
 * @example
 * ```ts
 * import type { EmitHeartbeatStatusInvocation } from "./invocations.ts";
 * const emit: EmitHeartbeatStatusInvocation = {
 *   type: "EMIT_STATUS",
 *   status: { category: "PNTimeoutCategory", operation: "PNHeartbeatOperation", error: true },
 * };
 * ```
 */
export interface EmitHeartbeatStatusInvocation {
  /** Discriminant. */
  readonly type: "EMIT_STATUS";
  /** The status's plain fields; the shell builds the `PNStatus`. */
  readonly status: Readonly<PNStatusInit>;
}

/**
 * `HEARTBEAT(channels, groups)`.
 *
 * @example
 * ```ts
 * import { heartbeat } from "./invocations.ts";
 * heartbeat(["a"], ["g"]).groups; // ["g"]
 * ```
 */
export function heartbeat(
  channels: readonly string[],
  groups: readonly string[],
): HeartbeatInvocationWithLists<"HEARTBEAT"> {
  return Object.freeze({ type: "HEARTBEAT", channels: frozen(channels), groups: frozen(groups) });
}

/**
 * `DELAYED_HEARTBEAT(channels, groups, attempts, reason)`.
 *
 * @example
 * ```ts
 * import { delayedHeartbeat } from "./invocations.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNHeartbeatOperation", error: true });
 * delayedHeartbeat(["a"], [], 2, reason).attempts; // 2
 * ```
 */
export function delayedHeartbeat(
  channels: readonly string[],
  groups: readonly string[],
  attempts: number,
  reason: PNStatus,
): DelayedHeartbeatInvocation {
  return Object.freeze({
    type: "DELAYED_HEARTBEAT",
    channels: frozen(channels),
    groups: frozen(groups),
    attempts,
    reason,
  });
}

/**
 * `CANCEL_DELAYED_HEARTBEAT`: abandon a pending `DELAYED_HEARTBEAT` (its wait and its request).
 *
 * @example
 * ```ts
 * import { cancelDelayedHeartbeat } from "./invocations.ts";
 * cancelDelayedHeartbeat().type; // "CANCEL_DELAYED_HEARTBEAT"
 * ```
 */
export function cancelDelayedHeartbeat(): HeartbeatInvocation {
  return CANCEL_DELAYED_HEARTBEAT;
}

/**
 * `WAIT`: wait the heartbeat interval, then dispatch `TIMES_UP`.
 *
 * @example
 * ```ts
 * import { wait } from "./invocations.ts";
 * wait().type; // "WAIT"
 * ```
 */
export function wait(): HeartbeatInvocation {
  return WAIT;
}

/**
 * `CANCEL_WAIT`: abandon a pending `WAIT`.
 *
 * @example
 * ```ts
 * import { cancelWait } from "./invocations.ts";
 * cancelWait().type; // "CANCEL_WAIT"
 * ```
 */
export function cancelWait(): HeartbeatInvocation {
  return CANCEL_WAIT;
}

/**
 * `LEAVE(channels, groups)`.
 *
 * @example
 * ```ts
 * import { leave } from "./invocations.ts";
 * leave(["a"], []).type; // "LEAVE"
 * ```
 */
export function leave(
  channels: readonly string[],
  groups: readonly string[],
): HeartbeatInvocationWithLists<"LEAVE"> {
  return Object.freeze({ type: "LEAVE", channels: frozen(channels), groups: frozen(groups) });
}

/**
 * `EMIT_STATUS(status)`; the operation is always `PNHeartbeatOperation`.
 *
 * @example
 * ```ts
 * import { emitHeartbeatStatus } from "./invocations.ts";
 * emitHeartbeatStatus({ category: "PNTimeoutCategory", error: true }).status.operation;
 * // "PNHeartbeatOperation"
 * ```
 */
export function emitHeartbeatStatus(
  status: Omit<PNStatusInit, "operation">,
): EmitHeartbeatStatusInvocation {
  return Object.freeze({
    type: "EMIT_STATUS",
    status: Object.freeze({ ...status, operation: "PNHeartbeatOperation" as const }),
  });
}

const CANCEL_DELAYED_HEARTBEAT: HeartbeatInvocation = /* @__PURE__ */ Object.freeze({
  type: "CANCEL_DELAYED_HEARTBEAT",
});
const WAIT: HeartbeatInvocation = /* @__PURE__ */ Object.freeze({ type: "WAIT" });
const CANCEL_WAIT: HeartbeatInvocation = /* @__PURE__ */ Object.freeze({ type: "CANCEL_WAIT" });

function frozen(list: readonly string[]): readonly string[] {
  return Object.freeze([...list]);
}

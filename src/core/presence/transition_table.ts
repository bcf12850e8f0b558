import { deepFreeze } from "../engine.ts";
import type { HeartbeatEventType } from "./events.ts";
import type { HeartbeatInvocationType } from "./invocations.ts";
import type { HeartbeatStateNameValue } from "./states.ts";

/**
 * One row of the heartbeat transition table: where an event leads and what comes with it.
 * Read by `transition()` in `transition.ts`; nothing here is code.
 *
 * - `to`: the next state. (One rule is applied on top by `transition()`: a change that leaves
 *   no channels and no groups leads to `HEARTBEAT_INACTIVE` instead.)
 * - `lists`: `add` the event's channels and groups, `remove` them, `clear` both lists, or keep
 *   them (absent).
 * - `attempts`: `first` starts the retry count at 0 and keeps the event's `reason`; `next`
 *   adds one and keeps the new `reason`; absent resets to 0 and forgets the reason.
 * - `leave`: send `LEAVE` for the channels and groups the event `removed`, or for `all` of them.
 * - `emitStatus`: emit the event's `reason` as an `EMIT_STATUS`.
 *
 * @example
 * ```ts
 * import type { HeartbeatTransitionRule } from "./transition_table.ts";
 * const rule: HeartbeatTransitionRule = { to: "HEARTBEATING", lists: "remove", leave: "removed" };
 * ```
 */
export interface HeartbeatTransitionRule {
  /** The state the event leads to. */
  readonly to: HeartbeatStateNameValue;
  /** What happens to the channel and group lists; absent: kept. */
  readonly lists?: "add" | "remove" | "clear";
  /** What happens to the retry count; absent: reset. */
  readonly attempts?: "first" | "next";
  /** Whether to send `LEAVE`, and for which channels and groups. */
  readonly leave?: "removed" | "all";
  /** Whether to emit the event's reason as a status. */
  readonly emitStatus?: true;
}

/**
 * The heartbeat engine's transitions (docs/protocol.md "Heartbeat engine transitions") as data,
 * keyed by state then event. An event a state does not list is ignored: the state stays as it is
 * and nothing is invoked.
 *
 * @example
 * ```ts
 * import { HEARTBEAT_TRANSITIONS } from "./transition_table.ts";
 * HEARTBEAT_TRANSITIONS.HEARTBEAT_COOLDOWN.TIMES_UP; // { to: "HEARTBEATING" }
 * ```
 */
export const HEARTBEAT_TRANSITIONS: Readonly<
  Record<
    HeartbeatStateNameValue,
    Readonly<Partial<Record<HeartbeatEventType, HeartbeatTransitionRule>>>
  >
> = /* @__PURE__ */ deepFreeze({
  HEARTBEAT_INACTIVE: {
    JOINED: { to: "HEARTBEATING", lists: "add" },
  },
  HEARTBEATING: {
    HEARTBEAT_SUCCESS: { to: "HEARTBEAT_COOLDOWN" },
    HEARTBEAT_FAILURE: { to: "HEARTBEAT_RECONNECTING", attempts: "first" },
    JOINED: { to: "HEARTBEATING", lists: "add" },
    LEFT: { to: "HEARTBEATING", lists: "remove", leave: "removed" },
    DISCONNECT: { to: "HEARTBEAT_STOPPED", leave: "all" },
    LEFT_ALL: { to: "HEARTBEAT_INACTIVE", lists: "clear", leave: "all" },
  },
  HEARTBEAT_RECONNECTING: {
    HEARTBEAT_SUCCESS: { to: "HEARTBEAT_COOLDOWN" },
    HEARTBEAT_FAILURE: { to: "HEARTBEAT_RECONNECTING", attempts: "next" },
    HEARTBEAT_GIVEUP: { to: "HEARTBEAT_FAILED", emitStatus: true },
    JOINED: { to: "HEARTBEATING", lists: "add" },
    LEFT: { to: "HEARTBEATING", lists: "remove", leave: "removed" },
    DISCONNECT: { to: "HEARTBEAT_STOPPED", leave: "all" },
    LEFT_ALL: { to: "HEARTBEAT_INACTIVE", lists: "clear", leave: "all" },
  },
  HEARTBEAT_COOLDOWN: {
    TIMES_UP: { to: "HEARTBEATING" },
    JOINED: { to: "HEARTBEATING", lists: "add" },
    LEFT: { to: "HEARTBEATING", lists: "remove", leave: "removed" },
    DISCONNECT: { to: "HEARTBEAT_STOPPED", leave: "all" },
    LEFT_ALL: { to: "HEARTBEAT_INACTIVE", lists: "clear", leave: "all" },
  },
  HEARTBEAT_FAILED: {
    JOINED: { to: "HEARTBEATING", lists: "add" },
    RECONNECT: { to: "HEARTBEATING" },
    LEFT: { to: "HEARTBEATING", lists: "remove", leave: "removed" },
    DISCONNECT: { to: "HEARTBEAT_STOPPED", leave: "all" },
    LEFT_ALL: { to: "HEARTBEAT_INACTIVE", lists: "clear", leave: "all" },
  },
  HEARTBEAT_STOPPED: {
    // Stopped means silent: the lists follow the subscription, but nothing is sent.
    JOINED: { to: "HEARTBEAT_STOPPED", lists: "add" },
    LEFT: { to: "HEARTBEAT_STOPPED", lists: "remove" },
    RECONNECT: { to: "HEARTBEATING" },
    LEFT_ALL: { to: "HEARTBEAT_INACTIVE", lists: "clear" },
  },
});

/**
 * The long-running invocation each state starts when entered
 * (docs/protocol.md "Heartbeat engine transitions"), if any.
 *
 * @example
 * ```ts
 * import { HEARTBEAT_ON_ENTER } from "./transition_table.ts";
 * HEARTBEAT_ON_ENTER.HEARTBEAT_COOLDOWN; // "WAIT"
 * ```
 */
export const HEARTBEAT_ON_ENTER: Readonly<
  Record<
    HeartbeatStateNameValue,
    Extract<HeartbeatInvocationType, "HEARTBEAT" | "DELAYED_HEARTBEAT" | "WAIT"> | undefined
  >
> = /* @__PURE__ */ Object.freeze({
  HEARTBEAT_INACTIVE: undefined,
  HEARTBEATING: "HEARTBEAT",
  HEARTBEAT_RECONNECTING: "DELAYED_HEARTBEAT",
  HEARTBEAT_COOLDOWN: "WAIT",
  HEARTBEAT_FAILED: undefined,
  HEARTBEAT_STOPPED: undefined,
});

/**
 * The cancellation each state issues when left, if any. `HEARTBEATING` has none: a heartbeat
 * is not cancellable, its answer arrives in whatever state the engine is by then (and is
 * ignored there unless that state expects it).
 *
 * @example
 * ```ts
 * import { HEARTBEAT_ON_EXIT } from "./transition_table.ts";
 * HEARTBEAT_ON_EXIT.HEARTBEAT_RECONNECTING; // "CANCEL_DELAYED_HEARTBEAT"
 * ```
 */
export const HEARTBEAT_ON_EXIT: Readonly<
  Record<
    HeartbeatStateNameValue,
    Extract<HeartbeatInvocationType, "CANCEL_DELAYED_HEARTBEAT" | "CANCEL_WAIT"> | undefined
  >
> = /* @__PURE__ */ Object.freeze({
  HEARTBEAT_INACTIVE: undefined,
  HEARTBEATING: undefined,
  HEARTBEAT_RECONNECTING: "CANCEL_DELAYED_HEARTBEAT",
  HEARTBEAT_COOLDOWN: "CANCEL_WAIT",
  HEARTBEAT_FAILED: undefined,
  HEARTBEAT_STOPPED: undefined,
});

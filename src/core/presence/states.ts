import type { PNStatus } from "../status.ts";

/**
 * The names of the heartbeat engine's states
 * (docs/protocol.md "Heartbeat engine states and events"), PubNub's own vocabulary.
 *
 * @example
 * ```ts
 * import { HeartbeatStateName } from "./states.ts";
 * HeartbeatStateName.HEARTBEAT_COOLDOWN; // "HEARTBEAT_COOLDOWN"
 * ```
 */
export const HeartbeatStateName = {
  /** Nothing to announce: no channels, no groups. */
  HEARTBEAT_INACTIVE: "HEARTBEAT_INACTIVE",
  /** A heartbeat request is in flight. */
  HEARTBEATING: "HEARTBEATING",
  /** The last heartbeat failed; a delayed retry is pending. */
  HEARTBEAT_RECONNECTING: "HEARTBEAT_RECONNECTING",
  /** The last heartbeat succeeded; waiting for the interval to pass. */
  HEARTBEAT_COOLDOWN: "HEARTBEAT_COOLDOWN",
  /** Retries were given up; waits for a reconnect or a change of channels. */
  HEARTBEAT_FAILED: "HEARTBEAT_FAILED",
  /** Disconnected by the caller; keeps the lists until a reconnect. */
  HEARTBEAT_STOPPED: "HEARTBEAT_STOPPED",
} as const;

/**
 * One of the {@link HeartbeatStateName} values.
 *
 * @example
 * ```ts
 * import type { HeartbeatStateNameValue } from "./states.ts";
 * const name: HeartbeatStateNameValue = "HEARTBEATING";
 * ```
 */
export type HeartbeatStateNameValue = typeof HeartbeatStateName[keyof typeof HeartbeatStateName];

/**
 * A snapshot of the heartbeat engine: the state's name and everything it remembers. Frozen.
 *
 * `attempts` and `reason` only mean something in `HEARTBEAT_RECONNECTING` (how many delayed
 * retries failed so far, and why the last one did); elsewhere they are `0` and `undefined`.
 *
 * @example
 * ```ts
 * import { heartbeatState } from "./states.ts";
 * const state = heartbeatState("HEARTBEATING", { channels: ["a"] });
 * state.groups; // []
 * ```
 */
export interface HeartbeatState {
  /** Which state this is. */
  readonly name: HeartbeatStateNameValue;
  /** Channels this client announces itself on (no `-pnpres` names), in join order. */
  readonly channels: readonly string[];
  /** Channel groups this client announces itself on, in join order. */
  readonly groups: readonly string[];
  /** Failed delayed retries so far (`HEARTBEAT_RECONNECTING` only). */
  readonly attempts: number;
  /** Why the last heartbeat failed (`HEARTBEAT_RECONNECTING` only). */
  readonly reason: PNStatus | undefined;
}

/**
 * Builds a frozen {@link HeartbeatState}; omitted fields are empty (`[]`, `0`, `undefined`).
 *
 * @example
 * ```ts
 * import { heartbeatState } from "./states.ts";
 * heartbeatState("HEARTBEAT_STOPPED", { channels: ["a"], groups: ["g"] }).name; // "HEARTBEAT_STOPPED"
 * ```
 */
export function heartbeatState(
  name: HeartbeatStateNameValue,
  fields: {
    channels?: readonly string[];
    groups?: readonly string[];
    attempts?: number;
    reason?: PNStatus;
  } = {},
): HeartbeatState {
  return Object.freeze({
    name,
    channels: Object.freeze([...(fields.channels ?? [])]),
    groups: Object.freeze([...(fields.groups ?? [])]),
    attempts: fields.attempts ?? 0,
    reason: fields.reason,
  });
}

/**
 * The state a heartbeat engine starts in: `HEARTBEAT_INACTIVE`, with empty lists.
 *
 * @example
 * ```ts
 * import { INITIAL_HEARTBEAT_STATE } from "./states.ts";
 * INITIAL_HEARTBEAT_STATE.name; // "HEARTBEAT_INACTIVE"
 * ```
 */
export const INITIAL_HEARTBEAT_STATE: HeartbeatState = /* @__PURE__ */ heartbeatState(
  "HEARTBEAT_INACTIVE",
);

/**
 * The subscribe engine's long-running invocations and the `CANCEL_<name>` invocations that
 * abort them (docs/protocol.md "Subscribe engine invocations"). `invocations.ts` re-exports them.
 *
 * @module
 */

/**
 * The invocations that run until they answer or are cancelled (managed invocations).
 *
 * @example
 * ```ts
 * import type { LongRunningInvocationType } from "./cancel_invocations.ts";
 * const type: LongRunningInvocationType = "RECEIVE_RECONNECT";
 * ```
 */
export type LongRunningInvocationType =
  | "HANDSHAKE"
  | "HANDSHAKE_RECONNECT"
  | "RECEIVE_MESSAGES"
  | "RECEIVE_RECONNECT"
  | "FILL_GAP";

/**
 * The `CANCEL_<name>` of each long-running invocation.
 *
 * @example
 * ```ts
 * import type { CancelInvocationType } from "./cancel_invocations.ts";
 * const type: CancelInvocationType = "CANCEL_HANDSHAKE";
 * ```
 */
export type CancelInvocationType = `CANCEL_${LongRunningInvocationType}`;

/**
 * `CANCEL_<name>`: abort the running long-running invocation `<name>`.
 *
 * @example
 * ```ts
 * import type { CancelInvocation } from "./cancel_invocations.ts";
 * const i: CancelInvocation = { type: "CANCEL_HANDSHAKE" };
 * ```
 */
export interface CancelInvocation {
  /** Discriminant. */
  readonly type: CancelInvocationType;
}

/**
 * `CANCEL_<name>` for a long-running invocation `<name>`.
 *
 * @example
 * ```ts
 * import { cancel } from "./cancel_invocations.ts";
 * cancel("RECEIVE_MESSAGES").type; // "CANCEL_RECEIVE_MESSAGES"
 * ```
 */
export function cancel(name: LongRunningInvocationType): CancelInvocation {
  return Object.freeze({ type: `CANCEL_${name}` as const });
}

/**
 * The long-running invocation a cancel aborts: its name without `CANCEL_`.
 *
 * @example
 * ```ts
 * import { cancelledBy } from "./cancel_invocations.ts";
 * cancelledBy("CANCEL_RECEIVE_MESSAGES"); // "RECEIVE_MESSAGES"
 * ```
 */
export function cancelledBy(type: CancelInvocationType): LongRunningInvocationType {
  return type.slice("CANCEL_".length) as LongRunningInvocationType;
}

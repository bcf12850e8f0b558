import type { CancelInvocation } from "./cancel_invocations.ts";
import type { PNStatus, PNStatusInit } from "../status.ts";
import type { Envelope } from "./envelope.ts";
import type { FillGapInvocation } from "./gap_fill_values.ts";
import { frozenList } from "./frozen_list.ts";
import type { SubscriptionCursor } from "./states.ts";

/**
 * What the subscribe engine asks the shell to do (docs/protocol.md "Subscribe engine invocations"),
 * as data. Values are frozen.
 *
 * - `HANDSHAKE`: send a subscribe without `tt`; answer `HANDSHAKE_SUCCESS` or `HANDSHAKE_FAILURE`.
 * - `HANDSHAKE_RECONNECT`: ask the retry policy about `attempts` and `reason`; on give-up
 *   dispatch `HANDSHAKE_RECONNECT_GIVEUP` at once, otherwise wait its delay, handshake, and
 *   answer `HANDSHAKE_RECONNECT_SUCCESS` or `HANDSHAKE_RECONNECT_FAILURE`.
 * - `RECEIVE_MESSAGES`: long-poll from `cursor`; answer `RECEIVE_SUCCESS` or `RECEIVE_FAILURE`.
 * - `RECEIVE_RECONNECT`: like `HANDSHAKE_RECONNECT`, long-polling from `cursor`, answering
 *   `RECEIVE_RECONNECT_SUCCESS`, `RECEIVE_RECONNECT_FAILURE` or `RECEIVE_RECONNECT_GIVEUP`.
 * - `FILL_GAP`: fetch these gaps from storage, page by page; answer `GAP_FILL_SUCCESS` with
 *   what was restored, or `GAP_FILL_FAILURE` with that and the gaps that could not be fetched.
 * - `EMIT_MESSAGES`: hand these envelopes to the listeners (decrypt, decode, dedupe there).
 * - `EMIT_STATUS`: hand this status to the listeners.
 * - `CANCEL_<name>`: abort the running `<name>`; a cancelled invocation dispatches nothing.
 *
 * @example
 * ```ts
 * import { handshake, type SubscribeInvocation } from "./invocations.ts";
 * const invocation: SubscribeInvocation = handshake(["a"], []);
 * invocation.type; // "HANDSHAKE"
 * ```
 */
export type SubscribeInvocation =
  | HandshakeInvocation
  | HandshakeReconnectInvocation
  | ReceiveMessagesInvocation
  | ReceiveReconnectInvocation
  | FillGapInvocation
  | EmitMessagesInvocation
  | EmitStatusInvocation
  | CancelInvocation;

/**
 * The `type` of a {@link SubscribeInvocation}.
 *
 * @example
 * ```ts
 * import type { SubscribeInvocationType } from "./invocations.ts";
 * const type: SubscribeInvocationType = "CANCEL_RECEIVE_MESSAGES";
 * ```
 */
export type SubscribeInvocationType = SubscribeInvocation["type"];

/**
 * The invocation of a given type.
 *
 * @example
 * ```ts
 * import type { SubscribeInvocationOf } from "./invocations.ts";
 * type Receive = SubscribeInvocationOf<"RECEIVE_MESSAGES">; // has `cursor`
 * ```
 */
export type SubscribeInvocationOf<T extends SubscribeInvocationType> = Extract<
  SubscribeInvocation,
  { type: T }
>;

/**
 * `HANDSHAKE{channels, groups}`.
 *
 * @example
 * ```ts
 * import type { HandshakeInvocation } from "./invocations.ts";
 * const i: HandshakeInvocation = { type: "HANDSHAKE", channels: ["a"], groups: [] };
 * ```
 */
export interface HandshakeInvocation {
  /** Discriminant. */
  readonly type: "HANDSHAKE";
  /** Channels to subscribe to. */
  readonly channels: readonly string[];
  /** Channel groups to subscribe to. */
  readonly groups: readonly string[];
}

/**
 * `HANDSHAKE_RECONNECT{channels, groups, attempts, reason}`.
 *
 * @example
 * ```ts
 * import type { HandshakeReconnectInvocation } from "./invocations.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * const i: HandshakeReconnectInvocation = { type: "HANDSHAKE_RECONNECT", channels: ["a"], groups: [], attempts: 0, reason };
 * ```
 */
export interface HandshakeReconnectInvocation {
  /** Discriminant. */
  readonly type: "HANDSHAKE_RECONNECT";
  /** Channels to subscribe to. */
  readonly channels: readonly string[];
  /** Channel groups to subscribe to. */
  readonly groups: readonly string[];
  /** Failed retries so far (0 before the first retry): input to the retry policy. */
  readonly attempts: number;
  /** Why the last try failed: input to the retry policy. */
  readonly reason: PNStatus;
}

/**
 * `RECEIVE_MESSAGES{channels, groups, cursor}`.
 *
 * @example
 * ```ts
 * import type { ReceiveMessagesInvocation } from "./invocations.ts";
 * const i: ReceiveMessagesInvocation = {
 *   type: "RECEIVE_MESSAGES", channels: ["a"], groups: [], cursor: { timetoken: "1", region: 1 },
 * };
 * ```
 */
export interface ReceiveMessagesInvocation {
  /** Discriminant. */
  readonly type: "RECEIVE_MESSAGES";
  /** Channels to subscribe to. */
  readonly channels: readonly string[];
  /** Channel groups to subscribe to. */
  readonly groups: readonly string[];
  /** Where the long-poll starts (`tt`, `tr`). */
  readonly cursor: SubscriptionCursor;
  /** The answer catches up on time nobody listened: look for gaps in it. Absent when live. */
  readonly catchUp?: true;
}

/**
 * `RECEIVE_RECONNECT{channels, groups, cursor, attempts, reason}`.
 *
 * @example
 * ```ts
 * import type { ReceiveReconnectInvocation } from "./invocations.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * const i: ReceiveReconnectInvocation = {
 *   type: "RECEIVE_RECONNECT", channels: ["a"], groups: [], cursor: { timetoken: "1", region: 1 }, attempts: 0, reason,
 * };
 * ```
 */
export interface ReceiveReconnectInvocation {
  /** Discriminant. */
  readonly type: "RECEIVE_RECONNECT";
  /** Channels to subscribe to. */
  readonly channels: readonly string[];
  /** Channel groups to subscribe to. */
  readonly groups: readonly string[];
  /** Where the long-poll starts (`tt`, `tr`). */
  readonly cursor: SubscriptionCursor;
  /** Failed retries so far (0 before the first retry): input to the retry policy. */
  readonly attempts: number;
  /** Why the last try failed: input to the retry policy. */
  readonly reason: PNStatus;
}

/**
 * `EMIT_MESSAGES{cursor, messages}`: `cursor` is where the loop stands after these envelopes,
 * `previousCursor` where it stood before (for `currentTimetoken` / `lastTimetoken` of the
 * count-exceeded status).
 *
 * @example
 * ```ts
 * import type { EmitMessagesInvocation } from "./invocations.ts";
 * const i: EmitMessagesInvocation = {
 *   type: "EMIT_MESSAGES", cursor: { timetoken: "2", region: 1 }, previousCursor: { timetoken: "1", region: 1 }, messages: [],
 * };
 * ```
 */
export interface EmitMessagesInvocation {
  /** Discriminant. */
  readonly type: "EMIT_MESSAGES";
  /** The cursor after these envelopes (the response's `t`). */
  readonly cursor: SubscriptionCursor;
  /** The cursor the long-poll was made from. */
  readonly previousCursor: SubscriptionCursor;
  /** The envelopes, oldest first, as shape-checked from the wire. */
  readonly messages: readonly Envelope[];
  /**
   * Set when these were restored from storage to fill a gap: they were not in a subscribe
   * response, so they do not count towards `requestMessageCountThreshold`.
   */
  readonly restored?: true;
  /** Set when these (one message) could not be decrypted: delivered as received, with it. */
  readonly decryptionError?: string;
}

/**
 * `EMIT_STATUS{status}`: the plain fields of the `PNStatus` the listeners receive.
 *
 * @example
 * ```ts
 * import type { EmitStatusInvocation } from "./invocations.ts";
 * const i: EmitStatusInvocation = {
 *   type: "EMIT_STATUS", status: { category: "PNConnectedCategory", operation: "PNSubscribeOperation", error: false },
 * };
 * ```
 */
export interface EmitStatusInvocation {
  /** Discriminant. */
  readonly type: "EMIT_STATUS";
  /** Fields for `new PNStatus(...)`. */
  readonly status: Readonly<PNStatusInit>;
}

const lists = (channels: readonly string[], groups: readonly string[]) => ({
  channels: frozenList(channels),
  groups: frozenList(groups),
});

/**
 * `HANDSHAKE{channels, groups}`.
 *
 * @example
 * ```ts
 * import { handshake } from "./invocations.ts";
 * handshake(["a"], ["g"]).groups; // ["g"]
 * ```
 */
export function handshake(
  channels: readonly string[],
  groups: readonly string[],
): HandshakeInvocation {
  return Object.freeze({ type: "HANDSHAKE", ...lists(channels, groups) });
}

/**
 * `HANDSHAKE_RECONNECT{channels, groups, attempts, reason}`.
 *
 * @example
 * ```ts
 * import { handshakeReconnect } from "./invocations.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * handshakeReconnect(["a"], [], 1, reason).attempts; // 1
 * ```
 */
export function handshakeReconnect(
  channels: readonly string[],
  groups: readonly string[],
  attempts: number,
  reason: PNStatus,
): HandshakeReconnectInvocation {
  return Object.freeze({
    type: "HANDSHAKE_RECONNECT",
    ...lists(channels, groups),
    attempts,
    reason,
  });
}

/**
 * `RECEIVE_MESSAGES{channels, groups, cursor, catchUp?}`.
 *
 * @example
 * ```ts
 * import { receiveMessages } from "./invocations.ts";
 * receiveMessages(["a"], [], { timetoken: "1", region: 1 }).cursor.region; // 1
 * ```
 */
export function receiveMessages(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
  catchUp = false,
): ReceiveMessagesInvocation {
  // One literal, no spreads: a long-poll loop makes one per poll.
  const invocation: {
    -readonly [K in keyof ReceiveMessagesInvocation]: ReceiveMessagesInvocation[K];
  } = {
    type: "RECEIVE_MESSAGES",
    channels: frozenList(channels),
    groups: frozenList(groups),
    cursor,
  };
  if (catchUp) invocation.catchUp = true;
  return Object.freeze(invocation);
}

/**
 * `RECEIVE_RECONNECT{channels, groups, cursor, attempts, reason}`.
 *
 * @example
 * ```ts
 * import { receiveReconnect } from "./invocations.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * receiveReconnect(["a"], [], { timetoken: "1", region: 1 }, 0, reason).type; // "RECEIVE_RECONNECT"
 * ```
 */
export function receiveReconnect(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
  attempts: number,
  reason: PNStatus,
): ReceiveReconnectInvocation {
  return Object.freeze({
    type: "RECEIVE_RECONNECT",
    ...lists(channels, groups),
    cursor,
    attempts,
    reason,
  });
}

/**
 * `EMIT_MESSAGES{cursor, previousCursor, messages}`.
 *
 * @example
 * ```ts
 * import { emitMessages } from "./invocations.ts";
 * emitMessages({ timetoken: "2", region: 1 }, { timetoken: "1", region: 1 }, []).messages; // []
 * ```
 */
export function emitMessages(
  cursor: SubscriptionCursor,
  previousCursor: SubscriptionCursor,
  messages: readonly Envelope[],
  restored = false,
  decryptionError?: string,
): EmitMessagesInvocation {
  const invocation: { -readonly [K in keyof EmitMessagesInvocation]: EmitMessagesInvocation[K] } = {
    type: "EMIT_MESSAGES",
    cursor,
    previousCursor,
    messages: frozenList(messages),
  };
  if (restored) invocation.restored = true;
  if (decryptionError !== undefined) invocation.decryptionError = decryptionError;
  return Object.freeze(invocation);
}

/**
 * `EMIT_STATUS{status}`.
 *
 * @example
 * ```ts
 * import { emitStatus } from "./invocations.ts";
 * emitStatus({ category: "PNConnectedCategory", operation: "PNSubscribeOperation", error: false }).status.category;
 * // "PNConnectedCategory"
 * ```
 */
export function emitStatus(status: PNStatusInit): EmitStatusInvocation {
  return Object.freeze({ type: "EMIT_STATUS", status: Object.freeze({ ...status }) });
}

// The cancel invocations live with the long-running ones they abort.
export {
  cancel,
  type CancelInvocation,
  type CancelInvocationType,
  cancelledBy,
  type LongRunningInvocationType,
} from "./cancel_invocations.ts";

// The gap back-fill's invocation lives with its other values.
export { fillGap, type FillGapInvocation } from "./gap_fill_values.ts";

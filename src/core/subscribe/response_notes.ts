/**
 * What a subscribe response brought besides its cursor and envelopes, carried in the success
 * events so the engine's table, not the shell, emits every status about it: envelopes that
 * failed their shape check (docs/protocol.md "Subscribe envelopes"), the client's message-count
 * threshold, and messages that could not be decrypted (docs/protocol.md "Decryption failures";
 * undecrypted_delivery.ts delivers those). Also the delivery invocations of a batch, in the one
 * order listeners see: the batch, then the threshold status.
 *
 * @module
 */
import type { RejectedEnvelope } from "../requests/subscribe.ts";
import type { PNStatusInit } from "../status.ts";
import type { Envelope } from "./envelope.ts";
import { emitMessages, emitStatus, type SubscribeInvocation } from "./invocations.ts";
import type { SubscriptionCursor } from "./states.ts";

/**
 * A message delivered as received because decrypting it failed, and why.
 *
 * @example
 * ```ts
 * import type { UndecryptedMessage } from "./response_notes.ts";
 * const note: UndecryptedMessage = {
 *   envelope: { a: "1", b: "a", c: "a", d: "x", f: 0, i: "u", k: "demo", p: { t: "1", r: 1 } },
 *   error: "decryption failed",
 * };
 * ```
 */
export interface UndecryptedMessage {
  /** The very envelope of the batch (matched by identity). */
  readonly envelope: Envelope;
  /** What went wrong. */
  readonly error: string;
}

/**
 * The notes a success event may carry; each is absent when there is nothing to say.
 *
 * @example
 * ```ts
 * import type { ResponseNotes } from "./response_notes.ts";
 * const notes: ResponseNotes = { threshold: 100 };
 * ```
 */
export interface ResponseNotes {
  /** Envelopes set aside by the shape check: each is reported, never retried. */
  readonly rejected?: readonly RejectedEnvelope[];
  /** The response's HTTP status code, reported with the rejected envelopes. */
  readonly statusCode?: number;
  /** `requestMessageCountThreshold`: a batch longer than this is reported. */
  readonly threshold?: number;
  /** Messages of the batch that could not be decrypted. */
  readonly undecrypted?: readonly UndecryptedMessage[];
}

/**
 * Adds the notes that say something to an event (so plain events stay as they were), frozen.
 *
 * @example
 * ```ts
 * import { withNotes } from "./response_notes.ts";
 * withNotes({ type: "X" }, { rejected: [], threshold: 3 }); // { type: "X", threshold: 3 }
 * ```
 */
export function withNotes<T extends object>(event: T, notes: ResponseNotes = {}): T {
  // One copy, filled in place (a long-poll makes one per response): Object.assign, not a
  // spread, which followed by more properties is slow in Node.
  const noted: Record<string, unknown> = Object.assign({}, event as Record<string, unknown>);
  if (notes.rejected?.length) {
    noted.rejected = Object.freeze([...notes.rejected]);
    if (notes.statusCode !== undefined) noted.statusCode = notes.statusCode;
  }
  if (notes.threshold !== undefined) noted.threshold = notes.threshold;
  if (notes.undecrypted?.length) noted.undecrypted = Object.freeze([...notes.undecrypted]);
  return Object.freeze(noted) as T;
}

/**
 * One `PNMalformedResponseCategory` status per rejected envelope, for the lists concerned.
 *
 * @example
 * ```ts
 * import { rejectedStatuses } from "./response_notes.ts";
 * rejectedStatuses({ channels: ["a"], groups: [] }, {
 *   rejected: [{ index: 0, reason: "envelope m[0]: not an object", envelope: 1 }],
 *   statusCode: 200,
 * }).length; // 1
 * ```
 */
export function rejectedStatuses(
  lists: { channels: readonly string[]; groups: readonly string[] },
  notes: ResponseNotes,
): SubscribeInvocation[] {
  return (notes.rejected ?? []).map((bad) => {
    const status: PNStatusInit = {
      category: "PNMalformedResponseCategory",
      operation: "PNSubscribeOperation",
      error: true,
      statusCode: notes.statusCode,
      errorData: { message: bad.reason, envelope: bad.envelope },
      affectedChannels: [...lists.channels],
      affectedChannelGroups: [...lists.groups],
    };
    return emitStatus(status);
  });
}

/**
 * The invocations that deliver a batch: one `EMIT_MESSAGES` (a client that decrypts splits it
 * around undecryptable messages: `withUndecryptedDelivery`); then, for a batch from a
 * subscribe response (not `restored` from storage) above the threshold (as the service's
 * documentation defines it: more messages than the threshold, so a full answer of exactly the
 * default 100 is not reported),
 * `PNRequestMessageCountExceededCategory` for the lists receiving after it.
 *
 * @example
 * ```ts
 * import { deliveryInvocations } from "./response_notes.ts";
 * const cursor = { timetoken: "2", region: 1 };
 * deliveryInvocations({ channels: ["a"], groups: [] }, cursor, cursor, [], {}).map((i) => i.type);
 * // ["EMIT_MESSAGES"]
 * ```
 */
export function deliveryInvocations(
  lists: { channels: readonly string[]; groups: readonly string[] },
  cursor: SubscriptionCursor,
  previous: SubscriptionCursor,
  messages: readonly Envelope[],
  notes: ResponseNotes,
  restored = false,
): SubscribeInvocation[] {
  const invocations: SubscribeInvocation[] = [];
  // One run of the whole batch: the event's own (frozen) list, not a copy. A client that
  // decrypts splits it around undecryptable messages (undecrypted_delivery.ts).
  invocations.push(emitMessages(cursor, previous, messages, restored));
  if (!restored && notes.threshold !== undefined && messages.length > notes.threshold) {
    invocations.push(emitStatus({
      category: "PNRequestMessageCountExceededCategory",
      operation: "PNSubscribeOperation",
      error: false,
      affectedChannels: [...lists.channels],
      affectedChannelGroups: [...lists.groups],
      currentTimetoken: cursor.timetoken,
      lastTimetoken: previous.timetoken,
      errorData: {
        message:
          `a subscribe response carried ${messages.length} messages, above the threshold of ${notes.threshold}; older messages may have been missed`,
      },
    }));
  }
  return invocations;
}

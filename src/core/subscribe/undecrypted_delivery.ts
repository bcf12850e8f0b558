/**
 * Messages that could not be decrypted (docs/protocol.md "Decryption failures"): each is
 * delivered alone, with its error, and followed by its `PNDecryptionErrorCategory` status; the
 * rest of its batch is delivered in runs around it. Only a client that decrypts needs this, so
 * it wraps the subscribe engine rather than being a part of every table: the wrapped engine's
 * transitions are the plain ones with each `EMIT_MESSAGES` that holds such a message split.
 *
 * @module
 */
import type { Engine, TransitionResult } from "../engine.ts";
import type { PNStatusInit } from "../status.ts";
import type { Envelope } from "./envelope.ts";
import type { SubscribeEvent } from "./events.ts";
import { emitMessages, emitStatus, type SubscribeInvocation } from "./invocations.ts";
import type { UndecryptedMessage } from "./response_notes.ts";
import type { SubscribeState, SubscribeStateOf } from "./states.ts";

/**
 * `invocations` with each `EMIT_MESSAGES` holding a message of `failed` split: runs of the
 * others, and each failed message alone with its error, then its status.
 */
function splitUndecrypted(
  invocations: readonly SubscribeInvocation[],
  failed: ReadonlyMap<Envelope, string>,
): SubscribeInvocation[] {
  return invocations.flatMap((invocation) => {
    if (invocation.type !== "EMIT_MESSAGES" || !invocation.messages.some((m) => failed.has(m))) {
      return [invocation];
    }
    const { cursor, previousCursor, restored } = invocation;
    const split: SubscribeInvocation[] = [];
    let run: Envelope[] = [];
    const flush = () => {
      if (run.length) split.push(emitMessages(cursor, previousCursor, run, restored));
      run = [];
    };
    for (const envelope of invocation.messages) {
      const error = failed.get(envelope);
      if (error === undefined) {
        run.push(envelope);
        continue;
      }
      flush();
      split.push(emitMessages(cursor, previousCursor, [envelope], restored, error));
      split.push(emitStatus(decryptionStatus(envelope, error)));
    }
    flush();
    return split;
  });
}

/**
 * The subscribe engine delivering undecryptable messages alone ({@link deliverUndecrypted}):
 * the notes of the event (a response's batch, a gap fill's restored messages) and of the state
 * it leaves (a catch-up batch held while its gaps are filled) say which.
 *
 * @example
 * ```ts
 * import { withUndecryptedDelivery } from "./undecrypted_delivery.ts";
 * import { PLAIN_SUBSCRIBE_ENGINE } from "./transition.ts";
 * const engine = withUndecryptedDelivery(PLAIN_SUBSCRIBE_ENGINE);
 * engine.name; // "subscribe"
 * ```
 */
export function withUndecryptedDelivery(
  engine: Engine<SubscribeState, SubscribeEvent, SubscribeInvocation>,
): Engine<SubscribeState, SubscribeEvent, SubscribeInvocation> {
  return Object.freeze({
    ...engine,
    transition: (state: SubscribeState, event: SubscribeEvent) =>
      deliverUndecrypted(state, event, engine.transition(state, event)),
  });
}

/**
 * One transition's result with its undecryptable messages delivered alone: the notes of the
 * event and of the state it leaves say which (the result as it was when there are none).
 *
 * @example
 * ```ts
 * import { deliverUndecrypted } from "./undecrypted_delivery.ts";
 * import { transition } from "./transition.ts";
 * import { subscriptionChanged } from "./events.ts";
 * import { INITIAL_SUBSCRIBE_STATE } from "./states.ts";
 * const event = subscriptionChanged(["a"], []);
 * const result = transition(INITIAL_SUBSCRIBE_STATE, event);
 * deliverUndecrypted(INITIAL_SUBSCRIBE_STATE, event, result) === result; // true
 * ```
 */
export function deliverUndecrypted(
  state: SubscribeState,
  event: SubscribeEvent,
  result: TransitionResult<SubscribeState, SubscribeInvocation>,
): TransitionResult<SubscribeState, SubscribeInvocation> {
  const ofEvent = "undecrypted" in event ? event.undecrypted : undefined;
  const ofState = state.name === "RECEIVE_GAP_FILLING"
    ? (state as SubscribeStateOf<"RECEIVE_GAP_FILLING">).notes?.undecrypted
    : undefined;
  // Runs once per long-poll, and almost every batch decrypted whole: nothing built then.
  if (!ofEvent?.length && !ofState?.length) return result;
  const notes: readonly UndecryptedMessage[] = [...(ofEvent ?? []), ...(ofState ?? [])];
  const failed = new Map(notes.map((note) => [note.envelope, note.error]));
  return {
    state: result.state,
    invocations: Object.freeze(splitUndecrypted(result.invocations, failed)),
  };
}

/** The status that follows a message delivered undecrypted. */
function decryptionStatus(envelope: Envelope, error: string): PNStatusInit {
  return {
    category: "PNDecryptionErrorCategory",
    operation: "PNSubscribeOperation",
    error: true,
    errorData: {
      message: `message ${envelope.p.t} on "${envelope.c}" was delivered undecrypted: ${error}`,
      channel: envelope.c,
      timetoken: envelope.p.t,
    },
    affectedChannels: [envelope.c],
  };
}

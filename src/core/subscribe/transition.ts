/**
 * The subscribe event engine as a pure reducer: docs/protocol.md "Subscribe engine", in PubNub's
 * vocabulary.
 *
 * Rules this machine keeps:
 *
 * 1. `transition()` is pure. It performs no I/O, reads no clock, starts no timer, draws no
 *    random number and logs nothing; it returns the next state and the invocations the shell
 *    must perform, in order. States, events and invocations are frozen values.
 * 2. Order within one transition: the old state's exit invocation (`CANCEL_<name>`), then the
 *    transition's own (`EMIT_STATUS`, `EMIT_MESSAGES`), then the new state's enter invocation
 *    (`HANDSHAKE`, `HANDSHAKE_RECONNECT`, `RECEIVE_MESSAGES`, `RECEIVE_RECONNECT`, `FILL_GAP`). A transition
 *    to the same state exits and re-enters it too (a `RECEIVE_SUCCESS` cancels the finished
 *    long-poll and starts the next one).
 * 3. The transitions are the data in `transition_table.ts`; an event a state does not list is
 *    ignored: same state (the very same object), no invocations. Late answers to cancelled or
 *    superseded invocations are therefore harmless.
 * 4. `SUBSCRIPTION_CHANGED` and `SUBSCRIPTION_RESTORED` carry the full lists wanted from now
 *    on. One that leaves no channels and no groups is an unsubscribe-all: `UNSUBSCRIBED`, with
 *    the `Disconnected` status that `UNSUBSCRIBE_ALL` emits from that state (from `RECEIVING`
 *    and `RECEIVE_RECONNECTING`; none elsewhere).
 * 5. The cursor. `UNSUBSCRIBED` never holds one: unsubscribing from everything resets the
 *    timetoken. Receive-side states always hold one and keep it through changes, restores,
 *    disconnects and failures (one cursor serves every channel; a reconnect catches up from it,
 *    so there is no gap). Handshake-side states hold one only when it was stored: a restore
 *    stores its cursor, a `RECONNECT(cursor)` uses its cursor, and otherwise the kept cursor of
 *    a receive failure or stop travels on. A successful handshake receives from the stored
 *    cursor if any (a stored timetoken of 0 counts as none), else from the service's, always
 *    with the service's region.
 * 6. `attempts` and `reason` live in the `*_RECONNECTING` states (the first failure enters with
 *    attempts 0, each further failure adds one) and the reason stays in `*_FAILED`. The machine
 *    does not consult the retry policy: the runner does, when it performs a `*_RECONNECT`, and
 *    dispatches `*_RECONNECT_GIVEUP` at once when the policy says stop (so a non-retryable
 *    handshake failure still passes through `HANDSHAKE_RECONNECTING`).
 * 7. Every `EMIT_STATUS` has operation `PNSubscribeOperation`, the channels and groups it
 *    concerns, `lastTimetoken` (before) and `currentTimetoken` (after) when there are such
 *    cursors, and for a give-up `error: true` with the failure's `statusCode` and `errorData`
 *    (the category is the table's: `PNConnectionErrorCategory`, `PNUnexpectedDisconnectCategory`).
 *    A give-up for HTTP 403 is preceded by the same status as `PNAccessDeniedCategory`; a failure
 *    the app must fix (`PNValidationErrorCategory`) is reported as it happens. Every status the
 *    listeners hear about the subscription comes from here: what a response brought besides its
 *    messages (rejected envelopes, the message-count threshold, undecryptable messages) travels
 *    in the success events and is reported by `response_notes.ts` (undecryptable messages by
 *    `undecrypted_delivery.ts`, which a client that decrypts wraps its engine with), in delivery
 *    order. {@link transition} and {@link SUBSCRIBE_ENGINE} are the whole engine, with both.
 * 8. Beyond the table (docs/protocol.md "Reconnection and gap back-fill"): a receive success
 *    that reports gaps (channels whose catch-up window was full) waits in `RECEIVE_GAP_FILLING`
 *    while `FILL_GAP` fetches them from storage; the rules are in `gap_fill_rows.ts`. Without
 *    gaps every row is exactly the table's. The back-fill is a part added to the plain table
 *    (`GAP_FILL_PART`, `withTablePart`): {@link PLAIN_SUBSCRIBE_ENGINE} has no gap rows at all.
 *
 * @module
 */
import { defineEngine, type Engine, type EngineTable, runTable } from "../engine.ts";
import type { SubscribeEvent } from "./events.ts";
import { type CancelInvocationType, cancelledBy, type SubscribeInvocation } from "./invocations.ts";
import { INITIAL_SUBSCRIBE_STATE, type SubscribeState } from "./states.ts";
import {
  PLAIN_SUBSCRIBE_TABLE,
  SUBSCRIBE_ON_ENTER,
  SUBSCRIBE_ON_EXIT,
  SUBSCRIBE_TRANSITIONS,
  type SubscribeTableParts,
} from "./transition_table.ts";
import { deliverUndecrypted } from "./undecrypted_delivery.ts";

/** The runner's view of a table's parts. */
function engineTable(parts: SubscribeTableParts): EngineTable<SubscribeState, SubscribeInvocation> {
  return {
    rows: parts.rows,
    enter: (state) =>
      (parts.enter[state.name] as (s: SubscribeState) => readonly SubscribeInvocation[])(state),
    exit: (state) => parts.exit[state.name],
  };
}

const TABLE: EngineTable<SubscribeState, SubscribeInvocation> = /* @__PURE__ */ engineTable({
  rows: SUBSCRIBE_TRANSITIONS,
  enter: SUBSCRIBE_ON_ENTER,
  exit: SUBSCRIBE_ON_EXIT,
});

/**
 * What {@link transition} returns: the next state and the invocations to perform, in order.
 *
 * @example
 * ```ts
 * import type { SubscribeTransitionResult } from "./transition.ts";
 * import { INITIAL_SUBSCRIBE_STATE } from "./states.ts";
 * const result: SubscribeTransitionResult = { state: INITIAL_SUBSCRIBE_STATE, invocations: [] };
 * ```
 */
export interface SubscribeTransitionResult {
  /** The state after the event. */
  readonly state: SubscribeState;
  /** What the shell must do, in order: exit, transition, enter. */
  readonly invocations: readonly SubscribeInvocation[];
}

/**
 * Applies one event to the subscribe engine. Pure: see the rules at the top of this file.
 *
 * @example
 * ```ts
 * import { transition } from "./transition.ts";
 * import { subscriptionChanged } from "./events.ts";
 * import { INITIAL_SUBSCRIBE_STATE } from "./states.ts";
 * const { state, invocations } = transition(INITIAL_SUBSCRIBE_STATE, subscriptionChanged(["a"], []));
 * state.name; // "HANDSHAKING"
 * invocations.map((i) => i.type); // ["HANDSHAKE"]
 * ```
 */
export function transition(
  state: SubscribeState,
  event: SubscribeEvent,
): SubscribeTransitionResult {
  return deliverUndecrypted(state, event, runTable(TABLE, state, event, undefined));
}

/**
 * The subscribe engine of a table, as one value for the runner: its name, initial state,
 * transition, and the long-running invocations it manages (each with the cancel that aborts it).
 *
 * @example
 * ```ts
 * import { subscribeEngine } from "./transition.ts";
 * import { PLAIN_SUBSCRIBE_TABLE } from "./transition_table.ts";
 * const plain = subscribeEngine(PLAIN_SUBSCRIBE_TABLE);
 * plain.managed.has("FILL_GAP"); // false: no gap back-fill
 * ```
 */
export function subscribeEngine(
  parts: SubscribeTableParts,
): Engine<SubscribeState, SubscribeEvent, SubscribeInvocation> {
  const table = engineTable(parts);
  return defineEngine<SubscribeState, SubscribeEvent, SubscribeInvocation>({
    name: "subscribe",
    initial: INITIAL_SUBSCRIBE_STATE,
    transition: (state, event) => runTable(table, state, event, undefined),
    cancels: managedCancels(parts.exit),
  });
}

/**
 * The subscribe engine with the gap back-fill (the table of {@link transition}).
 *
 * @example
 * ```ts
 * import { SUBSCRIBE_ENGINE } from "./transition.ts";
 * SUBSCRIBE_ENGINE.managed.has("RECEIVE_MESSAGES"); // true
 * SUBSCRIBE_ENGINE.cancels.get("CANCEL_HANDSHAKE"); // "HANDSHAKE"
 * ```
 */
export const SUBSCRIBE_ENGINE: Engine<SubscribeState, SubscribeEvent, SubscribeInvocation> =
  /* @__PURE__ */ defineEngine({
    name: "subscribe",
    initial: INITIAL_SUBSCRIBE_STATE,
    transition,
    cancels: /* @__PURE__ */ managedCancels(SUBSCRIBE_ON_EXIT),
  });

/**
 * The subscribe engine without the gap back-fill: a catch-up's gaps are ignored.
 *
 * @example
 * ```ts
 * import { PLAIN_SUBSCRIBE_ENGINE } from "./transition.ts";
 * PLAIN_SUBSCRIBE_ENGINE.managed.has("FILL_GAP"); // false
 * ```
 */
export const PLAIN_SUBSCRIBE_ENGINE: Engine<SubscribeState, SubscribeEvent, SubscribeInvocation> =
  /* @__PURE__ */ subscribeEngine(PLAIN_SUBSCRIBE_TABLE);

// What the states cancel on exit is what they manage; a call marked pure so that a bundle
// without subscribe drops it.
function managedCancels(
  exit: SubscribeTableParts["exit"],
): Record<string, string> {
  return Object.fromEntries(
    Object.values(exit).flat().map((
      { type },
    ) => [type, cancelledBy(type as CancelInvocationType)]),
  );
}

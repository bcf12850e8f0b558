import { deepFreeze } from "../engine.ts";
import type { SubscribeEventOf, SubscribeEventType } from "./events.ts";
import { GAP_FILL_PART } from "./gap_fill_part.ts";
import type { PNStatusCategoryName } from "../categories.ts";
import type { PNStatus } from "../status.ts";
import { deliveryInvocations, rejectedStatuses } from "./response_notes.ts";
import {
  cancel,
  emitStatus,
  handshake,
  handshakeReconnect,
  receiveMessages,
  receiveReconnect,
  type SubscribeInvocation,
} from "./invocations.ts";
import {
  handshakeFailed,
  handshakeReconnecting,
  handshakeStopped,
  handshaking,
  receiveFailed,
  receiveReconnecting,
  receiveStopped,
  receiving,
  type SubscribeState,
  type SubscribeStateNameValue,
  type SubscribeStateOf,
  unsubscribed,
} from "./states.ts";
import { loopStatus } from "./loop_status.ts";

/**
 * What one row of the table yields: the next state and the transition's own invocations
 * (`transition()` adds the exit and enter invocations around them).
 *
 * @example
 * ```ts
 * import type { TransitionStep } from "./transition_table.ts";
 * import { INITIAL_SUBSCRIBE_STATE } from "./states.ts";
 * const step: TransitionStep = { state: INITIAL_SUBSCRIBE_STATE, invocations: [] };
 * ```
 */
export interface TransitionStep {
  /** The state after the event. */
  readonly state: SubscribeState;
  /** Invocations of the transition itself (statuses, messages), in order. */
  readonly invocations: readonly SubscribeInvocation[];
}

/**
 * One row of the table: a pure function of the current state and the event.
 *
 * @example
 * ```ts
 * import type { TransitionRow } from "./transition_table.ts";
 * import { handshakeStopped } from "./states.ts";
 * const row: TransitionRow<"HANDSHAKING", "DISCONNECT"> = (s) => ({
 *   state: handshakeStopped(s.channels, s.groups, s.cursor), invocations: [],
 * });
 * ```
 */
export type TransitionRow<S extends SubscribeStateNameValue, E extends SubscribeEventType> = (
  state: SubscribeStateOf<S>,
  event: SubscribeEventOf<E>,
) => TransitionStep;

/**
 * The rows of one state, keyed by event type. An absent event is ignored in that state.
 *
 * @example
 * ```ts
 * import type { StateRows } from "./transition_table.ts";
 * const rows: StateRows<"UNSUBSCRIBED"> = {};
 * ```
 */
export type StateRows<S extends SubscribeStateNameValue> = {
  readonly [E in SubscribeEventType]?: TransitionRow<S, E>;
};

/**
 * The whole table, keyed by state name then event type.
 *
 * @example
 * ```ts
 * import type { SubscribeTransitionTable } from "./transition_table.ts";
 * import { SUBSCRIBE_TRANSITIONS } from "./transition_table.ts";
 * const table: SubscribeTransitionTable = SUBSCRIBE_TRANSITIONS;
 * ```
 */
export type SubscribeTransitionTable = {
  readonly [S in SubscribeStateNameValue]: StateRows<S>;
};

// --- Helpers the rows are written with ------------------------------------------------------

function to(
  state: SubscribeState,
  invocations: readonly SubscribeInvocation[] = [],
): TransitionStep {
  return { state, invocations };
}

/** docs/protocol.md "Subscribe engine transitions": a change or restore that leaves no channels and no groups unsubscribes. */
function leavesNothing(event: { channels: readonly string[]; groups: readonly string[] }): boolean {
  return event.channels.length === 0 && event.groups.length === 0;
}

/**
 * A handshake (first or retried) succeeded: receive from the stored cursor if there is one
 * (restore, or catch-up after a receive failure: no gap), else from the service's; the region
 * is always the service's.
 */
function connected(
  s: SubscribeStateOf<"HANDSHAKING" | "HANDSHAKE_RECONNECTING">,
  e: SubscribeEventOf<"HANDSHAKE_SUCCESS" | "HANDSHAKE_RECONNECT_SUCCESS">,
): TransitionStep {
  // A stored timetoken of 0 means "from now", like a handshake: the service's cursor serves.
  const stored = s.cursor && !/^0*$/.test(s.cursor.timetoken) ? s.cursor : undefined;
  const cursor = { timetoken: stored?.timetoken ?? e.cursor.timetoken, region: e.cursor.region };
  // From a stored cursor the first answer catches up on what was published meanwhile.
  return to(receiving(s.channels, s.groups, cursor, stored !== undefined), [
    ...rejectedStatuses(s, e),
    emitStatus(loopStatus("PNConnectedCategory", s, s.cursor, cursor)),
  ]);
}

/**
 * A request the app must fix (too long for a URL, say) is never retried: the app hears the
 * validation error itself, before the loop gives up on it.
 */
function failed(
  reason: PNStatus,
  next: SubscribeState,
): TransitionStep {
  return to(
    next,
    reason.category === "PNValidationErrorCategory" ? [emitStatus(reason.toJSON())] : [],
  );
}

/**
 * The give-up status; a give-up because of HTTP 403 is preceded by the same status as
 * `PNAccessDeniedCategory`: the cause first, then the loop's own give-up status (the retry
 * policy never retries a 403).
 */
function giveUpStatuses(
  category: PNStatusCategoryName,
  s: SubscribeStateOf<"HANDSHAKE_RECONNECTING" | "RECEIVE_RECONNECTING">,
  reason: PNStatus,
): SubscribeInvocation[] {
  const status = loopStatus(category, s, s.cursor, s.cursor, reason);
  return reason.statusCode === 403
    ? [emitStatus({ ...status, category: "PNAccessDeniedCategory" }), emitStatus(status)]
    : [emitStatus(status)];
}

/** Unsubscribing from everything drops the lists and the cursor (the timetoken resets). */
function unsubscribeQuietly(): TransitionStep {
  return to(unsubscribed());
}

/** From a receive-side state, unsubscribing from everything is announced as `Disconnected`. */
function unsubscribeAnnounced(
  s: SubscribeStateOf<"RECEIVING" | "RECEIVE_RECONNECTING">,
): TransitionStep {
  return to(unsubscribed(), [
    emitStatus(loopStatus("PNDisconnectedCategory", s, s.cursor, undefined)),
  ]);
}

/**
 * While receiving, a change keeps the cursor: one cursor serves every channel. The next answer
 * is a catch-up when this one would have been, or when the change ends an outage.
 */
function changedWhileReceiving(
  s: SubscribeStateOf<"RECEIVING" | "RECEIVE_RECONNECTING">,
  e: SubscribeEventOf<"SUBSCRIPTION_CHANGED" | "SUBSCRIPTION_RESTORED">,
): TransitionStep {
  if (leavesNothing(e)) return unsubscribeAnnounced(s);
  const catchUp = s.name === "RECEIVE_RECONNECTING" || s.catchUp === true;
  return to(receiving(e.channels, e.groups, s.cursor, catchUp), [
    emitStatus(loopStatus("PNSubscriptionChangedCategory", e, s.cursor, s.cursor)),
  ]);
}

function disconnectedWhileReceiving(
  s: SubscribeStateOf<"RECEIVING" | "RECEIVE_RECONNECTING">,
): TransitionStep {
  return to(receiveStopped(s.channels, s.groups, s.cursor), [
    emitStatus(loopStatus("PNDisconnectedCategory", s, s.cursor, s.cursor)),
  ]);
}

/** `RECONNECT(cursor?)` handshakes again, from the event's cursor when given, else the kept one. */
function reconnectFrom(
  s: SubscribeStateOf<
    "HANDSHAKE_FAILED" | "HANDSHAKE_STOPPED" | "RECEIVE_FAILED" | "RECEIVE_STOPPED"
  >,
  e: SubscribeEventOf<"RECONNECT">,
): TransitionStep {
  return to(handshaking(s.channels, s.groups, e.cursor ?? s.cursor));
}

/**
 * A part of the table added to the plain one (the gap back-fill is one): rows that take an event
 * first, answering `undefined` to leave it to the plain table's row for that state and event,
 * and what the part's own states start when entered and cancel when left.
 *
 * @example
 * ```ts
 * import type { SubscribeTablePart } from "./transition_table.ts";
 * const nothing: SubscribeTablePart = { rows: {} };
 * ```
 */
export interface SubscribeTablePart {
  /** Rows by state then event; `undefined` from a row defers to the plain table's row. */
  readonly rows: {
    readonly [S in SubscribeStateNameValue]?: {
      readonly [E in SubscribeEventType]?: (
        state: SubscribeStateOf<S>,
        event: SubscribeEventOf<E>,
      ) => TransitionStep | undefined;
    };
  };
  /** What the part's states start when entered. */
  readonly enter?: { readonly [S in SubscribeStateNameValue]?: SubscribeEnter<S> };
  /** What the part's states cancel when left. */
  readonly exit?: { readonly [S in SubscribeStateNameValue]?: readonly SubscribeInvocation[] };
}

/** What one state starts when entered. */
type SubscribeEnter<S extends SubscribeStateNameValue> = (
  state: SubscribeStateOf<S>,
) => readonly SubscribeInvocation[];

/**
 * A whole table: rows, enter and exit invocations of every state.
 *
 * @example
 * ```ts
 * import { PLAIN_SUBSCRIBE_TABLE, type SubscribeTableParts } from "./transition_table.ts";
 * const plain: SubscribeTableParts = PLAIN_SUBSCRIBE_TABLE;
 * ```
 */
export interface SubscribeTableParts {
  /** The rows, by state then event. */
  readonly rows: SubscribeTransitionTable;
  /** What each state starts when entered. */
  readonly enter: { readonly [S in SubscribeStateNameValue]: SubscribeEnter<S> };
  /** What each state cancels when left. */
  readonly exit: { readonly [S in SubscribeStateNameValue]: readonly SubscribeInvocation[] };
}

/**
 * The table with `part` added: the part's rows take their events first (falling back to the
 * plain row when they answer `undefined`), its enter and exit invocations replace the plain
 * ones of its states. Pure; the result is frozen.
 *
 * @example
 * ```ts
 * import { PLAIN_SUBSCRIBE_TABLE, withTablePart } from "./transition_table.ts";
 * import { GAP_FILL_PART } from "./gap_fill_part.ts";
 * const table = withTablePart(PLAIN_SUBSCRIBE_TABLE, GAP_FILL_PART);
 * Object.keys(table.rows.RECEIVE_GAP_FILLING).includes("GAP_FILL_SUCCESS"); // true
 * ```
 */
export function withTablePart(
  table: SubscribeTableParts,
  part: SubscribeTablePart,
): SubscribeTableParts {
  type AnyRow = (s: unknown, e: unknown) => TransitionStep | undefined;
  const rows: Record<string, Record<string, AnyRow>> = {};
  for (const [state, plain] of Object.entries(table.rows)) {
    const merged: Record<string, AnyRow> = { ...plain as Record<string, AnyRow> };
    const added = (part.rows as Record<string, Record<string, AnyRow> | undefined>)[state] ?? {};
    for (const [event, row] of Object.entries(added)) {
      const fallback = merged[event];
      merged[event] = fallback ? (s, e) => row(s, e) ?? fallback(s, e) : row;
    }
    rows[state] = merged;
  }
  return deepFreeze({
    rows: rows as unknown as SubscribeTransitionTable,
    enter: { ...table.enter, ...part.enter },
    exit: { ...table.exit, ...part.exit },
  });
}

// --- The table --------------------------------------------------------------------------------

/**
 * The subscribe engine's transitions without the gap back-fill: `RECEIVE_GAP_FILLING` has no
 * rows (nothing enters it) and a catch-up's gaps are ignored.
 */
const PLAIN_ROWS: SubscribeTransitionTable = {
  UNSUBSCRIBED: {
    SUBSCRIPTION_CHANGED: (_s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups)),
    SUBSCRIPTION_RESTORED: (_s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, e.cursor)),
  },

  HANDSHAKING: {
    SUBSCRIPTION_CHANGED: (s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, s.cursor)),
    SUBSCRIPTION_RESTORED: (_s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, e.cursor)),
    HANDSHAKE_SUCCESS: connected,
    HANDSHAKE_FAILURE: (s, e) =>
      failed(e.reason, handshakeReconnecting(s.channels, s.groups, s.cursor, 0, e.reason)),
    DISCONNECT: (s) => to(handshakeStopped(s.channels, s.groups, s.cursor)),
    UNSUBSCRIBE_ALL: unsubscribeQuietly,
  },

  HANDSHAKE_RECONNECTING: {
    HANDSHAKE_RECONNECT_SUCCESS: connected,
    HANDSHAKE_RECONNECT_FAILURE: (s, e) =>
      failed(
        e.reason,
        handshakeReconnecting(s.channels, s.groups, s.cursor, s.attempts + 1, e.reason),
      ),
    HANDSHAKE_RECONNECT_GIVEUP: (s, e) =>
      to(
        handshakeFailed(s.channels, s.groups, s.cursor, e.reason),
        giveUpStatuses("PNConnectionErrorCategory", s, e.reason),
      ),
    SUBSCRIPTION_CHANGED: (s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, s.cursor)),
    SUBSCRIPTION_RESTORED: (_s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, e.cursor)),
    DISCONNECT: (s) => to(handshakeStopped(s.channels, s.groups, s.cursor)),
    UNSUBSCRIBE_ALL: unsubscribeQuietly,
  },

  HANDSHAKE_FAILED: {
    SUBSCRIPTION_CHANGED: (s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, s.cursor)),
    SUBSCRIPTION_RESTORED: (_s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, e.cursor)),
    RECONNECT: reconnectFrom,
    UNSUBSCRIBE_ALL: unsubscribeQuietly,
  },

  HANDSHAKE_STOPPED: {
    SUBSCRIPTION_CHANGED: (s, e) =>
      leavesNothing(e)
        ? unsubscribeQuietly()
        : to(handshakeStopped(e.channels, e.groups, s.cursor)),
    SUBSCRIPTION_RESTORED: (_s, e) =>
      leavesNothing(e)
        ? unsubscribeQuietly()
        : to(handshakeStopped(e.channels, e.groups, e.cursor)),
    RECONNECT: reconnectFrom,
    UNSUBSCRIBE_ALL: unsubscribeQuietly,
  },

  RECEIVING: {
    RECEIVE_SUCCESS: (s, e) =>
      to(receiving(s.channels, s.groups, e.cursor), [
        ...rejectedStatuses(s, e),
        ...deliveryInvocations(s, e.cursor, s.cursor, e.messages, e),
      ]),
    RECEIVE_FAILURE: (s, e) =>
      failed(e.reason, receiveReconnecting(s.channels, s.groups, s.cursor, 0, e.reason)),
    SUBSCRIPTION_CHANGED: changedWhileReceiving,
    SUBSCRIPTION_RESTORED: changedWhileReceiving,
    DISCONNECT: disconnectedWhileReceiving,
    UNSUBSCRIBE_ALL: unsubscribeAnnounced,
  },

  RECEIVE_RECONNECTING: {
    RECEIVE_RECONNECT_SUCCESS: (s, e) =>
      to(receiving(s.channels, s.groups, e.cursor), [
        ...rejectedStatuses(s, e),
        emitStatus(loopStatus("PNReconnectedCategory", s, s.cursor, e.cursor)),
        ...deliveryInvocations(s, e.cursor, s.cursor, e.messages, e),
      ]),
    RECEIVE_RECONNECT_FAILURE: (s, e) =>
      failed(
        e.reason,
        receiveReconnecting(s.channels, s.groups, s.cursor, s.attempts + 1, e.reason),
      ),
    RECEIVE_RECONNECT_GIVEUP: (s, e) =>
      to(
        receiveFailed(s.channels, s.groups, s.cursor, e.reason),
        giveUpStatuses("PNUnexpectedDisconnectCategory", s, e.reason),
      ),
    SUBSCRIPTION_CHANGED: changedWhileReceiving,
    SUBSCRIPTION_RESTORED: changedWhileReceiving,
    DISCONNECT: disconnectedWhileReceiving,
    UNSUBSCRIBE_ALL: unsubscribeAnnounced,
  },

  RECEIVE_FAILED: {
    // The kept cursor makes the next handshake catch up from where receiving stopped.
    SUBSCRIPTION_CHANGED: (s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, s.cursor)),
    SUBSCRIPTION_RESTORED: (s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(handshaking(e.channels, e.groups, s.cursor)),
    RECONNECT: reconnectFrom,
    UNSUBSCRIBE_ALL: unsubscribeQuietly,
  },

  RECEIVE_STOPPED: {
    SUBSCRIPTION_CHANGED: (s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(receiveStopped(e.channels, e.groups, s.cursor)),
    SUBSCRIPTION_RESTORED: (s, e) =>
      leavesNothing(e) ? unsubscribeQuietly() : to(receiveStopped(e.channels, e.groups, s.cursor)),
    RECONNECT: reconnectFrom,
    UNSUBSCRIBE_ALL: unsubscribeQuietly,
  },

  // Beyond the table of docs/protocol.md "Subscribe engine transitions": the gap back-fill
  // (docs/protocol.md "Reconnection and gap back-fill") is a part, GAP_FILL_PART.
  RECEIVE_GAP_FILLING: {},
};

const PLAIN_ENTER: SubscribeTableParts["enter"] = {
  UNSUBSCRIBED: () => [],
  HANDSHAKING: (s) => [handshake(s.channels, s.groups)],
  HANDSHAKE_RECONNECTING: (s) => [handshakeReconnect(s.channels, s.groups, s.attempts, s.reason)],
  HANDSHAKE_FAILED: () => [],
  HANDSHAKE_STOPPED: () => [],
  RECEIVING: (s) => [receiveMessages(s.channels, s.groups, s.cursor, s.catchUp === true)],
  RECEIVE_RECONNECTING: (s) => [
    receiveReconnect(s.channels, s.groups, s.cursor, s.attempts, s.reason),
  ],
  RECEIVE_FAILED: () => [],
  RECEIVE_STOPPED: () => [],
  RECEIVE_GAP_FILLING: () => [],
};

const PLAIN_EXIT: SubscribeTableParts["exit"] = {
  UNSUBSCRIBED: [],
  HANDSHAKING: [/* @__PURE__ */ cancel("HANDSHAKE")],
  HANDSHAKE_RECONNECTING: [/* @__PURE__ */ cancel("HANDSHAKE_RECONNECT")],
  HANDSHAKE_FAILED: [],
  HANDSHAKE_STOPPED: [],
  RECEIVING: [/* @__PURE__ */ cancel("RECEIVE_MESSAGES")],
  RECEIVE_RECONNECTING: [/* @__PURE__ */ cancel("RECEIVE_RECONNECT")],
  RECEIVE_FAILED: [],
  RECEIVE_STOPPED: [],
  RECEIVE_GAP_FILLING: [],
};

/**
 * The subscribe engine's table without the gap back-fill (a client that does not restore gaps
 * carries no code of it): `RECEIVE_GAP_FILLING` is never entered.
 *
 * @example
 * ```ts
 * import { PLAIN_SUBSCRIBE_TABLE } from "./transition_table.ts";
 * Object.keys(PLAIN_SUBSCRIBE_TABLE.rows.RECEIVE_GAP_FILLING); // []
 * ```
 */
export const PLAIN_SUBSCRIBE_TABLE: SubscribeTableParts = /* @__PURE__ */ deepFreeze({
  rows: PLAIN_ROWS,
  enter: PLAIN_ENTER,
  exit: PLAIN_EXIT,
});

// Reading a property is not known to be free of effects; calls marked pure are, so that a
// bundle using the plain table only drops the whole one and the gap back-fill with it.
function part<K extends keyof SubscribeTableParts>(
  table: SubscribeTableParts,
  key: K,
): SubscribeTableParts[K] {
  return table[key];
}

/**
 * The whole table: the plain one with the gap back-fill's part.
 *
 * @example
 * ```ts
 * import { SUBSCRIBE_TABLE } from "./transition_table.ts";
 * Object.keys(SUBSCRIBE_TABLE.rows.RECEIVE_GAP_FILLING).length > 0; // true
 * ```
 */
export const SUBSCRIBE_TABLE: SubscribeTableParts = /* @__PURE__ */ withTablePart(
  PLAIN_SUBSCRIBE_TABLE,
  GAP_FILL_PART,
);

/**
 * The subscribe engine's transitions (docs/protocol.md "Subscribe engine transitions") as data,
 * keyed by state then event, with the gap back-fill (docs/protocol.md "Reconnection and gap
 * back-fill"; gap_fill_rows.ts has its rules). Each row computes the next state and the
 * transition's own invocations; an event a state does not list is ignored (same state, no
 * invocations). Enter and exit invocations are in {@link SUBSCRIBE_ON_ENTER} and
 * {@link SUBSCRIBE_ON_EXIT}.
 *
 * @example
 * ```ts
 * import { SUBSCRIBE_TRANSITIONS } from "./transition_table.ts";
 * Object.keys(SUBSCRIBE_TRANSITIONS.RECEIVING);
 * // ["RECEIVE_SUCCESS", "RECEIVE_FAILURE", "SUBSCRIPTION_CHANGED", "SUBSCRIPTION_RESTORED", "DISCONNECT", "UNSUBSCRIBE_ALL"]
 * ```
 */
export const SUBSCRIBE_TRANSITIONS: SubscribeTransitionTable = /* @__PURE__ */ part(
  SUBSCRIBE_TABLE,
  "rows",
);

/**
 * What each state starts when entered: the long-running invocation it manages, if any.
 *
 * @example
 * ```ts
 * import { SUBSCRIBE_ON_ENTER } from "./transition_table.ts";
 * import { handshaking } from "./states.ts";
 * SUBSCRIBE_ON_ENTER.HANDSHAKING(handshaking(["a"], [])); // [{ type: "HANDSHAKE", channels: ["a"], groups: [] }]
 * ```
 */
export const SUBSCRIBE_ON_ENTER: {
  readonly [S in SubscribeStateNameValue]: (
    state: SubscribeStateOf<S>,
  ) => readonly SubscribeInvocation[];
} = /* @__PURE__ */ part(SUBSCRIBE_TABLE, "enter");

/**
 * What each state cancels when left: the long-running invocation it started on enter.
 *
 * @example
 * ```ts
 * import { SUBSCRIBE_ON_EXIT } from "./transition_table.ts";
 * SUBSCRIBE_ON_EXIT.RECEIVING; // [{ type: "CANCEL_RECEIVE_MESSAGES" }]
 * ```
 */
export const SUBSCRIBE_ON_EXIT: {
  readonly [S in SubscribeStateNameValue]: readonly SubscribeInvocation[];
} = /* @__PURE__ */ part(SUBSCRIBE_TABLE, "exit");

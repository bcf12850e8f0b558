/**
 * The gap back-fill's part of the subscribe engine's table: how a catch-up that overflowed the
 * window enters `RECEIVE_GAP_FILLING`, and the rows of that state. Rules:
 *
 * 1. A catch-up that reports gaps (channels on which the response carried a full window) does
 *    not deliver yet: the batch waits in `RECEIVE_GAP_FILLING`, whose enter invocation
 *    `FILL_GAP` fetches the gaps from storage. A catch-up is a `RECEIVE_RECONNECT_SUCCESS`, or a
 *    `RECEIVE_SUCCESS` in a `RECEIVING` marked `catchUp`: the first answer after a handshake from
 *    a stored cursor (a restore, a reconnect after a give-up or a disconnect), after a change
 *    that ended an outage, or after a fill (nobody listened while it ran). A live poll's full
 *    window is delivered at once, as without the back-fill: it costs a firehose nothing.
 *    A reconnect's `Reconnected` status is emitted at once, as without gaps.
 * 2. `GAP_FILL_SUCCESS` delivers what storage restored first (timetoken order, each message
 *    once, none the batch carries), then the batch, and receives on from the batch's cursor.
 * 3. `GAP_FILL_FAILURE` does the same after one error status per unfilled channel, naming the
 *    channel, the range and how many messages are lost when that is known: live delivery goes on.
 * 4. A change, restore or disconnect while filling drops the held batch and goes back to the
 *    cursor it was caught up from, so the next long-poll (or reconnect) catches up again:
 *    nothing is lost and nothing is delivered twice.
 *
 * @module
 */
import type { SubscribeEventOf } from "./events.ts";
import { orderRestored, type UnfilledGap } from "./gaps.ts";
import { emitMessages, emitStatus, type SubscribeInvocation } from "./invocations.ts";
import { loopStatus } from "./loop_status.ts";
import { receiveGapFilling } from "./gap_fill_values.ts";
import { receiveStopped, receiving, type SubscribeStateOf, unsubscribed } from "./states.ts";
import type { PNStatusInit } from "../status.ts";
import type { StateRows, TransitionStep } from "./transition_table.ts";

type Filling = SubscribeStateOf<"RECEIVE_GAP_FILLING">;

/**
 * Rule 1: a response with gaps holds its batch in `RECEIVE_GAP_FILLING` (after `invocations`,
 * the transition's own, e.g. `Reconnected`).
 *
 * @example
 * ```ts
 * import { toGapFilling } from "./gap_fill_rows.ts";
 * import { receiving } from "./states.ts";
 * import { receiveSuccess } from "./events.ts";
 * const step = toGapFilling(
 *   receiving(["a"], [], { timetoken: "1", region: 1 }),
 *   receiveSuccess({ timetoken: "9", region: 1 }, [], [{ channel: "a", after: "1", before: "5" }]),
 *   [],
 * );
 * step.state.name; // "RECEIVE_GAP_FILLING"
 * ```
 */
export function toGapFilling(
  s: SubscribeStateOf<"RECEIVING" | "RECEIVE_RECONNECTING">,
  e: SubscribeEventOf<"RECEIVE_SUCCESS" | "RECEIVE_RECONNECT_SUCCESS">,
  invocations: readonly SubscribeInvocation[],
): TransitionStep {
  return {
    state: receiveGapFilling(s.channels, s.groups, e.cursor, {
      gaps: e.gaps ?? [],
      pending: e.messages,
      previousCursor: s.cursor,
    }),
    invocations,
  };
}

/** Rules 2 and 3: restored messages first, then the held batch; receive on. */
function deliver(
  s: Filling,
  restored: SubscribeEventOf<"GAP_FILL_SUCCESS">["messages"],
  statuses: readonly SubscribeInvocation[],
): TransitionStep {
  const ordered = orderRestored(restored, s.pending);
  const invocations = [...statuses];
  if (ordered.length) invocations.push(emitMessages(s.cursor, s.previousCursor, ordered, true));
  invocations.push(emitMessages(s.cursor, s.previousCursor, s.pending));
  // Nobody listened while the fill ran: the next answer catches up on that time.
  return { state: receiving(s.channels, s.groups, s.cursor, true), invocations };
}

/** Rule 3: the status of one channel whose gap could not be filled. */
function lostStatus(s: Filling, gap: UnfilledGap): PNStatusInit {
  const count = gap.missed === undefined ? "An unknown number of" : String(gap.missed);
  const status = loopStatus(
    "PNRequestMessageCountExceededCategory",
    {
      channels: [gap.channel],
      groups: gap.subscription !== undefined && s.groups.includes(gap.subscription)
        ? [gap.subscription]
        : [],
    },
    s.previousCursor,
    s.cursor,
  );
  status.error = true;
  if (gap.reason.statusCode !== undefined) status.statusCode = gap.reason.statusCode;
  const errorData: Record<string, unknown> = {
    message: `${count} messages published on "${gap.channel}" after timetoken ${gap.after} ` +
      `and before ${gap.before} were beyond the catch-up window and could not be restored ` +
      `from storage: ${gap.reason.message}. Live delivery goes on.`,
    channel: gap.channel,
    after: gap.after,
    before: gap.before,
    reason: { ...gap.reason },
  };
  if (gap.missed !== undefined) errorData.missed = gap.missed;
  status.errorData = errorData;
  return status;
}

/** Rule 4: a change or restore receives from the cursor the held batch was caught up from. */
function changedWhileFilling(
  s: Filling,
  e: SubscribeEventOf<"SUBSCRIPTION_CHANGED" | "SUBSCRIPTION_RESTORED">,
): TransitionStep {
  if (e.channels.length === 0 && e.groups.length === 0) return unsubscribedWhileFilling(s);
  return {
    state: receiving(e.channels, e.groups, s.previousCursor, true),
    invocations: [
      emitStatus(
        loopStatus("PNSubscriptionChangedCategory", e, s.previousCursor, s.previousCursor),
      ),
    ],
  };
}

function unsubscribedWhileFilling(s: Filling): TransitionStep {
  return {
    state: unsubscribed(),
    invocations: [
      emitStatus(loopStatus("PNDisconnectedCategory", s, s.previousCursor, undefined)),
    ],
  };
}

/**
 * The rows of `RECEIVE_GAP_FILLING`.
 *
 * @example
 * ```ts
 * import { gapFillingRows } from "./gap_fill_rows.ts";
 * Object.keys(gapFillingRows).includes("GAP_FILL_SUCCESS"); // true
 * ```
 */
export const gapFillingRows: StateRows<"RECEIVE_GAP_FILLING"> = {
  GAP_FILL_SUCCESS: (s, e) => deliver(s, e.messages, []),
  GAP_FILL_FAILURE: (s, e) =>
    deliver(s, e.messages, e.unfilled.map((gap) => emitStatus(lostStatus(s, gap)))),
  SUBSCRIPTION_CHANGED: changedWhileFilling,
  SUBSCRIPTION_RESTORED: changedWhileFilling,
  DISCONNECT: (s) => ({
    state: receiveStopped(s.channels, s.groups, s.previousCursor),
    invocations: [
      emitStatus(
        loopStatus("PNDisconnectedCategory", s, s.previousCursor, s.previousCursor),
      ),
    ],
  }),
  UNSUBSCRIBE_ALL: unsubscribedWhileFilling,
};

/**
 * The gap back-fill as a part of the subscribe engine's table (rules in `gap_fill_rows.ts`):
 * a catch-up that reports gaps enters `RECEIVE_GAP_FILLING` instead of delivering, whose enter
 * invocation `FILL_GAP` fetches them from storage. Every other event goes to the plain table.
 *
 * @module
 */
import { gapFillingRows, toGapFilling } from "./gap_fill_rows.ts";
import { cancel, emitStatus, fillGap } from "./invocations.ts";
import { loopStatus } from "./loop_status.ts";
import { rejectedStatuses } from "./response_notes.ts";
import type { SubscribeTablePart } from "./transition_table.ts";

/**
 * The gap back-fill's rows, enter and exit invocations, to add to the plain table with
 * `withTablePart`.
 *
 * @example
 * ```ts
 * import { GAP_FILL_PART } from "./gap_fill_part.ts";
 * Object.keys(GAP_FILL_PART.rows); // ["RECEIVING", "RECEIVE_RECONNECTING", "RECEIVE_GAP_FILLING"]
 * ```
 */
export const GAP_FILL_PART: SubscribeTablePart = {
  rows: {
    RECEIVING: {
      // Only a catch-up can have lost messages to a full window: live polls never pay for a fill.
      RECEIVE_SUCCESS: (s, e) =>
        s.catchUp && e.gaps?.length ? toGapFilling(s, e, rejectedStatuses(s, e)) : undefined,
    },
    RECEIVE_RECONNECTING: {
      // The `Reconnected` status is emitted at once, as without gaps.
      RECEIVE_RECONNECT_SUCCESS: (s, e) =>
        e.gaps?.length
          ? toGapFilling(s, e, [
            ...rejectedStatuses(s, e),
            emitStatus(loopStatus("PNReconnectedCategory", s, s.cursor, e.cursor)),
          ])
          : undefined,
    },
    RECEIVE_GAP_FILLING: gapFillingRows,
  },
  enter: { RECEIVE_GAP_FILLING: (s) => [fillGap(s.gaps, s.cursor.region)] },
  exit: { RECEIVE_GAP_FILLING: [/* @__PURE__ */ cancel("FILL_GAP")] },
};

/**
 * Why a gap could not be filled from storage (the `reason` of an `UnfilledGap`), built here so
 * the shell's back-fill only reports what happened; the table turns each into the lost-messages
 * status (docs/protocol.md "Reconnection and gap back-fill").
 *
 * @module
 */
import type { PNStatus } from "../status.ts";
import { GAP_FILL_MAX_PAGES, gapPageParams, type GapRange, type UnfilledGap } from "./gaps.ts";

/**
 * The reason of one unfilled gap.
 *
 * @example
 * ```ts
 * import type { GapFillReason } from "./gap_fill_reasons.ts";
 * const reason: GapFillReason = { category: "PNTimeoutCategory", message: "no answer" };
 * ```
 */
export type GapFillReason = UnfilledGap["reason"];

/**
 * The gap holds more pages than the back-fill fetches for one channel.
 *
 * @example
 * ```ts
 * import { tooManyPages } from "./gap_fill_reasons.ts";
 * tooManyPages("demo", { channel: "a", after: "1", before: "9" }).category;
 * // "PNRequestMessageCountExceededCategory"
 * ```
 */
export function tooManyPages(subscribeKey: string, gap: GapRange): GapFillReason {
  return {
    category: "PNRequestMessageCountExceededCategory",
    message: `the gap holds more than ${GAP_FILL_MAX_PAGES} pages of ${
      gapPageParams(subscribeKey, gap).count
    } messages, the most the back-fill fetches for one channel`,
  };
}

/**
 * A page request failed: its status's category and code, and the transport's message.
 *
 * @example
 * ```ts
 * import { pageFailed } from "./gap_fill_reasons.ts";
 * import { PNStatus } from "../status.ts";
 * const status = new PNStatus({ category: "PNAccessDeniedCategory", operation: "PNHistoryOperation", error: true, statusCode: 403 });
 * pageFailed(status, "storage is off").statusCode; // 403
 * ```
 */
export function pageFailed(status: PNStatus, message: string): GapFillReason {
  return status.statusCode === undefined
    ? { category: status.category, message }
    : { category: status.category, message, statusCode: status.statusCode };
}

/**
 * A page came back but could not be read.
 *
 * @example
 * ```ts
 * import { pageUnreadable } from "./gap_fill_reasons.ts";
 * pageUnreadable("expected an object").message;
 * // "fetch messages failed: unexpected response: expected an object"
 * ```
 */
export function pageUnreadable(reason: string): GapFillReason {
  return {
    category: "PNMalformedResponseCategory",
    message: `fetch messages failed: unexpected response: ${reason}`,
  };
}

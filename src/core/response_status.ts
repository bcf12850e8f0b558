/**
 * The statuses of one call's outcome, built here so the shell only hands them on: the
 * acknowledgment of a call that succeeded, the malformed-response status of an answer that
 * could not be read, and copies of a failure's status with another operation or more error data
 * (docs/protocol.md "Statuses and operations").
 *
 * @module
 */
import type { PNOperationTypeName, PNStatusCategoryName } from "./categories.ts";
import { PNStatus, type PNStatusInit } from "./status.ts";

/**
 * Where a status points: the operation and the channels and groups it concerns.
 *
 * @example
 * ```ts
 * import type { StatusTarget } from "./response_status.ts";
 * const target: StatusTarget = { operation: "PNTimeOperation" };
 * ```
 */
export interface StatusTarget {
  /** The operation of the call. */
  operation: PNOperationTypeName;
  /** The channels it concerns. */
  channels?: readonly string[];
  /** The channel groups it concerns. */
  channelGroups?: readonly string[];
}

/**
 * A status of `category` about `target`: its operation, and copies of the channels and groups
 * it concerns.
 *
 * @example
 * ```ts
 * import { statusFor } from "./response_status.ts";
 * statusFor({ operation: "PNTimeOperation" }, "PNAcknowledgmentCategory", false, 200).isError(); // false
 * ```
 */
export function statusFor(
  target: StatusTarget,
  category: PNStatusCategoryName,
  error: boolean,
  statusCode?: number,
  errorData?: unknown,
): PNStatus {
  return new PNStatus({
    category,
    operation: target.operation,
    error,
    statusCode,
    errorData,
    affectedChannels: target.channels && [...target.channels],
    affectedChannelGroups: target.channelGroups && [...target.channelGroups],
  });
}

/**
 * `PNAcknowledgmentCategory`: the call succeeded with this HTTP status code.
 *
 * @example
 * ```ts
 * import { acknowledgment } from "./response_status.ts";
 * acknowledgment({ operation: "PNTimeOperation" }, 200).category; // "PNAcknowledgmentCategory"
 * ```
 */
export function acknowledgment(target: StatusTarget, statusCode: number): PNStatus {
  return statusFor(target, "PNAcknowledgmentCategory", false, statusCode);
}

/**
 * `PNMalformedResponseCategory`: the answer came (with this status code) but could not be read,
 * for `reason`.
 *
 * @example
 * ```ts
 * import { malformedResponse } from "./response_status.ts";
 * malformedResponse({ operation: "PNTimeOperation" }, 200, "expected an array").errorData;
 * // { message: "expected an array" }
 * ```
 */
export function malformedResponse(
  target: StatusTarget,
  statusCode: number | undefined,
  reason: string,
): PNStatus {
  return statusFor(target, "PNMalformedResponseCategory", true, statusCode, { message: reason });
}

/**
 * The same status, reported for another operation (a leave sent on behalf of an unsubscribe).
 *
 * @example
 * ```ts
 * import { PNStatus } from "./status.ts";
 * import { withOperation } from "./response_status.ts";
 * const failed = new PNStatus({ category: "PNTimeoutCategory", operation: "PNHeartbeatOperation", error: true });
 * withOperation(failed, "PNUnsubscribeOperation").operation; // "PNUnsubscribeOperation"
 * ```
 */
export function withOperation(status: PNStatus, operation: PNOperationTypeName): PNStatus {
  return new PNStatus({ ...status.toJSON(), operation });
}

/**
 * The same status with more fields in its `errorData` (kept as an object: a plain value moves
 * to `message`).
 *
 * @example
 * ```ts
 * import { PNStatus } from "./status.ts";
 * import { withErrorData } from "./response_status.ts";
 * const failed = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true, errorData: "late" });
 * withErrorData(failed, { reconnection: "gave up" }).errorData; // { message: "late", reconnection: "gave up" }
 * ```
 */
export function withErrorData(status: PNStatus, extra: Record<string, unknown>): PNStatus {
  const data = typeof status.errorData === "object" && status.errorData !== null
    ? status.errorData as Record<string, unknown>
    : { message: status.errorData };
  return new PNStatus({ ...status.toJSON(), errorData: { ...data, ...extra } });
}

/**
 * The `PNStatus` listeners receive for an engine's `EMIT_STATUS` invocation: the table chose
 * every field, this only gives them the status's shape.
 *
 * @example
 * ```ts
 * import { emittedStatus } from "./response_status.ts";
 * emittedStatus({ category: "PNConnectedCategory", operation: "PNSubscribeOperation", error: false }).isError();
 * // false
 * ```
 */
export function emittedStatus(fields: PNStatusInit): PNStatus {
  return new PNStatus(fields);
}

/**
 * An error status of `category` for a call that did not get an answer to report (a wait that
 * timed out, a subscription that ended before it connected), saying why in `errorData.message`.
 *
 * @example
 * ```ts
 * import { errorStatus } from "./response_status.ts";
 * errorStatus("PNTimeoutCategory", "PNSubscribeOperation", "no message within 100 ms").isError(); // true
 * ```
 */
export function errorStatus(
  category: PNStatusCategoryName,
  operation: PNOperationTypeName,
  message: string,
): PNStatus {
  return new PNStatus({ category, operation, error: true, errorData: { message } });
}

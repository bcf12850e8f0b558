/**
 * The official SDK's error and status shapes, built from our `PNStatus`: the category names
 * are the official ones and HTTP failures are classified the official way.
 *
 * @module
 */
import type { PNStatus } from "../core/status.ts";
import type { CompatCategory, CompatOperation } from "./enums.ts";
import type { Payload, Status, StatusEvent } from "./types.ts";

/**
 * What calls reject with: `status` says what failed (`category`, `statusCode`, `errorData`).
 *
 * @example
 * ```ts
 * import { PubNubError } from "./status.ts";
 * const error = new PubNubError("Validation failed", {
 *   error: true, category: "PNValidationErrorCategory", statusCode: 0, message: "Missing 'channel'",
 * });
 * error.status?.category; // "PNValidationErrorCategory"
 * ```
 */
export class PubNubError extends Error {
  /** What failed. */
  status?: Status;

  /** An error with its status. */
  constructor(message: string, status?: Status) {
    super(message);
    this.name = "PubNubError";
    this.status = status;
  }
}

/** Our category names that the official SDK spells differently. */
const RENAMED: Record<string, CompatCategory> = {
  PNUnexpectedDisconnectCategory: "PNDisconnectedUnexpectedlyCategory",
  PNDecryptionErrorCategory: "PNUnknownCategory",
};

/** Our operation names that the official SDK spells differently. */
const RENAMED_OPERATIONS: Record<string, CompatOperation> = {
  PNFireOperation: "PNPublishOperation",
  PNAddMessageActionOperation: "PNAddActionOperation",
  PNMessageCountsOperation: "PNMessageCountsOperation",
  PNListChannelGroupsOperation: "PNChannelGroupsOperation",
};

/**
 * The official name of one of our categories.
 *
 * @example
 * ```ts
 * import { officialCategory } from "./status.ts";
 * officialCategory("PNUnexpectedDisconnectCategory"); // "PNDisconnectedUnexpectedlyCategory"
 * ```
 */
export function officialCategory(category: string): CompatCategory {
  return RENAMED[category] ?? category as CompatCategory;
}

/**
 * The official name of one of our operations.
 *
 * @example
 * ```ts
 * import { officialOperation } from "./status.ts";
 * officialOperation("PNFireOperation"); // "PNPublishOperation"
 * ```
 */
export function officialOperation(operation: string): CompatOperation {
  return RENAMED_OPERATIONS[operation] ?? operation as CompatOperation;
}

/** The official SDK classifies HTTP failures by code: 400, 403, 5xx, everything else unknown. */
function categoryOfHttpFailure(code: number): CompatCategory {
  if (code === 400) return "PNBadRequestCategory";
  if (code === 403) return "PNAccessDeniedCategory";
  if (code >= 500) return "PNServerErrorCategory";
  return "PNUnknownCategory";
}

/**
 * The official status of a failed call.
 *
 * @example
 * ```ts
 * import { PNStatus } from "../core/status.ts";
 * import { failureStatus } from "./status.ts";
 * const status = failureStatus(new PNStatus({
 *   category: "PNBadRequestCategory", operation: "PNPublishOperation", error: true, statusCode: 413,
 * }));
 * status.category; // "PNUnknownCategory"
 * ```
 */
export function failureStatus(status: PNStatus): Status {
  const code = status.statusCode ?? 0;
  const data = status.errorData as Record<string, unknown> | undefined;
  const message = typeof data?.message === "string" ? data.message : undefined;
  const category = code >= 400 && status.category !== "PNMalformedResponseCategory"
    ? categoryOfHttpFailure(code)
    : officialCategory(status.category);
  const result: Status = {
    error: true,
    category,
    operation: officialOperation(status.operation),
    statusCode: code,
  };
  if (category === "PNValidationErrorCategory") {
    result.message = message;
  } else if (data !== undefined) {
    // A service error body comes back as the service sent it; a transport failure as an Error.
    result.errorData = code > 0 ? data as Payload : new Error(message ?? category);
  }
  return result;
}

/**
 * The official status of a successful call.
 *
 * @example
 * ```ts
 * import { successStatus } from "./status.ts";
 * successStatus("PNTimeOperation", 200).category; // "PNAcknowledgmentCategory"
 * ```
 */
export function successStatus(operation: string, statusCode: number): Status {
  return {
    error: false,
    operation: officialOperation(operation),
    category: "PNAcknowledgmentCategory",
    statusCode,
  };
}

/**
 * The error a failed call rejects with, worded as the official SDK words it.
 *
 * @example
 * ```ts
 * import { errorFromStatus } from "./status.ts";
 * const e = errorFromStatus({ error: true, category: "PNValidationErrorCategory", statusCode: 0 });
 * e.message; // "Validation failed, check status for details"
 * ```
 */
export function errorFromStatus(status: Status): PubNubError {
  const headline = status.category === "PNValidationErrorCategory"
    ? "Validation failed, check status for details"
    : "REST API request processing error, check status for details";
  return new PubNubError(headline, status);
}

/**
 * The official status event for one of our subscribe loop's statuses, or `undefined` for one the
 * official SDK does not announce (our separate access-denied notice before a give-up: the
 * give-up itself carries the cause in `error`).
 *
 * @example
 * ```ts
 * import { PNStatus } from "../core/status.ts";
 * import { statusEvent } from "./status.ts";
 * const event = statusEvent(new PNStatus({
 *   category: "PNConnectedCategory", operation: "PNSubscribeOperation", error: false,
 *   affectedChannels: ["a"], currentTimetoken: "17000000000000000",
 * }), false);
 * event?.category; // "PNConnectedCategory"
 * ```
 */
export function statusEvent(
  status: PNStatus,
  unsubscribedAll: boolean,
): Status | StatusEvent | undefined {
  const category = officialCategory(status.category);
  if (status.isError()) {
    const code = status.statusCode ?? 0;
    if (
      category === "PNConnectionErrorCategory" || category === "PNDisconnectedUnexpectedlyCategory"
    ) {
      const said = String((status.errorData as { message?: unknown } | undefined)?.message);
      const cause = code > 0
        ? categoryOfHttpFailure(code)
        : /time(d)? ?out/i.test(said)
        ? "PNTimeoutCategory"
        : "PNNetworkIssuesCategory";
      return { category, error: cause };
    }
    if (category === "PNAccessDeniedCategory" && status.operation === "PNSubscribeOperation") {
      return undefined;
    }
    return { ...failureStatus(status), category };
  }
  const event: StatusEvent = { category };
  if (category === "PNDisconnectedCategory") {
    event.operation = unsubscribedAll ? "PNUnsubscribeOperation" : "PNSubscribeOperation";
    return event;
  }
  event.affectedChannels = [...status.affectedChannels];
  event.affectedChannelGroups = [...status.affectedChannelGroups];
  if (category !== "PNSubscriptionChangedCategory") {
    event.operation = officialOperation(status.operation);
  }
  if (status.currentTimetoken !== undefined) event.currentTimetoken = status.currentTimetoken;
  if (status.lastTimetoken !== undefined && category === "PNReconnectedCategory") {
    event.lastTimetoken = status.lastTimetoken;
  }
  return event;
}

/**
 * The official SDK's error and status shapes, built from our `PNStatus`: the category names
 * are the official ones and HTTP failures are classified the official way.
 *
 * @module
 */
import { PubNubError as OurError } from "../core/error.ts";
import type { PNStatus } from "../core/status.ts";
import type { CompatCategory, CompatOperation } from "./enums.ts";
import { defined } from "./events.ts";
import type { Status, StatusEvent } from "./types.ts";

/**
 * What calls reject with: `status` says what failed (`category`, `statusCode`, `errorData`).
 *
 * @example
 * ```ts
 * import { PubNubError } from "@pubnub-ts/pubsub/compat";
 * const error = new PubNubError("Validation failed", {
 *   error: true, category: "PNValidationErrorCategory", statusCode: 0, message: "Missing 'channel'",
 * });
 * error.status?.category; // "PNValidationErrorCategory"
 * ```
 */
export interface PubNubError extends Error {
  /** What failed. */
  status?: Status;
}

/**
 * Makes the error calls reject with (our own error class, carrying the official status).
 *
 * @example
 * ```ts
 * import { PubNubError } from "@pubnub-ts/pubsub/compat";
 * new PubNubError("REST API request processing error, check status for details").name; // "PubNubError"
 * ```
 */
export const PubNubError: new (message: string, status?: Status) => PubNubError = OurError as never;

/** Our category and operation names that the official SDK spells differently. */
const RENAMED: Record<string, string> = {
  PNUnexpectedDisconnectCategory: "PNDisconnectedUnexpectedlyCategory",
  PNFireOperation: "PNPublishOperation",
  PNAddMessageActionOperation: "PNAddActionOperation",
  PNListChannelGroupsOperation: "PNChannelGroupsOperation",
};

/**
 * The official name of one of our categories or operations.
 *
 * @example
 * ```ts
 * import { officialName } from "./status.ts";
 * officialName("PNUnexpectedDisconnectCategory"); // "PNDisconnectedUnexpectedlyCategory"
 * officialName("PNFireOperation"); // "PNPublishOperation"
 * ```
 */
export function officialName<N extends CompatCategory | CompatOperation>(name: string): N {
  return (RENAMED[name] ?? name) as N;
}

/** The official SDK classifies HTTP failures by code: 400, 403, 5xx, everything else unknown. */
function categoryOfHttpFailure(code: number): CompatCategory {
  return `PN${
    code === 400
      ? "BadRequest"
      : code === 403
      ? "AccessDenied"
      : code >= 500
      ? "ServerError"
      : "Unknown"
  }Category`;
}

/**
 * The official status of a finished call, from ours.
 *
 * @example
 * ```ts
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * import { callStatus } from "./status.ts";
 * const status = callStatus(new PNStatus({
 *   category: "PNBadRequestCategory", operation: "PNPublishOperation", error: true, statusCode: 413,
 * }));
 * status.category; // "PNUnknownCategory"
 * ```
 */
export function callStatus(status: PNStatus): Status {
  const error = status.isError();
  const code = status.statusCode ?? (error ? 0 : 200);
  const data = status.errorData as { message?: string } | undefined;
  const category = !error ? "PNAcknowledgmentCategory" : code >= 400 // (a malformed answer is a success code's)
    ? categoryOfHttpFailure(code)
    : officialName<CompatCategory>(status.category);
  const invalid = category === "PNValidationErrorCategory";
  return defined({
    error,
    category,
    operation: officialName<CompatOperation>(status.operation),
    statusCode: code,
    message: invalid ? data?.message : undefined,
    // A service error body comes back as the service sent it; a transport failure as an Error.
    errorData: invalid || !data ? undefined : code > 0 ? data : new Error(data.message ?? category),
  }) as Status;
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
  return new PubNubError(
    `${
      status.category === "PNValidationErrorCategory"
        ? "Validation failed"
        : "REST API request processing error"
    }, check status for details`,
    status,
  );
}

/**
 * The official status event for one of our subscribe loop's statuses, or `undefined` for one the
 * official SDK does not announce (our separate access-denied notice before a give-up: the
 * give-up itself carries the cause in `error`; a refused or failed leave; a message that could not
 * be decrypted).
 *
 * @example
 * ```ts
 * import { PNStatus } from "@pubnub-ts/pubsub";
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
  const category = officialName<CompatCategory>(status.category);
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
    // Unannounced there too: a refused or failed leave (it never waits for a leave's answer),
    // and a message that could not be decrypted (the message's `error` says so).
    return (category === "PNAccessDeniedCategory" && status.operation === "PNSubscribeOperation") ||
        status.operation === "PNUnsubscribeOperation" ||
        status.category === "PNDecryptionErrorCategory"
      ? undefined
      : { ...callStatus(status), category };
  }
  return category === "PNDisconnectedCategory"
    ? {
      category,
      operation: unsubscribedAll ? "PNUnsubscribeOperation" : "PNSubscribeOperation",
    }
    : defined({
      ...status,
      category,
      operation: category === "PNSubscriptionChangedCategory"
        ? undefined
        : officialName<CompatOperation>(status.operation),
    });
}

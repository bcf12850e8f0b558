import { PNStatus } from "./status.ts";
import type { PNOperationTypeName } from "./categories.ts";

/**
 * The error every failed call rejects with. `status` says what failed: its category, HTTP
 * status code and the server's error data.
 *
 * @example
 * ```ts
 * import { PubNubError } from "@pubnub-ts/pubsub";
 * const error = PubNubError.validation("PNPublishOperation", "channel is empty");
 * error.status.category; // "PNValidationErrorCategory"
 * ```
 */
export class PubNubError extends Error {
  /** The failed outcome, with category, status code and error data. */
  declare readonly status: PNStatus;

  /** Wraps a failed status; the message should say what failed and why. */
  constructor(message: string, status: PNStatus, options?: ErrorOptions) {
    super(message, options);
    // Assigned before the name, in the order a defined field would have had.
    this.status = status;
    this.name = "PubNubError";
  }

  /**
   * A caller's mistake found before anything was sent; `options.cause` is what was thrown while
   * looking at the caller's input, when something was.
   */
  static validation(
    operation: PNOperationTypeName,
    message: string,
    options?: ErrorOptions,
  ): PubNubError {
    return new PubNubError(
      message,
      new PNStatus({
        category: "PNValidationErrorCategory",
        operation,
        error: true,
        errorData: { message },
      }),
      options,
    );
  }
}

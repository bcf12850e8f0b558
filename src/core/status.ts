import type { PNOperationTypeName, PNStatusCategoryName } from "./categories.ts";

/**
 * The plain fields of a {@link PNStatus}, used to build one.
 *
 * @example
 * ```ts
 * import type { PNStatusInit } from "./status.ts";
 * const init: PNStatusInit = { category: "PNAcknowledgmentCategory", operation: "PNTimeOperation", error: false };
 * ```
 */
export interface PNStatusInit {
  /** What kind of outcome this is. */
  category: PNStatusCategoryName;
  /** Which call it belongs to. */
  operation: PNOperationTypeName;
  /** Whether the outcome is a failure. */
  error: boolean;
  /** HTTP status code of the response, when there was one. */
  statusCode?: number;
  /** What the server or the SDK said about the failure (message, payload, status). */
  errorData?: unknown;
  /** Channels the status concerns. */
  affectedChannels?: string[];
  /** Channel groups the status concerns. */
  affectedChannelGroups?: string[];
  /** The subscribe loop's timetoken after this outcome. */
  currentTimetoken?: string;
  /** The subscribe loop's timetoken before this outcome. */
  lastTimetoken?: string;
}

/**
 * The outcome of a request or of a change in the subscribe loop, as the PubNub SDKs report it.
 *
 * @example
 * ```ts
 * import { PubNub, PubNubError } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" }); // no publishKey
 * try {
 *   await pubnub.publish().channel("a").message("hi");
 * } catch (error) {
 *   if (!(error instanceof PubNubError)) throw error;
 *   console.log(error.status.category, error.status.isError()); // PNValidationErrorCategory true
 * }
 * ```
 */
export class PNStatus {
  // Declared, not defined: the constructor assigns every field in this order, so a bundle
  // need not spell each name again as a field definition.
  /** What kind of outcome this is. */
  declare readonly category: PNStatusCategoryName;
  /** Which call it belongs to. */
  declare readonly operation: PNOperationTypeName;
  /** HTTP status code of the response, when there was one. */
  declare readonly statusCode: number | undefined;
  /** What the server or the SDK said about the failure. */
  declare readonly errorData: unknown;
  /** Channels the status concerns. */
  declare readonly affectedChannels: string[];
  /** Channel groups the status concerns. */
  declare readonly affectedChannelGroups: string[];
  /** The subscribe loop's timetoken after this outcome. */
  declare readonly currentTimetoken: string | undefined;
  /** The subscribe loop's timetoken before this outcome. */
  declare readonly lastTimetoken: string | undefined;
  readonly #error: boolean;

  /**
   * Builds a status from its plain fields. Statuses come from the SDK; this is not part of the
   * public surface, so it is left out of the documentation.
   *
   * @ignore
   */
  constructor(init: PNStatusInit) {
    this.category = init.category;
    this.operation = init.operation;
    this.#error = init.error;
    this.statusCode = init.statusCode;
    this.errorData = init.errorData;
    this.affectedChannels = init.affectedChannels ?? [];
    this.affectedChannelGroups = init.affectedChannelGroups ?? [];
    this.currentTimetoken = init.currentTimetoken;
    this.lastTimetoken = init.lastTimetoken;
  }

  /** Whether this status reports a failure. */
  isError(): boolean {
    return this.#error;
  }

  /**
   * A plain-object view, so statuses print and serialise usefully (`JSON.stringify`, `console.log`).
   *
   * @ignore
   */
  toJSON(): PNStatusInit {
    // The public fields in their declared order, with `error` where the init has it.
    const { category, operation, ...rest } = this;
    return { category, operation, error: this.#error, ...rest };
  }
}

/**
 * Status categories: what kind of outcome a request or the subscribe loop reached.
 *
 * The values are strings equal to their names, so they read well in logs and JSON.
 *
 * @example
 * ```ts
 * import { PNStatusCategory } from "@pubnub-ts/pubsub";
 * const connected = PNStatusCategory.PNConnectedCategory; // "PNConnectedCategory"
 * ```
 */
export const PNStatusCategory = {
  PNConnectedCategory: "PNConnectedCategory",
  PNReconnectedCategory: "PNReconnectedCategory",
  PNDisconnectedCategory: "PNDisconnectedCategory",
  PNUnexpectedDisconnectCategory: "PNUnexpectedDisconnectCategory",
  PNSubscriptionChangedCategory: "PNSubscriptionChangedCategory",
  PNConnectionErrorCategory: "PNConnectionErrorCategory",
  PNTimeoutCategory: "PNTimeoutCategory",
  PNNetworkIssuesCategory: "PNNetworkIssuesCategory",
  PNBadRequestCategory: "PNBadRequestCategory",
  PNAccessDeniedCategory: "PNAccessDeniedCategory",
  PNMalformedResponseCategory: "PNMalformedResponseCategory",
  PNServerErrorCategory: "PNServerErrorCategory",
  PNCancelledCategory: "PNCancelledCategory",
  PNAcknowledgmentCategory: "PNAcknowledgmentCategory",
  PNValidationErrorCategory: "PNValidationErrorCategory",
  PNRequestMessageCountExceededCategory: "PNRequestMessageCountExceededCategory",
  PNDecryptionErrorCategory: "PNDecryptionErrorCategory",
  PNUnknownCategory: "PNUnknownCategory",
} as const;

/**
 * One of the {@link PNStatusCategory} values.
 *
 * @example
 * ```ts
 * import type { PNStatusCategoryName } from "@pubnub-ts/pubsub";
 * const category: PNStatusCategoryName = "PNTimeoutCategory";
 * ```
 */
export type PNStatusCategoryName = typeof PNStatusCategory[keyof typeof PNStatusCategory];

/**
 * Operation types: which call a status belongs to.
 *
 * @example
 * ```ts
 * import { PNOperationType } from "@pubnub-ts/pubsub";
 * const op = PNOperationType.PNPublishOperation; // "PNPublishOperation"
 * ```
 */
export const PNOperationType = {
  PNSubscribeOperation: "PNSubscribeOperation",
  PNUnsubscribeOperation: "PNUnsubscribeOperation",
  PNPublishOperation: "PNPublishOperation",
  PNFireOperation: "PNFireOperation",
  PNSignalOperation: "PNSignalOperation",
  PNHeartbeatOperation: "PNHeartbeatOperation",
  PNHereNowOperation: "PNHereNowOperation",
  PNWhereNowOperation: "PNWhereNowOperation",
  PNSetStateOperation: "PNSetStateOperation",
  PNGetStateOperation: "PNGetStateOperation",
  PNTimeOperation: "PNTimeOperation",
  PNAddChannelsToGroupOperation: "PNAddChannelsToGroupOperation",
  PNRemoveChannelsFromGroupOperation: "PNRemoveChannelsFromGroupOperation",
  PNChannelsForGroupOperation: "PNChannelsForGroupOperation",
  PNRemoveGroupOperation: "PNRemoveGroupOperation",
  PNFetchMessagesOperation: "PNFetchMessagesOperation",
  PNHistoryOperation: "PNHistoryOperation",
  PNMessageCountsOperation: "PNMessageCountsOperation",
  PNDeleteMessagesOperation: "PNDeleteMessagesOperation",
  PNAddMessageActionOperation: "PNAddMessageActionOperation",
  PNGetMessageActionsOperation: "PNGetMessageActionsOperation",
  PNRemoveMessageActionOperation: "PNRemoveMessageActionOperation",
} as const;

/**
 * One of the {@link PNOperationType} values.
 *
 * @example
 * ```ts
 * import type { PNOperationTypeName } from "@pubnub-ts/pubsub";
 * const op: PNOperationTypeName = "PNTimeOperation";
 * ```
 */
export type PNOperationTypeName = typeof PNOperationType[keyof typeof PNOperationType];

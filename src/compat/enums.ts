/**
 * The official SDK's enumerations (`PubNub.CATEGORIES`, `PubNub.OPERATIONS`, `PubNub.Endpoint`,
 * `PubNub.LogLevel`) as plain objects: each value is the official one.
 *
 * @module
 */

/**
 * Status categories, by the official SDK's names.
 *
 * @example
 * ```ts
 * import { CATEGORIES } from "@pubnub-ts/pubsub/compat";
 * CATEGORIES.PNConnectedCategory; // "PNConnectedCategory"
 * ```
 */
export const CATEGORIES = {
  PNNetworkIssuesCategory: "PNNetworkIssuesCategory",
  PNTimeoutCategory: "PNTimeoutCategory",
  PNCancelledCategory: "PNCancelledCategory",
  PNBadRequestCategory: "PNBadRequestCategory",
  PNAccessDeniedCategory: "PNAccessDeniedCategory",
  PNValidationErrorCategory: "PNValidationErrorCategory",
  PNAcknowledgmentCategory: "PNAcknowledgmentCategory",
  PNMalformedResponseCategory: "PNMalformedResponseCategory",
  PNServerErrorCategory: "PNServerErrorCategory",
  PNUnknownCategory: "PNUnknownCategory",
  PNNetworkUpCategory: "PNNetworkUpCategory",
  PNNetworkDownCategory: "PNNetworkDownCategory",
  PNReconnectedCategory: "PNReconnectedCategory",
  PNConnectedCategory: "PNConnectedCategory",
  PNSubscriptionChangedCategory: "PNSubscriptionChangedCategory",
  PNRequestMessageCountExceededCategory: "PNRequestMessageCountExceededCategory",
  PNDisconnectedCategory: "PNDisconnectedCategory",
  PNConnectionErrorCategory: "PNConnectionErrorCategory",
  PNDisconnectedUnexpectedlyCategory: "PNDisconnectedUnexpectedlyCategory",
  PNSharedWorkerUpdatedCategory: "PNSharedWorkerUpdatedCategory",
} as const;

/**
 * One of the {@link CATEGORIES} values.
 *
 * @example
 * ```ts
 * import type { CompatCategory } from "@pubnub-ts/pubsub/compat";
 * const c: CompatCategory = "PNDisconnectedUnexpectedlyCategory";
 * ```
 */
export type CompatCategory = typeof CATEGORIES[keyof typeof CATEGORIES];

/**
 * Operation names, by the official SDK's keys and values (some differ: `PNMessageCounts` is
 * `"PNMessageCountsOperation"`).
 *
 * @example
 * ```ts
 * import { OPERATIONS } from "@pubnub-ts/pubsub/compat";
 * OPERATIONS.PNPublishOperation; // "PNPublishOperation"
 * ```
 */
export const OPERATIONS = {
  PNPublishOperation: "PNPublishOperation",
  PNSignalOperation: "PNSignalOperation",
  PNSubscribeOperation: "PNSubscribeOperation",
  PNUnsubscribeOperation: "PNUnsubscribeOperation",
  PNWhereNowOperation: "PNWhereNowOperation",
  PNHereNowOperation: "PNHereNowOperation",
  PNGlobalHereNowOperation: "PNGlobalHereNowOperation",
  PNSetStateOperation: "PNSetStateOperation",
  PNGetStateOperation: "PNGetStateOperation",
  PNHeartbeatOperation: "PNHeartbeatOperation",
  PNAddMessageActionOperation: "PNAddActionOperation",
  PNRemoveMessageActionOperation: "PNRemoveMessageActionOperation",
  PNGetMessageActionsOperation: "PNGetMessageActionsOperation",
  PNTimeOperation: "PNTimeOperation",
  PNHistoryOperation: "PNHistoryOperation",
  PNDeleteMessagesOperation: "PNDeleteMessagesOperation",
  PNFetchMessagesOperation: "PNFetchMessagesOperation",
  PNMessageCounts: "PNMessageCountsOperation",
  PNChannelGroupsOperation: "PNChannelGroupsOperation",
  PNRemoveGroupOperation: "PNRemoveGroupOperation",
  PNChannelsForGroupOperation: "PNChannelsForGroupOperation",
  PNAddChannelsToGroupOperation: "PNAddChannelsToGroupOperation",
  PNRemoveChannelsFromGroupOperation: "PNRemoveChannelsFromGroupOperation",
} as const;

/**
 * One of the {@link OPERATIONS} values.
 *
 * @example
 * ```ts
 * import type { CompatOperation } from "@pubnub-ts/pubsub/compat";
 * const o: CompatOperation = "PNHereNowOperation";
 * ```
 */
export type CompatOperation = typeof OPERATIONS[keyof typeof OPERATIONS];

/**
 * Endpoint groups a retry policy may exclude.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@pubnub-ts/pubsub/compat";
 * Endpoint.Subscribe; // "SubscribeEndpoint"
 * ```
 */
export const Endpoint = {
  MessageSend: "MessageSendEndpoint",
  Subscribe: "SubscribeEndpoint",
  Presence: "PresenceEndpoint",
  Files: "FilesEndpoint",
  MessageStorage: "MessageStorageEndpoint",
  ChannelGroups: "ChannelGroupsEndpoint",
  DevicePushNotifications: "DevicePushNotificationsEndpoint",
  AppContext: "AppContextEndpoint",
  MessageReactions: "MessageReactionsEndpoint",
} as const;

/**
 * One of the {@link Endpoint} values.
 *
 * @example
 * ```ts
 * import type { EndpointName } from "@pubnub-ts/pubsub/compat";
 * const e: EndpointName = "PresenceEndpoint";
 * ```
 */
export type EndpointName = typeof Endpoint[keyof typeof Endpoint];

/**
 * Log levels, numbered as in the official SDK.
 *
 * @example
 * ```ts
 * import { LogLevel } from "@pubnub-ts/pubsub/compat";
 * LogLevel.Warn; // 3
 * ```
 */
export const LogLevel = { Trace: 0, Debug: 1, Info: 2, Warn: 3, Error: 4, None: 5 } as const;

/**
 * One of the {@link LogLevel} values.
 *
 * @example
 * ```ts
 * import type { LogLevelValue } from "@pubnub-ts/pubsub/compat";
 * const level: LogLevelValue = 5;
 * ```
 */
export type LogLevelValue = typeof LogLevel[keyof typeof LogLevel];

/**
 * The official SDK's enumerations (`PubNub.CATEGORIES`, `PubNub.OPERATIONS`, `PubNub.Endpoint`,
 * `PubNub.LogLevel`) as plain objects: each value is the official one.
 *
 * @module
 */
import { PN_LOG_LEVELS } from "../core/config.ts";

/**
 * A table from space-separated stems: `PN${stem}Category` → itself, or (`bareKeys`) the stem →
 * `${stem}Endpoint`. Built at load time so the bundle carries each name once.
 */
function named<T>(stems: string, prefix: string, suffix: string, bareKeys = false): T {
  return Object.fromEntries(
    stems.split(" ").map((stem) => {
      const name = prefix + stem + suffix;
      return [bareKeys ? stem : name, name];
    }),
  ) as T;
}

/**
 * Status categories, by the official SDK's names.
 *
 * @example
 * ```ts
 * import { CATEGORIES } from "@pubnub-ts/pubsub/compat";
 * CATEGORIES.PNConnectedCategory; // "PNConnectedCategory"
 * ```
 */
export const CATEGORIES: { readonly [C in CompatCategory]: C } = named(
  "NetworkIssues Timeout Cancelled BadRequest AccessDenied ValidationError Acknowledgment MalformedResponse ServerError Unknown NetworkUp NetworkDown Reconnected Connected SubscriptionChanged RequestMessageCountExceeded Disconnected ConnectionError DisconnectedUnexpectedly SharedWorkerUpdated",
  "PN",
  "Category",
);

/**
 * One of the {@link CATEGORIES} values.
 *
 * @example
 * ```ts
 * import type { CompatCategory } from "@pubnub-ts/pubsub/compat";
 * const c: CompatCategory = "PNDisconnectedUnexpectedlyCategory";
 * ```
 */
export type CompatCategory =
  | "PNNetworkIssuesCategory"
  | "PNTimeoutCategory"
  | "PNCancelledCategory"
  | "PNBadRequestCategory"
  | "PNAccessDeniedCategory"
  | "PNValidationErrorCategory"
  | "PNAcknowledgmentCategory"
  | "PNMalformedResponseCategory"
  | "PNServerErrorCategory"
  | "PNUnknownCategory"
  | "PNNetworkUpCategory"
  | "PNNetworkDownCategory"
  | "PNReconnectedCategory"
  | "PNConnectedCategory"
  | "PNSubscriptionChangedCategory"
  | "PNRequestMessageCountExceededCategory"
  | "PNDisconnectedCategory"
  | "PNConnectionErrorCategory"
  | "PNDisconnectedUnexpectedlyCategory"
  | "PNSharedWorkerUpdatedCategory";

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
export const OPERATIONS:
  & {
    readonly [O in Exclude<CompatOperation, "PNAddActionOperation" | "PNMessageCountsOperation">]:
      O;
  }
  & {
    readonly PNAddMessageActionOperation: "PNAddActionOperation";
    readonly PNMessageCounts: "PNMessageCountsOperation";
  } = {
    ...named<object>(
      "Publish Signal Subscribe Unsubscribe WhereNow HereNow GlobalHereNow SetState GetState Heartbeat RemoveMessageAction GetMessageActions Time History DeleteMessages FetchMessages ChannelGroups RemoveGroup ChannelsForGroup AddChannelsToGroup RemoveChannelsFromGroup",
      "PN",
      "Operation",
    ),
    PNAddMessageActionOperation: "PNAddActionOperation",
    PNMessageCounts: "PNMessageCountsOperation",
  } as never;

/**
 * One of the {@link OPERATIONS} values.
 *
 * @example
 * ```ts
 * import type { CompatOperation } from "@pubnub-ts/pubsub/compat";
 * const o: CompatOperation = "PNHereNowOperation";
 * ```
 */
export type CompatOperation =
  | "PNPublishOperation"
  | "PNSignalOperation"
  | "PNSubscribeOperation"
  | "PNUnsubscribeOperation"
  | "PNWhereNowOperation"
  | "PNHereNowOperation"
  | "PNGlobalHereNowOperation"
  | "PNSetStateOperation"
  | "PNGetStateOperation"
  | "PNHeartbeatOperation"
  | "PNAddActionOperation"
  | "PNRemoveMessageActionOperation"
  | "PNGetMessageActionsOperation"
  | "PNTimeOperation"
  | "PNHistoryOperation"
  | "PNDeleteMessagesOperation"
  | "PNFetchMessagesOperation"
  | "PNMessageCountsOperation"
  | "PNChannelGroupsOperation"
  | "PNRemoveGroupOperation"
  | "PNChannelsForGroupOperation"
  | "PNAddChannelsToGroupOperation"
  | "PNRemoveChannelsFromGroupOperation";

/**
 * Endpoint groups a retry policy may exclude.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@pubnub-ts/pubsub/compat";
 * Endpoint.Subscribe; // "SubscribeEndpoint"
 * ```
 */
export const Endpoint: {
  readonly MessageSend: "MessageSendEndpoint";
  readonly Subscribe: "SubscribeEndpoint";
  readonly Presence: "PresenceEndpoint";
  readonly Files: "FilesEndpoint";
  readonly MessageStorage: "MessageStorageEndpoint";
  readonly ChannelGroups: "ChannelGroupsEndpoint";
  readonly DevicePushNotifications: "DevicePushNotificationsEndpoint";
  readonly AppContext: "AppContextEndpoint";
  readonly MessageReactions: "MessageReactionsEndpoint";
} = named(
  "MessageSend Subscribe Presence Files MessageStorage ChannelGroups DevicePushNotifications AppContext MessageReactions",
  "",
  "Endpoint",
  true,
);

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
export const LogLevel: {
  readonly Trace: 0;
  readonly Debug: 1;
  readonly Info: 2;
  readonly Warn: 3;
  readonly Error: 4;
  readonly None: 5;
} = Object.fromEntries(
  // Our levels, loudest first, with capitals.
  [...PN_LOG_LEVELS].reverse().map((level, i) => [level[0].toUpperCase() + level.slice(1), i]),
) as never;

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

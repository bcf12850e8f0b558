/**
 * A PubNub-protocol publish/subscribe SDK for TypeScript: publish, fire, signal, subscribe with
 * presence, and the calls around them, with a pure core and a thin fetch shell.
 *
 * @example
 * ```ts
 * import { PubNub } from "./mod.ts";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "user-1" });
 * const { result } = await pubnub.publish().channel("my_channel").message({ text: "hi" }).future();
 * console.log(result.timetoken);
 * await pubnub.stop();
 * ```
 *
 * @module
 */
export { PNConfiguration, PNReconnectionPolicy } from "./src/core/config.ts";
export type {
  PNConfigurationOptions,
  PNLogLevel,
  PNReconnectionPolicyName,
} from "./src/core/config.ts";
export type { PNLogger } from "./src/shell/log.ts";
export { PNOperationType, PNStatusCategory } from "./src/core/categories.ts";
export type { PNOperationTypeName, PNStatusCategoryName } from "./src/core/categories.ts";
export { PNStatus } from "./src/core/status.ts";
export type { PNStatusInit } from "./src/core/status.ts";
export { PubNubError } from "./src/core/error.ts";
export type { PNPublishResult } from "./src/core/requests/publish.ts";
export type {
  JsonArray,
  JsonCompatible,
  JsonMangledObject,
  JsonObject,
  JsonPrimitive,
  JsonValue,
} from "./src/core/json_value.ts";
export type { PNTimeResult } from "./src/core/requests/time.ts";
export type { PNEnvelope } from "./src/shell/endpoint.ts";
export { PubNub } from "./src/shell/pubnub.ts";
export { PubNubPublisher } from "./src/shell/publisher.ts";
export type { PublisherOptions } from "./src/shell/publisher.ts";
export type { PayloadEncoder } from "./src/shell/builders/publish.ts";
export { Publish } from "./src/shell/builders/publish.ts";
export { Signal } from "./src/shell/builders/signal.ts";
export { Time } from "./src/shell/builders/time.ts";
export type { PubNubOptions } from "./src/shell/pubnub.ts";
export { Subscribe, Unsubscribe } from "./src/shell/builders/subscribe.ts";
export { SubscribeCallback } from "./src/shell/listeners.ts";
export type { Listener } from "./src/shell/listeners.ts";
export { SubscribeListener } from "./src/shell/subscribe_listener.ts";
export type { WaitOptions } from "./src/shell/subscribe_listener.ts";
export type {
  PNMessageActionResult,
  PNMessageResult,
  PNPresenceEventCommon,
  PNPresenceEventName,
  PNPresenceEventResult,
  PNPresenceIntervalEvent,
  PNPresenceMemberEvent,
  PNPresenceStateChangeEvent,
  PNSignalResult,
} from "./src/core/subscribe/envelope.ts";
export type { EngineLogEntry } from "./src/shell/engine_runner.ts";
export type {
  ConnectionState,
  ConnectionStateChange,
} from "./src/core/subscribe/connection_state.ts";
export { ManualClock, systemClock } from "./src/shell/clock.ts";
export type { Clock } from "./src/shell/clock.ts";
export { HereNow } from "./src/shell/builders/here_now.ts";
export { WhereNow } from "./src/shell/builders/where_now.ts";
export { SetState } from "./src/shell/builders/set_state.ts";
export type { RememberState } from "./src/shell/builders/set_state.ts";
export { GetState } from "./src/shell/builders/get_state.ts";
export { AddChannelToChannelGroup } from "./src/shell/builders/add_channel_to_channel_group.ts";
export { ChannelGroupChange } from "./src/shell/builders/channel_group_change.ts";
export type { ChannelGroupChangeBuilder } from "./src/shell/builders/channel_group_change.ts";
export { ChannelGroupCall } from "./src/shell/builders/channel_group_call.ts";
export type { ChannelGroupCallSpec } from "./src/shell/builders/channel_group_call.ts";
export { RemoveChannelFromChannelGroup } from "./src/shell/builders/remove_channel_from_channel_group.ts";
export { ListChannelsForChannelGroup } from "./src/shell/builders/list_channels_for_channel_group.ts";
export { RemoveChannelGroup } from "./src/shell/builders/remove_channel_group.ts";
export { ListChannelGroups } from "./src/shell/builders/list_channel_groups.ts";
export { FetchMessages } from "./src/shell/builders/fetch_messages.ts";
export type {
  PNHereNowChannelData,
  PNHereNowOccupant,
  PNHereNowResult,
} from "./src/core/requests/here_now.ts";
export type { PNWhereNowResult } from "./src/core/requests/where_now.ts";
export type { PNGetStateResult, PNSetStateResult } from "./src/core/requests/state.ts";
export type {
  PNChannelGroupAckResult,
  PNChannelGroupChannelsResult,
  PNChannelGroupsResult,
} from "./src/core/requests/channel_groups.ts";
export type {
  PNFetchedMessage,
  PNFetchedMessageActions,
  PNFetchMessagesMore,
  PNFetchMessagesResult,
} from "./src/core/requests/fetch_messages.ts";
export { History } from "./src/shell/builders/history.ts";
export { MessageCounts } from "./src/shell/builders/message_counts.ts";
export { DeleteMessages } from "./src/shell/builders/delete_messages.ts";
export { AddMessageAction } from "./src/shell/builders/add_message_action.ts";
export { GetMessageActions } from "./src/shell/builders/get_message_actions.ts";
export { RemoveMessageAction } from "./src/shell/builders/remove_message_action.ts";
export type { PNHistoryItem, PNHistoryResult } from "./src/core/requests/history.ts";
export type { PNMessageCountsResult } from "./src/core/requests/message_counts.ts";
export type { PNDeleteMessagesResult } from "./src/core/requests/delete_messages.ts";
export type {
  PNGetMessageActionsResult,
  PNMessageAction,
  PNMessageActionsMore,
  PNRemoveMessageActionResult,
} from "./src/core/requests/message_actions.ts";
export { Endpoint } from "./src/shell/endpoint.ts";
export type { RequestSender } from "./src/shell/endpoint.ts";
export type { RequestDescription } from "./src/core/request.ts";
export type { ParseResult } from "./src/core/parse_result.ts";
export type { TransportOptions, TransportOutcome } from "./src/shell/transport.ts";
export { MessageCryptor } from "./src/shell/crypto/cryptor.ts";
export type { DecodedPayload, MessageCryptorOptions } from "./src/shell/crypto/cryptor.ts";

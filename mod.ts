/**
 * A PubNub-protocol publish/subscribe SDK for TypeScript: publish, fire, signal, subscribe with
 * presence, and the calls around them, with a pure core and a thin fetch shell.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 }); // a local server; leave out for the service
 * const pubnub = new PubNub({
 *   publishKey: "demo", subscribeKey: "demo", userId: "user-1",
 *   origin: server.origin, ssl: false,
 * });
 * const { result } = await pubnub.publish().channel("my_channel").message({ text: "hi" });
 * console.log(result.timetoken);
 * await pubnub.stop();
 * await server.close();
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
export type { Clock } from "./src/shell/clock.ts";
export type { PublisherOptions } from "./src/shell/publisher.ts";
export type { TransportOptions } from "./src/shell/transport.ts";
export type { Publish, Signal, Time } from "./src/shell/builders/publish_api.ts";
export type { PNRequest } from "./src/shell/builders/request_api.ts";
export type { PubNubOptions } from "./src/shell/pubnub.ts";
export type { Subscribe, Unsubscribe } from "./src/shell/builders/subscribe_api.ts";
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
export type { GetState, HereNow, SetState, WhereNow } from "./src/shell/builders/presence_api.ts";
export type {
  AddChannelToChannelGroup,
  ListChannelGroups,
  ListChannelsForChannelGroup,
  RemoveChannelFromChannelGroup,
  RemoveChannelGroup,
} from "./src/shell/builders/channel_groups_api.ts";
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
export type {
  DeleteMessages,
  FetchMessages,
  History,
  MessageCounts,
} from "./src/shell/builders/storage_api.ts";
export type {
  AddMessageAction,
  GetMessageActions,
  RemoveMessageAction,
} from "./src/shell/builders/message_actions_api.ts";
export type { PNHistoryItem, PNHistoryResult } from "./src/core/requests/history.ts";
export type { PNMessageCountsResult } from "./src/core/requests/message_counts.ts";
export type { PNDeleteMessagesResult } from "./src/core/requests/delete_messages.ts";
export type {
  PNGetMessageActionsResult,
  PNMessageAction,
  PNMessageActionsMore,
  PNRemoveMessageActionResult,
} from "./src/core/requests/message_actions.ts";
export { MessageCryptor } from "./src/shell/crypto/cryptor.ts";
export type { DecodedPayload, MessageCryptorOptions } from "./src/shell/crypto/cryptor.ts";

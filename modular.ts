/**
 * The SDK by feature: `createPubNub(config, features)` makes one client with the calls of the
 * features passed, and a browser bundle carries only their code. The calls are those of
 * `PubNub`, builders included (`pubnub.publish().channel(c).message(m)`, awaitable), and run on
 * the same code; `PubNub` is this client with every feature. Logging (`logLevel`) and request
 * signing (`secretKey`) are features too (`logging`, `signing`), so an app that needs neither
 * does not carry them.
 *
 * @example
 * ```ts
 * import { createPubNub, publishing, subscribing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub(
 *   { publishKey: "demo", subscribeKey: "demo", userId: "user-1" },
 *   [publishing, subscribing],
 * );
 * pubnub.addListener({ message: (_client, m) => console.log(m.message) });
 * console.log(pubnub.connectionState); // "disconnected"
 * await pubnub.stop();
 * ```
 *
 * @module
 */
export { createPubNub } from "./src/shell/features/client.ts";
export type { CallsOf, ClientOptions, Feature, PubNubClient } from "./src/shell/features/client.ts";
export { publishing } from "./src/shell/features/publishing.ts";
export type { PublishingCalls } from "./src/shell/features/publishing.ts";
export { signals } from "./src/shell/features/signals.ts";
export type { SignalCalls } from "./src/shell/features/signals.ts";
export { time } from "./src/shell/features/time.ts";
export type { TimeCalls } from "./src/shell/features/time.ts";
export { subscribing } from "./src/shell/features/subscribing.ts";
export type { SubscribingCalls } from "./src/shell/features/subscribing.ts";
export { heartbeats } from "./src/shell/features/heartbeats.ts";
export { gapRestore } from "./src/shell/features/gap_restore.ts";
export { presence } from "./src/shell/features/presence.ts";
export type { PresenceCalls } from "./src/shell/features/presence.ts";
export { presenceState } from "./src/shell/features/presence_state.ts";
export type { PresenceStateCalls } from "./src/shell/features/presence_state.ts";
export { channelGroups } from "./src/shell/features/channel_groups.ts";
export type { ChannelGroupCalls } from "./src/shell/features/channel_groups.ts";
export { history } from "./src/shell/features/history.ts";
export type { HistoryCalls } from "./src/shell/features/history.ts";
export { storage } from "./src/shell/features/storage.ts";
export type { StorageCalls } from "./src/shell/features/storage.ts";
export { messageActions } from "./src/shell/features/message_actions.ts";
export type { MessageActionCalls } from "./src/shell/features/message_actions.ts";
export { messageStreams } from "./src/shell/features/message_streams.ts";
export type { MessageStreamCalls, StreamOptions } from "./src/shell/features/message_streams.ts";
export { encryption } from "./src/shell/features/encryption.ts";
export { logging } from "./src/shell/features/logging.ts";
export { signing } from "./src/shell/features/signing.ts";

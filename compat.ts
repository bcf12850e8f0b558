/**
 * A drop-in for apps written against the official PubNub JavaScript SDK (`npm:pubnub`, v8+ API):
 * change the import, keep the code. The default export is a `PubNub` class with the official
 * pub/sub calls, listeners, entities and result shapes, running on this SDK's engine.
 *
 * @example
 * ```ts
 * import PubNub from "./compat.ts";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "user-1" });
 * pubnub.addListener({ message: (m) => console.log(m.channel, m.message) });
 * pubnub.subscribe({ channels: ["my_channel"] });
 * pubnub.destroy();
 * ```
 *
 * @module
 */
import PubNub from "./src/compat/pubnub.ts";

export { PubNubError } from "./src/compat/status.ts";
export type { PubNubConfiguration } from "./src/compat/config.ts";
export {
  Entity,
  Subscription,
  SubscriptionBase,
  SubscriptionSet,
} from "./src/compat/subscription.ts";
export type { EventTarget, Names, SubscriptionHub } from "./src/compat/subscription.ts";
export { PubNubChannelGroups } from "./src/compat/channel_groups.ts";
export { PubNubCalls } from "./src/compat/calls.ts";
export { PubNubStorageCalls } from "./src/compat/storage_calls.ts";
export { EventEmitter } from "./src/compat/emitter.ts";
export type { EventKind, EventOf } from "./src/compat/emitter.ts";
export { RetryPolicy } from "./src/compat/retry.ts";
export type {
  ExponentialRetryPolicyConfiguration,
  LinearRetryPolicyConfiguration,
  RequestRetryPolicy,
} from "./src/compat/retry.ts";
export { CATEGORIES, Endpoint, LogLevel, OPERATIONS } from "./src/compat/enums.ts";
export type {
  CompatCategory,
  CompatOperation,
  EndpointName,
  LogLevelValue,
} from "./src/compat/enums.ts";
export { CryptoModule } from "./src/compat/crypto.ts";
export type { CryptoModuleChoice } from "./src/compat/crypto.ts";
export type * from "./src/compat/types.ts";
export type * from "./src/compat/call_types.ts";
export { PubNub };
export default PubNub;

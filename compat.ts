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
export { PubNub };
export default PubNub;

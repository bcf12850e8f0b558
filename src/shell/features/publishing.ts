/**
 * The `publishing` feature: `publish()` and `fire()`, as on `PubNub`.
 *
 * @module
 */
import { PublishBuilder } from "../builders/publish.ts";
import type { Publish } from "../builders/publish_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `publishing` adds.
 *
 * @example
 * ```ts
 * import type { PublishingCalls } from "@pubnub-ts/pubsub/modular";
 * const send = (pubnub: PublishingCalls) => pubnub.publish().channel("ch").message("hi");
 * ```
 */
export interface PublishingCalls {
  /**
   * Publishes a message: `publish().channel(ch).message(m)` (awaitable, or `.future()`). With the
   * `encryption` feature and a `cipherKey` the message (not its meta) is encrypted.
   */
  publish(): Publish;
  /** Publishes a message that is delivered to no subscriber and not stored (for functions). */
  fire(): Publish;
}

/**
 * Publish and fire.
 *
 * @example
 * ```ts
 * import { createPubNub, publishing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" }, [publishing]);
 * const call = pubnub.publish().channel("news").message({ headline: "hi" });
 * await pubnub.stop();
 * ```
 */
export const publishing: Feature<PublishingCalls> = /* @__PURE__ */ defineFeature<PublishingCalls>({
  name: "publishing",
  install: (host) => ({
    publish: () => new PublishBuilder(host.sender, host.config, { encode: host.encodeMessage }),
    fire: () =>
      new PublishBuilder(host.sender, host.config, { fire: true, encode: host.encodeMessage }),
  }),
});

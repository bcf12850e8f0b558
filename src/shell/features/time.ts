/**
 * The `time` feature: `time()`, as on `PubNub`.
 *
 * @module
 */
import { TimeBuilder } from "../builders/time.ts";
import type { Time } from "../builders/publish_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `time` adds.
 *
 * @example
 * ```ts
 * import type { TimeCalls } from "@pubnub-ts/pubsub/modular";
 * const now = (pubnub: TimeCalls) => pubnub.time();
 * ```
 */
export interface TimeCalls {
  /** Asks the service for its current timetoken. */
  time(): Time;
}

/**
 * The service's clock.
 *
 * @example
 * ```ts
 * import { createPubNub, time } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [time]);
 * const call = pubnub.time();
 * await pubnub.stop();
 * ```
 */
export const time: Feature<TimeCalls> = /* @__PURE__ */ defineFeature<TimeCalls>({
  name: "time",
  install: (host) => ({ time: () => new TimeBuilder(host.sender) }),
});

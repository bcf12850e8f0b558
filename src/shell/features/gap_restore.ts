/**
 * The `gapRestore` feature: after an outage, the messages the service's catch-up window could
 * not hold are fetched from storage and delivered first, as `PubNub` does (the same back-fill).
 *
 * @module
 */
import { createGapRestorer } from "../gap_restorer.ts";
import { defineFeature, type Feature, requireFeature } from "./client.ts";

/**
 * Gap back-fill (with `subscribing`). After a long outage the service's catch-up keeps only the
 * newest 100 messages per channel; with this feature the client fetches the older ones from
 * storage and delivers them first, in order, each once, or reports on a
 * `PNRequestMessageCountExceededCategory` status what could not be restored. `restoreGaps`
 * defaults to `true` with the feature (`false` turns it off); without it gaps are not restored,
 * the default is `false`, and `restoreGaps: true` is refused when the client is made.
 *
 * @example
 * ```ts
 * import { createPubNub, gapRestore, subscribing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [subscribing, gapRestore]);
 * console.log(pubnub.config.restoreGaps); // true
 * await pubnub.stop();
 * ```
 */
export const gapRestore: Feature<Record<never, never>> = /* @__PURE__ */ defineFeature({
  name: "gapRestore",
  prepare: (host) => {
    requireFeature(host, "gapRestore", "subscribing");
    host.gapRestorer = createGapRestorer;
  },
  install: () => ({}),
});

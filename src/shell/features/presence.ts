/**
 * The `presence` feature: `hereNow()` and `whereNow()`, as on `PubNub`.
 *
 * @module
 */
import { HereNowBuilder } from "../builders/here_now.ts";
import { WhereNowBuilder } from "../builders/where_now.ts";
import type { HereNow, WhereNow } from "../builders/presence_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `presence` adds.
 *
 * @example
 * ```ts
 * import type { PresenceCalls } from "@pubnub-ts/pubsub/modular";
 * const who = (pubnub: PresenceCalls) => pubnub.hereNow().channels(["room"]);
 * ```
 */
export interface PresenceCalls {
  /** Who is present: `hereNow().channels([...]).includeUuids(true)`. */
  hereNow(): HereNow;
  /** The channels a user is present on: `whereNow().userId("u1")` (default: this client). */
  whereNow(): WhereNow;
}

/**
 * Who is where.
 *
 * @example
 * ```ts
 * import { createPubNub, presence } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [presence]);
 * const call = pubnub.hereNow().channels(["room"]).includeUuids(true);
 * await pubnub.stop();
 * ```
 */
export const presence: Feature<PresenceCalls> = /* @__PURE__ */ defineFeature<PresenceCalls>({
  name: "presence",
  install: (host) => ({
    hereNow: () => new HereNowBuilder(host.sender, host.config),
    whereNow: () => new WhereNowBuilder(host.sender, host.config),
  }),
});

/**
 * The `heartbeats` feature: with a `heartbeatInterval`, the client tells the service it is
 * still present on what it subscribed to, as `PubNub` does (the same heartbeat loop).
 *
 * @module
 */
import { PresenceLoop } from "../presence_loop.ts";
import { defineFeature, type Feature, requireFeature } from "./client.ts";

/**
 * Periodic heartbeats (with `subscribing`; `heartbeatInterval` sets the period, 0 = none).
 *
 * @example
 * ```ts
 * import { createPubNub, heartbeats, subscribing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub(
 *   { subscribeKey: "demo", userId: "u1", heartbeatInterval: 60 },
 *   [subscribing, heartbeats],
 * );
 * await pubnub.stop();
 * ```
 */
export const heartbeats: Feature<Record<never, never>> = /* @__PURE__ */ defineFeature({
  name: "heartbeats",
  prepare: (host) => {
    requireFeature(host, "heartbeats", "subscribing");
    host.heartbeats = (context) => new PresenceLoop(context);
  },
  install: () => ({}),
});

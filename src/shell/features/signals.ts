/**
 * The `signals` feature: `signal()`, as on `PubNub`.
 *
 * @module
 */
import { SignalBuilder } from "../builders/signal.ts";
import type { Signal } from "../builders/publish_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `signals` adds.
 *
 * @example
 * ```ts
 * import type { SignalCalls } from "@pubnub-ts/pubsub/modular";
 * const typing = (pubnub: SignalCalls) => pubnub.signal().channel("room").message("typing");
 * ```
 */
export interface SignalCalls {
  /** Sends a signal: a small message (≤ 64 bytes), never stored and never encrypted. */
  signal(): Signal;
}

/**
 * Signals.
 *
 * @example
 * ```ts
 * import { createPubNub, signals } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" }, [signals]);
 * const call = pubnub.signal().channel("room").message("typing");
 * await pubnub.stop();
 * ```
 */
export const signals: Feature<SignalCalls> = /* @__PURE__ */ defineFeature<SignalCalls>({
  name: "signals",
  install: (host) => ({ signal: () => new SignalBuilder(host.sender, host.config) }),
});

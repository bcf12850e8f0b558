/**
 * The `signing` feature: with a `secretKey`, every request that carries credentials is signed
 * (`timestamp` and a `v2` HMAC-SHA256 `signature`), as `PubNub` signs them.
 *
 * @module
 */
import { applySigningOptions } from "../../core/config.ts";
import { systemClock } from "../clock.ts";
import { requestSigner } from "../request_signer.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * Request signing (a client with a `secretKey` needs it; keep secret keys on servers).
 *
 * @example
 * ```ts
 * import { createPubNub, publishing, signing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub(
 *   { publishKey: "demo", subscribeKey: "demo", userId: "u1", secretKey: "secret" },
 *   [signing, publishing],
 * );
 * await pubnub.stop();
 * ```
 */
export const signing: Feature<Record<never, never>> = /* @__PURE__ */ defineFeature({
  name: "signing",
  options: applySigningOptions,
  transport: (config, options) => ({
    signedUrl: requestSigner(config, options.clock ?? systemClock),
  }),
  install: () => ({}),
});

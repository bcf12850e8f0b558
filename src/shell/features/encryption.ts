/**
 * The `encryption` feature: with a `cipherKey`, messages are encrypted when published and decrypted
 * when received or read from history, as `PubNub` does (the same cryptor).
 *
 * @module
 */
import { applyEncryptionOptions } from "../../core/config.ts";
import { MessageCryptor } from "../crypto/cryptor.ts";
import { refusingEncoder } from "../builders/encode_message.ts";
import { envelopeDecryption } from "../envelope_decryption.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * Message encryption (a client with a `cipherKey` needs it).
 *
 * @example
 * ```ts
 * import { createPubNub, encryption, publishing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub(
 *   { publishKey: "demo", subscribeKey: "demo", userId: "u1", cipherKey: "secret" },
 *   [encryption, publishing],
 * );
 * await pubnub.stop();
 * ```
 */
export const encryption: Feature<Record<never, never>> = /* @__PURE__ */ defineFeature({
  name: "encryption",
  options: applyEncryptionOptions,
  prepare: (host) => {
    const cipher = host.cipher = MessageCryptor.fromConfig(host.config);
    if (cipher) host.encodeMessage = refusingEncoder(cipher.encodePayload);
    host.decryption = cipher && envelopeDecryption(cipher.decodePayload);
  },
  install: () => ({}),
});

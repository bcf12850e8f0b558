/**
 * `PubNub.CryptoModule`: the official SDK's way of choosing a cryptor, mapped to our `cipherKey`
 * and `cryptor` options (both cryptors decrypt either format).
 *
 * @module
 */

/**
 * What `cryptoModule` takes: a key and the cryptor that encrypts.
 *
 * @example
 * ```ts
 * import { CryptoModule } from "@pubnub-ts/pubsub/compat";
 * const module = CryptoModule.aesCbcCryptoModule({ cipherKey: "secret" });
 * module.cryptor; // "aes-cbc"
 * ```
 */
export type CryptoModuleChoice = {
  readonly cipherKey: string;
  readonly cryptor: "legacy" | "aes-cbc";
  readonly useRandomIVs?: boolean;
};

/**
 * The crypto module constructors.
 *
 * @example
 * ```ts
 * import { CryptoModule } from "@pubnub-ts/pubsub/compat";
 * CryptoModule.legacyCryptoModule({ cipherKey: "secret" }).cryptor; // "legacy"
 * ```
 */
export const CryptoModule: {
  legacyCryptoModule(config: { cipherKey: string; useRandomIVs?: boolean }): CryptoModuleChoice;
  aesCbcCryptoModule(config: { cipherKey: string; useRandomIVs?: boolean }): CryptoModuleChoice;
} = {
  /** Encrypts with the legacy cryptor (AES-CBC, key from SHA-256 hex), decrypts both. */
  legacyCryptoModule: (config) => ({ ...config, cryptor: "legacy" }),
  /** Encrypts with the AES-CBC cryptor (with a header), decrypts both. */
  aesCbcCryptoModule: (config) => ({ ...config, cryptor: "aes-cbc" }),
};

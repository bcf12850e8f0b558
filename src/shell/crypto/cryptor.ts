import type { PNConfiguration } from "../../core/config.ts";
import {
  AES_CBC_CRYPTOR_ID,
  decodeBase64,
  encodeBase64,
  encodeCryptoHeader,
  LEGACY_CONSTANT_IV,
  legacyKeyFromDigest,
  parseCryptoHeader,
} from "../../core/crypto/header.ts";

/**
 * How to build a {@link MessageCryptor}.
 *
 * @example
 * ```ts
 * import type { MessageCryptorOptions } from "@pubnub-ts/pubsub";
 * const options: MessageCryptorOptions = { cipherKey: "myCipherKey", cryptor: "aes-cbc" };
 * ```
 */
export interface MessageCryptorOptions {
  /** The shared secret messages are encrypted with. */
  cipherKey: string;
  /** Cryptor used to encrypt: `legacy` (default) or `aes-cbc` (`ACRH`). Decrypting accepts both. */
  cryptor?: "legacy" | "aes-cbc";
  /** Legacy cryptor only: a random IV sent before the ciphertext (default `true`). */
  useRandomIVs?: boolean;
  /** Source of IVs; default `crypto.getRandomValues`. */
  randomBytes?: (length: number) => Uint8Array;
}

/**
 * What decoding a received payload gave: the decrypted message, or the payload as received and
 * the reason it could not be decrypted.
 *
 * @example
 * ```ts
 * import type { DecodedPayload } from "@pubnub-ts/pubsub";
 * const failed: DecodedPayload = { message: "garbage", error: "not base64" };
 * ```
 */
export interface DecodedPayload {
  /** The decrypted value, or the raw payload when `error` is set. */
  message: unknown;
  /** Why decryption failed; absent on success. */
  error?: string;
}

const BLOCK = 16;

/**
 * Message encryption with a cipher key, compatible with the PubNub SDKs, on WebCrypto
 * (`crypto.subtle`) only:
 *
 * - legacy cryptor: key = UTF-8 of the first 32 hex characters of `hex(sha256(cipherKey))`,
 *   AES-256-CBC/PKCS#7; constant IV `0123456789012345` → `base64(ciphertext)`, random IV →
 *   `base64(iv ‖ ciphertext)`;
 * - `ACRH` (AES-CBC crypto module): key = raw `sha256(cipherKey)`, random IV, framed with the
 *   `PNED` header.
 *
 * Decryption reads the header: a payload without `PNED` is legacy (in this client's IV mode).
 *
 * @example
 * ```ts
 * import { MessageCryptor } from "@pubnub-ts/pubsub";
 * const cryptor = new MessageCryptor({ cipherKey: "myCipherKey", useRandomIVs: false });
 * await cryptor.encrypt('{"such":"object"}'); // "toDEeIZkmIyoiLpSojGu7n3+2t1rn7/DsrEZ1r8JKR4="
 * await cryptor.decrypt("toDEeIZkmIyoiLpSojGu7n3+2t1rn7/DsrEZ1r8JKR4="); // '{"such":"object"}'
 * ```
 */
export class MessageCryptor {
  readonly #cipherKey: string;
  readonly #cryptor: "legacy" | "aes-cbc";
  readonly #useRandomIVs: boolean;
  readonly #randomBytes: (length: number) => Uint8Array;
  #legacyKey: Promise<CryptoKey> | undefined;
  #aesCbcKey: Promise<CryptoKey> | undefined;

  /** Creates a cryptor; throws a `TypeError` for an empty cipher key. */
  constructor(options: MessageCryptorOptions) {
    if (typeof options.cipherKey !== "string" || options.cipherKey === "") {
      throw new TypeError("a cipher key must be a non-empty string");
    }
    this.#cipherKey = options.cipherKey;
    this.#cryptor = options.cryptor ?? "legacy";
    this.#useRandomIVs = options.useRandomIVs ?? true;
    this.#randomBytes = options.randomBytes ??
      ((length) => crypto.getRandomValues(new Uint8Array(length)));
  }

  /**
   * The cryptor a client configuration asks for, or `undefined` without a `cipherKey`.
   *
   * @example
   * ```ts
   * import { MessageCryptor } from "@pubnub-ts/pubsub";
   * import { PNConfiguration } from "@pubnub-ts/pubsub";
   * const config = new PNConfiguration({ subscribeKey: "s", userId: "u", cipherKey: "k" });
   * MessageCryptor.fromConfig(config) instanceof MessageCryptor; // true
   * ```
   */
  static fromConfig(config: PNConfiguration): MessageCryptor | undefined {
    if (config.cipherKey === undefined) return undefined;
    return new MessageCryptor({
      cipherKey: config.cipherKey,
      cryptor: config.cryptor,
      useRandomIVs: config.useRandomIVs,
    });
  }

  /** Encrypts text (UTF-8) with the configured cryptor; returns base64. */
  async encrypt(plaintext: string): Promise<string> {
    const data = new TextEncoder().encode(plaintext);
    if (this.#cryptor === "aes-cbc") {
      const iv = this.#iv();
      const ciphertext = await aesCbc("encrypt", await this.#aesCbc(), iv, data);
      return encodeBase64(encodeCryptoHeader(AES_CBC_CRYPTOR_ID, iv, ciphertext));
    }
    const iv = this.#useRandomIVs ? this.#iv() : LEGACY_CONSTANT_IV;
    const ciphertext = await aesCbc("encrypt", await this.#legacy(), iv, data);
    return encodeBase64(this.#useRandomIVs ? concat(iv, ciphertext) : ciphertext);
  }

  /**
   * Decrypts a base64 payload from either cryptor; returns the text. Throws an `Error` that says
   * why (not base64, unknown header, wrong key or tampered data, not UTF-8).
   */
  async decrypt(base64: string): Promise<string> {
    const bytes = decodeBase64(base64);
    if (!bytes) throw new Error("decryption failed: the payload is not base64");
    const parsed = parseCryptoHeader(bytes);
    if (parsed.kind === "invalid") throw new Error(`decryption failed: ${parsed.reason}`);
    let plain: Uint8Array;
    if (parsed.kind === "header") {
      const { cryptorId, metadata, length } = parsed.header;
      if (cryptorId !== AES_CBC_CRYPTOR_ID) {
        throw new Error(`decryption failed: unknown cryptor "${cryptorId}" in the crypto header`);
      }
      if (metadata.length !== BLOCK) {
        throw new Error(`decryption failed: the ACRH IV is ${metadata.length} bytes, not 16`);
      }
      plain = await this.#open(await this.#aesCbc(), metadata, bytes.subarray(length));
    } else if (this.#useRandomIVs) {
      if (bytes.length < 2 * BLOCK) {
        throw new Error("decryption failed: the payload is too short to hold an IV and a block");
      }
      plain = await this.#open(
        await this.#legacy(),
        bytes.subarray(0, BLOCK),
        bytes.subarray(BLOCK),
      );
    } else {
      plain = await this.#open(await this.#legacy(), LEGACY_CONSTANT_IV, bytes);
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(plain);
    } catch {
      throw new Error(
        "decryption failed: the plaintext is not UTF-8 (wrong cipher key or tampered data)",
      );
    }
  }

  /**
   * Encrypts a message's JSON for publish: the result is the JSON string of the base64
   * ciphertext (a `PayloadEncoder`).
   *
   * @example
   * ```ts
   * import { MessageCryptor } from "@pubnub-ts/pubsub";
   * const cryptor = new MessageCryptor({ cipherKey: "myCipherKey", useRandomIVs: false });
   * await cryptor.encodePayload('{"such":"object"}'); // '"toDEeIZkmIyoiLpSojGu7n3+2t1rn7/DsrEZ1r8JKR4="'
   * ```
   */
  encodePayload = async (json: string): Promise<string> => JSON.stringify(await this.encrypt(json));

  /**
   * Decrypts a received payload. A string is decrypted and its text parsed as JSON; anything
   * else (a message sent without encryption) is returned as is. Never throws: a failure comes
   * back as the raw payload with `error` set.
   *
   * @example
   * ```ts
   * import { MessageCryptor } from "@pubnub-ts/pubsub";
   * const cryptor = new MessageCryptor({ cipherKey: "myCipherKey", useRandomIVs: false });
   * await cryptor.decodePayload("toDEeIZkmIyoiLpSojGu7n3+2t1rn7/DsrEZ1r8JKR4="); // { message: { such: "object" } }
   * (await cryptor.decodePayload("bm90IGVuY3J5cHRlZA==")).error; // "decryption failed: ..."
   * ```
   */
  decodePayload = async (payload: unknown): Promise<DecodedPayload> => {
    if (typeof payload !== "string") return { message: payload };
    let text: string;
    try {
      text = await this.decrypt(payload);
    } catch (error) {
      return { message: payload, error: (error as Error).message };
    }
    try {
      return { message: JSON.parse(text) };
    } catch {
      return {
        message: payload,
        error: "decryption failed: the plaintext is not JSON (wrong cipher key or tampered data)",
      };
    }
  };

  #iv(): Uint8Array {
    const iv = this.#randomBytes(BLOCK);
    if (iv.length !== BLOCK) throw new RangeError("randomBytes returned the wrong length");
    return iv;
  }

  async #open(key: CryptoKey, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
    if (ciphertext.length === 0 || ciphertext.length % BLOCK !== 0) {
      throw new Error(
        `decryption failed: the ciphertext is ${ciphertext.length} bytes, not a positive multiple of 16 (truncated or tampered)`,
      );
    }
    try {
      return await aesCbc("decrypt", key, iv, ciphertext);
    } catch {
      throw new Error("decryption failed: bad padding (wrong cipher key or tampered data)");
    }
  }

  #legacy(): Promise<CryptoKey> {
    this.#legacyKey ??= sha256(this.#cipherKey).then((digest) =>
      importAesKey(legacyKeyFromDigest(digest))
    );
    return this.#legacyKey;
  }

  #aesCbc(): Promise<CryptoKey> {
    this.#aesCbcKey ??= sha256(this.#cipherKey).then(importAesKey);
    return this.#aesCbcKey;
  }
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw as BufferSource, { name: "AES-CBC" }, false, [
    "encrypt",
    "decrypt",
  ]);
}

async function aesCbc(
  mode: "encrypt" | "decrypt",
  key: CryptoKey,
  iv: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  const params = { name: "AES-CBC", iv: iv as BufferSource };
  const out = mode === "encrypt"
    ? await crypto.subtle.encrypt(params, key, data as BufferSource)
    : await crypto.subtle.decrypt(params, key, data as BufferSource);
  return new Uint8Array(out);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

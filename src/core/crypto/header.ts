/**
 * The pure parts of message encryption (docs/protocol.md "Message encryption"): the `PNED` crypto
 * header, base64, and the legacy cryptor's key derivation from a SHA-256 digest. No randomness and
 * no WebCrypto here: IVs and digests come in as arguments; the shell (`src/shell/crypto/`) does the
 * cipher work.
 *
 * @module
 */

/** The 4-byte sentinel that opens a crypto header. */
const SENTINEL = [0x50, 0x4e, 0x45, 0x44]; // "PNED"

/**
 * The only header version defined.
 *
 * @example
 * ```ts
 * import { CRYPTO_HEADER_VERSION } from "./header.ts";
 * CRYPTO_HEADER_VERSION; // 1
 * ```
 */
export const CRYPTO_HEADER_VERSION = 1;

/**
 * The cryptor id of the AES-CBC crypto module.
 *
 * @example
 * ```ts
 * import { AES_CBC_CRYPTOR_ID } from "./header.ts";
 * AES_CBC_CRYPTOR_ID; // "ACRH"
 * ```
 */
export const AES_CBC_CRYPTOR_ID = "ACRH";

/**
 * The legacy cryptor's constant IV (`useRandomIVs: false`).
 *
 * @example
 * ```ts
 * import { LEGACY_CONSTANT_IV } from "./header.ts";
 * LEGACY_CONSTANT_IV.length; // 16
 * ```
 */
export const LEGACY_CONSTANT_IV: Uint8Array = /* @__PURE__ */ new TextEncoder().encode(
  "0123456789012345",
);

/**
 * A parsed crypto header: which cryptor, its metadata (for `ACRH`, the IV), and where the
 * ciphertext starts.
 *
 * @example
 * ```ts
 * import type { CryptoHeader } from "./header.ts";
 * const header: CryptoHeader = { cryptorId: "ACRH", metadata: new Uint8Array(16), length: 26 };
 * ```
 */
export interface CryptoHeader {
  /** Four ASCII characters, e.g. `ACRH`. */
  cryptorId: string;
  /** The cryptor's metadata. */
  metadata: Uint8Array;
  /** Header size in bytes, metadata included: the ciphertext follows. */
  length: number;
}

/**
 * What reading a payload's header found: no header (a legacy payload), a header, or a header
 * that cannot be read (with the reason).
 *
 * @example
 * ```ts
 * import type { HeaderParse } from "./header.ts";
 * const legacy: HeaderParse = { kind: "none" };
 * ```
 */
export type HeaderParse =
  | { kind: "none" }
  | { kind: "header"; header: CryptoHeader }
  | { kind: "invalid"; reason: string };

/**
 * Frames a payload: `"PNED"` ‖ version 1 ‖ cryptor id ‖ metadata length (1 byte if < 255, else
 * `0xFF` + 2 bytes big-endian) ‖ metadata ‖ ciphertext.
 *
 * @example
 * ```ts
 * import { encodeCryptoHeader } from "./header.ts";
 * const framed = encodeCryptoHeader("ACRH", new Uint8Array(16), new Uint8Array(16));
 * framed.length; // 4 + 1 + 4 + 1 + 16 + 16 = 42
 * ```
 */
export function encodeCryptoHeader(
  cryptorId: string,
  metadata: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  const id = new TextEncoder().encode(cryptorId);
  if (id.length !== 4) throw new RangeError(`cryptor id "${cryptorId}" is not 4 bytes`);
  if (metadata.length > 0xffff) throw new RangeError("crypto header metadata over 65535 bytes");
  const size = metadata.length < 255 ? [metadata.length] : [
    0xff,
    metadata.length >> 8,
    metadata.length & 0xff,
  ];
  const out = new Uint8Array(4 + 1 + 4 + size.length + metadata.length + ciphertext.length);
  let at = 0;
  out.set(SENTINEL, at);
  at += 4;
  out[at++] = CRYPTO_HEADER_VERSION;
  out.set(id, at);
  at += 4;
  out.set(size, at);
  at += size.length;
  out.set(metadata, at);
  at += metadata.length;
  out.set(ciphertext, at);
  return out;
}

/**
 * Reads the crypto header of a decoded payload. A payload that does not start with `PNED` has
 * none (it is legacy); one that does but is cut short or of an unknown version is invalid.
 *
 * @example
 * ```ts
 * import { encodeCryptoHeader, parseCryptoHeader } from "./header.ts";
 * const framed = encodeCryptoHeader("ACRH", new Uint8Array(16), new Uint8Array(16));
 * const parsed = parseCryptoHeader(framed);
 * parsed.kind === "header" && parsed.header.length; // 26
 * parseCryptoHeader(new Uint8Array(32)).kind; // "none"
 * ```
 */
export function parseCryptoHeader(bytes: Uint8Array): HeaderParse {
  if (bytes.length < 4 || SENTINEL.some((b, i) => bytes[i] !== b)) return { kind: "none" };
  if (bytes.length < 10) return { kind: "invalid", reason: "the crypto header is cut short" };
  const version = bytes[4];
  if (version !== CRYPTO_HEADER_VERSION) {
    return { kind: "invalid", reason: `unknown crypto header version ${version}` };
  }
  const cryptorId = String.fromCharCode(...bytes.subarray(5, 9));
  let at = 9;
  let size = bytes[at++];
  if (size === 0xff) {
    if (bytes.length < at + 2) {
      return { kind: "invalid", reason: "the crypto header is cut short" };
    }
    size = (bytes[at] << 8) | bytes[at + 1];
    at += 2;
  }
  if (bytes.length < at + size) {
    return { kind: "invalid", reason: "the crypto header's metadata is cut short" };
  }
  return {
    kind: "header",
    header: { cryptorId, metadata: bytes.slice(at, at + size), length: at + size },
  };
}

/**
 * The legacy cryptor's AES key: the UTF-8 bytes of the first 32 hex characters of the cipher
 * key's SHA-256 digest (so 32 bytes, each an ASCII hex digit).
 *
 * @example
 * ```ts
 * import { legacyKeyFromDigest } from "./header.ts";
 * const key = legacyKeyFromDigest(new Uint8Array(32).fill(0xab));
 * new TextDecoder().decode(key); // "abababababababababababababababab"
 * ```
 */
export function legacyKeyFromDigest(digest: Uint8Array): Uint8Array {
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return new TextEncoder().encode(hex.slice(0, 32));
}

/**
 * Standard base64 (with padding) of bytes.
 *
 * @example
 * ```ts
 * import { encodeBase64 } from "./header.ts";
 * encodeBase64(new Uint8Array([1, 2, 3])); // "AQID"
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Decodes standard base64 (padding optional); `undefined` when the text is not base64.
 *
 * @example
 * ```ts
 * import { decodeBase64 } from "./header.ts";
 * decodeBase64("AQID"); // Uint8Array [1, 2, 3]
 * decodeBase64("not base64!"); // undefined
 * ```
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

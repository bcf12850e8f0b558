import { encodeComponent } from "./encoding.ts";

/**
 * The service's default limit for a published message: 32 KiB of escaped request.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_MESSAGE_SIZE } from "./size.ts";
 * console.log(DEFAULT_MAX_MESSAGE_SIZE);
 * ```
 */
export const DEFAULT_MAX_MESSAGE_SIZE = 32768;

/**
 * The service's limit for a signal's payload, in bytes.
 *
 * @example
 * ```ts
 * import { MAX_SIGNAL_SIZE } from "./size.ts";
 * console.log(MAX_SIGNAL_SIZE);
 * ```
 */
export const MAX_SIGNAL_SIZE = 64;

/**
 * The parts of a publish request that count toward the size limit, already serialised to JSON.
 *
 * @example
 * ```ts
 * import type { PublishSizeParts } from "./size.ts";
 * const parts: PublishSizeParts = { channel: "ch", json: '"hi"' };
 * ```
 */
export interface PublishSizeParts {
  /** The channel name, unescaped. */
  channel: string;
  /** The message as JSON text (after encryption, when a cipher key is used). */
  json: string;
  /** The meta object as JSON text, when sent. */
  metaJson?: string;
}

/**
 * The size a publish request counts against the limit: the escaped character count of the channel,
 * the message and the meta, whatever the method (GET or POST), so a message that is refused in one
 * form is refused in the other.
 *
 * @example
 * ```ts
 * import { publishSize } from "./size.ts";
 * publishSize({ channel: "my ch", json: '"hi"' }); // 7 + 8 = 15
 * ```
 */
export function publishSize(parts: PublishSizeParts): number {
  return encodedPublishSize(
    encodeComponent(parts.channel),
    encodeComponent(parts.json),
    parts.metaJson,
  );
}

/**
 * {@link publishSize} for a caller that has already escaped the channel and the message (the
 * request builder needs them for the path anyway, and a 32 KiB message is worth escaping once).
 *
 * @example
 * ```ts
 * import { encodedPublishSize } from "./size.ts";
 * encodedPublishSize("my%20ch", "%22hi%22"); // 15
 * ```
 */
export function encodedPublishSize(
  encodedChannel: string,
  encodedJson: string,
  metaJson?: string,
): number {
  let size = encodedChannel.length + encodedJson.length;
  if (metaJson !== undefined) size += encodeComponent(metaJson).length;
  return size;
}

/**
 * The size a signal counts against its 64-byte limit: the UTF-8 bytes of its JSON payload.
 *
 * @example
 * ```ts
 * import { signalSize } from "./size.ts";
 * signalSize('"héllo"'); // 8
 * ```
 */
export function signalSize(json: string): number {
  return utf8Length(json);
}

/**
 * Number of bytes a string takes in UTF-8, computed without allocating.
 *
 * @example
 * ```ts
 * import { utf8Length } from "./size.ts";
 * utf8Length("é"); // 2
 * ```
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The message encoder a publish builder is given (encryption): the app's or the cryptor's
 * encoder, with its failures refused as validation errors that say what went wrong. Only a
 * client that encrypts carries it.
 *
 * @module
 */
import { describeValue } from "../../core/describe_value.ts";
import { refuse } from "../../core/requests/publish.ts";

/**
 * A message encoder applied before sending (encryption); returns the JSON text to send.
 *
 * @example
 * ```ts
 * import type { PayloadEncoder } from "./encode_message.ts";
 * const identity: PayloadEncoder = async (json) => json;
 * ```
 */
export type PayloadEncoder = (json: string) => Promise<string>;

/**
 * Encodes a message's JSON for a publish or a fire, or throws the validation error to give its
 * caller.
 *
 * @example
 * ```ts
 * import type { MessageEncoder } from "./encode_message.ts";
 * const identity: MessageEncoder = async (json) => json;
 * ```
 */
export type MessageEncoder = (
  json: string,
  operation: "PNPublishOperation" | "PNFireOperation",
) => Promise<string>;

/**
 * `encode`, refusing what it throws (with the thrown error as cause) and what it returns that
 * is not text.
 *
 * @example
 * ```ts
 * import { refusingEncoder } from "./encode_message.ts";
 * const encode = refusingEncoder(async (json) => JSON.stringify(json));
 * await encode('{"a":1}', "PNPublishOperation"); // '"{\\"a\\":1}"'
 * ```
 */
export function refusingEncoder(encode: PayloadEncoder): MessageEncoder {
  return async (json, operation) => {
    let encoded: unknown;
    try {
      encoded = await encode(json);
    } catch (error) {
      throw refuse(
        operation,
        `encrypting the message failed: ${
          error instanceof Error ? error.message : describeValue(error)
        }`,
        { cause: error },
      );
    }
    if (typeof encoded !== "string") {
      throw refuse(
        operation,
        `the message encoder returned ${describeValue(encoded)}, not JSON text`,
      );
    }
    return encoded;
  };
}

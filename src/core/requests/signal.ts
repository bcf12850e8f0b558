import { encodeComponent } from "../encoding.ts";
import type { RequestDescription } from "../request.ts";
import { MAX_SIGNAL_SIZE, signalSize } from "../size.ts";
import { checkTarget, refuse } from "./publish.ts";

/**
 * What a signal sends. Signals are never encrypted and never stored.
 *
 * @example
 * ```ts
 * import type { SignalParams } from "./signal.ts";
 * const params: SignalParams = { publishKey: "pub", subscribeKey: "sub", channel: "ch", payloadJson: '"typing"' };
 * ```
 */
export interface SignalParams {
  /** Key used to publish. */
  publishKey: string | undefined;
  /** Key of the keyset. */
  subscribeKey: string;
  /** Target channel. */
  channel: string;
  /** The payload as JSON text. */
  payloadJson: string;
  /** A custom message type, sent as `custom_message_type`. */
  customMessageType?: string;
}

/**
 * Builds a signal request, refusing a payload over 64 bytes before anything is sent.
 *
 * @example
 * ```ts
 * import { buildSignalRequest } from "./signal.ts";
 * buildSignalRequest({ publishKey: "pub", subscribeKey: "sub", channel: "ch", payloadJson: '"hi"' }).path;
 * // "/signal/pub/sub/0/ch/0/%22hi%22"
 * ```
 */
export function buildSignalRequest(params: SignalParams): RequestDescription {
  const operation = "PNSignalOperation";
  checkTarget(operation, params.publishKey, params.channel);
  const size = signalSize(params.payloadJson);
  if (size > MAX_SIGNAL_SIZE) {
    throw refuse(
      operation,
      `payload too large: ${size} bytes of JSON, the limit is ${MAX_SIGNAL_SIZE}`,
    );
  }
  const query: Record<string, string> = {};
  if (params.customMessageType) query.custom_message_type = params.customMessageType;
  const payload = encodeComponent(params.payloadJson);
  return {
    operation,
    method: "GET",
    path: `/signal/${encodeComponent(params.publishKey!)}/${
      encodeComponent(params.subscribeKey)
    }/0/${encodeComponent(params.channel)}/0/${payload}`,
    query,
    channels: [params.channel],
    messageLength: payload.length,
  };
}

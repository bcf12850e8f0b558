import { operationName } from "../classify.ts";
import { describeValue } from "../describe_value.ts";
import { encodeComponent } from "../encoding.ts";
import { PubNubError } from "../error.ts";
import { serializeMessage } from "../json.ts";
import { malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { encodedPublishSize } from "../size.ts";
import { isTimetoken } from "../timetoken.ts";
import { MAX_URI_LENGTH } from "../uri_limit.ts";
import type { PNOperationTypeName } from "../categories.ts";

/**
 * What a publish (or fire) sends, with the message already serialised to JSON.
 *
 * @example
 * ```ts
 * import type { PublishParams } from "./publish.ts";
 * const params: PublishParams = { publishKey: "pub", subscribeKey: "sub", channel: "ch", payloadJson: '"hi"', maxMessageSize: 32768 };
 * ```
 */
export interface PublishParams {
  /** Key used to publish. */
  publishKey: string | undefined;
  /** Key of the keyset. */
  subscribeKey: string;
  /** Target channel. */
  channel: string;
  /** The message as JSON text (encrypted and re-serialised when a cipher key is used). */
  payloadJson: string;
  /** Meta as JSON text (an object), sent as the `meta` query parameter. */
  metaJson?: string;
  /** Store in history (`store=1`/`0`); absent: the keyset's default. */
  shouldStore?: boolean;
  /** Hours to keep the message in history. */
  ttl?: number;
  /** Send the message in a POST body instead of the path. */
  usePost?: boolean;
  /** `false`: not replicated to other regions (`norep=true`); fire sends it. */
  replicate?: boolean;
  /** Publish with this timetoken instead of the service's clock (`ptto`). */
  ptto?: string;
  /** A custom message type, sent as `custom_message_type`. */
  customMessageType?: string;
  /** Client-side size limit (escaped characters, channel included). */
  maxMessageSize: number;
  /** Per-client sequence number, sent as `seqn`. */
  sequenceNumber?: number;
  /** Which operation this is: publish or fire. */
  operation?: PNOperationTypeName;
}

/**
 * Serialises a message or meta object for publishing, with a clear error for what JSON cannot
 * hold (and, as its `cause`, what the value threw when it was read). Serialising stops once the
 * JSON is longer than `maxLength`: escaping only lengthens it, so it could not be sent.
 *
 * @example
 * ```ts
 * import { serializeForPublish } from "./publish.ts";
 * serializeForPublish("PNPublishOperation", { a: 1 }); // '{"a":1}'
 * ```
 */
export function serializeForPublish(
  operation: PNOperationTypeName,
  value: unknown,
  name = "message",
  maxLength = MAX_URI_LENGTH,
): string {
  const result = serializeMessage(value, name, maxLength);
  if (!result.ok) {
    throw refuse(
      operation,
      result.reason,
      "cause" in result ? { cause: result.cause } : undefined,
    );
  }
  return result.json;
}

/**
 * Checks that a meta value is a plain object and serialises it.
 *
 * @example
 * ```ts
 * import { serializeMeta } from "./publish.ts";
 * serializeMeta("PNPublishOperation", { lang: "en" }); // '{"lang":"en"}'
 * ```
 */
export function serializeMeta(
  operation: PNOperationTypeName,
  meta: unknown,
  maxLength = MAX_URI_LENGTH,
): string {
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
    throw refuse(operation, `meta must be a plain object, got ${describeValue(meta)}`);
  }
  return serializeForPublish(operation, meta, "meta", maxLength);
}

/**
 * Builds a publish or fire request (docs/protocol.md "Publish, signal and fire"), refusing an empty
 * channel, a missing publish key or a message over the size limit before anything is sent.
 *
 * @example
 * ```ts
 * import { buildPublishRequest } from "./publish.ts";
 * const request = buildPublishRequest({ publishKey: "pub", subscribeKey: "sub", channel: "ch", payloadJson: '"hi"', maxMessageSize: 32768 });
 * request.path; // "/publish/pub/sub/0/ch/0/%22hi%22"
 * ```
 */
export function buildPublishRequest(params: PublishParams): RequestDescription {
  const operation = params.operation ??
    (params.replicate === false ? "PNFireOperation" : "PNPublishOperation");
  checkTarget(operation, params.publishKey, params.channel);
  // Escaped once: the size rule counts the escaped form, and the path is made of it.
  const encodedChannel = encodeComponent(params.channel);
  const encodedPayload = encodeComponent(params.payloadJson);
  const size = encodedPublishSize(encodedChannel, encodedPayload, params.metaJson);
  if (size > params.maxMessageSize) {
    throw refuse(
      operation,
      `message too large for channel ${
        describeValue(params.channel)
      }: ${size} escaped characters (channel and meta included), the limit is ${params.maxMessageSize}`,
    );
  }
  if (params.ttl !== undefined && (!Number.isInteger(params.ttl) || params.ttl < 0)) {
    throw refuse(
      operation,
      `ttl must be a whole number of hours, got ${describeValue(params.ttl)}`,
    );
  }

  if (params.ptto !== undefined && !isTimetoken(params.ptto)) {
    throw refuse(
      operation,
      `ptto must be a timetoken (a string of up to 19 digits), got ${describeValue(params.ptto)}`,
    );
  }

  const query: Record<string, string> = {};
  if (params.customMessageType) query.custom_message_type = params.customMessageType;
  if (params.shouldStore !== undefined) query.store = params.shouldStore ? "1" : "0";
  if (params.ttl !== undefined) query.ttl = String(params.ttl);
  if (params.replicate === false) query.norep = "true";
  if (params.ptto !== undefined) query.ptto = params.ptto;
  if (params.metaJson !== undefined) query.meta = params.metaJson;
  if (params.sequenceNumber !== undefined) query.seqn = String(params.sequenceNumber);

  const base = `/publish/${encodeComponent(params.publishKey!)}/${
    encodeComponent(params.subscribeKey)
  }/0/${encodedChannel}/0`;
  // Each shape made whole at once: a property added afterwards costs the object a new layout.
  return params.usePost
    ? {
      operation,
      method: "POST",
      path: base,
      query,
      headers: { "Content-Type": "application/json" },
      body: params.payloadJson,
      channels: [params.channel],
    }
    : {
      operation,
      method: "GET",
      path: `${base}/${encodedPayload}`,
      query,
      channels: [params.channel],
      messageLength: encodedPayload.length,
    };
}

/**
 * The result of a publish, fire or signal: the timetoken the service gave the message.
 *
 * @example
 * ```ts
 * import type { PNPublishResult } from "@pubnub-ts/pubsub";
 * const result: PNPublishResult = { timetoken: "17000000000000000" };
 * ```
 */
export interface PNPublishResult {
  /** 17-digit timetoken, as a string. */
  timetoken: string;
}

/**
 * Parses a publish, fire or signal answer: `[1,"Sent","17000000000000000"]`.
 *
 * @example
 * ```ts
 * import { parsePublishResponse } from "./publish.ts";
 * parsePublishResponse([1, "Sent", "17000000000000000"]); // { ok: true, value: { timetoken: "17000000000000000" } }
 * ```
 */
export function parsePublishResponse(data: unknown): ParseResult<PNPublishResult> {
  if (!Array.isArray(data) || data.length < 3) {
    return malformed('expected [1, "Sent", "<timetoken>"]');
  }
  if (data[0] !== 1) {
    return malformed(`the service did not accept the message: ${JSON.stringify(data[1])}`);
  }
  const timetoken = typeof data[2] === "number" ? undefined : data[2];
  if (!isTimetoken(timetoken)) {
    return malformed(`expected a timetoken string, got ${JSON.stringify(data[2])}`);
  }
  return parsed({ timetoken });
}

/**
 * Checks the publish key and the channel shared by publish, fire and signal.
 *
 * @example
 * ```ts
 * import { checkTarget } from "./publish.ts";
 * checkTarget("PNSignalOperation", "pub", "ch"); // passes
 * ```
 */
export function checkTarget(
  operation: PNOperationTypeName,
  publishKey: string | undefined,
  channel: string,
): void {
  const problem = !publishKey
    ? "publishKey is missing from the configuration"
    : channel === undefined || channel === ""
    ? "channel is empty"
    : typeof channel !== "string"
    ? `channel must be text, got ${describeValue(channel)}`
    : !channel.isWellFormed()
    ? `channel "${channel.toWellFormed()}" contains an unpaired UTF-16 surrogate, which cannot be sent in a URL`
    : undefined;
  if (problem) throw refuse(operation, problem);
}

/**
 * The validation error of a publish, fire or signal: `Cannot publish: <reason>` (`options.cause`
 * is what was thrown while reading the caller's input, when something was).
 *
 * @example
 * ```ts
 * import { refuse } from "./publish.ts";
 * refuse("PNFireOperation", "channel is empty").message; // "Cannot fire: channel is empty"
 * ```
 */
export function refuse(
  operation: PNOperationTypeName,
  reason: string,
  options?: ErrorOptions,
): PubNubError {
  const verb = operationName(operation).toLowerCase();
  return PubNubError.validation(operation, `Cannot ${verb}: ${reason}`, options);
}

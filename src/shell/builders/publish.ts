import type { PNConfiguration } from "../../core/config.ts";
import {
  buildPublishRequest,
  parsePublishResponse,
  type PNPublishResult,
  type PublishParams,
  serializeForPublish,
  serializeMeta,
} from "../../core/requests/publish.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { JsonCompatible } from "../../core/json_value.ts";
import type { RequestDescription } from "../../core/request.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { Publish } from "./publish_api.ts";
import type { MessageEncoder } from "./encode_message.ts";

/**
 * The publish builder: `pubnub.publish().channel("ch").message({...}).future()`.
 *
 * The implementation of {@link Publish}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.publish().channel("ch").message({ text: "hi" }).meta({ lang: "en" }).future();
 * console.log(result.timetoken);
 * ```
 */
export class PublishBuilder extends Endpoint<PNPublishResult> implements Publish {
  readonly #config: PNConfiguration;
  readonly #encode: MessageEncoder | undefined;
  readonly #fire: boolean;
  /** What the setters set, as `buildPublishRequest` reads it. */
  readonly #params: Partial<PublishParams> & { channel: string };
  #message: unknown;
  #meta: unknown;

  /** Use `pubnub.publish()` or `pubnub.fire()`. */
  constructor(
    sender: RequestSender,
    config: PNConfiguration,
    options: { fire?: boolean; encode?: MessageEncoder } = {},
  ) {
    super(sender);
    this.#config = config;
    this.#encode = options.encode;
    const fire = this.#fire = options.fire === true;
    this.#params = { channel: "", replicate: !fire, shouldStore: fire ? false : undefined };
  }

  /** The channel to publish to. */
  channel(channel: string): this {
    this.#params.channel = channel;
    return this;
  }

  /**
   * The message: a JSON value (not pre-serialised JSON). What JSON would change or lose is
   * refused: at compile time by its type (`undefined`, a `Map`, a `Set`, a `Date`, a typed
   * array, a function), and when sending with a validation error, nothing sent (the same,
   * anywhere in the value, and instances of classes with no `toJSON()`).
   */
  message<M>(message: M & JsonCompatible<M>): this {
    this.#message = message;
    return this;
  }

  /** Meta object, sent beside the message (used by filter expressions). */
  meta(meta: Record<string, unknown>): this {
    this.#meta = meta;
    return this;
  }

  /** Store in history (`true`) or not; unset: the keyset's default. */
  shouldStore(store: boolean): this {
    this.#params.shouldStore = store;
    return this;
  }

  /** Hours to keep the message in history. */
  ttl(hours: number): this {
    this.#params.ttl = hours;
    return this;
  }

  /** Send the message in a POST body instead of the URL. */
  usePost(usePost: boolean): this {
    this.#params.usePost = usePost;
    return this;
  }

  /**
   * `false`: deliver only in the region that received it, not replicated (`norep=true`).
   * Independent of `shouldStore`. Fire never replicates.
   */
  replicate(replicate: boolean): this {
    if (!this.#fire) this.#params.replicate = replicate;
    return this;
  }

  /** Publish with this timetoken (a string of digits) instead of the service's clock (`ptto`). */
  ptto(timetoken: string | bigint): this {
    this.#params.ptto = timetokenText(timetoken);
    return this;
  }

  /** A custom message type label. */
  customMessageType(type: string): this {
    this.#params.customMessageType = type;
    return this;
  }

  /**
   * Builds the request; the encoder (encryption) runs first, so the size limit applies to what
   * is sent. Throws a validation `PubNubError` (nothing sent) on bad input.
   */
  protected override prepare(): RequestDescription | Promise<RequestDescription> {
    const operation = this.#fire ? "PNFireOperation" : "PNPublishOperation";
    const config = this.#config;
    // JSON longer than the size limit is refused as soon as it is: escaping only lengthens it.
    const limit = config.maxMessageSize;
    const payloadJson = serializeForPublish(operation, this.#message, "message", limit);
    // A builder is sent once: its parameters are completed in place, not copied.
    const params = this.#params as PublishParams;
    params.operation = operation;
    params.publishKey = config.publishKey;
    params.subscribeKey = config.subscribeKey;
    params.metaJson = this.#meta === undefined
      ? undefined
      : serializeMeta(operation, this.#meta, limit);
    params.maxMessageSize = limit;
    // Built at once unless there is an encoder (encryption is asynchronous).
    const encode = this.#encode;
    if (!encode) {
      params.payloadJson = payloadJson;
      return buildPublishRequest(params);
    }
    return encode(payloadJson, operation).then((encoded) => {
      params.payloadJson = encoded;
      return buildPublishRequest(params);
    });
  }

  /** Reads the timetoken out of `[1,"Sent","17…"]`. */
  protected override parse(data: unknown): ParseResult<PNPublishResult> {
    return parsePublishResponse(data);
  }
}

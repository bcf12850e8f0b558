import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { JsonCompatible } from "../../core/json_value.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  parsePublishResponse,
  type PNPublishResult,
  serializeForPublish,
} from "../../core/requests/publish.ts";
import { buildSignalRequest } from "../../core/requests/signal.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import type { Signal } from "./publish_api.ts";

/**
 * The signal builder: a small (≤ 64 bytes), unstored, unencrypted message.
 *
 * The implementation of {@link Signal}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" });
 * await pubnub.signal().channel("ch").message("typing").future();
 * ```
 */
export class SignalBuilder extends Endpoint<PNPublishResult> implements Signal {
  readonly #config: PNConfiguration;
  #channel = "";
  #message: unknown = undefined;
  #customMessageType: string | undefined;

  /** Use `pubnub.signal()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** The channel to signal on. */
  channel(channel: string): this {
    this.#channel = channel;
    return this;
  }

  /**
   * The payload: a JSON value of at most 64 bytes as JSON. Non-JSON values are refused as
   * `publish().message()` refuses them.
   */
  message<M>(message: M & JsonCompatible<M>): this {
    this.#message = message;
    return this;
  }

  /** A custom message type label. */
  customMessageType(type: string): this {
    this.#customMessageType = type;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` on bad input. */
  protected override prepare(): RequestDescription {
    return buildSignalRequest({
      publishKey: this.#config.publishKey,
      subscribeKey: this.#config.subscribeKey,
      channel: this.#channel,
      payloadJson: serializeForPublish("PNSignalOperation", this.#message),
      customMessageType: this.#customMessageType,
    });
  }

  /** Reads the result out of the answer. */
  protected override parse(data: unknown): ParseResult<PNPublishResult> {
    return parsePublishResponse(data);
  }
}

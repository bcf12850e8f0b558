import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildDeleteMessagesRequest,
  parseDeleteMessagesResponse,
  type PNDeleteMessagesResult,
} from "../../core/requests/delete_messages.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { DeleteMessages } from "./storage_api.ts";

/**
 * Deletes a channel's stored messages between `start` (exclusive) and `end` (inclusive); without
 * either, all of them. Resolves to `{}`.
 *
 * The implementation of {@link DeleteMessages}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.deleteMessages().channel("a").start("17000000000000009").end("17000000000000001").future();
 * ```
 */
export class DeleteMessagesBuilder extends Endpoint<PNDeleteMessagesResult>
  implements DeleteMessages {
  readonly #config: PNConfiguration;
  #channel = "";
  #start: string | undefined;
  #end: string | undefined;

  /** Use `pubnub.deleteMessages()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** The channel. */
  channel(channel: string): this {
    this.#channel = channel;
    return this;
  }

  /** Timetoken (exclusive) where deleting starts. */
  start(timetoken: string | bigint): this {
    this.#start = timetokenText(timetoken);
    return this;
  }

  /** Timetoken (inclusive) where deleting ends. */
  end(timetoken: string | bigint): this {
    this.#end = timetokenText(timetoken);
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildDeleteMessagesRequest({
      subscribeKey: this.#config.subscribeKey,
      channel: this.#channel,
      start: this.#start,
      end: this.#end,
    });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNDeleteMessagesResult> {
    return parseDeleteMessagesResponse(data);
  }
}

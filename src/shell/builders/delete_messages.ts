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

/**
 * Deletes a channel's stored messages between `start` (exclusive) and `end` (inclusive); without
 * either, all of them. Resolves to `{}`.
 *
 * Inherited by every call: awaiting the builder sends the request once (`then`), `future()`
 * sends it and resolves to `{ result, status }`, and `abortSignal(signal)` cancels it when the
 * signal aborts. A failure rejects with a `PubNubError`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.deleteMessages().channel("a").start("17000000000000009").end("17000000000000001").future();
 * ```
 */
export class DeleteMessages extends Endpoint<PNDeleteMessagesResult> {
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

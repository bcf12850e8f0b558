import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildMessageCountsRequest,
  parseMessageCountsResponse,
  type PNMessageCountsResult,
} from "../../core/requests/message_counts.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { extendList } from "./_lists.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { MessageCounts } from "./storage_api.ts";

/**
 * Counts the messages stored on channels after a timetoken: one `timetoken` for all, or
 * `channelsTimetoken` with one per channel, in the same order. Resolves to
 * `{ channels: { a: 3, b: 0 } }`.
 *
 * The implementation of {@link MessageCounts}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.messageCounts().channels(["a", "b"])
 *   .channelsTimetoken(["17000000000000000", "17000000000000001"]).future();
 * console.log(result.channels.a);
 * ```
 */
export class MessageCountsBuilder extends Endpoint<PNMessageCountsResult> implements MessageCounts {
  readonly #config: PNConfiguration;
  #channels: string[] = [];
  #timetoken: string | undefined;
  #channelsTimetoken: string[] | undefined;

  /** Use `pubnub.messageCounts()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** Channels to count (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this {
    this.#channels = extendList(this.#channels, channels);
    return this;
  }

  /** One timetoken (exclusive) for every channel. */
  timetoken(timetoken: string | bigint): this {
    this.#timetoken = timetokenText(timetoken);
    return this;
  }

  /** One timetoken (exclusive) per channel, in the channels' order. */
  channelsTimetoken(timetokens: readonly (string | bigint)[]): this {
    // Anything but a list is kept as is, for validation to refuse with a clear message.
    this.#channelsTimetoken = Array.isArray(timetokens)
      ? timetokens.map(timetokenText)
      : timetokens as unknown as string[];
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildMessageCountsRequest({
      subscribeKey: this.#config.subscribeKey,
      channels: this.#channels,
      timetoken: this.#timetoken,
      channelsTimetoken: this.#channelsTimetoken,
    });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNMessageCountsResult> {
    return parseMessageCountsResponse(data);
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildFetchMessagesRequest,
  parseFetchMessagesResponse,
  type PNFetchMessagesResult,
} from "../../core/requests/fetch_messages.ts";
import { Endpoint, type PNEnvelope, type RequestSender } from "../endpoint.ts";
import type { DecodedPayload } from "../crypto/cryptor.ts";
import { extendList } from "./_lists.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { FetchMessages } from "./storage_api.ts";

/**
 * The history builder: stored messages of some channels, oldest first. Resolves to
 * `{ channels: { a: [{ message, timetoken, uuid, meta }] } }`. `count` defaults to (and is capped
 * at) 100 for one channel, 25 for several. With a cipher key, messages are decrypted; one that
 * cannot be is returned as stored with `error` saying why (nothing is dropped). `M` types the
 * messages as the app knows them: `fetchMessages<Chat>()`.
 *
 * The implementation of {@link FetchMessages}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.fetchMessages().channels(["a"]).count(25).includeMeta(true).future();
 * for (const item of result.channels.a ?? []) console.log(item.timetoken, item.message);
 * ```
 */
export class FetchMessagesBuilder<M = unknown> extends Endpoint<PNFetchMessagesResult<M>>
  implements FetchMessages<M> {
  readonly #config: PNConfiguration;
  readonly #decode: ((payload: unknown) => Promise<DecodedPayload>) | undefined;
  #channels: string[] = [];
  #count: number | undefined;
  #start: string | undefined;
  #end: string | undefined;
  #includeMeta = false;
  #includeUuid = true;
  #includeMessageType = true;
  #includeCustomMessageType: boolean | undefined;
  #includeMessageActions = false;

  /** Use `pubnub.fetchMessages()`; `decode` decrypts payloads (set with a cipher key). */
  constructor(
    sender: RequestSender,
    config: PNConfiguration,
    options: { decode?: (payload: unknown) => Promise<DecodedPayload> } = {},
  ) {
    super(sender);
    this.#config = config;
    this.#decode = options.decode;
  }

  /** Channels to read (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this {
    this.#channels = extendList(this.#channels, channels);
    return this;
  }

  /** Messages per channel, at most (a whole number ≥ 1; lowered to the maximum). */
  count(count: number): this {
    this.#count = count;
    return this;
  }

  /** Only messages older than this timetoken (exclusive). */
  start(timetoken: string | bigint): this {
    this.#start = timetokenText(timetoken);
    return this;
  }

  /** Only messages at or newer than this timetoken (inclusive). */
  end(timetoken: string | bigint): this {
    this.#end = timetokenText(timetoken);
    return this;
  }

  /** Include each message's publish meta (default `false`). */
  includeMeta(include: boolean): this {
    this.#includeMeta = include;
    return this;
  }

  /** Include each message's publisher (default `true`). */
  includeUuid(include: boolean): this {
    this.#includeUuid = include;
    return this;
  }

  /** Include each message's type number (default `true`). */
  includeMessageType(include: boolean): this {
    this.#includeMessageType = include;
    return this;
  }

  /** Include each message's custom type, as its publisher set it (default `false`). */
  includeCustomMessageType(include: boolean): this {
    this.#includeCustomMessageType = include;
    return this;
  }

  /**
   * Include each message's actions (default `false`): one channel only, at most 25 messages;
   * several channels are refused before anything is sent.
   */
  includeMessageActions(include: boolean): this {
    this.#includeMessageActions = include;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildFetchMessagesRequest({
      subscribeKey: this.#config.subscribeKey,
      channels: this.#channels,
      count: this.#count,
      start: this.#start,
      end: this.#end,
      includeMeta: this.#includeMeta,
      includeUuid: this.#includeUuid,
      includeMessageType: this.#includeMessageType,
      includeCustomMessageType: this.#includeCustomMessageType,
      includeMessageActions: this.#includeMessageActions,
    });
  }

  /**
   * Sends the call; with a decoder, decrypts every message (in place of the stored payload; a
   * failure keeps the payload and sets the item's `error`).
   */
  protected override async perform(): Promise<PNEnvelope<PNFetchMessagesResult<M>>> {
    const envelope = await super.perform();
    const decode = this.#decode;
    if (!decode) return envelope;
    const items = Object.values(envelope.result.channels).flat();
    await Promise.all(items.map(async (item) => {
      // Signals and files are never encrypted as messages are.
      if ((item.messageType ?? 0) !== 0) return;
      const decoded = await decode(item.message);
      if (decoded.error === undefined) item.message = decoded.message as M;
      else item.error = decoded.error;
    }));
    return envelope;
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNFetchMessagesResult<M>> {
    // The messages are typed as the app says they are: the service sends back what was stored.
    return parseFetchMessagesResponse(data) as ParseResult<PNFetchMessagesResult<M>>;
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildHistoryRequest,
  parseHistoryResponse,
  type PNHistoryResult,
} from "../../core/requests/history.ts";
import type { DecodedPayload } from "../crypto/cryptor.ts";
import { Endpoint, type PNEnvelope, type RequestSender } from "../endpoint.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { History } from "./storage_api.ts";

/**
 * Reads one channel's stored messages (the v2 history call). Resolves to
 * `{ messages: [{ entry, timetoken?, meta? }], startTimetoken, endTimetoken }`. `count` is at
 * most 100 (the default). With a cipher key, entries are decrypted; one that cannot be is
 * returned as stored with `error` saying why.
 *
 * The implementation of {@link History}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.history().channel("a").count(10).includeTimetoken(true).future();
 * for (const item of result.messages) console.log(item.timetoken, item.entry);
 * ```
 */
export class HistoryBuilder extends Endpoint<PNHistoryResult> implements History {
  readonly #config: PNConfiguration;
  readonly #decode: ((payload: unknown) => Promise<DecodedPayload>) | undefined;
  #channel = "";
  #count: number | undefined;
  #start: string | undefined;
  #end: string | undefined;
  #reverse: boolean | undefined;
  #includeTimetoken = false;
  #includeMeta = false;

  /** Use `pubnub.history()`; `decode` decrypts entries (set with a cipher key). */
  constructor(
    sender: RequestSender,
    config: PNConfiguration,
    options: { decode?: (payload: unknown) => Promise<DecodedPayload> } = {},
  ) {
    super(sender);
    this.#config = config;
    this.#decode = options.decode;
  }

  /** The channel to read. */
  channel(channel: string): this {
    this.#channel = channel;
    return this;
  }

  /** How many messages, at most (a whole number from 1 to 100; default 100). */
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

  /** `true`: read from the oldest end of the range instead of the newest. */
  reverse(reverse: boolean): this {
    this.#reverse = reverse;
    return this;
  }

  /** Include each message's timetoken (default `false`). */
  includeTimetoken(include: boolean): this {
    this.#includeTimetoken = include;
    return this;
  }

  /** Include each message's publish meta (default `false`). */
  includeMeta(include: boolean): this {
    this.#includeMeta = include;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildHistoryRequest({
      subscribeKey: this.#config.subscribeKey,
      channel: this.#channel,
      count: this.#count,
      start: this.#start,
      end: this.#end,
      reverse: this.#reverse,
      includeTimetoken: this.#includeTimetoken,
      includeMeta: this.#includeMeta,
    });
  }

  /** Sends the call; with a decoder, decrypts every entry (a failure sets the item's `error`). */
  protected override async perform(): Promise<PNEnvelope<PNHistoryResult>> {
    const envelope = await super.perform();
    const decode = this.#decode;
    if (!decode) return envelope;
    await Promise.all(envelope.result.messages.map(async (item) => {
      const decoded = await decode(item.entry);
      if (decoded.error === undefined) item.entry = decoded.message;
      else item.error = decoded.error;
    }));
    return envelope;
  }

  /** Reads the result out of the service's answer (start and end from the body's digits). */
  protected override parse(data: unknown, body: string): ParseResult<PNHistoryResult> {
    return parseHistoryResponse(data, body, this.#includeTimetoken || this.#includeMeta);
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildGetMessageActionsRequest,
  parseGetMessageActionsResponse,
  type PNGetMessageActionsResult,
} from "../../core/requests/message_actions.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { GetMessageActions } from "./message_actions_api.ts";

/**
 * Reads a channel's message actions, oldest first, between `start` (exclusive) and `end`
 * (inclusive), at most `limit` (1–100). Resolves to `{ actions, more? }`; when `more` is there,
 * older actions remain: read on with `.start(more.start)`.
 *
 * The implementation of {@link GetMessageActions}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * let page = await pubnub.getMessageActions().channel("a").limit(100).future();
 * while (page.result.more?.start) {
 *   page = await pubnub.getMessageActions().channel("a").start(page.result.more.start).future();
 * }
 * ```
 */
export class GetMessageActionsBuilder extends Endpoint<PNGetMessageActionsResult>
  implements GetMessageActions {
  readonly #config: PNConfiguration;
  #channel = "";
  #start: string | undefined;
  #end: string | undefined;
  #limit: number | undefined;

  /** Use `pubnub.getMessageActions()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** The channel. */
  channel(channel: string): this {
    this.#channel = channel;
    return this;
  }

  /** Only actions older than this action timetoken (exclusive). */
  start(timetoken: string | bigint): this {
    this.#start = timetokenText(timetoken);
    return this;
  }

  /** Only actions at or newer than this action timetoken (inclusive). */
  end(timetoken: string | bigint): this {
    this.#end = timetokenText(timetoken);
    return this;
  }

  /** How many actions, at most (a whole number from 1 to 100). */
  limit(limit: number): this {
    this.#limit = limit;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildGetMessageActionsRequest({
      subscribeKey: this.#config.subscribeKey,
      channel: this.#channel,
      start: this.#start,
      end: this.#end,
      limit: this.#limit,
    });
  }

  /** Reads the actions out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNGetMessageActionsResult> {
    return parseGetMessageActionsResponse(data);
  }
}

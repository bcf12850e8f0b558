import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildAddMessageActionRequest,
  parseAddMessageActionResponse,
  type PNMessageAction,
} from "../../core/requests/message_actions.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { AddMessageAction } from "./message_actions_api.ts";

/**
 * Adds an action (a reaction, a receipt) to a stored message. Resolves to the action as stored:
 * `{ type, value, uuid, messageTimetoken, actionTimetoken }`. Subscribers of the channel receive
 * it as a `messageAction` event.
 *
 * The implementation of {@link AddMessageAction}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.addMessageAction().channel("a").messageTimetoken("17000000000000000")
 *   .action({ type: "reaction", value: "👍" }).future();
 * console.log(result.actionTimetoken);
 * ```
 */
export class AddMessageActionBuilder extends Endpoint<PNMessageAction> implements AddMessageAction {
  readonly #config: PNConfiguration;
  #channel = "";
  #messageTimetoken: string | undefined;
  #action: { type: string; value: string } | undefined;

  /** Use `pubnub.addMessageAction()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** The message's channel. */
  channel(channel: string): this {
    this.#channel = channel;
    return this;
  }

  /** The message's timetoken. */
  messageTimetoken(timetoken: string | bigint): this {
    this.#messageTimetoken = timetokenText(timetoken);
    return this;
  }

  /** The action: `type` (at most 15 characters) and `value`, both non-empty. */
  action(action: { type: string; value: string }): this {
    this.#action = action;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildAddMessageActionRequest({
      subscribeKey: this.#config.subscribeKey,
      channel: this.#channel,
      messageTimetoken: this.#messageTimetoken as string,
      action: this.#action as { type: string; value: string },
    });
  }

  /** Reads the stored action out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNMessageAction> {
    return parseAddMessageActionResponse(data);
  }
}

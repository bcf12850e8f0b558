import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildRemoveMessageActionRequest,
  parseRemoveMessageActionResponse,
  type PNRemoveMessageActionResult,
} from "../../core/requests/message_actions.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { timetokenText } from "../../core/wire/timetoken.ts";
import type { RemoveMessageAction } from "./message_actions_api.ts";

/**
 * Removes an action from a message, named by the message's and the action's timetokens.
 * Resolves to `{}`; subscribers of the channel receive a `removed` `messageAction` event.
 *
 * The implementation of {@link RemoveMessageAction}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.removeMessageAction().channel("a").messageTimetoken("17000000000000000")
 *   .actionTimetoken("17000000000000001").future();
 * ```
 */
export class RemoveMessageActionBuilder extends Endpoint<PNRemoveMessageActionResult>
  implements RemoveMessageAction {
  readonly #config: PNConfiguration;
  #channel = "";
  #messageTimetoken: string | undefined;
  #actionTimetoken: string | undefined;

  /** Use `pubnub.removeMessageAction()`. */
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

  /** The action's timetoken. */
  actionTimetoken(timetoken: string | bigint): this {
    this.#actionTimetoken = timetokenText(timetoken);
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildRemoveMessageActionRequest({
      subscribeKey: this.#config.subscribeKey,
      channel: this.#channel,
      messageTimetoken: this.#messageTimetoken as string,
      actionTimetoken: this.#actionTimetoken as string,
    });
  }

  /** Reads the service's answer. */
  protected override parse(data: unknown): ParseResult<PNRemoveMessageActionResult> {
    return parseRemoveMessageActionResponse(data);
  }
}

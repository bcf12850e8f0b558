import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildDeleteGroupRequest,
  parseChannelGroupAckResponse,
  type PNChannelGroupAckResult,
} from "../../core/requests/channel_groups.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";

/**
 * The seed's delete-a-group builder. Resolves to `{}` once the group is gone.
 *
 * @example
 * ```ts
 * import { PubNub } from "../pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.removeChannelGroup().channelGroup("g").future();
 * ```
 */
export class RemoveChannelGroup extends Endpoint<PNChannelGroupAckResult> {
  readonly #config: PNConfiguration;
  #group = "";

  /** Use `pubnub.removeChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** The group to delete. */
  channelGroup(group: string): this {
    this.#group = group;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildDeleteGroupRequest({
      subscribeKey: this.#config.subscribeKey,
      channelGroup: this.#group,
    });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNChannelGroupAckResult> {
    return parseChannelGroupAckResponse(data);
  }
}

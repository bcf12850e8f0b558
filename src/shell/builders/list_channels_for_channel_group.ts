import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildListChannelsInGroupRequest,
  parseListChannelsInGroupResponse,
  type PNChannelGroupChannelsResult,
} from "../../core/requests/channel_groups.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";

/**
 * The seed's list-channels-of-a-group builder. Resolves to `{ channels: string[] }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "../pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.listChannelsForChannelGroup().channelGroup("g").future();
 * console.log(result.channels);
 * ```
 */
export class ListChannelsForChannelGroup extends Endpoint<PNChannelGroupChannelsResult> {
  readonly #config: PNConfiguration;
  #group = "";

  /** Use `pubnub.listChannelsForChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** The group. */
  channelGroup(group: string): this {
    this.#group = group;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildListChannelsInGroupRequest({
      subscribeKey: this.#config.subscribeKey,
      channelGroup: this.#group,
    });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNChannelGroupChannelsResult> {
    return parseListChannelsInGroupResponse(data);
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildAddChannelsToGroupRequest,
  parseChannelGroupAckResponse,
  type PNChannelGroupAckResult,
} from "../../core/requests/channel_groups.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { extendList } from "./_lists.ts";

/**
 * The seed's add-channels-to-group builder. Resolves to `{}` once the service has added them
 * (creating the group if needed).
 *
 * @example
 * ```ts
 * import { PubNub } from "../pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.addChannelToChannelGroup().channels(["a", "b"]).channelGroup("g").future();
 * ```
 */
export class AddChannelToChannelGroup extends Endpoint<PNChannelGroupAckResult> {
  readonly #config: PNConfiguration;
  #channels: string[] = [];
  #group = "";

  /** Use `pubnub.addChannelToChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** Channels to add (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this {
    this.#channels = extendList(this.#channels, channels);
    return this;
  }

  /** The group. */
  channelGroup(group: string): this {
    this.#group = group;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildAddChannelsToGroupRequest({
      subscribeKey: this.#config.subscribeKey,
      channelGroup: this.#group,
      channels: this.#channels,
    });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNChannelGroupAckResult> {
    return parseChannelGroupAckResponse(data);
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildRemoveChannelsFromGroupRequest,
  parseChannelGroupAckResponse,
  type PNChannelGroupAckResult,
} from "../../core/requests/channel_groups.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { extendList } from "./_lists.ts";

/**
 * The seed's remove-channels-from-group builder. Resolves to `{}` once the service has removed
 * them from the group.
 *
 * @example
 * ```ts
 * import { PubNub } from "../pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.removeChannelFromChannelGroup().channels(["a", "b"]).channelGroup("g").future();
 * ```
 */
export class RemoveChannelFromChannelGroup extends Endpoint<PNChannelGroupAckResult> {
  readonly #config: PNConfiguration;
  #channels: string[] = [];
  #group = "";

  /** Use `pubnub.removeChannelFromChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** Channels to remove (a name or a list; added to earlier ones). */
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
    return buildRemoveChannelsFromGroupRequest({
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

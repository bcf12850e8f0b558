import type { PNConfiguration } from "../../core/config.ts";
import {
  buildListChannelsInGroupRequest,
  parseListChannelsInGroupResponse,
  type PNChannelGroupChannelsResult,
} from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupCall } from "./channel_group_call.ts";
import type { ListChannelsForChannelGroup } from "./channel_groups_api.ts";

/**
 * The list-channels-of-a-group builder. Resolves to `{ channels: string[] }`.
 *
 * The implementation of {@link ListChannelsForChannelGroup}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.listChannelsForChannelGroup().channelGroup("g").future();
 * console.log(result.channels);
 * ```
 */
export class ListChannelsForChannelGroupBuilder
  extends ChannelGroupCall<PNChannelGroupChannelsResult>
  implements ListChannelsForChannelGroup {
  /** Use `pubnub.listChannelsForChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, {
      build: buildListChannelsInGroupRequest,
      parse: parseListChannelsInGroupResponse,
    });
  }
}

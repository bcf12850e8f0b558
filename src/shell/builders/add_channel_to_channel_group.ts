import type { PNConfiguration } from "../../core/config.ts";
import { buildAddChannelsToGroupRequest } from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupChange } from "./channel_group_change.ts";
import type { AddChannelToChannelGroup } from "./channel_groups_api.ts";

/**
 * The add-channels-to-group builder. Resolves to `{}` once the service has added them
 * (creating the group if needed).
 *
 * The implementation of {@link AddChannelToChannelGroup}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.addChannelToChannelGroup().channels(["a", "b"]).channelGroup("g").future();
 * ```
 */
export class AddChannelToChannelGroupBuilder extends ChannelGroupChange
  implements AddChannelToChannelGroup {
  /** Use `pubnub.addChannelToChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, buildAddChannelsToGroupRequest);
  }
}

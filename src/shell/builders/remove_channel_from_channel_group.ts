import type { PNConfiguration } from "../../core/config.ts";
import { buildRemoveChannelsFromGroupRequest } from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupChange } from "./channel_group_change.ts";
import type { RemoveChannelFromChannelGroup } from "./channel_groups_api.ts";

/**
 * The remove-channels-from-group builder. Resolves to `{}` once the service has removed
 * them from the group.
 *
 * The implementation of {@link RemoveChannelFromChannelGroup}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.removeChannelFromChannelGroup().channels(["a", "b"]).channelGroup("g").future();
 * ```
 */
export class RemoveChannelFromChannelGroupBuilder extends ChannelGroupChange
  implements RemoveChannelFromChannelGroup {
  /** Use `pubnub.removeChannelFromChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, buildRemoveChannelsFromGroupRequest);
  }
}

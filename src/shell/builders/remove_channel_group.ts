import type { PNConfiguration } from "../../core/config.ts";
import {
  buildDeleteGroupRequest,
  parseChannelGroupAckResponse,
  type PNChannelGroupAckResult,
} from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupCall } from "./channel_group_call.ts";
import type { RemoveChannelGroup } from "./channel_groups_api.ts";

/**
 * The delete-a-group builder. Resolves to `{}` once the group is gone.
 *
 * The implementation of {@link RemoveChannelGroup}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.removeChannelGroup().channelGroup("g").future();
 * ```
 */
export class RemoveChannelGroupBuilder extends ChannelGroupCall<PNChannelGroupAckResult>
  implements RemoveChannelGroup {
  /** Use `pubnub.removeChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, { build: buildDeleteGroupRequest, parse: parseChannelGroupAckResponse });
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import {
  buildListChannelsInGroupRequest,
  parseListChannelsInGroupResponse,
  type PNChannelGroupChannelsResult,
} from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupCall } from "./channel_group_call.ts";

/**
 * The list-channels-of-a-group builder. Resolves to `{ channels: string[] }`.
 *
 * Inherited by every call: awaiting the builder sends the request once (`then`), `future()`
 * sends it and resolves to `{ result, status }`, and `abortSignal(signal)` cancels it when the
 * signal aborts. A failure rejects with a `PubNubError`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.listChannelsForChannelGroup().channelGroup("g").future();
 * console.log(result.channels);
 * ```
 */
export class ListChannelsForChannelGroup extends ChannelGroupCall<PNChannelGroupChannelsResult> {
  /** Use `pubnub.listChannelsForChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, {
      build: buildListChannelsInGroupRequest,
      parse: parseListChannelsInGroupResponse,
    });
  }
}

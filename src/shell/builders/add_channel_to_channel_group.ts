import type { PNConfiguration } from "../../core/config.ts";
import { buildAddChannelsToGroupRequest } from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupChange } from "./channel_group_change.ts";

/**
 * The add-channels-to-group builder. Resolves to `{}` once the service has added them
 * (creating the group if needed).
 *
 * Inherited by every call: awaiting the builder sends the request once (`then`), `future()`
 * sends it and resolves to `{ result, status }`, and `abortSignal(signal)` cancels it when the
 * signal aborts. A failure rejects with a `PubNubError`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.addChannelToChannelGroup().channels(["a", "b"]).channelGroup("g").future();
 * ```
 */
export class AddChannelToChannelGroup extends ChannelGroupChange {
  /** Use `pubnub.addChannelToChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, buildAddChannelsToGroupRequest);
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import { buildRemoveChannelsFromGroupRequest } from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupChange } from "./channel_group_change.ts";

/**
 * The remove-channels-from-group builder. Resolves to `{}` once the service has removed
 * them from the group.
 *
 * Inherited by every call: awaiting the builder sends the request once (`then`), `future()`
 * sends it and resolves to `{ result, status }`, and `abortSignal(signal)` cancels it when the
 * signal aborts. A failure rejects with a `PubNubError`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.removeChannelFromChannelGroup().channels(["a", "b"]).channelGroup("g").future();
 * ```
 */
export class RemoveChannelFromChannelGroup extends ChannelGroupChange {
  /** Use `pubnub.removeChannelFromChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, buildRemoveChannelsFromGroupRequest);
  }
}

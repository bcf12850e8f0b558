import type { PNConfiguration } from "../../core/config.ts";
import {
  buildDeleteGroupRequest,
  parseChannelGroupAckResponse,
  type PNChannelGroupAckResult,
} from "../../core/requests/channel_groups.ts";
import type { RequestSender } from "../endpoint.ts";
import { ChannelGroupCall } from "./channel_group_call.ts";

/**
 * The delete-a-group builder. Resolves to `{}` once the group is gone.
 *
 * Inherited by every call: awaiting the builder sends the request once (`then`), `future()`
 * sends it and resolves to `{ result, status }`, and `abortSignal(signal)` cancels it when the
 * signal aborts. A failure rejects with a `PubNubError`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.removeChannelGroup().channelGroup("g").future();
 * ```
 */
export class RemoveChannelGroup extends ChannelGroupCall<PNChannelGroupAckResult> {
  /** Use `pubnub.removeChannelGroup()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender, config, { build: buildDeleteGroupRequest, parse: parseChannelGroupAckResponse });
  }
}

/**
 * `pubnub.channelGroups`: the official SDK's channel group calls on top of our builders.
 *
 * @module
 */
import type { Client as NativePubNub } from "./client.ts";
import { addCalls, sendsThrough } from "./call.ts";
import type {
  ChannelGroupParameters,
  ListChannelsResponse,
  ListGroupsResponse,
  ManageChannelGroupParameters,
} from "./call_types.ts";
import type { Call, CallWithoutParameters, StatusCall } from "./call_types.ts";

/**
 * Channel group management.
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: "127.0.0.1:9", ssl: false });
 * await pubnub.channelGroups.addChannels({ channelGroup: "g", channels: ["a"] }).catch(() => {});
 * pubnub.destroy();
 * ```
 */
export class PubNubChannelGroups {
  /** Channel group calls sent through `native`. */
  constructor(native: NativePubNub) {
    sendsThrough(this, native);
  }

  /** Lists a group's channels. */
  declare listChannels: Call<ChannelGroupParameters, ListChannelsResponse>;
  /** Lists the keyset's groups. */
  declare listGroups: CallWithoutParameters<ListGroupsResponse>;
  /** Adds channels to a group. */
  declare addChannels: StatusCall<ManageChannelGroupParameters>;
  /** Removes channels from a group. */
  declare removeChannels: StatusCall<ManageChannelGroupParameters>;
  /** Deletes a group. */
  declare deleteGroup: StatusCall<ChannelGroupParameters>;
}

addCalls(PubNubChannelGroups, {
  listChannels: ["channels", 0, "listChannelsForChannelGroup"],
  listGroups: ["groups", 0, "listChannelGroups"],
  addChannels: [null, 0, "addChannelToChannelGroup"],
  removeChannels: [null, 0, "removeChannelFromChannelGroup"],
  deleteGroup: [null, 0, "removeChannelGroup"],
});

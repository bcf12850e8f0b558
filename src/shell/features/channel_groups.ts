/**
 * The `channelGroups` feature: the five channel group calls, as on `PubNub`.
 *
 * @module
 */
import { AddChannelToChannelGroupBuilder } from "../builders/add_channel_to_channel_group.ts";
import { ListChannelGroupsBuilder } from "../builders/list_channel_groups.ts";
import { ListChannelsForChannelGroupBuilder } from "../builders/list_channels_for_channel_group.ts";
import { RemoveChannelFromChannelGroupBuilder } from "../builders/remove_channel_from_channel_group.ts";
import { RemoveChannelGroupBuilder } from "../builders/remove_channel_group.ts";
import type {
  AddChannelToChannelGroup,
  ListChannelGroups,
  ListChannelsForChannelGroup,
  RemoveChannelFromChannelGroup,
  RemoveChannelGroup,
} from "../builders/channel_groups_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `channelGroups` adds.
 *
 * @example
 * ```ts
 * import type { ChannelGroupCalls } from "@pubnub-ts/pubsub/modular";
 * const add = (pubnub: ChannelGroupCalls) =>
 *   pubnub.addChannelToChannelGroup().channelGroup("g").channels(["a"]);
 * ```
 */
export interface ChannelGroupCalls {
  /** Adds channels to a channel group: `.channels([...]).channelGroup("g")`. */
  addChannelToChannelGroup(): AddChannelToChannelGroup;
  /** Removes channels from a channel group: `.channels([...]).channelGroup("g")`. */
  removeChannelFromChannelGroup(): RemoveChannelFromChannelGroup;
  /** Lists a channel group's channels: `.channelGroup("g")` → `{ channels }`. */
  listChannelsForChannelGroup(): ListChannelsForChannelGroup;
  /** Deletes a channel group: `.channelGroup("g")`. */
  removeChannelGroup(): RemoveChannelGroup;
  /** Lists the keyset's channel groups → `{ groups }`. */
  listChannelGroups(): ListChannelGroups;
}

/**
 * Channel groups.
 *
 * @example
 * ```ts
 * import { channelGroups, createPubNub } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [channelGroups]);
 * const call = pubnub.listChannelsForChannelGroup().channelGroup("g");
 * await pubnub.stop();
 * ```
 */
export const channelGroups: Feature<ChannelGroupCalls> = /* @__PURE__ */ defineFeature<
  ChannelGroupCalls
>({
  name: "channelGroups",
  install: (host) => ({
    addChannelToChannelGroup: () => new AddChannelToChannelGroupBuilder(host.sender, host.config),
    removeChannelFromChannelGroup: () =>
      new RemoveChannelFromChannelGroupBuilder(host.sender, host.config),
    listChannelsForChannelGroup: () =>
      new ListChannelsForChannelGroupBuilder(host.sender, host.config),
    removeChannelGroup: () => new RemoveChannelGroupBuilder(host.sender, host.config),
    listChannelGroups: () => new ListChannelGroupsBuilder(host.sender, host.config),
  }),
});

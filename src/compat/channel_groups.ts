/**
 * `pubnub.channelGroups`: the official SDK's channel group calls on top of our builders.
 *
 * @module
 */
import type { PubNub as NativePubNub } from "../shell/pubnub.ts";
import { settle } from "./call.ts";
import type {
  ChannelGroupParameters,
  ListChannelsResponse,
  ListGroupsResponse,
  ManageChannelGroupParameters,
} from "./call_types.ts";
import type { ResultCallback, StatusCallback } from "./types.ts";

/**
 * Channel group management.
 *
 * @example
 * ```ts
 * import PubNub from "../../compat.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: "127.0.0.1:9", ssl: false });
 * await pubnub.channelGroups.addChannels({ channelGroup: "g", channels: ["a"] }).catch(() => {});
 * pubnub.destroy();
 * ```
 */
export class PubNubChannelGroups {
  readonly #native: NativePubNub;

  /** Channel group calls sent through `native`. */
  constructor(native: NativePubNub) {
    this.#native = native;
  }

  /** Lists a group's channels. */
  listChannels(parameters: ChannelGroupParameters): Promise<ListChannelsResponse>;
  /** Lists a group's channels, callback style. */
  listChannels(
    parameters: ChannelGroupParameters,
    callback: ResultCallback<ListChannelsResponse>,
  ): void;
  listChannels(
    parameters: ChannelGroupParameters,
    callback?: ResultCallback<ListChannelsResponse>,
  ): Promise<ListChannelsResponse> | void {
    return settle(
      () =>
        this.#native.listChannelsForChannelGroup().channelGroup(parameters.channelGroup).future(),
      (r) => ({ channels: r.channels }),
      callback,
    );
  }

  /** Lists the keyset's groups. */
  listGroups(): Promise<ListGroupsResponse>;
  /** Lists the keyset's groups, callback style. */
  listGroups(callback: ResultCallback<ListGroupsResponse>): void;
  listGroups(callback?: ResultCallback<ListGroupsResponse>): Promise<ListGroupsResponse> | void {
    return settle(
      () => this.#native.listChannelGroups().future(),
      (r) => ({ groups: r.groups }),
      callback,
    );
  }

  /** Adds channels to a group. */
  addChannels(parameters: ManageChannelGroupParameters): Promise<Record<string, unknown>>;
  /** Adds channels to a group, callback style. */
  addChannels(parameters: ManageChannelGroupParameters, callback: StatusCallback): void;
  addChannels(
    parameters: ManageChannelGroupParameters,
    callback?: StatusCallback,
  ): Promise<Record<string, unknown>> | void {
    return settle(
      () =>
        this.#native.addChannelToChannelGroup().channelGroup(parameters.channelGroup)
          .channels(parameters.channels).future(),
      () => ({}),
      callback && ((status) => callback(status)),
    );
  }

  /** Removes channels from a group. */
  removeChannels(parameters: ManageChannelGroupParameters): Promise<Record<string, unknown>>;
  /** Removes channels from a group, callback style. */
  removeChannels(parameters: ManageChannelGroupParameters, callback: StatusCallback): void;
  removeChannels(
    parameters: ManageChannelGroupParameters,
    callback?: StatusCallback,
  ): Promise<Record<string, unknown>> | void {
    return settle(
      () =>
        this.#native.removeChannelFromChannelGroup().channelGroup(parameters.channelGroup)
          .channels(parameters.channels).future(),
      () => ({}),
      callback && ((status) => callback(status)),
    );
  }

  /** Deletes a group. */
  deleteGroup(parameters: ChannelGroupParameters): Promise<Record<string, unknown>>;
  /** Deletes a group, callback style. */
  deleteGroup(parameters: ChannelGroupParameters, callback: StatusCallback): void;
  deleteGroup(
    parameters: ChannelGroupParameters,
    callback?: StatusCallback,
  ): Promise<Record<string, unknown>> | void {
    return settle(
      () => this.#native.removeChannelGroup().channelGroup(parameters.channelGroup).future(),
      () => ({}),
      callback && ((status) => callback(status)),
    );
  }
}

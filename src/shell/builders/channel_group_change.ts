import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  parseChannelGroupAckResponse,
  type PNChannelGroupAckResult,
} from "../../core/requests/channel_groups.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { extendList } from "./_lists.ts";

/**
 * Builds the request for a change of a group's channels (add or remove).
 *
 * @example
 * ```ts
 * import type { ChannelGroupChangeBuilder } from "./channel_group_change.ts";
 * import { buildAddChannelsToGroupRequest } from "../../core/requests/channel_groups.ts";
 * const build: ChannelGroupChangeBuilder = buildAddChannelsToGroupRequest;
 * ```
 */
export type ChannelGroupChangeBuilder = (
  params: { subscribeKey: string; channelGroup: string; channels: readonly string[] },
) => RequestDescription;

/**
 * What adding channels to a group and removing them from it share: a list of channels, a
 * group, and an acknowledgment as the result. The two public builders differ only in the
 * request they build.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * await pubnub.addChannelToChannelGroup().channels(["a"]).channelGroup("g").future();
 * ```
 */
export abstract class ChannelGroupChange extends Endpoint<PNChannelGroupAckResult> {
  readonly #config: PNConfiguration;
  readonly #build: ChannelGroupChangeBuilder;
  #channels: string[] = [];
  #group = "";

  /** Binds the builder to a client and to the request it sends. */
  constructor(sender: RequestSender, config: PNConfiguration, build: ChannelGroupChangeBuilder) {
    super(sender);
    this.#config = config;
    this.#build = build;
  }

  /** Channels to add or remove (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this {
    this.#channels = extendList(this.#channels, channels);
    return this;
  }

  /** The group. */
  channelGroup(group: string): this {
    this.#group = group;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return this.#build({
      subscribeKey: this.#config.subscribeKey,
      channelGroup: this.#group,
      channels: this.#channels,
    });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNChannelGroupAckResult> {
    return parseChannelGroupAckResponse(data);
  }
}

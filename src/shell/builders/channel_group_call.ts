import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";

/**
 * How a call about one channel group builds its request and reads its answer.
 *
 * @example
 * ```ts
 * import type { ChannelGroupCallSpec } from "./channel_group_call.ts";
 * import { buildDeleteGroupRequest, parseChannelGroupAckResponse, type PNChannelGroupAckResult } from "../../core/requests/channel_groups.ts";
 * const spec: ChannelGroupCallSpec<PNChannelGroupAckResult> = { build: buildDeleteGroupRequest, parse: parseChannelGroupAckResponse };
 * ```
 */
export interface ChannelGroupCallSpec<T> {
  /** Builds the request for the group. */
  build(params: { subscribeKey: string; channelGroup: string }): RequestDescription;
  /** Reads the result out of the answer. */
  parse(data: unknown): ParseResult<T>;
}

/**
 * What the calls about one channel group share (list its channels, delete it): the group is
 * their only parameter. The public builders differ only in their spec.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.listChannelsForChannelGroup().channelGroup("g").future();
 * ```
 */
export abstract class ChannelGroupCall<T> extends Endpoint<T> {
  readonly #config: PNConfiguration;
  readonly #spec: ChannelGroupCallSpec<T>;
  #group = "";

  /** Binds the builder to a client and to its request and answer. */
  constructor(sender: RequestSender, config: PNConfiguration, spec: ChannelGroupCallSpec<T>) {
    super(sender);
    this.#config = config;
    this.#spec = spec;
  }

  /** The group. */
  channelGroup(group: string): this {
    this.#group = group;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return this.#spec.build({ subscribeKey: this.#config.subscribeKey, channelGroup: this.#group });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<T> {
    return this.#spec.parse(data);
  }
}

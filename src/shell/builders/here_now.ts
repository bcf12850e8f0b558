import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildHereNowRequest,
  parseHereNowResponse,
  type PNHereNowResult,
} from "../../core/requests/here_now.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { extendList } from "./_lists.ts";
import type { HereNow } from "./presence_api.ts";

/**
 * The here-now builder: who is present on some channels, some groups, or (naming
 * neither) the whole keyset. Resolves to
 * `{ totalChannels, totalOccupancy, channels: { a: { channelName, occupancy, occupants: [{ uuid, state }] } } }`.
 *
 * The implementation of {@link HereNow}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.hereNow().channels(["a"]).includeUuids(true).includeState(true).future();
 * console.log(result.channels.a.occupants);
 * ```
 */
export class HereNowBuilder extends Endpoint<PNHereNowResult> implements HereNow {
  readonly #config: PNConfiguration;
  #channels: string[] = [];
  #groups: string[] = [];
  #includeUuids = true;
  #includeState = false;
  #limit: number | undefined;
  #offset: number | undefined;
  #asked: readonly string[] = [];

  /** Use `pubnub.hereNow()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** Channels to ask about (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this {
    this.#channels = extendList(this.#channels, channels);
    return this;
  }

  /** Channel groups to ask about (a name or a list; added to earlier ones). */
  channelGroups(groups: string | readonly string[]): this {
    this.#groups = extendList(this.#groups, groups);
    return this;
  }

  /** List the occupants (default `true`); `false` asks for occupancy only. */
  includeUuids(include: boolean): this {
    this.#includeUuids = include;
    return this;
  }

  /** Include each occupant's state (default `false`). */
  includeState(include: boolean): this {
    this.#includeState = include;
    return this;
  }

  /** Occupants per channel, at most (default 1000; ignored for the global form). */
  limit(limit: number): this {
    this.#limit = limit;
    return this;
  }

  /** Skip this many occupants per channel (paging; ignored for the global form). */
  offset(offset: number): this {
    this.#offset = offset;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    const request = buildHereNowRequest({
      subscribeKey: this.#config.subscribeKey,
      channels: this.#channels,
      channelGroups: this.#groups,
      includeUuids: this.#includeUuids,
      includeState: this.#includeState,
      limit: this.#limit,
      offset: this.#offset,
    });
    this.#asked = request.channels ?? [];
    return request;
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNHereNowResult> {
    return parseHereNowResponse(data, {
      channels: this.#asked,
      includeUuids: this.#includeUuids,
    });
  }
}

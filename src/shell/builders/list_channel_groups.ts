import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildListGroupsRequest,
  parseListGroupsResponse,
  type PNChannelGroupsResult,
} from "../../core/requests/channel_groups.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import type { ListChannelGroups } from "./channel_groups_api.ts";

/**
 * Lists the keyset's channel groups. Resolves to `{ groups: string[] }`.
 *
 * The implementation of {@link ListChannelGroups}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.listChannelGroups().future();
 * console.log(result.groups);
 * ```
 */
export class ListChannelGroupsBuilder extends Endpoint<PNChannelGroupsResult>
  implements ListChannelGroups {
  readonly #config: PNConfiguration;

  /** Use `pubnub.listChannelGroups()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildListGroupsRequest({ subscribeKey: this.#config.subscribeKey });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNChannelGroupsResult> {
    return parseListGroupsResponse(data);
  }
}

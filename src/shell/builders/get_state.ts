import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildGetStateRequest,
  parseGetStateResponse,
  type PNGetStateResult,
} from "../../core/requests/state.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import { extendList } from "./_lists.ts";
import type { GetState } from "./presence_api.ts";

/**
 * The get-state builder: a user's presence state on some channels and groups (default
 * user: this client). Resolves to `{ channels: { a: {...state} } }` whichever of its two answer
 * shapes the service uses.
 *
 * The implementation of {@link GetState}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.getState().channels(["a", "b"]).uuid("u2").future();
 * console.log(result.channels.a);
 * ```
 */
export class GetStateBuilder extends Endpoint<PNGetStateResult> implements GetState {
  readonly #config: PNConfiguration;
  #channels: string[] = [];
  #groups: string[] = [];
  #uuid: string;

  /** Use `pubnub.getState()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
    this.#uuid = config.userId;
  }

  /** Channels asked about (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this {
    this.#channels = extendList(this.#channels, channels);
    return this;
  }

  /** Channel groups asked about (a name or a list; added to earlier ones). */
  channelGroups(groups: string | readonly string[]): this {
    this.#groups = extendList(this.#groups, groups);
    return this;
  }

  /** Whose state: the same as `uuid(...)`, named as in the configuration. */
  userId(userId: string): this {
    return this.uuid(userId);
  }

  /**
   * Whose state (default this client's `userId`). `uuid` is the service's (wire) name for a user
   * id; `userId(...)` is the same setter under the configuration's name.
   */
  uuid(uuid: string): this {
    this.#uuid = uuid;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildGetStateRequest({
      subscribeKey: this.#config.subscribeKey,
      uuid: this.#uuid,
      channels: this.#channels,
      channelGroups: this.#groups,
    });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNGetStateResult> {
    return parseGetStateResponse(data, { channels: this.#channels, channelGroups: this.#groups });
  }
}

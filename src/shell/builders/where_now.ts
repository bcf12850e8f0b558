import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildWhereNowRequest,
  parseWhereNowResponse,
  type PNWhereNowResult,
} from "../../core/requests/where_now.ts";
import { Endpoint, type RequestSender } from "../endpoint.ts";
import type { WhereNow } from "./presence_api.ts";

/**
 * The where-now builder: the channels a user is present on (default: this client's
 * `userId`). Resolves to `{ channels: string[] }`.
 *
 * The implementation of {@link WhereNow}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.whereNow().uuid("u2").future();
 * console.log(result.channels);
 * ```
 */
export class WhereNowBuilder extends Endpoint<PNWhereNowResult> implements WhereNow {
  readonly #config: PNConfiguration;
  #uuid: string;

  /** Use `pubnub.whereNow()`. */
  constructor(sender: RequestSender, config: PNConfiguration) {
    super(sender);
    this.#config = config;
    this.#uuid = config.userId;
  }

  /** The user asked about: the same as `uuid(...)`, named as in the configuration. */
  userId(userId: string): this {
    return this.uuid(userId);
  }

  /**
   * The user asked about (default this client's `userId`). `uuid` is the service's (wire) name for
   * a user id; `userId(...)` is the same setter under the configuration's name.
   */
  uuid(uuid: string): this {
    this.#uuid = uuid;
    return this;
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    return buildWhereNowRequest({ subscribeKey: this.#config.subscribeKey, uuid: this.#uuid });
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNWhereNowResult> {
    return parseWhereNowResponse(data);
  }
}

import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildTimeRequest,
  parseTimeResponse,
  type PNTimeResult,
} from "../../core/requests/time.ts";
import { Endpoint } from "../endpoint.ts";
import type { Time } from "./publish_api.ts";

/**
 * The time call: the service's current timetoken.
 *
 * The implementation of {@link Time}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.time().future();
 * console.log(result.timetoken);
 * ```
 */
export class TimeBuilder extends Endpoint<PNTimeResult> implements Time {
  /** Builds the request; throws a validation `PubNubError` on bad input. */
  protected override prepare(): RequestDescription {
    return buildTimeRequest();
  }

  /** Reads the result out of the answer. */
  protected override parse(_data: unknown, body: string): ParseResult<PNTimeResult> {
    return parseTimeResponse(body);
  }
}

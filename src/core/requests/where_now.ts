import { encodeComponent } from "../encoding.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { kindOf, safely, serviceObject } from "./service_response.ts";
import { checkName } from "./validate.ts";

const OPERATION = "PNWhereNowOperation";

/**
 * What a where-now asks: which channels a user is present on.
 *
 * @example
 * ```ts
 * import type { WhereNowParams } from "./where_now.ts";
 * const params: WhereNowParams = { subscribeKey: "sub", uuid: "u1" };
 * ```
 */
export interface WhereNowParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The user asked about (the shell passes the client's own id by default). */
  uuid: string;
}

/**
 * Builds a where-now request: `/v2/presence/sub-key/{sub}/uuid/{uuid}`.
 *
 * @example
 * ```ts
 * import { buildWhereNowRequest } from "./where_now.ts";
 * buildWhereNowRequest({ subscribeKey: "sub", uuid: "user 1" }).path;
 * // "/v2/presence/sub-key/sub/uuid/user%201"
 * ```
 */
export function buildWhereNowRequest(params: WhereNowParams): RequestDescription {
  checkName(OPERATION, "get where-now", "uuid", params.uuid);
  return {
    operation: OPERATION,
    method: "GET",
    path: `/v2/presence/sub-key/${encodeComponent(params.subscribeKey)}/uuid/${
      encodeComponent(params.uuid)
    }`,
    query: {},
  };
}

/**
 * The result of a where-now.
 *
 * @example
 * ```ts
 * import type { PNWhereNowResult } from "@pubnub-ts/pubsub";
 * const result: PNWhereNowResult = { channels: ["a"] };
 * ```
 */
export interface PNWhereNowResult {
  /** Channels the user is present on. */
  channels: string[];
}

/**
 * Parses a where-now answer: `{"status":200,"payload":{"channels":["a"]},"service":"Presence"}`.
 * An answer without `payload` means no channels (as the official SDK reads it).
 *
 * @example
 * ```ts
 * import { parseWhereNowResponse } from "./where_now.ts";
 * parseWhereNowResponse({ status: 200, payload: { channels: ["a"] } }); // { ok: true, value: { channels: ["a"] } }
 * ```
 */
export function parseWhereNowResponse(data: unknown): ParseResult<PNWhereNowResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const payload = body.value.payload;
    if (payload === undefined) return parsed({ channels: [] });
    if (!isObject(payload)) return malformed(`"payload" is ${kindOf(payload)}, not an object`);
    const channels = payload.channels ?? [];
    if (!Array.isArray(channels) || !channels.every((c) => typeof c === "string")) {
      return malformed(`"payload.channels" is not a list of channel names`);
    }
    return parsed({ channels: [...channels] });
  });
}

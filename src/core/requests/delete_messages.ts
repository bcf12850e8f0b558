import { encodeComponent } from "../encoding.ts";
import { parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { safely, serviceObject } from "./service_response.ts";
import { checkChannel, checkTimetoken } from "./validate.ts";

const OPERATION = "PNDeleteMessagesOperation";
const CALL = "delete messages";

/**
 * What a delete from history asks: the stored messages of one channel between `start`
 * (exclusive) and `end` (inclusive); without either, all of them.
 *
 * @example
 * ```ts
 * import type { DeleteMessagesParams } from "./delete_messages.ts";
 * const params: DeleteMessagesParams = { subscribeKey: "sub", channel: "a", start: "17000000000000000" };
 * ```
 */
export interface DeleteMessagesParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The channel. */
  channel: string;
  /** Timetoken (exclusive) where deleting starts. */
  start?: string;
  /** Timetoken (inclusive) where it ends. */
  end?: string;
}

/**
 * Builds a delete from history: `DELETE /v3/history/sub-key/{sub}/channel/{ch}` with `start` and
 * `end`. Refuses an empty channel and start/end that are not timetokens.
 *
 * @example
 * ```ts
 * import { buildDeleteMessagesRequest } from "./delete_messages.ts";
 * const request = buildDeleteMessagesRequest({ subscribeKey: "sub", channel: "a" });
 * request.method; // "DELETE"
 * request.path; // "/v3/history/sub-key/sub/channel/a"
 * ```
 */
export function buildDeleteMessagesRequest(params: DeleteMessagesParams): RequestDescription {
  checkChannel(OPERATION, CALL, params.channel);
  checkTimetoken(OPERATION, CALL, "start", params.start);
  checkTimetoken(OPERATION, CALL, "end", params.end);
  const query: Record<string, string> = {};
  if (params.start) query.start = params.start;
  if (params.end) query.end = params.end;
  return {
    operation: OPERATION,
    method: "DELETE",
    path: `/v3/history/sub-key/${encodeComponent(params.subscribeKey)}/channel/${
      encodeComponent(params.channel)
    }`,
    query,
    channels: [params.channel],
  };
}

/**
 * The result of a delete from history: nothing but success.
 *
 * @example
 * ```ts
 * import type { PNDeleteMessagesResult } from "@pubnub-ts/pubsub";
 * const result: PNDeleteMessagesResult = {};
 * ```
 */
export type PNDeleteMessagesResult = Record<string, never>;

/**
 * Parses a delete answer: `{"status":200,"error":false,"error_message":""}`.
 *
 * @example
 * ```ts
 * import { parseDeleteMessagesResponse } from "./delete_messages.ts";
 * parseDeleteMessagesResponse({ status: 200, error: false, error_message: "" }).ok; // true
 * ```
 */
export function parseDeleteMessagesResponse(data: unknown): ParseResult<PNDeleteMessagesResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    return parsed({});
  });
}

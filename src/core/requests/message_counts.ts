import { encodeChannelList, encodeComponent } from "../encoding.ts";
import { PubNubError } from "../error.ts";
import { isObject, malformed, parsed, type ParseResult } from "../parse_result.ts";
import type { RequestDescription } from "../request.ts";
import { isCount, kindOf, recordOf, safely, serviceObject } from "./service_response.ts";
import { checkNames, checkTimetoken } from "./validate.ts";

const OPERATION = "PNMessageCountsOperation";
const CALL = "count messages";

/**
 * What a message count asks: for each channel, how many messages were stored after a timetoken
 * (one `timetoken` for all, or one per channel in `channelsTimetoken`, in the channels' order).
 *
 * @example
 * ```ts
 * import type { MessageCountsParams } from "./message_counts.ts";
 * const params: MessageCountsParams = { subscribeKey: "sub", channels: ["a", "b"], channelsTimetoken: ["17000000000000000", "17000000000000001"] };
 * ```
 */
export interface MessageCountsParams {
  /** Key of the keyset. */
  subscribeKey: string;
  /** The channels to count. */
  channels: readonly string[];
  /** One timetoken (exclusive) for every channel. */
  timetoken?: string;
  /** One timetoken (exclusive) per channel, as many as there are channels. */
  channelsTimetoken?: readonly string[];
}

/**
 * Builds a message count: `GET /v3/history/sub-key/{sub}/message-counts/{channels}` with
 * `timetoken` (one for all, or a list of one) or `channelsTimetoken` (comma-separated, one per
 * channel), as the official SDK sends them. Refuses no channels, both or neither timetoken forms,
 * a list whose length differs from the channels', and values that are not timetokens.
 *
 * @example
 * ```ts
 * import { buildMessageCountsRequest } from "./message_counts.ts";
 * const request = buildMessageCountsRequest({ subscribeKey: "sub", channels: ["a"], timetoken: "17000000000000000" });
 * request.path; // "/v3/history/sub-key/sub/message-counts/a"
 * request.query; // { timetoken: "17000000000000000" }
 * ```
 */
export function buildMessageCountsRequest(params: MessageCountsParams): RequestDescription {
  const { channels, timetoken, channelsTimetoken } = params;
  checkNames(OPERATION, CALL, "channel", channels);
  if (channels.length === 0) {
    throw PubNubError.validation(OPERATION, `Cannot ${CALL}: no channels given; name at least one`);
  }
  if (timetoken !== undefined && channelsTimetoken !== undefined) {
    throw PubNubError.validation(
      OPERATION,
      `Cannot ${CALL}: give either one timetoken or channelsTimetoken (one per channel), not both`,
    );
  }
  if (timetoken === undefined && channelsTimetoken === undefined) {
    throw PubNubError.validation(
      OPERATION,
      `Cannot ${CALL}: give a timetoken, or channelsTimetoken with one timetoken per channel`,
    );
  }
  let list: readonly string[];
  if (channelsTimetoken !== undefined) {
    if (!Array.isArray(channelsTimetoken)) {
      throw PubNubError.validation(
        OPERATION,
        `Cannot ${CALL}: channelsTimetoken must be a list of timetokens, got ${
          kindOf(channelsTimetoken)
        }`,
      );
    }
    if (channelsTimetoken.length !== channels.length) {
      throw PubNubError.validation(
        OPERATION,
        `Cannot ${CALL}: channelsTimetoken must have one timetoken per channel: ${channelsTimetoken.length} timetoken(s) for ${channels.length} channel(s)`,
      );
    }
    list = channelsTimetoken;
    list.forEach((t, i) => checkTimetoken(OPERATION, CALL, `channelsTimetoken #${i + 1}`, t));
  } else {
    checkTimetoken(OPERATION, CALL, "timetoken", timetoken, true);
    list = [timetoken!];
  }
  const query: Record<string, string> = list.length === 1
    ? { timetoken: list[0] }
    : { channelsTimetoken: list.join(",") };
  return {
    operation: OPERATION,
    method: "GET",
    path: `/v3/history/sub-key/${encodeComponent(params.subscribeKey)}/message-counts/${
      encodeChannelList(channels)
    }`,
    query,
    channels: [...channels],
  };
}

/**
 * The result of a message count: messages stored per channel after its timetoken.
 *
 * @example
 * ```ts
 * import type { PNMessageCountsResult } from "@pubnub-ts/pubsub";
 * const result: PNMessageCountsResult = { channels: { a: 3, b: 0 } };
 * ```
 */
export interface PNMessageCountsResult {
  /** Count per channel. */
  channels: Record<string, number>;
}

/**
 * Parses a message count answer:
 * `{"status":200,"error":false,"error_message":"","channels":{"a":3,"b":0}}`.
 *
 * @example
 * ```ts
 * import { parseMessageCountsResponse } from "./message_counts.ts";
 * const result = parseMessageCountsResponse({ status: 200, error: false, channels: { a: 3 } });
 * result.ok && result.value.channels.a; // 3
 * ```
 */
export function parseMessageCountsResponse(data: unknown): ParseResult<PNMessageCountsResult> {
  return safely(() => {
    const body = serviceObject(data);
    if (!body.ok) return body;
    const raw = body.value.channels;
    if (!isObject(raw)) return malformed(`"channels" is ${kindOf(raw)}, not an object`);
    const entries: [string, number][] = [];
    for (const channel of Object.keys(raw)) {
      const count = raw[channel];
      if (!isCount(count)) {
        return malformed(`channel "${channel}": the count is ${kindOf(count)}, not a whole number`);
      }
      entries.push([channel, count]);
    }
    return parsed({ channels: recordOf(entries) });
  });
}

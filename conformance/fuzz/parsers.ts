/**
 * Fuzz target 1: mutated answers through the classifier and every parser that could read them.
 *
 * @module
 */
import { classifyResponse } from "../../src/core/classify.ts";
import type { RequestDescription } from "../../src/core/request.ts";
import { parseChannelGroupAckResponse } from "../../src/core/requests/channel_groups.ts";
import { parseFetchMessagesResponse } from "../../src/core/requests/fetch_messages.ts";
import { parseHeartbeatResponse } from "../../src/core/requests/heartbeat.ts";
import { parseHereNowResponse } from "../../src/core/requests/here_now.ts";
import { parseLeaveResponse } from "../../src/core/requests/leave.ts";
import { parsePublishResponse } from "../../src/core/requests/publish.ts";
import { parseGetStateResponse, parseSetStateResponse } from "../../src/core/requests/state.ts";
import { parseSubscribeResponse, parseSubscribeValue } from "../../src/core/requests/subscribe.ts";
import { parseTimeResponse } from "../../src/core/requests/time.ts";
import { parseWhereNowResponse } from "../../src/core/requests/where_now.ts";
import { parseHistoryResponse } from "../../src/core/requests/history.ts";
import { parseMessageCountsResponse } from "../../src/core/requests/message_counts.ts";
import { parseDeleteMessagesResponse } from "../../src/core/requests/delete_messages.ts";
import {
  parseAddMessageActionResponse,
  parseGetMessageActionsResponse,
  parseRemoveMessageActionResponse,
} from "../../src/core/requests/message_actions.ts";
import { decodeEnvelope, type Envelope } from "../../src/core/subscribe/envelope.ts";
import { KNOWN_CATEGORIES } from "./categories.ts";
import { mutate } from "./mutate.ts";
import type { Random } from "./random.ts";
import type { CallKind, Seed } from "./seeds.ts";
function fakeRequest(kind: CallKind): RequestDescription {
  const base = { method: "GET" as const, query: {}, channels: ["ch"] };
  switch (kind) {
    case "publish":
      return { ...base, operation: "PNPublishOperation", path: "/publish/p/s/0/ch/0/1" };
    case "signal":
      return { ...base, operation: "PNSignalOperation", path: "/signal/p/s/0/ch/0/1" };
    case "time":
      return { ...base, operation: "PNTimeOperation", path: "/time/0" };
    case "subscribe":
      return {
        ...base,
        operation: "PNSubscribeOperation",
        path: "/v2/subscribe/s/ch/0",
        longPoll: true,
      };
    case "heartbeat":
      return {
        ...base,
        operation: "PNHeartbeatOperation",
        path: "/v2/presence/sub-key/s/channel/ch/heartbeat",
      };
    case "leave":
      return {
        ...base,
        operation: "PNUnsubscribeOperation",
        path: "/v2/presence/sub-key/s/channel/ch/leave",
      };
    default:
      return {
        ...base,
        operation: "PNHereNowOperation",
        path: "/v2/presence/sub-key/s/channel/ch",
      };
  }
}

/** Every parser that could read this answer; each must return a result, never throw. */
function parseAll(kind: CallKind, data: unknown, body: string): void {
  const results: { ok: boolean }[] = [];
  switch (kind) {
    case "publish":
    case "signal":
      results.push(parsePublishResponse(data));
      break;
    case "time":
      results.push(parseTimeResponse(body));
      break;
    case "subscribe": {
      const parsed = parseSubscribeValue(data);
      results.push(parsed, parseSubscribeResponse(body));
      if (parsed.ok) {
        for (const envelope of parsed.value.messages) decodeEnvelope(envelope as Envelope);
      }
      break;
    }
    default:
      results.push(
        parseHereNowResponse(data, { channels: ["ch"] }),
        parseHereNowResponse(data, { channels: ["a", "b"], includeUuids: false }),
        parseHeartbeatResponse(data),
        parseLeaveResponse(data),
        parseWhereNowResponse(data),
        parseSetStateResponse(data),
        parseGetStateResponse(data, { channels: ["ch"] }),
        parseChannelGroupAckResponse(data),
        parseFetchMessagesResponse(data),
        parseHistoryResponse(data, body, true),
        parseHistoryResponse(data, body, false),
        parseMessageCountsResponse(data),
        parseDeleteMessagesResponse(data),
        parseAddMessageActionResponse(data),
        parseGetMessageActionsResponse(data),
        parseRemoveMessageActionResponse(data),
      );
  }
  for (const result of results) {
    if (typeof result !== "object" || result === null || typeof result.ok !== "boolean") {
      throw new Error(`a parser returned ${String(result)}`);
    }
  }
}

/**
 * Stage 1: mutated answers through the classifier and every parser that could read them.
 *
 * @example
 * ```ts
 * import { fuzzParsers } from "./parsers.ts";
 * import { Random } from "./random.ts";
 * const problems: string[] = [];
 * fuzzParsers(new Random(1), [{ kind: "time", response: { status: 200, body: "[17000000000000000]" } }], 10, problems);
 * problems.length; // 0
 * ```
 */
export function fuzzParsers(
  random: Random,
  seeds: readonly Seed[],
  count: number,
  problems: string[],
): number {
  let parsed = 0;
  for (let i = 0; i < count; i++) {
    const seed = random.pick(seeds);
    const mutant = mutate(random, seed);
    const body = new TextDecoder().decode(mutant.body);
    const request = fakeRequest(seed.kind);
    try {
      const outcome = classifyResponse(request, {
        status: mutant.status,
        contentType: mutant.headers["content-type"] ?? undefined,
        body,
        retryAfter: mutant.headers["retry-after"] ?? undefined,
      });
      if (outcome.ok) {
        parseAll(seed.kind, outcome.data, body);
      } else if (!KNOWN_CATEGORIES.has(outcome.status.category)) {
        problems.push(
          `parsers: unknown category ${outcome.status.category} for ${mutant.mutation}`,
        );
      } else if (typeof outcome.message !== "string" || outcome.message === "") {
        problems.push(`parsers: a failure without a message for ${mutant.mutation}`);
      }
      parsed++;
    } catch (error) {
      problems.push(
        `parsers: ${seed.kind} answer (${mutant.mutation}) threw ${String(error)}; body ${
          JSON.stringify(body.slice(0, 200))
        }`,
      );
    }
  }
  return parsed;
}

import {
  buildFetchMessagesRequest,
  parseFetchMessagesResponse,
} from "../core/requests/fetch_messages.ts";
import type { Envelope } from "../core/subscribe/envelope.ts";
import * as events from "../core/subscribe/events.ts";
import type { SubscribeEvent } from "../core/subscribe/events.ts";
import {
  GAP_FILL_MAX_PAGES,
  gapPageParams,
  type GapRange,
  nextGapPageStart,
  storedAsEnvelopes,
  type UnfilledGap,
} from "../core/subscribe/gaps.ts";
import type { FillGapInvocation } from "../core/subscribe/invocations.ts";
import { compareTimetokens } from "../core/timetoken.ts";
import type { RequestSender } from "./endpoint.ts";

/**
 * Performs a `FILL_GAP` invocation: fetches each gap from storage, page by page within the
 * service's per-call limit, and answers `GAP_FILL_SUCCESS` with the restored envelopes, or
 * `GAP_FILL_FAILURE` with them and the gaps that could not be fetched (storage off, access
 * denied, a network failure, an unreadable answer). `undefined` when cancelled.
 *
 * @example
 * ```ts
 * import { fillGaps } from "./gap_filler.ts";
 * import { fillGap } from "../core/subscribe/invocations.ts";
 * import { PubNub } from "./pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u", origin: "127.0.0.1:9", ssl: false });
 * const event = await fillGaps(pubnub, "demo", fillGap([{ channel: "a", after: "1", before: "9" }], 1), new AbortController().signal);
 * event?.type; // "GAP_FILL_FAILURE": nothing listens on port 9
 * await pubnub.stop();
 * ```
 */
export async function fillGaps(
  sender: RequestSender,
  subscribeKey: string,
  invocation: FillGapInvocation,
  signal: AbortSignal,
): Promise<SubscribeEvent | undefined> {
  const restored: Envelope[] = [];
  const unfilled: UnfilledGap[] = [];
  for (const gap of invocation.gaps) {
    const outcome = await fillOne(sender, subscribeKey, gap, invocation.region, signal);
    if (outcome === undefined) return undefined;
    restored.push(...outcome.envelopes);
    if (outcome.failure) {
      const lost: { -readonly [K in keyof UnfilledGap]: UnfilledGap[K] } = {
        ...gap,
        reason: outcome.failure,
      };
      // What was fetched before the failure is delivered, so it is not lost.
      if (gap.missed !== undefined) lost.missed = Math.max(0, gap.missed - outcome.fetched);
      unfilled.push(lost);
    }
  }
  return unfilled.length
    ? events.gapFillFailure(restored, unfilled)
    : events.gapFillSuccess(restored);
}

async function fillOne(
  sender: RequestSender,
  subscribeKey: string,
  gap: GapRange,
  region: number,
  signal: AbortSignal,
): Promise<
  { envelopes: Envelope[]; fetched: number; failure?: UnfilledGap["reason"] } | undefined
> {
  const envelopes: Envelope[] = [];
  let fetched = 0;
  let start: string | undefined = gap.before;
  // The range's inclusive end, just after the cursor: from there down nothing is left to fetch.
  const end = gapPageParams(subscribeKey, gap).end as string;
  for (let page = 0; start !== undefined; page++) {
    if (page === GAP_FILL_MAX_PAGES) {
      return {
        envelopes,
        fetched,
        failure: {
          category: "PNRequestMessageCountExceededCategory",
          message: `the gap holds more than ${GAP_FILL_MAX_PAGES} pages of ${
            gapPageParams(subscribeKey, gap).count
          } messages, the most the back-fill fetches for one channel`,
        },
      };
    }
    const request = buildFetchMessagesRequest(gapPageParams(subscribeKey, gap, start));
    const outcome = await sender.send(request, signal);
    if (signal.aborted) return undefined;
    if (!outcome.ok) {
      const failure: { -readonly [K in keyof UnfilledGap["reason"]]: UnfilledGap["reason"][K] } = {
        category: outcome.status.category,
        message: outcome.message,
      };
      if (outcome.status.statusCode !== undefined) failure.statusCode = outcome.status.statusCode;
      return { envelopes, fetched, failure };
    }
    const parsed = parseFetchMessagesResponse(outcome.data);
    if (!parsed.ok) {
      return {
        envelopes,
        fetched,
        failure: {
          category: "PNMalformedResponseCategory",
          message: `fetch messages failed: unexpected response: ${parsed.reason}`,
        },
      };
    }
    const messages = parsed.value.channels[gap.channel] ?? [];
    const inside = storedAsEnvelopes(gap, messages, region);
    envelopes.push(...inside);
    fetched += inside.length;
    const next = nextGapPageStart(messages);
    // Paging must move back, and stop at `end`: a page from `start` = `end` (exclusive) down to
    // `end` (inclusive) is empty, a call for nothing.
    start = next !== undefined && compareTimetokens(next, start) < 0 &&
        compareTimetokens(next, end) > 0
      ? next
      : undefined;
  }
  return { envelopes, fetched };
}

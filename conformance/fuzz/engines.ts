/**
 * Fuzz target 2: random event sequences, with hostile cursors, reasons and envelopes, through both
 * engines.
 *
 * @module
 */
import * as presenceEvents from "../../src/core/presence/events.ts";
import { INITIAL_HEARTBEAT_STATE } from "../../src/core/presence/states.ts";
import { transition as presenceTransition } from "../../src/core/presence/transition.ts";
import { PNStatus } from "../../src/core/status.ts";
import { presenceNameOf } from "../../src/core/wire/names.ts";
import type { Envelope } from "../../src/core/subscribe/envelope.ts";
import * as subscribeEvents from "../../src/core/subscribe/events.ts";
import { INITIAL_SUBSCRIBE_STATE, type SubscribeState } from "../../src/core/subscribe/states.ts";
import { transition as subscribeTransition } from "../../src/core/subscribe/transition.ts";
import { KNOWN_CATEGORIES } from "./categories.ts";
import { HOSTILE_VALUES } from "./mutate.ts";
import type { Random } from "./random.ts";
function randomStatus(random: Random): PNStatus {
  const category = random.pick([...KNOWN_CATEGORIES]) as PNStatus["category"];
  return new PNStatus({
    category,
    operation: random.pick(["PNSubscribeOperation", "PNHeartbeatOperation"]),
    error: true,
    statusCode: random.pick([undefined, 0, 400, 403, 404, 429, 500, 503, 999, -1, NaN]),
    errorData: random.pick([undefined, null, "x", {
      retryAfter: random.pick([-1, 1e309, NaN, "2", 2]),
    }]),
  });
}

function randomCursor(random: Random) {
  const timetoken = random.pick([
    "17000000000000000",
    "16999999999999999",
    "0",
    "00000000000000000",
    "99999999999999999999",
    String(17000000000000000n - BigInt(random.int(1000))),
  ]);
  return { timetoken, region: random.pick([0, 1, -1, 1e309, NaN]) };
}

function randomNames(random: Random): string[] {
  return Array.from(
    { length: random.int(4) },
    () => random.pick(["a", "b", presenceNameOf("a"), "", "c.*", "g"]),
  );
}

/**
 * Stage 2: random event sequences through both engines; every transition must return a state
 * and a list of invocations, and never throw.
 *
 * @example
 * ```ts
 * import { fuzzEngines } from "./engines.ts";
 * import { Random } from "./random.ts";
 * const problems: string[] = [];
 * fuzzEngines(new Random(1), 20, problems);
 * problems.length; // 0
 * ```
 */
export function fuzzEngines(random: Random, count: number, problems: string[]): number {
  let events = 0;
  let subscribeState: SubscribeState = INITIAL_SUBSCRIBE_STATE;
  let presenceState = INITIAL_HEARTBEAT_STATE;
  const envelope = (): Envelope =>
    ({
      c: random.pick(["a", presenceNameOf("a"), ""]),
      d: random.pick(HOSTILE_VALUES),
      p: { t: randomCursor(random).timetoken, r: 1 },
      e: random.pick([undefined, 0, 1, 2, 99, "1"]),
    }) as unknown as Envelope;
  const gap = () => ({
    channel: random.pick(["a", "", presenceNameOf("a")]),
    after: randomCursor(random).timetoken,
    before: randomCursor(random).timetoken,
    missed: random.pick([undefined, 0, -1, 3, NaN]),
  });
  for (let i = 0; i < count; i++) {
    const make = random.pick([
      () => subscribeEvents.subscriptionChanged(randomNames(random), randomNames(random)),
      () =>
        subscribeEvents.subscriptionRestored(
          randomNames(random),
          randomNames(random),
          randomCursor(random),
        ),
      () => subscribeEvents.handshakeSuccess(randomCursor(random)),
      () => subscribeEvents.handshakeFailure(randomStatus(random)),
      () => subscribeEvents.handshakeReconnectSuccess(randomCursor(random)),
      () => subscribeEvents.handshakeReconnectFailure(randomStatus(random)),
      () => subscribeEvents.handshakeReconnectGiveup(randomStatus(random)),
      () => subscribeEvents.receiveSuccess(randomCursor(random), [envelope()]),
      () => subscribeEvents.receiveFailure(randomStatus(random)),
      () => subscribeEvents.receiveReconnectSuccess(randomCursor(random), [envelope()]),
      () => subscribeEvents.receiveReconnectFailure(randomStatus(random)),
      () => subscribeEvents.receiveReconnectGiveup(randomStatus(random)),
      () => subscribeEvents.disconnect(),
      () => subscribeEvents.reconnect(random.next() < 0.5 ? undefined : randomCursor(random)),
      () => subscribeEvents.unsubscribeAll(),
      // The gap back-fill's events, with hostile ranges, counts and restored envelopes.
      () => subscribeEvents.receiveSuccess(randomCursor(random), [envelope()], [gap()]),
      () => subscribeEvents.receiveReconnectSuccess(randomCursor(random), [envelope()], [gap()]),
      () => subscribeEvents.gapFillSuccess([envelope(), envelope()]),
      () =>
        subscribeEvents.gapFillFailure([envelope()], [{
          ...gap(),
          reason: { category: "PNAccessDeniedCategory", statusCode: 403, message: "storage off" },
        }]),
    ]);
    try {
      const result = subscribeTransition(subscribeState, make());
      if (!result.state || !Array.isArray(result.invocations)) throw new Error("bad result");
      subscribeState = result.state;
      events++;
    } catch (error) {
      problems.push(`subscribe engine: threw ${String(error)} in ${subscribeState.name}`);
      subscribeState = INITIAL_SUBSCRIBE_STATE;
    }
    const makePresence = random.pick([
      () => presenceEvents.joined(randomNames(random), randomNames(random)),
      () => presenceEvents.left(randomNames(random), randomNames(random)),
      () => presenceEvents.leftAll(),
      () => presenceEvents.heartbeatSuccess(),
      () => presenceEvents.heartbeatFailure(randomStatus(random)),
      () => presenceEvents.heartbeatGiveup(randomStatus(random)),
      () => presenceEvents.timesUp(),
      () => presenceEvents.disconnect(),
      () => presenceEvents.reconnect(),
    ]);
    try {
      const result = presenceTransition(presenceState, makePresence(), {
        suppressLeaveEvents: random.next() < 0.5,
      });
      if (!result.state || !Array.isArray(result.invocations)) throw new Error("bad result");
      presenceState = result.state;
      events++;
    } catch (error) {
      problems.push(`presence engine: threw ${String(error)} in ${presenceState.name}`);
      presenceState = INITIAL_HEARTBEAT_STATE;
    }
  }
  return events;
}

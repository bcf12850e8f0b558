/**
 * Core benchmarks: the pure subscribe engine and envelope decoding, no I/O.
 *
 * @example
 * ```ts
 * import { benchCore } from "./core.ts";
 * const { transitionsPerSecond } = benchCore(200);
 * ```
 *
 * @module
 */
import { parseSubscribeResponse } from "../../src/core/requests/subscribe.ts";
import { decodeEnvelope } from "../../src/core/subscribe/envelope.ts";
import {
  handshakeSuccess,
  receiveFailure,
  receiveReconnectSuccess,
  receiveSuccess,
  type SubscribeEvent,
  subscriptionChanged,
} from "../../src/core/subscribe/events.ts";
import { INITIAL_SUBSCRIBE_STATE, type SubscribeState } from "../../src/core/subscribe/states.ts";
import { transition } from "../../src/core/subscribe/transition.ts";
import { PNStatus } from "../../src/core/status.ts";
import { opsPerSecond } from "./measure.ts";

/** What the core benchmarks measured. */
export interface CoreResult {
  /** `transition()` calls per second over a realistic receive loop. */
  transitionsPerSecond: number;
  /** Events in the loop that the table ignored (0 means every event moved the machine). */
  ignoredEvents: number;
  /** Subscribe bodies of 100 messages parsed and decoded per second. */
  bodiesPerSecond: number;
  /** Bytes of that body. */
  bodyBytes: number;
}

const BASE_TIMETOKEN = 17_000_000_000_000_000n;

function timetoken(i: number): string {
  return String(BASE_TIMETOKEN + BigInt(i) * 10_000n);
}

/**
 * A receive loop as the runner drives it: subscribe, handshake, then long-polls that each bring
 * a message, with a failed long-poll and its successful retry every 50 polls and a subscription
 * change (a channel added) every 200.
 */
export function receiveLoopEvents(): { start: SubscribeEvent[]; loop: SubscribeEvent[] } {
  const start = [
    subscriptionChanged(["room", "lobby"], []),
    handshakeSuccess({ timetoken: timetoken(0), region: 1 }),
  ];
  const timeout = new PNStatus({
    category: "PNTimeoutCategory",
    operation: "PNSubscribeOperation",
    error: true,
  });
  const loop: SubscribeEvent[] = [];
  for (let i = 1; i <= 1000; i++) {
    const envelope = { c: "room", d: { i }, p: { t: timetoken(i), r: 1 }, i: "publisher" };
    if (i % 50 === 0) {
      loop.push(receiveFailure(timeout));
      loop.push(receiveReconnectSuccess({ timetoken: timetoken(i), region: 1 }, [envelope]));
    } else if (i % 200 === 1) {
      loop.push(subscriptionChanged(["room", "lobby", `extra-${i % 3}`], []));
    } else {
      loop.push(receiveSuccess({ timetoken: timetoken(i), region: 1 }, [envelope]));
    }
  }
  return { start, loop };
}

/** A subscribe response body as the server sends it: `count` messages on one channel. */
export function subscribeBody(count: number): string {
  const m = Array.from({ length: count }, (_, i) => ({
    a: "3",
    f: 0,
    i: "publisher-1",
    p: { t: timetoken(i + 1), r: 1 },
    k: "demo",
    c: "bench",
    d: { i, text: "hello world", user: { name: "Alex", online: true } },
    b: "bench",
  }));
  return JSON.stringify({ t: { t: timetoken(count + 1), r: 1 }, m });
}

/** Runs the core benchmarks, each for about `millis`. */
export function benchCore(millis = 1500): CoreResult {
  const { start, loop } = receiveLoopEvents();
  let state: SubscribeState = INITIAL_SUBSCRIBE_STATE;
  for (const event of start) state = transition(state, event).state;
  let ignoredEvents = 0;
  {
    let probe = state;
    for (const event of loop) {
      const next = transition(probe, event);
      if (next.state === probe && next.invocations.length === 0) ignoredEvents++;
      probe = next.state;
    }
  }
  const transitionsPerSecond = opsPerSecond((i) => {
    const result = transition(state, loop[i % loop.length]);
    state = result.state;
    return result.invocations;
  }, millis);

  const body = subscribeBody(100);
  const bodiesPerSecond = opsPerSecond(() => {
    const parsed = parseSubscribeResponse(body);
    if (!parsed.ok) throw new Error(parsed.reason);
    let last;
    for (const envelope of parsed.value.messages) last = decodeEnvelope(envelope);
    return last;
  }, millis);

  return {
    transitionsPerSecond,
    ignoredEvents,
    bodiesPerSecond,
    bodyBytes: new TextEncoder().encode(body).length,
  };
}

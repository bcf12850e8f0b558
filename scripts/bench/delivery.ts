/**
 * Delivery: one publisher, one subscriber, through an SDK. Throughput (messages per second until
 * the subscriber's listener has them all) and publish-to-listener latency.
 *
 * Throughput is measured with flow control: at most `window` messages are published and not yet
 * received. The server keeps 100 envelopes per channel (as the service does), so a publisher that
 * runs further ahead than that would lose messages by design, not measure delivery.
 *
 * @example
 * ```ts
 * import { benchDelivery } from "./delivery.ts";
 * import { oursClient } from "./clients.ts";
 * const results = await benchDelivery("127.0.0.1:8090", { ours: oursClient }, {
 *   messages: 500, concurrency: 16, window: 50, latencySamples: 50, rounds: 2,
 * });
 * ```
 *
 * @module
 */
import type { BenchClient, ClientFactory } from "./clients.ts";
import { type CpuSource, runPool, type Throughput, timed, within } from "./measure.ts";

/** Sizes of the delivery benchmark. */
export interface DeliveryBenchOptions {
  /** Messages per contestant for throughput. */
  messages: number;
  /** Publishes in flight. */
  concurrency: number;
  /** Most messages published and not yet received. */
  window: number;
  /** Serial publish-to-listener samples per contestant. */
  latencySamples: number;
  /** Rounds the runs are split into, alternating the contestants. */
  rounds: number;
}

/** What one contestant achieved. */
export interface DeliveryResult {
  /** Per round: messages received (count) and the time until the last arrived. */
  throughput: Throughput[];
  /** Messages published but never received within the time limit. */
  lost: number;
  /** Publish-to-listener latencies (ms). */
  latencies: number[];
}

interface Payload {
  phase: "warm" | "tp" | "lat";
  i: number;
}

/** Counts what a subscriber received and lets callers wait for a count. */
class Inbox {
  received = 0;
  readonly seen = new Set<string>();
  #waiters: { count: number; resolve: () => void }[] = [];

  take(message: unknown) {
    const p = message as Payload;
    const key = `${p.phase}:${p.i}`;
    if (this.seen.has(key)) return; // a duplicate is not a delivery
    this.seen.add(key);
    this.received++;
    if (this.#waiters.length === 0) return;
    this.#waiters = this.#waiters.filter((w) => {
      if (this.received < w.count) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves true once `count` messages have arrived, false after `timeoutMs`. */
  until(count: number, timeoutMs: number): Promise<boolean> {
    if (this.received >= count) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      this.#waiters.push(waiter);
    });
  }
}

interface Pair {
  publisher: BenchClient;
  subscriber: BenchClient;
  channel: string;
  inbox: Inbox;
  sent: number;
}

const TIME_LIMIT_MS = 30_000;

/** Publishes `count` messages with flow control and waits until all arrived. */
async function throughputRun(
  pair: Pair,
  phase: Payload["phase"],
  count: number,
  options: DeliveryBenchOptions,
  server?: CpuSource,
) {
  const base = pair.inbox.received;
  const target = base + count;
  let next = 0;
  let stalled = false;
  const t = await timed(count, async () => {
    await runPool(count, options.concurrency, async () => {
      const i = next++;
      // flow control: stay within the window of unreceived messages
      if (!stalled && base + i - pair.inbox.received >= options.window) {
        const ok = await pair.inbox.until(base + i - options.window + 1, TIME_LIMIT_MS);
        if (!ok) stalled = true;
      }
      pair.sent++;
      await pair.publisher.publish(pair.channel, { phase, i: pair.sent } satisfies Payload);
    });
    await pair.inbox.until(target, stalled ? 1000 : TIME_LIMIT_MS);
  }, server);
  const got = pair.inbox.received - base;
  return { throughput: { ...t, count: got }, lost: count - got };
}

/** Runs throughput and latency for each contestant against the server at `origin`. */
export async function benchDelivery(
  origin: string,
  contestants: Record<string, ClientFactory>,
  options: DeliveryBenchOptions,
  server?: CpuSource,
): Promise<Record<string, DeliveryResult>> {
  const names = Object.keys(contestants);
  const pairs: Record<string, Pair> = {};
  const results: Record<string, DeliveryResult> = {};
  try {
    for (const name of names) {
      const inbox = new Inbox();
      const pair: Pair = {
        publisher: contestants[name](origin, `bench-pub-${name}`),
        subscriber: contestants[name](origin, `bench-sub-${name}`),
        channel: `bench-delivery-${name}-${crypto.randomUUID().slice(0, 8)}`,
        inbox,
        sent: 0,
      };
      pairs[name] = pair;
      results[name] = {
        throughput: [],
        lost: 0,
        latencies: [],
      };
      const connected = await within(
        pair.subscriber.subscribe(pair.channel, (m) => inbox.take(m)).then(() => true),
        10_000,
      );
      if (!connected) throw new Error(`${name}: the subscriber did not connect within 10 s`);
      await throughputRun(pair, "warm", 300, options);
    }

    const perRound = Math.ceil(options.messages / options.rounds);
    const latencyPerRound = Math.ceil(options.latencySamples / options.rounds);
    for (let round = 0; round < options.rounds; round++) {
      const order = names.map((_, k) => names[(k + round) % names.length]);
      for (const name of order) {
        const { throughput, lost } = await throughputRun(
          pairs[name],
          "tp",
          perRound,
          options,
          server,
        );
        const r = results[name];
        r.throughput.push(throughput);
        r.lost += lost;
      }
      for (const name of order) {
        const pair = pairs[name];
        for (let k = 0; k < latencyPerRound; k++) {
          const started = performance.now();
          const arrived = pair.inbox.until(pair.inbox.received + 1, 5000);
          pair.sent++;
          await pair.publisher.publish(
            pair.channel,
            { phase: "lat", i: pair.sent } satisfies Payload,
          );
          if (await arrived) results[name].latencies.push(performance.now() - started);
          else results[name].lost++;
        }
      }
    }
    return results;
  } finally {
    for (const pair of Object.values(pairs)) {
      await pair.subscriber.stop();
      await pair.publisher.stop();
    }
  }
}

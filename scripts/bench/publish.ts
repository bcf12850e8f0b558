/**
 * Publish throughput: this SDK, the official SDK, and a bare `fetch` loop sending the very URLs
 * this SDK sends, serially and with a fixed number in flight. The contestants run in alternating
 * rounds so that drift (JIT warm-up, other load on the machine) does not favour one of them.
 *
 * @example
 * ```ts
 * import { benchPublish } from "./publish.ts";
 * const result = await benchPublish("127.0.0.1:8090", { serial: 200, inFlight: 500, concurrency: 32, rounds: 2 });
 * ```
 *
 * @module
 */
import {
  bareGet,
  type BenchClient,
  officialClient,
  oursClient,
  recordPublishUrls,
} from "./clients.ts";
import { type CpuSource, runPool, type Throughput, timed } from "./measure.ts";

/** Sizes of the publish benchmark. */
export interface PublishBenchOptions {
  /** Serial publishes per contestant. */
  serial: number;
  /** Publishes per contestant with `concurrency` in flight. */
  inFlight: number;
  /** Requests in flight in the concurrent run. */
  concurrency: number;
  /** Rounds the runs are split into, alternating the contestants. */
  rounds: number;
}

/** Names of the contestants. */
export type PublishContestant = "fetch" | "fetchSignal" | "ours" | "official";

/** Serial and concurrent throughput of each contestant, round by round. */
export type PublishResult = Record<
  PublishContestant,
  { serial: Throughput[]; inFlight: Throughput[] }
>;

const CHANNEL = "bench-publish";

/** Runs the publish benchmark against the server at `origin`. */
export async function benchPublish(
  origin: string,
  options: PublishBenchOptions,
  server?: CpuSource,
): Promise<PublishResult> {
  const total = Math.max(options.serial, options.inFlight);
  const messages = Array.from({ length: total }, (_, i) => ({ i, text: "hello world" }));
  const urls = await recordPublishUrls(origin, "bench-publisher", CHANNEL, messages);

  const ours = oursClient(origin, "bench-publisher");
  const official = officialClient(origin, "bench-publisher");
  const send = (client: BenchClient) => (i: number) => client.publish(CHANNEL, messages[i]);
  const ops: Record<PublishContestant, (i: number) => Promise<unknown>> = {
    fetch: (i) => bareGet(urls[i]),
    // What a per-request timeout costs a bare loop: an AbortController, its signal and a timer.
    fetchSignal: async (i) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try {
        const response = await fetch(urls[i], { signal: controller.signal });
        await response.text();
      } finally {
        clearTimeout(timer);
      }
    },
    ours: send(ours),
    official: send(official),
  };
  const names = Object.keys(ops) as PublishContestant[];
  const result = Object.fromEntries(
    names.map((name) => [name, { serial: [] as Throughput[], inFlight: [] as Throughput[] }]),
  ) as PublishResult;

  try {
    // Warm-up: connections opened, code compiled, on both sides.
    for (const name of names) {
      for (let i = 0; i < 300; i++) await ops[name](i);
      await runPool(1000, options.concurrency, ops[name]);
    }
    const serialPerRound = Math.ceil(options.serial / options.rounds);
    const inFlightPerRound = Math.ceil(options.inFlight / options.rounds);
    for (let round = 0; round < options.rounds; round++) {
      const order = names.map((_, k) => names[(k + round) % names.length]);
      for (const name of order) {
        const offset = round * serialPerRound;
        const t = await timed(serialPerRound, async () => {
          for (let i = 0; i < serialPerRound; i++) await ops[name]((offset + i) % total);
        }, server);
        result[name].serial.push(t);
      }
      for (const name of order) {
        const offset = round * inFlightPerRound;
        const t = await timed(
          inFlightPerRound,
          () =>
            runPool(inFlightPerRound, options.concurrency, (i) => ops[name]((offset + i) % total)),
          server,
        );
        result[name].inFlight.push(t);
      }
    }
    return result;
  } finally {
    await ours.stop();
    await official.stop();
  }
}

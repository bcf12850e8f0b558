/**
 * Fan-out: one message to many subscribers of one channel, each a client of its own with its own
 * long-poll; and the server's memory while it holds those long-polls idle. The server runs in a
 * fresh child process, so its resident memory is its own.
 *
 * The reference is as many bare `fetch` long-polls on another channel of the same server, held
 * at the same time: each parses its answer and starts its next long-poll, as a subscribe loop
 * must (our clients do both too). A second bare set that only reads its answers (no next
 * long-poll) shows what that costs. Every side is published to with the same bare `fetch`, the
 * sides take turns, and each is measured over several rounds.
 *
 * @example
 * ```ts
 * import { benchFanOut } from "./fanout.ts";
 * const result = await benchFanOut(100);
 * ```
 *
 * @module
 */
import process from "node:process";
import { type BenchClient, oursClient } from "./clients.ts";
import { median, percentile, sleep, waitUntil, within } from "./measure.ts";
import { formatNumber as n, type Row } from "./report.ts";
import { startServerProcess } from "./server_process.ts";

/** What the fan-out benchmark measured. */
export interface FanOutResult {
  /** Subscribers asked for. */
  subscribers: number;
  /** Subscribers whose SDK reported connected. */
  connected: number;
  /** Time until every subscriber was connected (ms). */
  connectMillis: number;
  /** Most long-polls the server held at once (proves they were concurrent). */
  heldLongPolls: number;
  /** Server RSS before any subscriber, and with all long-polls held (bytes). */
  rssBefore: number;
  rssHeld: number;
  /** Subscribers whose listener got the message, in the last round. */
  delivered: number;
  /**
   * Per round: from before the publish until the last listener had it (ms). The publish is the
   * same bare `fetch` for both sides.
   */
  fanOutMillis: number[];
  /** Per round: when half the listeners had it (ms). */
  fanOutMedianMillis: number[];
  /** Time to stop every client (leave requests included) (ms). */
  stopMillis: number;
  /**
   * Per round: the same fan-out to as many bare `fetch` long-polls, each parsing its answer and
   * starting its next long-poll as a subscribe loop does (ms): the limit of server and runtime.
   */
  bareFanOutMillis: number[];
  /** Per round: when half the bare long-polls had it (ms). */
  bareFanOutMedianMillis: number[];
  /** Bare long-polls that got the message, in the last round. */
  bareDelivered: number;
  /** Per round: bare long-polls that read their answers and start no next one (ms). */
  answersOnlyMillis: number[];
  /**
   * Per side and round: `[client CPU, server CPU]` until the last arrival (ms); the clients' CPU
   * includes their next long-polls being started.
   */
  cpuMillis: Record<"ours" | "bare" | "answers", number[][]>;
}

const CHANNEL = "bench-fanout";

/**
 * Runs the fan-out benchmark with `subscribers` clients of this SDK and as many bare long-poll
 * loops, both held at once on one server, publishing `rounds` times to each side (alternating).
 */
export async function benchFanOut(subscribers: number, rounds = 5): Promise<FanOutResult> {
  const server = await startServerProcess({ longPollSeconds: 280 });
  const clients: BenchClient[] = [];
  const bare = new BareLoops(server.origin, `${CHANNEL}-bare`, true);
  const answersOnly = new BareLoops(server.origin, `${CHANNEL}-answers`, false);
  try {
    // Warm the server a little (JIT, first allocations), then let it settle.
    const warm = oursClient(server.origin, "bench-warm");
    for (let i = 0; i < 50; i++) await warm.publish("bench-warm", { i });
    await warm.stop();
    await sleep(300);
    const rssBefore = await server.rssBytes();

    let ours = new Arrivals(subscribers);
    const started = performance.now();
    const connecting: Promise<unknown>[] = [];
    for (let i = 0; i < subscribers; i++) {
      const client = oursClient(server.origin, `bench-fan-${i}`);
      clients.push(client);
      connecting.push(client.subscribe(CHANNEL, () => ours.arrived()));
    }
    let connected = 0;
    await within(Promise.all(connecting.map((p) => p.then(() => connected++))), 60_000);
    const connectMillis = performance.now() - started;

    let heldLongPolls = 0;
    const held = async (count: number) =>
      await waitUntil(
        async () => {
          const pending = (await server.stats()).pendingLongPolls;
          heldLongPolls = Math.max(heldLongPolls, pending);
          return pending >= count;
        },
        30_000,
        20,
      );
    await held(subscribers);
    await sleep(500);
    const rssHeld = await server.rssBytes();

    await bare.start(subscribers);
    await answersOnly.start(subscribers);
    await held(3 * subscribers);

    const times = { ours: [] as number[][], bare: [] as number[][], answers: [] as number[][] };
    const counts = { ours: 0, bare: 0, answers: 0 };
    // Per round: CPU of this process (the clients) and of the server until the last arrival (ms).
    const cpu = { ours: [] as number[][], bare: [] as number[][], answers: [] as number[][] };
    const publish = async (channel: string, i: number) =>
      await (await fetch(
        `http://${server.origin}/publish/demo/demo/0/${channel}/0/${
          encodeURIComponent(JSON.stringify({ text: "to everyone", i }))
        }?uuid=bench-fan-publisher`,
      )).body?.cancel();
    const sides = ["ours", "bare", "answers"] as const;
    for (let round = 0; round < rounds; round++) {
      // Rotate which side goes first, so drift favours none.
      for (const side of sides.map((_, i) => sides[(i + round) % sides.length])) {
        await sleep(200);
        const arrivals = side === "ours"
          ? (ours = new Arrivals(subscribers))
          : (side === "bare" ? bare : answersOnly).expect();
        const serverCpu = await server.cpuMicros();
        const clientCpu = process.cpuUsage();
        const publishedAt = performance.now();
        await publish(
          side === "ours" ? CHANNEL : side === "bare" ? bare.channel : answersOnly.channel,
          round,
        );
        await within(arrivals.all, 30_000);
        const client = process.cpuUsage(clientCpu);
        cpu[side].push([
          (client.user + client.system) / 1000,
          ((await server.cpuMicros()) - serverCpu) / 1000,
        ]);
        times[side].push(arrivals.since(publishedAt));
        counts[side] = arrivals.count;
        if (side === "answers") answersOnly.rearm();
        // Every long-poll waits again before the next turn.
        await held(3 * subscribers);
      }
    }
    const result = {
      fanOutMillis: times.ours.map(([, last]) => last),
      fanOutMedianMillis: times.ours.map(([median]) => median),
      bareFanOutMillis: times.bare.map(([, last]) => last),
      bareFanOutMedianMillis: times.bare.map(([median]) => median),
      answersOnlyMillis: times.answers.map(([, last]) => last),
      cpuMillis: cpu,
    };
    const delivered = counts.ours;
    const bareDelivered = counts.bare;

    const stopping = performance.now();
    await Promise.all(clients.map((c) => c.stop()));
    const stopMillis = performance.now() - stopping;
    clients.length = 0;
    return {
      subscribers,
      connected,
      connectMillis,
      heldLongPolls,
      rssBefore,
      rssHeld,
      delivered,
      stopMillis,
      bareDelivered,
      ...result,
    };
  } finally {
    bare.stop();
    answersOnly.stop();
    await Promise.all(clients.map((c) => c.stop()));
    await server.close();
  }
}

/** When each of `expected` receivers got the message. */
class Arrivals {
  readonly times: number[] = [];
  readonly all: Promise<void>;
  #done: () => void = () => {};
  constructor(readonly expected: number) {
    this.all = new Promise((resolve) => this.#done = resolve);
  }
  get count(): number {
    return this.times.length;
  }
  arrived(): void {
    this.times.push(performance.now());
    if (this.times.length === this.expected) this.#done();
  }
  /** Median and last arrival after `start` (ms). */
  since(start: number): [number, number] {
    if (this.times.length === 0) return [NaN, NaN];
    return [percentile(this.times, 0.5) - start, Math.max(...this.times) - start];
  }
}

/**
 * Bare `fetch` long-polls, no SDK. With `repoll`, each parses its answer and starts its next
 * long-poll with the new cursor, as any subscribe loop must (so both sides of the comparison pay
 * for it); without, each stops at its first message and {@link BareLoops.expect} starts them
 * again (the answers alone: what the old row measured).
 */
class BareLoops {
  readonly #controller = new AbortController();
  #arrivals = new Arrivals(0);
  #polls = 0;
  #url = "";
  readonly #cursors: { t: string; r: number }[] = [];
  constructor(readonly origin: string, readonly channel: string, readonly repoll: boolean) {}

  async start(polls: number): Promise<void> {
    this.#url = `http://${this.origin}/v2/subscribe/demo/${this.channel}/0`;
    const handshake = await (await fetch(`${this.#url}?uuid=h`)).json();
    this.#polls = polls;
    for (let i = 0; i < polls; i++) this.#cursors[i] = handshake.t;
    for (let i = 0; i < polls; i++) this.#loop(i).catch(() => {});
  }

  async #loop(i: number): Promise<void> {
    while (!this.#controller.signal.aborted) {
      const cursor = this.#cursors[i];
      const response = await fetch(`${this.#url}?uuid=b${i}&tt=${cursor.t}&tr=${cursor.r}`, {
        signal: this.#controller.signal,
      });
      const body = await response.json() as { t: { t: string; r: number }; m: unknown[] };
      this.#cursors[i] = body.t;
      if (body.m.length > 0) {
        this.#arrivals.arrived();
        if (!this.repoll) return;
      }
    }
  }

  /** The arrivals of the next message. */
  expect(): Arrivals {
    return this.#arrivals = new Arrivals(this.#polls);
  }

  /** Without `repoll`: starts the long-polls again, with their new cursors (not timed). */
  rearm(): void {
    if (this.repoll) return;
    for (let i = 0; i < this.#polls; i++) this.#loop(i).catch(() => {});
  }

  stop(): void {
    this.#controller.abort();
  }
}

/** The report's rows: fan-out against the bare long-poll loops, and the server's memory. */
export function fanOutRows(fan: FanOutResult): Row[] {
  const spread = (values: number[]) => `${n(Math.min(...values))}–${n(Math.max(...values))}`;
  const ratios = fan.fanOutMillis.map((v, i) => v / fan.bareFanOutMillis[i]);
  const cpu = (side: "ours" | "bare" | "answers") =>
    `${n(median(fan.cpuMillis[side].map(([client]) => client)))}/${
      n(median(fan.cpuMillis[side].map(([, server]) => server)))
    }`;
  const mib = (bytes: number) => n(bytes / 1048576, 1);
  return [{
    section: "Fan-out",
    name: `1 message → ${n(fan.subscribers)} subscribers (own clients, one channel)`,
    ours: `${n(median(fan.fanOutMillis))} ms (${spread(fan.fanOutMillis)}) until all ${
      n(fan.delivered)
    } listeners had it`,
    reference: `bare long-poll loops: ${n(median(fan.bareFanOutMillis))} ms (${
      spread(fan.bareFanOutMillis)
    })`,
    ratio: median(fan.fanOutMillis) / median(fan.bareFanOutMillis),
    target: { op: "<=", value: 2, text: "≤ 2×" },
    note:
      `${fan.fanOutMillis.length} rounds, ratio per round ${n(Math.min(...ratios), 2)}–${
        n(Math.max(...ratios), 2)
      }×; both sides parse and start their next long-poll; bare ` +
      `answers alone (no next long-poll) ${n(median(fan.answersOnlyMillis))} ms (${
        spread(fan.answersOnlyMillis)
      }), ours ${n(median(fan.fanOutMillis) / median(fan.answersOnlyMillis), 2)}× that; CPU ms ` +
      `clients/server per round: ours ${cpu("ours")}, bare ${cpu("bare")}, answers alone ${
        cpu("answers")
      }; ${n(fan.connected)} connected in ${n(fan.connectMillis)} ms`,
  }, {
    section: "Fan-out",
    name: `server memory with ${n(fan.subscribers)} idle long-polls (VmRSS delta)`,
    ours: `+${mib(fan.rssHeld - fan.rssBefore)} MiB (${
      n((fan.rssHeld - fan.rssBefore) / fan.subscribers / 1024, 1)
    } KiB per long-poll)`,
    note: `from ${mib(fan.rssBefore)} MiB to ${mib(fan.rssHeld)} MiB`,
  }];
}

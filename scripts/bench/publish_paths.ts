/**
 * Where a publish's cost goes over a real socket: a ladder from the bare `fetch` loop up to a
 * whole `publish().future()`, each rung adding one thing our path does (a fresh URL, the init
 * object and shared signal the transport passes, the response reads, `Transport.send`, the
 * builder), in interleaved rounds on one server process. Each rung reports, per publish: client
 * CPU, wall time, the server process's CPU, TCP connections opened and context switches, so a
 * difference at the runtime or network level (a connection not reused, a timer, a wake-up more)
 * shows apart from the JavaScript's. `--in-flight=N` runs each rung N at a time.
 *
 * @example
 * ```sh
 * deno run -A scripts/bench/publish_paths.ts              # 40 rounds, serial
 * deno run -A scripts/bench/publish_paths.ts --quick      # 8 rounds
 * deno run -A scripts/bench/publish_paths.ts --in-flight=32
 * deno run -A scripts/bench/publish_paths.ts --before=/tmp/old  # and an earlier checkout's client
 * ```
 *
 * @module
 */
import process from "node:process";
import { PubNub } from "../../mod.ts";
import { PNConfiguration } from "../../src/core/config.ts";
import { buildPublishRequest } from "../../src/core/requests/publish.ts";
import { Transport } from "../../src/shell/transport.ts";
import { USES_PER_SIGNAL } from "../../src/shell/in_flight.ts";
import { recordPublishUrls } from "./clients.ts";
import { opsPerSecond, percentile, runPool } from "./measure.ts";
import { startServerProcess } from "./server_process.ts";

/** One measure of one rung: the median over the rounds and the rounds' p25–p75. */
export interface Spread {
  /** Median over the rounds. */
  median: number;
  /** 25th percentile of the rounds. */
  low: number;
  /** 75th percentile of the rounds. */
  high: number;
}

/** Per publish, for one rung. */
export interface RungResult {
  /** This process's CPU (µs). */
  cpu: Spread;
  /** Wall time (µs); with requests in flight, the wall time over the count. */
  wall: Spread;
  /** The server process's CPU (µs), summed over its threads from `/proc/<pid>/task/*\/schedstat`. */
  serverCpu: Spread;
  /** TCP connections opened (the system's `ActiveOpens`, so other programs' count too). */
  opens: Spread;
  /** Voluntary and involuntary context switches of this process. */
  switches: Spread;
}

/** The ladder's rungs by name, in order. */
export type PublishPathResult = Record<string, RungResult>;

const CHANNEL = "bench-paths";
const MESSAGE = { i: 1, text: "hello world" };

/** Runs the ladder against a fresh server process. */
export async function benchPublishPaths(
  rounds: number,
  perRound = 200,
  options: { before?: string; inFlight?: number; warmUp?: number } = {},
): Promise<PublishPathResult> {
  const server = await startServerProcess({});
  const keys = { publishKey: "demo", subscribeKey: "demo", userId: "bench-paths" };
  const clientOptions = { ...keys, origin: server.origin, ssl: false };
  // The same message sent again and again: the URLs differ only in their requestid.
  const urls = await recordPublishUrls(
    server.origin,
    keys.userId,
    CHANNEL,
    Array.from({ length: 1000 }, () => MESSAGE),
  );
  const url = urls[0];
  let next = 0;
  const pubnub = new PubNub(clientOptions);
  const transport = new Transport(new PNConfiguration(clientOptions));
  const request = buildPublishRequest({
    publishKey: "demo",
    subscribeKey: "demo",
    channel: CHANNEL,
    payloadJson: JSON.stringify(MESSAGE),
    maxMessageSize: 32768,
    replicate: true,
  });
  // A signal shared by a short run of requests, as the transport's batches are.
  let batch = new AbortController();
  let uses = 0;
  const batchSignal = () => {
    if (++uses > USES_PER_SIGNAL) [batch, uses] = [new AbortController(), 1];
    return batch.signal;
  };
  const variants: Record<string, () => Promise<unknown>> = {
    "bare fetch": async () => (await fetch(url)).text(),
    "bare fetch, a recorded URL each (as publish.ts)": async () =>
      (await fetch(urls[next++ % urls.length])).text(),
    "+ a fresh URL (transport.url(), new requestid)": async () =>
      (await fetch(await transport.url(request))).text(),
    "+ { method, signal } (a signal per 8)": async () =>
      (await fetch(await transport.url(request), { method: "GET", signal: batchSignal() })).text(),
    "+ content-type read, JSON.parse": async () => {
      const response = await fetch(await transport.url(request), {
        method: "GET",
        signal: batchSignal(),
      });
      const body = await response.text();
      response.headers.get("content-type");
      return JSON.parse(body);
    },
    "Transport.send (prebuilt request)": () => transport.send(request),
    "publish().future()": () => pubnub.publish().channel(CHANNEL).message(MESSAGE).future(),
    "bare + AbortController and timer per request": async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try {
        return await (await fetch(url, { signal: controller.signal })).text();
      } finally {
        clearTimeout(timer);
      }
    },
  };
  let old: { stop(): Promise<void> } | undefined;
  if (options.before) {
    // An earlier checkout's client, in this same process and run: before and after side by side.
    const root = `file://${options.before.replace(/\/?$/, "/")}`;
    const { PubNub: OldPubNub } = await import(`${root}mod.ts`);
    const oldClient = new OldPubNub(clientOptions);
    old = oldClient;
    variants["before: publish().future()"] = () =>
      oldClient.publish().channel(CHANNEL).message(MESSAGE).future();
  }
  const inFlight = options.inFlight ?? 1;
  const run = (name: string, count: number) =>
    inFlight === 1
      ? (async () => {
        for (let i = 0; i < count; i++) await variants[name]();
      })()
      : runPool(count, inFlight, () => variants[name]());
  const names = Object.keys(variants);
  const measures = ["cpu", "wall", "serverCpu", "opens", "switches"] as const;
  const samples = Object.fromEntries(
    names.map((n) => [n, Object.fromEntries(measures.map((m) => [m, [] as number[]]))]),
  ) as Record<string, Record<(typeof measures)[number], number[]>>;
  try {
    // Warm-up long enough for the optimising compiler to have every variant's code.
    for (const name of names) await run(name, options.warmUp ?? 3000);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + round) % names.length];
        const before = counters(server.pid);
        await run(name, perRound);
        const after = counters(server.pid);
        for (const m of measures) samples[name][m].push((after[m] - before[m]) / perRound);
      }
    }
  } finally {
    await pubnub.stop();
    await old?.stop();
    transport.abortAll();
    await server.close();
  }
  const spread = (values: number[]): Spread => ({
    median: percentile(values, 0.5),
    low: percentile(values, 0.25),
    high: percentile(values, 0.75),
  });
  return Object.fromEntries(
    names.map((name) => [
      name,
      Object.fromEntries(
        measures.map((m) => [m, spread(samples[name][m])]),
      ) as unknown as RungResult,
    ]),
  );
}

/**
 * What the runtime's `fetch` does with a signal before any I/O, warm and without a socket, in
 * µs per `Request`: made from the URL alone, with a signal that serves 8 requests (as the
 * transport's batches do), and with a fresh signal each. Deno makes a dependent signal for every
 * request given one, however the given signal is shared.
 */
export function requestCosts(url: string): Record<string, number> {
  let batch = new AbortController();
  let uses = 0;
  const cases: Record<string, () => unknown> = {
    "new Request(url)": () => new Request(url).signal,
    "new Request(url, { signal }), a signal per 8": () => {
      if (++uses > USES_PER_SIGNAL) [batch, uses] = [new AbortController(), 1];
      return new Request(url, { signal: batch.signal }).signal;
    },
    "new Request(url, { signal }), a fresh signal": () =>
      new Request(url, { signal: new AbortController().signal }).signal,
  };
  // Short interleaved runs, the median of each: a collection of the signals' weak references
  // landing in one run would otherwise decide the number.
  const runs: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((n) => [n, []]));
  for (let run = 0; run < 9; run++) {
    for (const [name, op] of Object.entries(cases)) runs[name].push(1e6 / opsPerSecond(op, 100));
  }
  return Object.fromEntries(Object.entries(runs).map(([n, us]) => [n, percentile(us, 0.5)]));
}

/** Running totals, each in the unit its measure reports (µs, or a count). */
function counters(serverPid: number): Record<keyof RungResult, number> {
  const cpu = process.cpuUsage();
  const usage = process.resourceUsage();
  return {
    cpu: cpu.user + cpu.system,
    wall: performance.now() * 1000,
    serverCpu: threadsCpuNanos(serverPid) / 1000,
    opens: tcpActiveOpens(),
    switches: usage.voluntaryContextSwitches + usage.involuntaryContextSwitches,
  };
}

/** CPU time of every thread of `pid` (ns, precise where `/proc/<pid>/stat` counts 10 ms ticks). */
function threadsCpuNanos(pid: number): number {
  let total = 0;
  try {
    for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
      try {
        total += Number(
          Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/schedstat`).split(" ")[0],
        );
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    return NaN; // not Linux
  }
  return total;
}

/** TCP connections this machine has opened so far (`ActiveOpens` in `/proc/net/snmp`). */
function tcpActiveOpens(): number {
  try {
    const [names, values] = Deno.readTextFileSync("/proc/net/snmp").split("\n")
      .filter((line) => line.startsWith("Tcp:")).map((line) => line.split(/\s+/));
    return Number(values[names.indexOf("ActiveOpens")]);
  } catch {
    return NaN;
  }
}

if (import.meta.main) {
  const arg = (name: string) =>
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const inFlight = Number(arg("in-flight") ?? 1);
  const result = await benchPublishPaths(Deno.args.includes("--quick") ? 8 : 40, 200, {
    before: arg("before"),
    inFlight,
  });
  const bare = result["bare fetch"];
  for (
    const [name, micros] of Object.entries(requestCosts("http://127.0.0.1:9/publish/p/s/0/c/0/1"))
  ) {
    console.log(`${name.padEnd(46)} ${micros.toFixed(2)} µs (no network)`);
  }
  const show = (s: Spread, digits = 1) =>
    `${s.median.toFixed(digits).padStart(6)} (${s.low.toFixed(digits)}–${s.high.toFixed(digits)})`;
  console.log(
    `${inFlight} in flight; per publish, median (p25–p75) over the rounds; bare/this by client CPU and by wall time`,
  );
  for (const [name, r] of Object.entries(result)) {
    console.log(
      `${name.padEnd(46)} CPU ${show(r.cpu)} µs  wall ${show(r.wall)} µs  server ${
        show(r.serverCpu)
      } µs  opens ${r.opens.median.toFixed(2)}  switches ${r.switches.median.toFixed(2)}  ${
        (bare.cpu.median / r.cpu.median).toFixed(2)
      }× / ${(bare.wall.median / r.wall.median).toFixed(2)}×`,
    );
  }
}

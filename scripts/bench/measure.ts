/**
 * Small measuring helpers for the benchmarks: timing, percentiles, CPU time, concurrency.
 *
 * @example
 * ```ts
 * import { percentile, runPool } from "./measure.ts";
 * await runPool(10, 2, async () => {});
 * percentile([1, 2, 3], 0.5); // 2
 * ```
 *
 * @module
 */
import process from "node:process";

/** A throughput measurement: `count` operations in `millis`, using `cpuMicros` of this process's CPU. */
export interface Throughput {
  /** Operations completed. */
  count: number;
  /** Wall time (ms). */
  millis: number;
  /** User + system CPU time of this process during the run (µs): the client side's cost. */
  cpuMicros: number;
  /** CPU time of the server process during the run (µs), when a server was given. */
  serverCpuMicros?: number;
}

/** Something whose CPU time can be read, like a server process. */
export interface CpuSource {
  /** CPU time used so far (µs). */
  cpuMicros(): Promise<number>;
}

/** Operations per second of a {@link Throughput}. */
export function perSecond(t: Throughput): number {
  return t.count / (t.millis / 1000);
}

/** Client CPU per operation (µs). */
export function cpuPerOp(t: Throughput): number {
  return t.cpuMicros / t.count;
}

/** Server CPU per operation (µs). */
export function serverCpuPerOp(t: Throughput): number {
  return (t.serverCpuMicros ?? NaN) / t.count;
}

/** Share of the wall time the server spent on a CPU (1 = one core busy all the time). */
export function serverBusy(t: Throughput): number {
  return (t.serverCpuMicros ?? NaN) / (t.millis * 1000);
}

/** Adds two measurements (rounds of one run). */
export function addThroughput(a: Throughput, b: Throughput): Throughput {
  return {
    count: a.count + b.count,
    millis: a.millis + b.millis,
    cpuMicros: a.cpuMicros + b.cpuMicros,
    serverCpuMicros: a.serverCpuMicros === undefined && b.serverCpuMicros === undefined
      ? undefined
      : (a.serverCpuMicros ?? 0) + (b.serverCpuMicros ?? 0),
  };
}

/** Rounds of one measurement, summarised by their medians (robust to bursts of other load). */
export interface Summary {
  /** Median of the rounds' operations per second. */
  perSecond: number;
  /** Median of the rounds' client CPU per operation (µs). */
  cpuPerOp: number;
  /** Median of the rounds' server busy share. */
  serverBusy: number;
  /** Operations over all rounds. */
  count: number;
  /** Rounds. */
  rounds: number;
}

/** The median of `values`: {@link percentile} 0.5, the lower middle of an even count. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Summarises rounds by medians. */
export function summarize(rounds: readonly Throughput[]): Summary {
  return {
    perSecond: median(rounds.map(perSecond)),
    cpuPerOp: median(rounds.map(cpuPerOp)),
    serverBusy: median(rounds.map(serverBusy)),
    count: rounds.reduce((sum, t) => sum + t.count, 0),
    rounds: rounds.length,
  };
}

/**
 * A ratio between two contestants taken round by round (the rounds alternate, so round i of
 * each ran under the same conditions), as its range: "0.74–0.86×".
 */
export function ratioRange(
  ours: readonly Throughput[],
  reference: readonly Throughput[],
  of: (t: Throughput) => number = perSecond,
): string {
  const ratios = ours.map((t, i) => of(t) / of(reference[i]));
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`;
}

/**
 * Times `body` (which performs `count` operations), with this process's CPU time and, given
 * `server`, the server's.
 */
export async function timed(
  count: number,
  body: () => Promise<void> | void,
  server?: CpuSource,
): Promise<Throughput> {
  const serverBefore = await server?.cpuMicros();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await body();
  const millis = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const result: Throughput = { count, millis, cpuMicros: used.user + used.system };
  if (server && serverBefore !== undefined) {
    result.serverCpuMicros = (await server.cpuMicros()) - serverBefore;
  }
  return result;
}

/** Runs `task(i)` for i in [0, total) with at most `concurrency` in flight. */
export async function runPool(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/** The `q` quantile (0..1) of `values` (nearest rank). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits for `promise` at most `ms`: its value, or `undefined` on time-out. The timer is cleared
 * either way, so nothing is left to keep the process alive.
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 10,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/** Runs a synchronous `op` repeatedly for about `millis` and returns operations per second. */
export function opsPerSecond(op: (i: number) => unknown, millis = 1000): number {
  // warm up: let the JIT see the code
  const warmEnd = performance.now() + Math.min(200, millis / 4);
  let i = 0;
  while (performance.now() < warmEnd) op(i++);
  let count = 0;
  const started = performance.now();
  let now = started;
  const end = started + millis;
  while (now < end) {
    for (let k = 0; k < 64; k++) sink = op(count++);
    now = performance.now();
  }
  return count / ((now - started) / 1000);
}

/** Keeps results alive so the optimiser cannot drop the work. */
export let sink: unknown;

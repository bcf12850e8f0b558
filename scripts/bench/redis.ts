/**
 * Scale-out on Redis, in one run: publish → delivery throughput and fan-out of one message to
 * many long-polls, on the memory store (one server process, for reference) and on the Redis
 * store with 1 and 3 server processes sharing one throwaway `redis-server`; and the server's
 * memory per idle long-poll on both stores. Every server is a child process of its own
 * (`server_child.ts`), so CPU time and resident memory are read per process from /proc.
 * Clients are bare `fetch` long-polls spread over the servers.
 *
 * Without `redis-server` installed, it returns one row saying so (a benchmark, not a test).
 *
 * @example
 * ```ts ignore
 * import { benchRedis } from "./redis.ts";
 * const rows = await benchRedis({ messages: 1000, subscribers: 200, rounds: 2 });
 * ```
 *
 * @module
 */
import { startRedis, type TestRedis } from "../../src/server/store/redis_test_server.ts";
import { median, sleep, waitUntil } from "./measure.ts";
import { formatNumber as fmt, type Row } from "./report.ts";
import { type ServerProcess, startServerProcess } from "./server_process.ts";

/** How much to measure. */
export interface RedisBenchSizes {
  /** Messages per throughput round. */
  messages: number;
  /** Long-polls woken by one publish in the fan-out. */
  subscribers: number;
  /** Rounds of each measurement (median and spread are reported). */
  rounds: number;
}

/** The sizes of `deno task bench` and `scripts/bench_redis.ts`, with `--quick` and without. */
export const REDIS_BENCH_SIZES: Readonly<Record<"quick" | "full", RedisBenchSizes>> = {
  quick: { messages: 600, subscribers: 200, rounds: 2 },
  full: { messages: 3000, subscribers: 1000, rounds: 3 },
};

interface Setup {
  name: string;
  processes: number;
  redis: boolean;
}

const SETUPS: Setup[] = [
  { name: "memory store, 1 process", processes: 1, redis: false },
  { name: "Redis store, 1 process", processes: 1, redis: true },
  { name: "Redis store, 3 processes", processes: 3, redis: true },
];

const SECTION = "Scale-out";
const IN_FLIGHT = 32;
const WINDOW = 50;

interface Measured {
  rates: number[];
  cpuPerMessage: number[];
  fanOut: number[];
  fanOutCpu: number[];
}

/** Runs the scale-out benchmark and returns its rows. */
export async function benchRedis(sizes: RedisBenchSizes): Promise<Row[]> {
  let redis: TestRedis;
  try {
    redis = await startRedis();
  } catch (error) {
    return [{
      section: SECTION,
      name: "Redis store (publish → delivery, fan-out, memory per long-poll)",
      ours: "skipped",
      note: `redis-server could not start: ${(error as Error).message.split("\n")[0]}`,
    }];
  }
  const running: ServerProcess[][] = [];
  try {
    for (const [index, setup] of SETUPS.entries()) {
      running.push(await startServers(setup, `bench${index}:`, redis));
    }
    const results = SETUPS.map((): Measured => ({
      rates: [],
      cpuPerMessage: [],
      fanOut: [],
      fanOutCpu: [],
    }));
    for (const servers of running) await throughput(servers, Math.min(500, sizes.messages));
    // Round after round over every setup, so that a busy moment of the machine does not fall
    // on one setup only.
    for (let round = 0; round < sizes.rounds; round++) {
      for (const [index, setup] of SETUPS.entries()) {
        await measureRound(running[index], setup.redis ? redis : undefined, sizes, results[index]);
      }
    }
    await Promise.all(running.flat().map((s) => s.close()));
    running.length = 0;
    const memory = await memoryPerLongPoll(redis, sizes.subscribers);
    return rows(new Map(SETUPS.map((s, i) => [s.name, results[i]])), memory, sizes);
  } finally {
    await Promise.all(running.flat().map((s) => s.close()));
    await redis.stop();
  }
}

async function startServers(
  setup: Setup,
  prefix: string,
  redis: TestRedis,
): Promise<ServerProcess[]> {
  const options = {
    longPollSeconds: 280,
    ...(setup.redis ? { store: { redis: redis.url, prefix } } : {}),
  };
  return await Promise.all(
    Array.from({ length: setup.processes }, () => startServerProcess(options)),
  );
}

// CPU (µs) used so far by the servers, and by redis-server when it takes part.
async function cpuOf(servers: ServerProcess[], redis: TestRedis | undefined): Promise<number> {
  const own = await Promise.all(servers.map((s) => s.cpuMicros()));
  const pid = redis?.pid();
  return own.reduce((a, b) => a + b, 0) + (pid === undefined ? 0 : await processCpu(pid));
}

async function processCpu(pid: number): Promise<number> {
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
  } catch {
    return NaN;
  }
}

async function measureRound(
  servers: ServerProcess[],
  shared: TestRedis | undefined,
  sizes: RedisBenchSizes,
  measured: Measured,
): Promise<void> {
  const cpuBefore = await cpuOf(servers, shared);
  measured.rates.push(await throughput(servers, sizes.messages));
  measured.cpuPerMessage.push(((await cpuOf(servers, shared)) - cpuBefore) / sizes.messages);
  const fanCpu = await cpuOf(servers, shared);
  measured.fanOut.push(await fanOut(servers, sizes.subscribers));
  measured.fanOutCpu.push((await cpuOf(servers, shared)) - fanCpu);
}

async function poll(
  url: string,
  channel: string,
  tt: string,
  uuid: string,
  client?: Deno.HttpClient,
) {
  const reply = await fetch(
    `${url}/v2/subscribe/demo/${channel}/0?tt=${tt}&uuid=${uuid}`,
    client ? { client } : {},
  );
  return await reply.json() as { t: { t: string }; m: { d: unknown }[] };
}

// A subscriber on every server; publishers spread over the servers, IN_FLIGHT at a time and at
// most WINDOW messages ahead of the slowest subscriber (inside the 100-message window).
async function throughput(servers: ServerProcess[], messages: number): Promise<number> {
  const urls = servers.map((s) => `http://${s.origin}`);
  const channel = `tp-${crypto.randomUUID().slice(0, 8)}`;
  const counts = urls.map(() => 0);
  // Publishers held back by the window, woken when a subscriber has received more.
  const waiting: (() => void)[] = [];
  const cursors = await Promise.all(
    urls.map(async (url) => (await poll(url, channel, "0", "s")).t.t),
  );
  // Each subscriber on connections of its own, as an SDK's subscribe loop is: sharing the
  // publishers' pool puts a poll behind a publish now and then (about 40 ms here).
  const clients = urls.map(() => Deno.createHttpClient({}));
  const receiving = urls.map(async (url, i) => {
    let tt = cursors[i];
    while (counts[i] < messages) {
      const body = await poll(url, channel, tt, `s${i}`, clients[i]);
      counts[i] += body.m.length;
      tt = body.t.t;
      for (const wake of waiting.splice(0)) wake();
    }
  });
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < messages) {
      while (next - Math.min(...counts) > WINDOW) {
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      const i = next++;
      const reply = await fetch(`${urls[i % urls.length]}/publish/demo/demo/0/${channel}/0/${i}`);
      await reply.body?.cancel();
    }
  }));
  await Promise.all(receiving);
  const rate = messages / ((performance.now() - started) / 1000);
  for (const client of clients) client.close();
  return rate;
}

// `subscribers` long-polls spread over the servers, all held; then one publish on the first.
async function fanOut(servers: ServerProcess[], subscribers: number): Promise<number> {
  const urls = servers.map((s) => `http://${s.origin}`);
  const channel = `fo-${crypto.randomUUID().slice(0, 8)}`;
  const tt = (await poll(urls[0], channel, "0", "h")).t.t;
  const held = async () =>
    (await Promise.all(servers.map((s) => s.stats()))).reduce((a, s) => a + s.pendingLongPolls, 0);
  const before = await held();
  const waiting = Array.from(
    { length: subscribers },
    (_, i) => poll(urls[i % urls.length], channel, tt, `f${i}`),
  );
  await waitUntil(async () => (await held()) - before >= subscribers, 30_000, 50);
  const started = performance.now();
  await (await fetch(`${urls[0]}/publish/demo/demo/0/${channel}/0/1`)).body?.cancel();
  const answers = await Promise.all(waiting);
  const millis = performance.now() - started;
  const missed = answers.filter((a) => a.m.length !== 1).length;
  if (missed > 0) throw new Error(`fan-out: ${missed} of ${subscribers} long-polls missed it`);
  return millis;
}

// Resident memory of one server process before and while it holds `count` idle long-polls.
async function memoryPerLongPoll(
  redis: TestRedis,
  count: number,
): Promise<{ memory: number; redis: number }> {
  const perPoll = async (setup: Setup, prefix: string) => {
    const [server] = await startServers(setup, prefix, redis);
    const controller = new AbortController();
    try {
      const url = `http://${server.origin}`;
      const tt = (await poll(url, "idle", "0", "h")).t.t;
      await sleep(300);
      const before = await server.rssBytes();
      const polls = Array.from(
        { length: count },
        (_, i) =>
          fetch(`${url}/v2/subscribe/demo/idle/0?tt=${tt}&uuid=i${i}`, {
            signal: controller.signal,
          })
            .then((r) => r.body?.cancel(), () => {}),
      );
      await waitUntil(async () => (await server.stats()).pendingLongPolls >= count, 30_000, 50);
      await sleep(500);
      const held = await server.rssBytes();
      controller.abort();
      await Promise.all(polls);
      return (held - before) / count;
    } finally {
      await server.close();
    }
  };
  return {
    memory: await perPoll(SETUPS[0], "mem-idle:"),
    redis: await perPoll(SETUPS[1], "redis-idle:"),
  };
}

const spread = (values: number[], unit: string) =>
  values.length > 1
    ? `${values.length} rounds, ${fmt(Math.min(...values))}–${fmt(Math.max(...values))} ${unit}`
    : "1 round";

function rows(
  results: Map<string, Measured>,
  memory: { memory: number; redis: number },
  sizes: RedisBenchSizes,
): Row[] {
  const out: Row[] = [];
  const [mem, one] = SETUPS.map((s) => results.get(s.name)!);
  const reference = (setup: Setup) => setup.processes === 3 ? one : mem;
  const referenceName = (setup: Setup) => setup.processes === 3 ? "Redis, 1 process" : "memory";
  for (const setup of SETUPS) {
    const m = results.get(setup.name)!;
    const ref = reference(setup);
    const isReference = m === mem;
    out.push({
      section: SECTION,
      name: `publish → delivery, ${setup.name} (${IN_FLIGHT} in flight, a subscriber per process)`,
      ours: `${fmt(median(m.rates))} msg/s, ${fmt(median(m.cpuPerMessage))} µs server CPU/msg`,
      ...(isReference ? {} : {
        reference: `${referenceName(setup)} ${fmt(median(ref.rates))} msg/s`,
        ratio: median(m.rates) / median(ref.rates),
      }),
      note: `${spread(m.rates, "msg/s")}; CPU of every server process${
        setup.redis ? " and redis-server" : ""
      }, ${sizes.messages} messages a round`,
    });
  }
  for (const setup of SETUPS) {
    const m = results.get(setup.name)!;
    const ref = reference(setup);
    const isReference = m === mem;
    out.push({
      section: SECTION,
      name: `1 message → ${fmt(sizes.subscribers)} long-polls, ${setup.name}`,
      ours: `${fmt(median(m.fanOut))} ms until all had it, ${
        fmt(median(m.fanOutCpu) / 1000)
      } ms server CPU`,
      ...(isReference ? {} : {
        reference: `${referenceName(setup)} ${fmt(median(ref.fanOut))} ms`,
        ratio: median(m.fanOut) / median(ref.fanOut),
      }),
      note: `${spread(m.fanOut, "ms")}; lower is better; long-polls spread over the processes`,
    });
  }
  out.push({
    section: SECTION,
    name: `server memory per idle long-poll, Redis store (${fmt(sizes.subscribers)} held)`,
    ours: `${fmt(memory.redis / 1024, 1)} KiB`,
    reference: `memory store ${fmt(memory.memory / 1024, 1)} KiB`,
    ratio: memory.redis / memory.memory,
    note: "VmRSS delta of one server process; one run each",
  });
  return out;
}

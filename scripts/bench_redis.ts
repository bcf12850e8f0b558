/**
 * Publish→delivery throughput and fan-out to 1,000 long-polls: the memory store (one server)
 * against the Redis store with 1 and 3 servers, same run. Servers run in this process (each
 * with its own copy of the state and its own Redis connections, as separate processes would);
 * clients are bare fetch long-polls. Prints Markdown rows for BENCHMARKS.md.
 *
 *     deno run -A scripts/bench_redis.ts
 *
 * @module
 */
import { startServer } from "../server.ts";
import { startRedis } from "../src/server/store/redis_test_server.ts";

type Setup = { name: string; count: number; redis?: string };

async function poll(url: string, channel: string, tt: string, signal: AbortSignal) {
  const r = await fetch(`${url}/v2/subscribe/demo/${channel}/0?tt=${tt}`, { signal });
  return await r.json() as { t: { t: string }; m: { d: unknown }[] };
}

async function throughput(urls: string[], messages: number): Promise<number> {
  const channel = `tp${crypto.randomUUID().slice(0, 8)}`;
  const stop = new AbortController();
  const counts = urls.map(() => 0);
  const loops = await Promise.all(urls.map(async (url, i) => {
    let tt = (await poll(url, channel, "0", stop.signal)).t.t;
    // Wrapped: returning the loop's promise itself would make Promise.all wait for it.
    return {
      done: (async () => {
        while (counts[i] < messages) {
          const body = await poll(url, channel, tt, stop.signal);
          counts[i] += body.m.length;
          tt = body.t.t;
        }
      })(),
    };
  }));
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < messages) {
      // At most 50 unreceived, so no subscriber falls out of the 100-message window.
      while (next - Math.min(...counts) > 50) await new Promise((r) => setTimeout(r, 1));
      const i = next++;
      const r = await fetch(`${urls[i % urls.length]}/publish/demo/demo/0/${channel}/0/${i}`);
      await r.body?.cancel();
    }
  }));
  await Promise.all(loops.map((l) => l.done));
  return messages / ((performance.now() - started) / 1000);
}

async function fanOut(urls: string[], subscribers: number): Promise<number> {
  const channel = `fo${crypto.randomUUID().slice(0, 8)}`;
  const stop = new AbortController();
  const tt = (await poll(urls[0], channel, "0", stop.signal)).t.t;
  const waiting = Array.from(
    { length: subscribers },
    (_, i) => poll(urls[i % urls.length], channel, tt, stop.signal),
  );
  await new Promise((resolve) => setTimeout(resolve, 1500)); // all held
  const started = performance.now();
  await (await fetch(`${urls[0]}/publish/demo/demo/0/${channel}/0/1`)).body?.cancel();
  await Promise.all(waiting);
  return performance.now() - started;
}

const redis = await startRedis();
const setups: Setup[] = [
  { name: "memory store, 1 server", count: 1 },
  { name: "Redis store, 1 server", count: 1, redis: redis.url },
  { name: "Redis store, 3 servers", count: 3, redis: redis.url },
];
console.log(
  "| Setup | publish → delivery (32 in flight, a subscriber on each server) | 1 message → 1,000 long-polls |",
);
console.log("| --- | --- | --- |");
try {
  for (const [n, setup] of setups.entries()) {
    const servers = [];
    for (let i = 0; i < setup.count; i++) {
      servers.push(
        await startServer({
          port: 0,
          ...(setup.redis ? { store: { redis: setup.redis, prefix: `bench${n}:` } } : {}),
        }),
      );
    }
    const urls = servers.map((s) => s.url);
    await throughput(urls, 500); // warm-up
    const rate = await throughput(urls, 3000);
    const fan = await fanOut(urls, 1000);
    console.log(
      `| ${setup.name} | ${Math.round(rate).toLocaleString("en")} msg/s | ${
        Math.round(fan)
      } ms until all 1,000 had it |`,
    );
    for (const s of servers) await s.close();
  }
} finally {
  await redis.stop();
}

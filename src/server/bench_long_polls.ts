/**
 * Benchmark (not a test): holds N idle subscribe long-polls on the local server, then measures
 * the memory they cost and how long one publish takes to reach all of them.
 * Run: `deno run --allow-net=127.0.0.1 --allow-sys src/server/bench_long_polls.ts [N]`.
 *
 * @example
 * ```sh
 * deno run --allow-net=127.0.0.1 --allow-sys src/server/bench_long_polls.ts 1000
 * ```
 *
 * @module
 */
import { createHandler } from "./handler.ts";
import { listen } from "./listen_deno.ts";

/**
 * What one run measured.
 *
 * @example
 * ```ts
 * import type { LongPollBenchResult } from "./bench_long_polls.ts";
 * const show = (r: LongPollBenchResult) => `${r.polls} polls, ${r.fanOutMillis} ms`;
 * ```
 */
export interface LongPollBenchResult {
  /** Long-polls held. */
  polls: number;
  /** Resident memory growth while holding them (bytes, whole process: client and server). */
  rssGrowthBytes: number;
  /** Time from the publish until every long-poll had its answer (ms). */
  fanOutMillis: number;
}

/**
 * Runs the benchmark once.
 *
 * @example
 * ```ts
 * import { benchLongPolls } from "./bench_long_polls.ts";
 * const result = await benchLongPolls(100);
 * ```
 */
export async function benchLongPolls(polls: number): Promise<LongPollBenchResult> {
  const handler = createHandler({ longPollSeconds: 120 });
  const listener = await listen(handler, { hostname: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${listener.port}`;
  try {
    const handshake = await (await fetch(`${url}/v2/subscribe/demo/bench/0?uuid=b`)).json();
    const before = Deno.memoryUsage().rss;
    const replies = Array.from(
      { length: polls },
      (_, i) =>
        fetch(`${url}/v2/subscribe/demo/bench/0?uuid=u${i}&tt=${handshake.t.t}`).then((r) =>
          r.json()
        ),
    );
    while (handler.pendingLongPolls < polls) await new Promise((r) => setTimeout(r, 20));
    const held = Deno.memoryUsage().rss;
    const started = performance.now();
    await (await fetch(`${url}/publish/demo/demo/0/bench/0/%22go%22?uuid=p`)).body?.cancel();
    const answers = await Promise.all(replies);
    const fanOutMillis = performance.now() - started;
    const delivered = answers.filter((a) => a.m.some((m: { d: unknown }) => m.d === "go")).length;
    if (delivered !== polls) {
      throw new Error(`only ${delivered} of ${polls} long-polls got the message`);
    }
    return { polls, rssGrowthBytes: held - before, fanOutMillis: Math.round(fanOutMillis) };
  } finally {
    handler.close();
    await listener.close();
  }
}

if (import.meta.main) {
  const polls = Number(Deno.args[0] ?? 1000);
  const result = await benchLongPolls(polls);
  console.log(
    `${result.polls} idle long-polls: +${(result.rssGrowthBytes / 1048576).toFixed(1)} MiB RSS ` +
      `(client and server), fan-out of one publish to all: ${result.fanOutMillis} ms`,
  );
}

/**
 * What a publish allocates, piece by piece, with a stub fetch (no network): bytes of heap per
 * call, from `Deno.memoryUsage().heapUsed` before and after a short run. A run that a garbage
 * collection fell into shows a drop and is left out; the median of the others is reported. Run
 * it with a large young generation so that most runs see no collection. The CPU per call of the
 * same runs is shown beside it (warm, in a tight loop: a lower bound of what it costs between
 * real fetches). `--before=<checkout>` measures an earlier checkout's pieces in the same process.
 *
 * @example
 * ```sh
 * deno run -A --v8-flags=--max-semi-space-size=64,--min-semi-space-size=64 \
 *   scripts/bench/publish_alloc.ts --before=/tmp/old
 * ```
 *
 * @module
 */
import process from "node:process";
import { percentile } from "./measure.ts";

/** One piece: heap bytes and CPU µs per call, medians over the runs. */
export interface PieceCost {
  /** Heap bytes allocated per call. */
  bytes: number;
  /** CPU per call (µs). */
  cpu: number;
}

const MESSAGE = { i: 1, text: "hello world" };

/** What each piece costs per call, for the checkout at `root` (a `file://` URL with `/`). */
export async function publishAllocations(root: string): Promise<Record<string, PieceCost>> {
  const { PubNub } = await import(`${root}mod.ts`);
  const { PNConfiguration } = await import(`${root}src/core/config.ts`);
  const { buildPublishRequest, serializeForPublish } = await import(
    `${root}src/core/requests/publish.ts`
  );
  const { Transport } = await import(`${root}src/shell/transport.ts`);
  const body = '[1,"Sent","17000000000000000"]';
  const stubFetch = () =>
    Promise.resolve(new Response(body, { headers: { "content-type": "text/javascript" } }));
  const options = {
    publishKey: "demo",
    subscribeKey: "demo",
    userId: "bench",
    origin: "127.0.0.1:9",
    ssl: false,
  };
  const pubnub = new PubNub(options, { fetch: stubFetch });
  const transport = new Transport(new PNConfiguration(options), { fetch: stubFetch });
  const params = {
    publishKey: "demo",
    subscribeKey: "demo",
    channel: "bench",
    payloadJson: JSON.stringify(MESSAGE),
    maxMessageSize: 32768,
    replicate: true,
  };
  const request = buildPublishRequest(params);
  const pieces: Record<string, () => unknown> = {
    "stub fetch (Response, text(), a header)": async () => {
      const response = await stubFetch();
      await response.text();
      return response.headers.get("content-type");
    },
    "serializeForPublish (small object)": () =>
      serializeForPublish("PNPublishOperation", MESSAGE, "message", 32768),
    "buildPublishRequest": () => buildPublishRequest(params),
    "Transport.send (prebuilt request)": () => transport.send(request),
    "publish().future()": () => pubnub.publish().channel("bench").message(MESSAGE).future(),
  };
  const result: Record<string, PieceCost> = {};
  const cpuNow = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  try {
    for (const [name, op] of Object.entries(pieces)) {
      for (let i = 0; i < 3000; i++) await op();
      const deltas: number[] = [];
      const cpus: number[] = [];
      const count = 500;
      for (let run = 0; run < 30; run++) {
        const cpu = cpuNow();
        const before = Deno.memoryUsage().heapUsed;
        for (let i = 0; i < count; i++) await op();
        const delta = Deno.memoryUsage().heapUsed - before;
        cpus.push((cpuNow() - cpu) / count);
        if (delta > 0) deltas.push(delta / count);
      }
      result[name] = { bytes: percentile(deltas, 0.5), cpu: percentile(cpus, 0.5) };
    }
  } finally {
    await pubnub.stop();
    transport.abortAll();
  }
  return result;
}

if (import.meta.main) {
  const before = Deno.args.find((a) => a.startsWith("--before="))?.slice(9);
  const here = new URL("../../", import.meta.url).href;
  const roots: Record<string, string> = { after: here };
  if (before) roots.before = `file://${before.replace(/\/?$/, "/")}`;
  const results: Record<string, Record<string, PieceCost>> = {};
  // Alternated, twice: neither side always runs on the fresher heap.
  for (let pass = 0; pass < 2; pass++) {
    for (const [label, root] of Object.entries(roots)) {
      const bytes = await publishAllocations(root);
      for (const [name, cost] of Object.entries(bytes)) {
        (results[name] ??= {})[`${label} ${pass + 1}`] = cost;
      }
    }
  }
  for (const [name, byLabel] of Object.entries(results)) {
    console.log(
      `${name.padEnd(42)} ${
        Object.entries(byLabel).map(([l, c]) =>
          `${l}: ${c.bytes.toFixed(0).padStart(5)} B ${c.cpu.toFixed(2).padStart(5)} µs`
        ).join("  ")
      }`,
    );
  }
}

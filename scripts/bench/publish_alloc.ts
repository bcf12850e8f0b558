/**
 * What a publish allocates, piece by piece, with a stub fetch (no network): bytes of heap per
 * call, from `Deno.memoryUsage().heapUsed` before and after a short run. A run that a garbage
 * collection fell into shows a drop and is left out; the median of the others is reported. Run
 * it with a large young generation so that most runs see no collection. `--before=<checkout>`
 * measures an earlier checkout's pieces in the same process.
 *
 * @example
 * ```sh
 * deno run -A --v8-flags=--max-semi-space-size=64,--min-semi-space-size=64 \
 *   scripts/bench/publish_alloc.ts --before=/tmp/old
 * ```
 *
 * @module
 */
import { percentile } from "./measure.ts";

const MESSAGE = { i: 1, text: "hello world" };

/** Bytes allocated per call of each piece, for the checkout at `root` (a `file://` URL with `/`). */
export async function publishAllocations(root: string): Promise<Record<string, number>> {
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
  const result: Record<string, number> = {};
  try {
    for (const [name, op] of Object.entries(pieces)) {
      for (let i = 0; i < 3000; i++) await op();
      const deltas: number[] = [];
      const count = 500;
      for (let run = 0; run < 30; run++) {
        const before = Deno.memoryUsage().heapUsed;
        for (let i = 0; i < count; i++) await op();
        const delta = Deno.memoryUsage().heapUsed - before;
        if (delta > 0) deltas.push(delta / count);
      }
      result[name] = percentile(deltas, 0.5);
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
  const results: Record<string, Record<string, number>> = {};
  // Alternated, twice: neither side always runs on the fresher heap.
  for (let pass = 0; pass < 2; pass++) {
    for (const [label, root] of Object.entries(roots)) {
      const bytes = await publishAllocations(root);
      for (const [name, b] of Object.entries(bytes)) {
        (results[name] ??= {})[`${label} ${pass + 1}`] = b;
      }
    }
  }
  for (const [name, byLabel] of Object.entries(results)) {
    console.log(
      `${name.padEnd(42)} ${
        Object.entries(byLabel).map(([l, b]) => `${l}: ${b.toFixed(0).padStart(5)} B`).join("  ")
      }`,
    );
  }
}

/**
 * Where a serial publish's client CPU goes over a real socket: the bare `fetch` loop, the same
 * loop with each piece of our transport added (an `AbortSignal` per request, a shared one, the
 * init fields and header reads), `Transport.send` of a prebuilt request, and a whole
 * `publish().future()`, in interleaved rounds on one server process, as client CPU per publish.
 *
 * @example
 * ```sh
 * deno run -A scripts/bench/publish_paths.ts          # 20 rounds
 * deno run -A scripts/bench/publish_paths.ts --quick  # 6 rounds
 * deno run -A scripts/bench/publish_paths.ts --before=/tmp/old  # and an earlier checkout's client
 * ```
 *
 * @module
 */
import { PubNub } from "../../mod.ts";
import { PNConfiguration } from "../../src/core/config.ts";
import { buildPublishRequest } from "../../src/core/requests/publish.ts";
import { Transport } from "../../src/shell/transport.ts";
import { recordPublishUrls } from "./clients.ts";
import { percentile, timed } from "./measure.ts";
import { startServerProcess } from "./server_process.ts";

/** Median client CPU per serial publish (µs) of each variant, and the rounds' spread. */
export type PublishPathResult = Record<string, { median: number; low: number; high: number }>;

const CHANNEL = "bench-paths";
const MESSAGE = { i: 1, text: "hello world" };

/** Runs the variants against a fresh server process. */
export async function benchPublishPaths(
  rounds: number,
  perRound = 300,
  before?: string,
): Promise<PublishPathResult> {
  const server = await startServerProcess({});
  const keys = { publishKey: "demo", subscribeKey: "demo", userId: "bench-paths" };
  const options = { ...keys, origin: server.origin, ssl: false };
  const [url] = await recordPublishUrls(server.origin, keys.userId, CHANNEL, [MESSAGE]);
  const pubnub = new PubNub(options);
  const transport = new Transport(new PNConfiguration(options));
  const request = buildPublishRequest({
    publishKey: "demo",
    subscribeKey: "demo",
    channel: CHANNEL,
    payloadJson: JSON.stringify(MESSAGE),
    maxMessageSize: 32768,
    replicate: true,
  });
  const shared = new AbortController();
  const variants: Record<string, () => Promise<unknown>> = {
    "bare fetch": async () => (await fetch(url)).text(),
    "bare + AbortController per request": async () => {
      const controller = new AbortController();
      return (await fetch(url, { signal: controller.signal })).text();
    },
    "bare + one shared signal": async () => (await fetch(url, { signal: shared.signal })).text(),
    "bare + init fields + 2 header reads": async () => {
      const response = await fetch(url, { method: "GET", headers: undefined, body: undefined });
      const text = await response.text();
      response.headers.get("content-type");
      return text;
    },
    "Transport.send (prebuilt request)": () => transport.send(request),
    "bare fetch of transport.url() (a new requestid each)": async () =>
      (await fetch(await transport.url(request))).text(),
    "publish().future()": () => pubnub.publish().channel(CHANNEL).message(MESSAGE).future(),
  };
  let old: { stop(): Promise<void> } | undefined;
  if (before) {
    // An earlier checkout's client, in this same process and run: before and after side by side.
    const root = `file://${before.replace(/\/?$/, "/")}`;
    const { PubNub: OldPubNub } = await import(`${root}mod.ts`);
    const oldClient = new OldPubNub(options);
    old = oldClient;
    variants["before: publish().future()"] = () =>
      oldClient.publish().channel(CHANNEL).message(MESSAGE).future();
  }
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  try {
    // Warm-up long enough for the optimising compiler to have every variant's code.
    for (const name of names) for (let i = 0; i < 3000; i++) await variants[name]();
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + round) % names.length];
        const t = await timed(perRound, async () => {
          for (let i = 0; i < perRound; i++) await variants[name]();
        });
        samples[name].push(t.cpuMicros / perRound);
      }
    }
  } finally {
    await pubnub.stop();
    await old?.stop();
    transport.abortAll();
    await server.close();
  }
  return Object.fromEntries(names.map((name) => [name, {
    median: percentile(samples[name], 0.5),
    low: percentile(samples[name], 0.25),
    high: percentile(samples[name], 0.75),
  }]));
}

if (import.meta.main) {
  const before = Deno.args.find((arg) => arg.startsWith("--before="))?.slice("--before=".length);
  const result = await benchPublishPaths(Deno.args.includes("--quick") ? 6 : 20, 300, before);
  const bare = result["bare fetch"].median;
  for (const [name, r] of Object.entries(result)) {
    console.log(
      `${name.padEnd(40)} ${r.median.toFixed(1).padStart(6)} µs CPU/op (p25–p75 ${
        r.low.toFixed(1)
      }–${r.high.toFixed(1)})  bare/this ${(bare / r.median).toFixed(2)}×`,
    );
  }
}

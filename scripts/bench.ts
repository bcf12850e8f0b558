/**
 * `deno task bench`: where this SDK stands against the physical limit (a bare `fetch` loop) and
 * against the incumbent (the official `pubnub` SDK v12), on the local server over loopback, in
 * one run. Prints a table and writes it to `BENCHMARKS.md` with the machine and the date.
 *
 * Benchmarks are not tests: no number fails the run. Every client, server and child process is
 * stopped at the end, and the process exits by itself.
 *
 * @example
 * ```sh
 * deno task bench              # full run, writes BENCHMARKS.md
 * deno task bench --quick      # smaller sizes, does not write BENCHMARKS.md
 * deno task bench --no-write   # full run, prints only
 * ```
 *
 * @module
 */
import { benchCore } from "./bench/core.ts";
import { benchDelivery } from "./bench/delivery.ts";
import { benchFanOut, fanOutRows } from "./bench/fanout.ts";
import { benchFirehose } from "./bench/firehose.ts";
import { benchHotPath } from "./bench/hotpath.ts";
import { cpuPerOp, percentile, ratioRange, summarize, type Summary } from "./bench/measure.ts";
import { benchPublish } from "./bench/publish.ts";
import { benchPublishLadder } from "./bench/publish_ladder.ts";
import { benchRedis, REDIS_BENCH_SIZES } from "./bench/redis.ts";
import { officialClient, oursClient } from "./bench/clients.ts";
import {
  formatNumber as n,
  machine,
  renderMarkdown,
  renderTable,
  type Row,
  writeBenchmarks,
} from "./bench/report.ts";
import { startServerProcess } from "./bench/server_process.ts";
import { benchServerCpu, serverCpuRows } from "./bench/server_cpu.ts";
import { benchSize } from "./bench/size.ts";
import { benchBundleProfiles } from "./bench/bundle_profiles.ts";

const quick = Deno.args.includes("--quick");
const write = !quick && !Deno.args.includes("--no-write");
const SIZES = quick
  ? {
    coreMillis: 300,
    serial: 400,
    inFlight: 1000,
    rounds: 2,
    messages: 600,
    latency: 60,
    fanOut: 200,
    fanOutRounds: 3,
    serverCpu: { deliveries: 1500, rounds: 3, pairs: 8 },
  }
  : {
    coreMillis: 1500,
    serial: 3000,
    inFlight: 6000,
    rounds: 10,
    messages: 6000,
    latency: 600,
    fanOut: 1000,
    fanOutRounds: 7,
    serverCpu: { deliveries: 6000, rounds: 5, pairs: 8 },
  };
const CONCURRENCY = 32;

const started = performance.now();
const info = await machine();
const log = (text: string) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${text}`);
const rows: Row[] = [];
const kib = (bytes: number) => `${n(bytes / 1024, 1)} KiB`;

// 1. Core
log("core: subscribe engine and envelope decoding");
const core = benchCore(SIZES.coreMillis);
rows.push({
  section: "Core",
  name: "subscribe engine: `transition()` calls (receive loop)",
  ours: `${n(core.transitionsPerSecond)}/s`,
  note: core.ignoredEvents ? `${core.ignoredEvents} events ignored by the table` : undefined,
});
rows.push({
  section: "Core",
  name: `envelope decoding: 100-message body (${kib(core.bodyBytes)}), parse + decode`,
  ours: `${n(core.bodiesPerSecond)} bodies/s = ${n(core.bodiesPerSecond * 100)} msg/s`,
});

// 5. Size (no network: early, while the machine is quiet)
log("size: esbuild bundles and the official browser bundle");
const size = await benchSize();
rows.push({
  section: "Size",
  name: "browser bundle, full SDK (min + gzip -9)",
  ours: `${kib(size.full.gzip)} (min ${kib(size.full.minified)})`,
  reference: `official ${kib(size.official.gzip)} (min ${kib(size.official.minified)})`,
  ratio: size.full.gzip / size.official.gzip,
  target: { op: "<=", value: 0.25, text: "≤ 0.25× (4× smaller)" },
});
rows.push({
  section: "Size",
  name: "browser bundle, publish-only entry (tree-shaken)",
  ours: `${kib(size.publishOnly.gzip)} (min ${kib(size.publishOnly.minified)})`,
  reference: `official ${kib(size.official.gzip)} (one file)`,
  ratio: size.publishOnly.gzip / size.official.gzip,
});
rows.push(...await benchBundleProfiles(size.official.gzip));

// Hot path
log("hot path: the SDK's own cost per publish");
const hot = await benchHotPath(quick ? 200 : 500);

// 2, 3, 6. Publish and delivery, on one server in its own process
const server = await startServerProcess({});
try {
  log(
    `publish: ${SIZES.serial} serial, ${SIZES.inFlight} with ${CONCURRENCY} in flight, per contestant`,
  );
  const pub = await benchPublish(server.origin, {
    serial: SIZES.serial,
    inFlight: SIZES.inFlight,
    concurrency: CONCURRENCY,
    rounds: SIZES.rounds,
  }, server);
  for (const mode of ["serial", "inFlight"] as const) {
    const label = mode === "serial" ? "serial" : `${CONCURRENCY} in flight`;
    const ours = summarize(pub.ours[mode]);
    const bare = summarize(pub.fetch[mode]);
    const official = summarize(pub.official[mode]);
    const fetchSignal = summarize(pub.fetchSignal[mode]);
    const show = (t: Summary) => `${n(t.perSecond)}/s, ${n(t.cpuPerOp)} µs CPU/op`;
    const busy = (...ts: Summary[]) =>
      `server busy ${ts.map((t) => `${n(t.serverBusy * 100)}%`).join(" / ")}`;
    rows.push({
      section: "Publish",
      name: `${label}: SDK vs bare fetch of the same URLs`,
      ours: show(ours),
      reference: `fetch ${show(bare)}`,
      ratio: ours.perSecond / bare.perSecond,
      // Serial publish has the tighter target (0.95×, the lean issue); 32 in flight keeps 0.9×.
      target: mode === "serial"
        ? { op: ">=", value: 0.95, text: "≥ 0.95×" }
        : { op: ">=", value: 0.9, text: "≥ 0.9×" },
      note: `${ours.rounds} rounds, ratio per round ${
        ratioRange(pub.ours[mode], pub.fetch[mode])
      }; by client CPU/op: ${(bare.cpuPerOp / ours.cpuPerOp).toFixed(2)}× (per round ${
        ratioRange(pub.fetch[mode], pub.ours[mode], cpuPerOp)
      }); ${busy(ours, bare)}`,
    });
    rows.push({
      section: "Publish",
      name: `${label}: SDK vs official SDK`,
      ours: show(ours),
      reference: `official ${show(official)}`,
      ratio: ours.perSecond / official.perSecond,
      note: `per round ${ratioRange(pub.ours[mode], pub.official[mode])}; by client CPU/op: ${
        (official.cpuPerOp / ours.cpuPerOp).toFixed(2)
      }×; ${busy(ours, official)}`,
    });
    rows.push({
      section: "Publish",
      name: `${label}: bare fetch + AbortController + timeout timer`,
      ours: show(fetchSignal),
      reference: `fetch ${show(bare)}`,
      ratio: fetchSignal.perSecond / bare.perSecond,
      note: `what a per-request timeout costs by itself; per round ${
        ratioRange(pub.fetchSignal[mode], pub.fetch[mode])
      }`,
    });
  }

  log(`delivery: ${SIZES.messages} messages and ${SIZES.latency} latency samples per SDK`);
  const delivery = await benchDelivery(server.origin, {
    ours: (origin, userId) => oursClient(origin, userId),
    official: officialClient,
  }, {
    messages: SIZES.messages,
    concurrency: CONCURRENCY,
    window: 50,
    latencySamples: SIZES.latency,
    rounds: SIZES.rounds,
  }, server);
  const d = delivery.ours;
  const o = delivery.official;
  const dt = summarize(d.throughput);
  const ot = summarize(o.throughput);
  const lost = (r: typeof d) => (r.lost ? `, ${r.lost} LOST` : "");
  rows.push({
    section: "Delivery",
    name: `1 publisher → 1 subscriber, ${CONCURRENCY} in flight, ≤ 50 unreceived`,
    ours: `${n(dt.perSecond)} msg/s${lost(d)}`,
    reference: `official ${n(ot.perSecond)} msg/s${lost(o)}`,
    ratio: dt.perSecond / ot.perSecond,
    target: { op: ">=", value: 2, text: "≥ 2×" },
    note: `${dt.rounds} rounds, ratio per round ${
      ratioRange(d.throughput, o.throughput)
    }; by client CPU/msg: ${(ot.cpuPerOp / dt.cpuPerOp).toFixed(2)}×; server busy ${
      n(dt.serverBusy * 100)
    }% / ${n(ot.serverBusy * 100)}%`,
  });
  rows.push({
    section: "Delivery",
    name: "client CPU per delivered message (publisher + subscriber)",
    ours: `${n(dt.cpuPerOp)} µs`,
    reference: `official ${n(ot.cpuPerOp)} µs`,
    ratio: dt.cpuPerOp / ot.cpuPerOp,
    note: "lower is better",
  });
  for (const q of [0.5, 0.99]) {
    rows.push({
      section: "Delivery",
      name: `publish → listener latency p${q * 100} (serial)`,
      ours: `${n(percentile(d.latencies, q), 2)} ms`,
      reference: `official ${n(percentile(o.latencies, q), 2)} ms`,
      ratio: percentile(d.latencies, q) / percentile(o.latencies, q),
      note: "lower is better",
    });
  }
} finally {
  await server.close();
}

// Server CPU per delivery, per listener (each server in a process of its own)
log("server: CPU per delivery, Node listener (under Node) vs Deno listener");
rows.push(...serverCpuRows(await benchServerCpu(SIZES.serverCpu)));

// Delivery from a firehose: client CPU per message, SDK vs bare loop, Deno and Node, fresh processes
log("delivery: firehose, 100 messages per long-poll, a fresh process per round");
rows.push(
  ...await benchFirehose(
    quick
      ? { rounds: 3, warm: 100_000, count: 20_000 }
      : { rounds: 6, warm: 300_000, count: 50_000 },
  ),
);

// 4. Fan-out, on a fresh server process of its own
log(`fan-out: ${SIZES.fanOut} subscribers, each its own client and long-poll`);
rows.push(...fanOutRows(await benchFanOut(SIZES.fanOut, SIZES.fanOutRounds)));

// Scale-out: memory store vs Redis store with 1 and 3 processes (skipped without redis-server)
log("scale-out: memory store, Redis store with 1 and 3 server processes");
rows.push(...await benchRedis(REDIS_BENCH_SIZES[quick ? "quick" : "full"]));

// The publish ladder: where a publish's client CPU goes, rung by rung from the bare fetch loop
log("publish ladder: bare fetch → publish().future(), serial and 32 in flight");
const ladderRows = await benchPublishLadder({ rounds: quick ? 4 : 20, inFlight: CONCURRENCY });

const hotRows: Row[] = [
  ["stub fetch alone (Response made, body read, 2 headers)", hot.stubFetch],
  ["`Transport.send` of a built request, stub fetch", hot.transportSend],
  ["`PubNub.send` (the client's path into the transport), stub fetch", hot.clientSend],
  ["whole `publish().future()`, stub fetch (no network)", hot.publishWithoutNetwork],
  ["serialise + check + build the request description", hot.buildRequest],
  ["`crypto.randomUUID()` (requestid)", hot.randomUuid],
  ["encode the final query string", hot.encodeQuery],
  [
    "for reference: 2 chained AbortControllers + listener + a timer per request (the old design)",
    hot.cancellationSetup,
  ],
].map(([name, micros]) => ({
  section: "Hot path",
  name: name as string,
  ours: `${n(micros as number, 2)} µs`,
}));

const seconds = (performance.now() - started) / 1000;
const after = await machine();
const runInfo = { ...info, loadAfter: after.loadAverage, seconds, quick };
console.log(renderTable([...rows, ...ladderRows, ...hotRows], runInfo));
if (write) {
  const path = new URL("../BENCHMARKS.md", import.meta.url);
  await writeBenchmarks(path, renderMarkdown(rows, hotRows, runInfo, ladderRows));
  log(`wrote ${path.pathname}`);
}
log(`done in ${n(seconds, 1)} s`);

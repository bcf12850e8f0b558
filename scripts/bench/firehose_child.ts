/**
 * One round of the firehose benchmark, in a fresh process (Deno, or Node through the bundle
 * `firehose.ts` builds): subscribes to a server that answers every long-poll at once with 100
 * messages, counts `warm` messages, then measures this process's CPU time until `count` more
 * have reached the listener, and prints `{count, cpuMicros, millis}` as one JSON line.
 *
 * Only portable APIs (`fetch`, `node:process`), so the same file runs under both runtimes.
 *
 * @example
 * ```sh
 * deno run -A scripts/bench/firehose_child.ts 127.0.0.1:8090 ours 2000 20000
 * deno run -A scripts/bench/firehose_child.ts 127.0.0.1:8090 bare 2000 20000
 * ```
 *
 * @module
 */
import process from "node:process";
import { PubNub } from "../../mod.ts";
import { SDK_NAME } from "../../src/shell/transport.ts";

const [origin, contestant, warmText, countText] = process.argv.slice(2);
const warm = Number(warmText);
const count = Number(countText);
if (!origin || !(contestant === "ours" || contestant === "bare") || !(count > 0)) {
  throw new Error(
    `usage: firehose_child.ts <host:port> <ours|bare> <warm> <count>, got ${process.argv.slice(2)}`,
  );
}

const CHANNEL = "firehose";
const USER = "firehose-user";

let received = 0;
let mark: { cpu: ReturnType<typeof process.cpuUsage>; started: number } | undefined;
let finish!: (result: { count: number; cpuMicros: number; millis: number }) => void;
const finished = new Promise<{ count: number; cpuMicros: number; millis: number }>((resolve) =>
  finish = resolve
);
let sink: unknown;

/** What both contestants' listeners do with a message: keep it, count it. */
function onMessage(message: unknown): void {
  sink = message;
  received++;
  if (received === warm) mark = { cpu: process.cpuUsage(), started: performance.now() };
  else if (received === warm + count && mark) {
    const used = process.cpuUsage(mark.cpu);
    finish({ count, cpuMicros: used.user + used.system, millis: performance.now() - mark.started });
  }
}

/** The SDK: subscribe, and a message listener. */
async function ours(): Promise<void> {
  const pubnub = new PubNub({ subscribeKey: "demo", userId: USER, origin, ssl: false });
  pubnub.addListener({ message: (_p, m) => onMessage(m.message) });
  pubnub.subscribe().channels([CHANNEL]).execute();
  await finished;
  await pubnub.stop();
}

/** The same long-polls (same URL, same parameters) with a bare fetch and JSON.parse. */
async function bare(): Promise<void> {
  const base = `http://${origin}/v2/subscribe/demo/${CHANNEL}/0?ee=&heartbeat=300`;
  const common = `&uuid=${USER}&pnsdk=${encodeURIComponent(SDK_NAME)}`;
  let cursor: { t: string; r: number } | undefined;
  let done = false;
  finished.then(() => (done = true));
  while (!done) {
    const url = cursor
      ? `${base}&tt=${cursor.t}&tr=${cursor.r}${common}&requestid=${crypto.randomUUID()}`
      : `${base}${common}&requestid=${crypto.randomUUID()}`;
    const response = await fetch(url);
    const body = JSON.parse(await response.text());
    cursor = body.t;
    if (!cursor || !Array.isArray(body.m)) throw new Error(`unexpected body: ${body}`);
    for (const envelope of body.m) onMessage(envelope.d);
  }
}

const timer = setTimeout(() => {
  console.error(`firehose child (${contestant}): no result within 60 s (${received} received)`);
  process.exit(2);
}, 60_000);
await (contestant === "ours" ? ours() : bare());
clearTimeout(timer);
if (sink === undefined) throw new Error("no message was delivered");
console.log(JSON.stringify(await finished));

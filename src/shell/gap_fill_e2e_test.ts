/**
 * The gap back-fill end to end: subscribers behind a cuttable proxy in front of the local
 * server, publishers straight to it, the real clock and LINEAR reconnects (2 s; jitter 0). An
 * outage longer than the 100-message window loses messages from the catch-up; storage gives
 * them back, and without storage the loss is reported with its exact count.
 */
import assert from "node:assert/strict";
import { startServer } from "../../server.ts";
import { PubNub } from "./pubnub.ts";
import { SubscribeListener } from "./subscribe_listener.ts";
import { startTcpProxy, type TcpProxy } from "../testing/tcp_proxy.ts";
import { until } from "../testing/local_clients.ts";

const KEYS = { publishKey: "demo", subscribeKey: "demo" };

/** Resolves at `at` (ms on `performance.now()`), so schedules do not drift under load. */
function at(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - performance.now())));
}

function subscriber(origin: string): PubNub {
  return new PubNub({
    ...KEYS,
    userId: "sub",
    origin,
    ssl: false,
    reconnectionPolicy: "LINEAR",
    maximumReconnectionRetries: -1,
  }, { random: () => 0 });
}

/** Takes the proxy down (open connections die, new ones are refused) from `from` for `forMs`. */
async function outage(proxy: TcpProxy, from: number, forMs: number): Promise<void> {
  await at(from);
  proxy.setDown(true);
  proxy.cutAll();
  await at(from + forMs);
  proxy.setDown(false);
}

interface RunResult {
  delivered: number[];
  fills: number;
}

/**
 * 300 messages at 25/s; five outages of 1.8 s, 1.9 s apart. A reconnect 2 s after a failure
 * always lands in the next outage, so the five merge into one of about 9 s: ~225 messages,
 * more than the window holds.
 */
async function mergedOutagesRun(): Promise<RunResult> {
  const server = await startServer({ port: 0 });
  const proxy = startTcpProxy(server.origin);
  const publisher = new PubNub({ ...KEYS, userId: "pub", origin: server.origin, ssl: false });
  const sub = subscriber(proxy.origin);
  let fills = 0;
  sub.observeEngine((e) => e.name === "FILL_GAP" && fills++);
  const listener = new SubscribeListener();
  sub.addListener(listener);
  try {
    sub.subscribe().channels("flaky").execute();
    await listener.waitForConnect();
    const t0 = performance.now();
    const cuts = Promise.all(
      [1000, 2900, 4800, 6700, 8600].map((from) => outage(proxy, t0 + from, 1800)),
    );
    for (let i = 0; i < 300; i++) {
      await at(t0 + i * 40);
      await publisher.publish().channel("flaky").message(i).future();
    }
    await cuts;
    await until(() => listener.messages.length >= 300, "300 messages", 20_000);
    await at(performance.now() + 100); // a duplicate would show up now
    return { delivered: listener.messages.map((m) => m.message as number), fills };
  } finally {
    await publisher.stop();
    await sub.stop();
    await proxy.close();
    await server.close();
  }
}

Deno.test("300 messages at 25/s across 5 cuts whose outages merge: all 300 once and in order, in each of 20 concurrent runs", async () => {
  const runs = await Promise.all(Array.from({ length: 20 }, () => mergedOutagesRun()));
  const expected = [...Array(300).keys()];
  runs.forEach((run, i) => assert.deepEqual(run.delivered, expected, `run ${i + 1}`));
  // The outages really merged past the window: the catch-ups needed storage.
  const filled = runs.filter((run) => run.fills > 0).length;
  assert.ok(filled >= 15, `${filled} of 20 runs filled a gap`);
});

/**
 * One 10 s outage while 400 messages go out at 40/s (4× the window), the publisher numbering
 * its publishes (`seqn`, as some SDKs do); one message before the outage.
 */
async function longOutageRun(storage: boolean) {
  const server = await startServer({ port: 0, storage });
  const proxy = startTcpProxy(server.origin);
  const sub = subscriber(proxy.origin);
  const listener = new SubscribeListener();
  sub.addListener(listener);
  let seqn = 0;
  const publish = async (message: number) => {
    const url =
      `http://${server.origin}/publish/demo/demo/0/long/0/${message}?uuid=pub&seqn=${++seqn}`;
    const response = await fetch(url);
    assert.equal(response.status, 200, await response.text());
  };
  try {
    sub.subscribe().channels("long").execute();
    await listener.waitForConnect();
    await publish(-1);
    await listener.waitForMessageOn("long");
    const t0 = performance.now();
    const down = outage(proxy, t0, 10_000);
    for (let i = 0; i < 400; i++) {
      await at(t0 + 50 + i * 24.5);
      await publish(i);
    }
    await down;
    const expected = storage ? 401 : 101;
    await until(() => listener.messages.length >= expected, `${expected} messages`, 20_000);
    await at(performance.now() + 100); // a duplicate would show up now
    return {
      delivered: listener.messages.map((m) => m.message as number),
      lost: listener.statuses.filter((s) => s.isError() && s.affectedChannels?.includes("long")),
    };
  } finally {
    await sub.stop();
    await proxy.close();
    await server.close();
  }
}

Deno.test("one 10 s outage at 40 msg/s: with storage all 400 arrive after reconnect; without, the loss of exactly 300 is reported", async () => {
  const [stored, unstored] = await Promise.all([longOutageRun(true), longOutageRun(false)]);
  assert.deepEqual(stored.delivered, [-1, ...Array(400).keys()]);
  assert.deepEqual(stored.lost, []);

  // Without storage: the newest 100 (the window) arrive once each, and the 300 before them are
  // reported as lost, with the channel and the count.
  assert.deepEqual(unstored.delivered, [-1, ...Array.from({ length: 100 }, (_, i) => 300 + i)]);
  assert.equal(unstored.lost.length, 1);
  const [lost] = unstored.lost;
  assert.equal(lost.category, "PNRequestMessageCountExceededCategory");
  assert.deepEqual(lost.affectedChannels, ["long"]);
  assert.equal((lost.errorData as { missed: number }).missed, 300);
  assert.equal((lost.errorData as { channel: string }).channel, "long");
});

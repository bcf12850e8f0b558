/**
 * Configured reconnection delays, observed on a manual clock against a scripted loopback server
 * that fails every subscribe: each retry waits what the bounds say, and each is visible as an
 * info log line and a `retry` engine-log entry.
 */
import assert from "node:assert/strict";
import { ManualClock } from "./clock.ts";
import { PubNub } from "./pubnub.ts";
import type { EngineLogEntry } from "./engine_runner.ts";
import { PNConfiguration, type PNConfigurationOptions } from "../core/config.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { until } from "../testing/local_clients.ts";

const TROUBLE = { status: 500, body: '{"status":500,"error":true,"message":"trouble"}' };

async function delaysOf(config: Partial<PNConfigurationOptions>, retries: number) {
  const server = await startScriptedServer(() => TROUBLE);
  const clock = new ManualClock();
  const info: string[] = [];
  const ignore = () => {};
  const pubnub = new PubNub({
    subscribeKey: "sub-c-retry-delays",
    userId: "u",
    origin: server.origin,
    ssl: false,
    logLevel: "info",
    maximumReconnectionRetries: retries,
    ...config,
  }, {
    clock,
    random: () => 0,
    logger: {
      error: ignore,
      warn: ignore,
      info: (l) => info.push(l),
      debug: ignore,
      trace: ignore,
    },
  });
  const entries: EngineLogEntry[] = [];
  pubnub.observeEngine((e) => e.type === "retry" && entries.push(e), { retries: true });
  const plain: EngineLogEntry[] = [];
  pubnub.observeEngine((e) => plain.push(e));
  const waited: number[] = [];
  try {
    pubnub.subscribe().channels("a").execute();
    for (let i = 0; i < retries; i++) {
      await until(() => clock.pending === 1, `retry ${i + 1} to be scheduled`);
      const [delay] = clock.pendingDelays();
      waited.push(delay);
      await clock.advance(delay);
    }
    await until(() => pubnub.connectionState === "failed", "the give-up");
  } finally {
    await pubnub.stop();
    await server.close();
  }
  assert.ok(!plain.some((e) => e.type === "retry"), "retries only for observers that ask");
  return { waited, entries, info };
}

Deno.test("EXPONENTIAL delays start at the minimum, double, and stop at the maximum", async () => {
  const { waited, entries, info } = await delaysOf(
    {
      reconnectionPolicy: "EXPONENTIAL",
      minimumReconnectionDelay: 3,
      maximumReconnectionDelay: 10,
    },
    5,
  );
  assert.deepEqual(waited, [3000, 6000, 10000, 10000, 10000]);
  assert.deepEqual(
    entries.map((e) => [e.engine, e.name, e.attempt, e.delayMs]),
    waited.map((delay, i) => ["subscribe", "HANDSHAKE_RECONNECT", i + 1, delay]),
  );
  assert.deepEqual(
    info,
    waited.map((delay, i) =>
      `[PubNub] info: subscribe engine: retry ${i + 1} (HANDSHAKE_RECONNECT) in ${delay} ms`
    ),
  );
});

Deno.test("LINEAR waits the configured minimum before every retry", async () => {
  const { waited } = await delaysOf(
    { reconnectionPolicy: "LINEAR", minimumReconnectionDelay: 4.5 },
    3,
  );
  assert.deepEqual(waited, [4500, 4500, 4500]);
});

Deno.test("the defaults stay 2 s, doubling up to 150 s", async () => {
  const { waited } = await delaysOf({ reconnectionPolicy: "EXPONENTIAL" }, 6);
  assert.deepEqual(waited, [2000, 4000, 8000, 16000, 32000, 64000]);
  const config = new PNConfiguration({ subscribeKey: "s", userId: "u" });
  assert.equal(config.minimumReconnectionDelay, 2);
  assert.equal(config.maximumReconnectionDelay, 150);
});

Deno.test("reconnection delays outside the service's bounds are refused, saying the bounds", () => {
  const cases: [Partial<PNConfigurationOptions>, RegExp][] = [
    [
      { minimumReconnectionDelay: 1 },
      /minimumReconnectionDelay must be a number of seconds from 2 to 150 .*got 1/,
    ],
    [
      { maximumReconnectionDelay: 151 },
      /maximumReconnectionDelay must be .* from 2 to 150 .*got 151/,
    ],
    [{ minimumReconnectionDelay: NaN }, /minimumReconnectionDelay must be/],
    [{ maximumReconnectionDelay: "10" as unknown as number }, /maximumReconnectionDelay must be/],
    [
      { minimumReconnectionDelay: 20, maximumReconnectionDelay: 10 },
      /maximumReconnectionDelay \(10 s\) is shorter than minimumReconnectionDelay \(20 s\)/,
    ],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => new PNConfiguration({ subscribeKey: "s", userId: "u", ...options }),
      message,
    );
  }
});

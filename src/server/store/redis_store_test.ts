import { strict as assert } from "node:assert";
import { PubSubModel } from "../model/model.ts";
import { until } from "../../testing/local_clients.ts";
import { connectRedis, RedisStore } from "./redis_store.ts";
import { startRedis } from "./redis_test_server.ts";
import { StoreUnavailableError } from "./store.ts";
import { startServer } from "../../../server.ts";

Deno.test("Redis down: writes fail at once with StoreUnavailableError; a restart is logged and survived", async () => {
  const redis = await startRedis();
  const lines: string[] = [];
  const connection = await connectRedis({
    url: redis.url,
    prefix: "down:",
    log: (l) => lines.push(l),
  });
  const store = new RedisStore(connection, new PubSubModel({}), () => {});
  try {
    await store.ready();
    await store.write({ op: "addToGroup", subKey: "demo", group: "g", channels: ["a"] });
    await redis.kill(true);
    await until(() => !store.available, "the store to notice Redis is gone");
    const started = performance.now();
    await assert.rejects(
      store.write({ op: "addToGroup", subKey: "demo", group: "g", channels: ["b"] }),
      StoreUnavailableError,
    );
    assert.ok(performance.now() - started < 500, "failed fast");
    assert.ok(lines.some((l) => l.includes("lost the connection")), lines.join("\n"));
    await redis.restart();
    await until(() => store.available, "the store to reconnect", 5000);
    assert.ok(lines.some((l) => l.includes(`reconnected to ${redis.url}`)), lines.join("\n"));
    await store.write({ op: "addToGroup", subKey: "demo", group: "g", channels: ["c"] });
    assert.deepEqual(store.model.groupChannels("demo", "g").sort(), ["a", "c"]);
  } finally {
    await store.close();
    await redis.stop();
  }
});

Deno.test("a process started later replays the stream and has the same state", async () => {
  const redis = await startRedis();
  const first = new RedisStore(
    await connectRedis({ url: redis.url, log: () => {} }),
    new PubSubModel({}),
    () => {},
  );
  let later: RedisStore | undefined;
  try {
    await first.ready();
    const input = { subKey: "demo", channel: "h", message: "kept", kind: "message" as const };
    const { timetoken } = await first.write({ op: "publish", input });
    later = new RedisStore(
      await connectRedis({ url: redis.url, log: () => {} }),
      new PubSubModel({}),
      () => {},
    );
    await later.ready();
    const history = later.model.history(Date.now(), "demo", "h", { max: 10 });
    assert.deepEqual(history.map((m) => [m.tt, m.message]), [[timetoken, "kept"]]);
  } finally {
    await first.close();
    await later?.close();
    await redis.stop();
  }
});

Deno.test("connecting to a Redis that is not there fails and names the URL", async () => {
  const redis = await startRedis();
  await redis.stop();
  await assert.rejects(
    connectRedis({ url: redis.url }),
    (error: Error) => error.message.startsWith(`cannot connect to Redis at ${redis.url}`),
  );
});

Deno.test("startServer on Redis: while Redis is down every request is a fast 503 with a service-style body", async () => {
  const redis = await startRedis();
  const server = await startServer({ port: 0, store: { redis: redis.url, prefix: "http:" } });
  try {
    const ok = await fetch(`${server.url}/publish/demo/demo/0/ch/0/1`);
    assert.equal(ok.status, 200, await ok.text());
    await redis.kill(true);
    let answer: Response | undefined;
    const deadline = Date.now() + 3000;
    for (;;) {
      const started = performance.now();
      answer = await fetch(`${server.url}/v2/presence/sub-key/demo/channel/ch`);
      assert.ok(performance.now() - started < 1000, "answered fast");
      if (answer.status === 503) break;
      await answer.body?.cancel();
      assert.ok(Date.now() < deadline, `still ${answer.status} 3 s after Redis went away`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const body = await answer.json();
    assert.equal(body.status, 503);
    assert.equal(body.error, true);
    assert.match(body.message, /Service Unavailable: the server's store is unreachable/);
  } finally {
    await server.close();
    await redis.stop();
  }
});

Deno.test("idle ticks do not push changes out of the stream: a process started later still has the group, and ticks stay few", async () => {
  const redis = await startRedis();
  // A short stream, so that the clock's ticks alone would trim the group's change away; ticks
  // kept 50 ms (10 s by default).
  const options = {
    url: redis.url,
    prefix: "idle:",
    maxLogLength: 20,
    tickKeepMillis: 50,
    log: () => {},
  };
  const first = new RedisStore(await connectRedis(options), new PubSubModel({}), () => {});
  const second = new RedisStore(await connectRedis(options), new PubSubModel({}), () => {});
  let later: RedisStore | undefined;
  const probe = await connectRedis(options);
  try {
    await first.ready();
    await second.ready();
    await first.write({ op: "addToGroup", subKey: "demo", group: "g", channels: ["a"] });
    // Two processes sweeping every 10 ms for 2 s: 400 tick calls.
    for (let i = 0; i < 200; i++) {
      first.tick(Date.now());
      second.tick(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const length = await probe.writer.xlen("idle:log");
    assert.ok(length < 60, `${length} entries left in the stream after 400 idle tick calls`);
    later = new RedisStore(await connectRedis(options), new PubSubModel({}), () => {});
    await later.ready();
    assert.deepEqual(later.model.groupChannels("demo", "g"), ["a"]);
  } finally {
    probe.writer.disconnect();
    probe.reader.disconnect();
    await first.close();
    await second.close();
    await later?.close();
    await redis.stop();
  }
});

Deno.test("a process started later announces a presence timeout the others announced at the same timetoken, though idle ticks were deleted", async () => {
  const redis = await startRedis();
  // Ticks kept 50 ms (10 s by default): the one that announced the timeout is long past when the
  // later process starts.
  const options = { url: redis.url, prefix: "late:", tickKeepMillis: 50, log: () => {} };
  const first = new RedisStore(await connectRedis(options), new PubSubModel({}), () => {});
  let later: RedisStore | undefined;
  let ticking: ReturnType<typeof setInterval> | undefined;
  try {
    await first.ready();
    const since = BigInt(first.timetoken(Date.now()));
    const request = { subKey: "demo", uuid: "u1", channels: ["room"], groups: [] };
    await first.write({ op: "heartbeat", request: { ...request, timeoutSeconds: 0.3 } });
    ticking = setInterval(() => first.tick(Date.now()), 10);
    await until(() => first.model.whereNow("demo", "u1").length === 0, "the timeout", 5000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // idle ticks come and go
    later = new RedisStore(await connectRedis(options), new PubSubModel({}), () => {});
    await later.ready();
    const events = (store: RedisStore) =>
      store.model.collect("demo", { channels: ["room-pnpres"], groups: [] }, since).deliveries
        .map((d) => `${(d.envelope.payload as { action: string }).action} at ${d.envelope.tt}`);
    assert.equal(events(first).length, 2, events(first).join(", "));
    assert.deepEqual(events(later), events(first));
  } finally {
    clearInterval(ticking);
    await first.close();
    await later?.close();
    await redis.stop();
  }
});

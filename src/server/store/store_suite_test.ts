// One suite, run against both stores: on Redis, each "process" is its own model replica with its
// own connections to one real redis-server, so every check is also a check across processes.
import { strict as assert } from "node:assert";
import type { Envelope } from "../model/envelope.ts";
import { PubSubModel } from "../model/model.ts";
import type { ModelSettings } from "../model/settings.ts";
import { until } from "../../testing/local_clients.ts";
import { MemoryStore } from "./memory_store.ts";
import { connectRedis, RedisStore } from "./redis_store.ts";
import { startRedis, type TestRedis } from "./redis_test_server.ts";
import type { ModelStore } from "./store.ts";

interface Proc {
  store: ModelStore;
  woken: Envelope[];
}

type Open = (count: number, settings?: Partial<ModelSettings>) => Promise<Proc[]>;

const sub = "demo";
const publish = (channel: string, message: unknown) => ({
  op: "publish" as const,
  input: { subKey: sub, channel, message, kind: "message" as const, uuid: "pub" },
});
const ticking = (procs: Proc[]) => {
  const timer = setInterval(() => procs.forEach((p) => p.store.tick(Date.now())), 50);
  return () => clearInterval(timer);
};

const scenarios: [string, (open: Open) => Promise<void>][] = [
  [
    "messages from every process reach every process once, in order, timetokens increasing",
    async (open) => {
      const procs = await open(3);
      const cursor = BigInt(procs[2].store.timetoken(Date.now()));
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => procs[i % 2].store.write(publish("ch", i))),
      );
      const tts = answers.map((a) => BigInt(a.timetoken!));
      await until(() => procs[2].woken.length >= 30, "30 envelopes on the third process");
      const got = procs[2].store.model.collect(sub, { channels: ["ch"], groups: [] }, cursor);
      const messages = got.deliveries.map((d) => d.envelope);
      assert.equal(messages.length, 30);
      assert.deepEqual(new Set(messages.map((e) => e.payload)).size, 30);
      for (let i = 1; i < messages.length; i++) {
        assert.ok(
          messages[i].timetoken > messages[i - 1].timetoken,
        );
      }
      assert.deepEqual([...tts].sort((a, b) => (a < b ? -1 : 1)), messages.map((e) => e.timetoken));
    },
  ],
  [
    "the catch-up window keeps the last 100 and history keeps them all, on every process",
    async (open) => {
      const procs = await open(2);
      const cursor = BigInt(procs[1].store.timetoken(Date.now()));
      for (let i = 0; i < 120; i++) await procs[0].store.write(publish("w", i));
      await until(() => procs[1].woken.length >= 120, "120 envelopes on the second process");
      const window = procs[1].store.model.collect(sub, { channels: ["w"], groups: [] }, cursor);
      const seen = window.deliveries.map((d) => d.envelope.payload);
      assert.equal(seen[0], 20, `the window starts at the 21st message, not ${seen[0]}`);
      const history = procs[1].store.model.history(Date.now(), sub, "w", { max: 200 });
      assert.equal(history.length, 120);
    },
  ],
  ["groups changed on one process route messages on another", async (open) => {
    const procs = await open(2);
    await procs[0].store.write({ op: "addToGroup", subKey: sub, group: "g", channels: ["x", "y"] });
    await until(() => procs[1].store.model.groupChannels(sub, "g").length === 2, "group on B");
    const cursor = BigInt(procs[1].store.timetoken(Date.now()));
    await procs[0].store.write(publish("y", "via group"));
    await until(() => procs[1].woken.length >= 1, "envelope on B");
    const got = procs[1].store.model.collect(sub, { channels: [], groups: ["g"] }, cursor);
    assert.deepEqual(got.deliveries.map((d) => [d.envelope.payload, d.match]), [[
      "via group",
      "g",
    ]]);
    await procs[1].store.write({ op: "removeFromGroup", subKey: sub, group: "g", channels: ["x"] });
    await until(() => procs[0].store.model.groupChannels(sub, "g").length === 1, "removal on A");
  }],
  [
    "a presence timeout is announced once, with one timetoken, whichever processes tick",
    async (open) => {
      const procs = await open(3);
      const request = {
        subKey: sub,
        uuid: "u1",
        channels: ["room"],
        groups: [],
        timeoutSeconds: 0.3,
      };
      await procs[0].store.write({ op: "heartbeat", request });
      await until(
        () => procs[2].store.model.hereNow(sub, ["room"], []).room.length === 1,
        "join on C",
      );
      const stop = ticking(procs);
      try {
        await until(
          () => procs[2].store.model.whereNow(sub, "u1").length === 0,
          "timeout on C",
          5000,
        );
        await new Promise((resolve) => setTimeout(resolve, 200)); // later ticks must add nothing
      } finally {
        stop();
      }
      const timeouts = (p: Proc) =>
        p.woken.filter((e) => (e.payload as { action?: string }).action === "timeout").map((e) =>
          e.tt
        );
      const first = timeouts(procs[0]);
      assert.equal(first.length, 1, `one timeout, not ${first.length}`);
      for (const p of procs) assert.deepEqual(timeouts(p), first);
    },
  ],
  ["a limit refuses the same way through any process", async (open) => {
    const procs = await open(2, { groups: 1 });
    assert.equal(
      (await procs[0].store.write({ op: "addToGroup", subKey: sub, group: "a", channels: ["c"] }))
        .refused,
      undefined,
    );
    const refused = await procs[1].store.write({
      op: "addToGroup",
      subKey: sub,
      group: "b",
      channels: ["c"],
    });
    assert.equal(refused.refused, "too many channel groups (max 1)");
  }],
  ["message actions and deletes made on one process show in the other's history", async (open) => {
    const procs = await open(2);
    const { timetoken } = await procs[0].store.write(publish("h", "hello"));
    const added = await procs[1].store.write({
      op: "messageAction",
      subKey: sub,
      channel: "h",
      messageTimetoken: timetoken!,
      uuid: "u",
      add: { type: "reaction", value: "ok" },
    });
    assert.ok(added.change?.ok, added.change?.ok === false ? added.change.message : "no change");
    await until(
      () =>
        (procs[0].store.model.history(Date.now(), sub, "h", { max: 5 })[0]?.actions ?? [])
          .length === 1,
      "the action on A",
    );
    await procs[0].store.write({ op: "deleteMessages", subKey: sub, channel: "h" });
    await until(
      () => procs[1].store.model.history(Date.now(), sub, "h", { max: 5 }).length === 0,
      "delete on B",
    );
  }],
];

const memory: Open = (count, settings = {}) => {
  const woken: Envelope[] = [];
  const store = new MemoryStore(new PubSubModel(settings), Date.now, (e) => woken.push(...e));
  return Promise.resolve(Array.from({ length: count }, () => ({ store, woken })));
};

function redisBackend(redis: TestRedis, opened: ModelStore[]): Open {
  let run = 0;
  return async (count, settings = {}) => {
    const prefix = `suite${++run}:`;
    const procs: Proc[] = [];
    for (let i = 0; i < count; i++) {
      const woken: Envelope[] = [];
      const connection = await connectRedis({ url: redis.url, prefix, log: () => {} });
      const store = new RedisStore(connection, new PubSubModel(settings), (e) => woken.push(...e));
      opened.push(store);
      await store.ready();
      procs.push({ store, woken });
    }
    return procs;
  };
}

Deno.test("store suite on the memory store", async (t) => {
  for (const [name, scenario] of scenarios) await t.step(name, () => scenario(memory));
});

Deno.test("store suite on Redis (a real redis-server, three processes' replicas)", async (t) => {
  const redis = await startRedis();
  const opened: ModelStore[] = [];
  try {
    const open = redisBackend(redis, opened);
    for (const [name, scenario] of scenarios) await t.step(name, () => scenario(open));
  } finally {
    await Promise.all(opened.map((s) => s.close()));
    await redis.stop();
  }
});

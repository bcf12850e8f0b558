import assert from "node:assert/strict";
import type { Envelope } from "../model/envelope.ts";
import { type Collector, LongPolls, type Waiter } from "./long_polls.ts";
import { openTestHandler, storeTests } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

Deno.test("long-polls tell the model which keysets they wait on, once per waiter", () => {
  const held = new Map<string, number>();
  const collector: Collector = {
    collect: (_subKey, subscription) => ({
      timetoken: "2",
      deliveries: subscription.channels.includes("hit")
        ? [{ envelope: {} as Envelope, match: "hit" }]
        : [],
    }),
    wakeKeys: () => ["c:hit"],
    hold: (subKey) => held.set(subKey, (held.get(subKey) ?? 0) + 1),
    release: (subKey) => held.set(subKey, (held.get(subKey) ?? 0) - 1),
  };
  const polls = new LongPolls(collector);
  const waiter = (subKey: string, channel: string, deadline: number): Waiter => ({
    subKey,
    subscription: { channels: [channel], groups: [] },
    after: 1n,
    keys: [`c:${channel}`],
    deadline,
    answer: () => {},
  });
  const woken = waiter("k1", "hit", 100);
  const expiring = waiter("k1", "other", 10);
  const removed = waiter("k2", "other", 100);
  const closing = waiter("k3", "other", 100);
  for (const w of [woken, expiring, removed, closing]) polls.add(w);
  polls.add(woken); // adding twice holds once
  assert.deepEqual(Object.fromEntries(held), { k1: 2, k2: 1, k3: 1 });
  polls.wake([{ subKey: "k1" } as Envelope]);
  polls.expire(50);
  polls.remove(removed);
  polls.remove(removed);
  assert.deepEqual(Object.fromEntries(held), { k1: 0, k2: 0, k3: 1 });
  polls.releaseAll();
  assert.deepEqual(Object.fromEntries(held), { k1: 0, k2: 0, k3: 0 });
  assert.equal(polls.size, 0);
});

test("a publish is answered before the long-polls it wakes; each gets the message once", async () => {
  const handler = await openTestHandler({ longPollSeconds: 30, sweepMilliseconds: 50 });
  const base = "http://localhost";
  try {
    const handshake = await handler(new Request(`${base}/v2/subscribe/demo/fan/0?tt=0`));
    const tt = (await handshake.json()).t.t;
    const answered: string[][] = [];
    const polls = Array.from(
      { length: 20 },
      () =>
        handler(new Request(`${base}/v2/subscribe/demo/fan/0?tt=${tt}`)).then(async (r) => {
          answered.push((await r.json()).m.map((m: { d: string }) => m.d));
        }),
    );
    assert.equal(handler.pendingLongPolls, 20);
    const published = await handler(new Request(`${base}/publish/demo/demo/0/fan/0/"hi"`));
    assert.equal(published.status, 200);
    await published.body?.cancel();
    // The publisher has its answer while every waiter still waits.
    assert.equal(handler.pendingLongPolls, 20);
    assert.equal(answered.length, 0);
    await Promise.all(polls);
    assert.deepEqual(answered, Array.from({ length: 20 }, () => ["hi"]));
  } finally {
    handler.close();
  }
});

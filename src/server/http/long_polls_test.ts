import assert from "node:assert/strict";
import type { Envelope } from "../model/envelope.ts";
import { type Collector, LongPolls, type Waiter } from "./long_polls.ts";

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

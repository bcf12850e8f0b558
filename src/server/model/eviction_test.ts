import assert from "node:assert/strict";
import { openTestHandler, storeTests } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const base = "http://localhost";

async function call(handler: (r: Request) => Promise<Response>, path: string) {
  const response = await handler(new Request(`${base}${path}`));
  return { status: response.status, body: await response.json() };
}

test("a subscriber's channel and its young history survive a flood of other channels; the flood is refused by name, nothing is dropped silently", async () => {
  const handler = await openTestHandler({
    longPollSeconds: 5,
    sweepMilliseconds: 50,
    limits: { bufferChannels: 10, historyChannels: 10, historyRetentionMillis: 3_600_000 },
  });
  try {
    // A live subscriber on "room" (present for 60 s), between two long-polls.
    const handshake = await call(handler, "/v2/subscribe/demo/room/0?uuid=sub&heartbeat=60&tt=0");
    const cursor = handshake.body.t.t;
    for (let i = 0; i < 50; i++) {
      assert.equal((await call(handler, `/publish/demo/demo/0/room/0/${i}?uuid=p`)).status, 200);
    }
    // Messages to many other channels: the first few fit, then new channels are refused.
    const refusals: string[] = [];
    for (let i = 0; i < 100; i++) {
      const reply = await call(handler, `/publish/demo/demo/0/other-${i}/0/1?uuid=p`);
      if (reply.status !== 200) refusals.push(reply.body[1]);
    }
    assert.ok(refusals.length > 0, "the flood was never refused");
    assert.match(refusals[0], /limit historyChannels = 10/);
    // The subscriber resumes from its cursor and gets every message of the gap, in order.
    const got: number[] = [];
    let tt = cursor;
    while (true) {
      const reply = await call(handler, `/v2/subscribe/demo/room/0?uuid=sub&tt=${tt}`);
      if (reply.body.m.length === 0) break;
      got.push(...reply.body.m.map((m: { d: number }) => m.d));
      tt = reply.body.t.t;
      if (got.length >= 50) break;
    }
    assert.deepEqual(got, Array.from({ length: 50 }, (_, i) => i));
    // And its history is all there.
    const history = await call(handler, "/v3/history/sub-key/demo/channel/room?max=100");
    assert.equal(history.body.channels.room.length, 50);
  } finally {
    handler.close();
  }
});

test("buffers of channels nobody is subscribed to make room; when every buffered channel has a subscriber, a new channel is refused", async () => {
  const handler = await openTestHandler({
    longPollSeconds: 5,
    sweepMilliseconds: 50,
    limits: { bufferChannels: 6 },
  });
  try {
    // Three subscribed channels fill the six buffers, each with its presence channel (the join).
    for (const channel of ["a", "b", "c"]) {
      await call(
        handler,
        `/v2/presence/sub-key/demo/channel/${channel}/heartbeat?uuid=u-${channel}&heartbeat=60`,
      );
      assert.equal(
        (await call(handler, `/publish/demo/demo/0/${channel}/0/1?store=0`)).status,
        200,
      );
    }
    const refused = await call(handler, "/publish/demo/demo/0/d/0/1?store=0");
    assert.equal(refused.status, 400);
    assert.match(refused.body[1], /limit bufferChannels = 6/);
    // Publishing to a subscribed channel still works.
    assert.equal((await call(handler, "/publish/demo/demo/0/a/0/2?store=0")).status, 200);
    // Once "c"'s subscriber leaves, its buffers may make room.
    await call(handler, "/v2/presence/sub-key/demo/channel/c/leave?uuid=u-c");
    for (let i = 0; i < 10; i++) {
      const reply = await call(handler, `/publish/demo/demo/0/new-${i}/0/1?store=0`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    }
    // The subscribed channels kept their buffers all along: a catch-up from 0 still sees them.
    const caughtUp = await call(handler, "/v2/subscribe/demo/a,b/0?tt=1");
    assert.deepEqual(caughtUp.body.m.map((m: { c: string; d: number }) => `${m.c}:${m.d}`), [
      "a:1",
      "b:1",
      "a:2",
    ]);
  } finally {
    handler.close();
  }
});

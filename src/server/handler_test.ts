import assert from "node:assert/strict";
import { createHandler } from "./handler.ts";
import { getJson } from "./test_util.ts";
import { storeTests, withServer } from "./store/each_store.ts";
import { ManualClock } from "../shell/clock.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

test("time is a JSON number written from the exact digits", async () => {
  await withServer({}, async ({ url }) => {
    const reply = await getJson(`${url}/time/0`);
    assert.equal(reply.status, 200);
    assert.match(reply.text, /^\[\d{17}\]$/);
    assert.equal(reply.contentType, 'text/javascript; charset="UTF-8"');
    const now = BigInt(Date.now()) * 10000n;
    const tt = BigInt(reply.text.slice(1, -1));
    assert.ok(tt > now - 10_000_000n && tt < now + 10_000_000n, "follows real time");
  });
});

test("errors are JSON with the right status: 404, 405, 414, bad escapes, garbage paths", async () => {
  await withServer({}, async ({ url }) => {
    const cases: [string, RequestInit | undefined, number][] = [
      ["/nothing/here", undefined, 404],
      ["/", undefined, 404],
      ["/v2/subscribe/demo", undefined, 404],
      ["/time/0", { method: "DELETE" }, 405],
      ["/v2/subscribe/demo/a/0", { method: "POST", body: "x" }, 405],
      ["/v2/presence/sub-key/demo/channel/a?x=%ZZ", undefined, 400],
      ["/v2/presence/sub-key/demo/channel/%E0%A4%A", undefined, 400],
      [`/v2/presence/sub-key/demo/channel/a?pad=${"x".repeat(33_000)}`, undefined, 414],
      [`/${"x".repeat(33_000)}`, undefined, 414],
      ["/v3/history/sub-key/demo/channel/,", undefined, 400],
    ];
    for (const [path, init, status] of cases) {
      const reply = await getJson(`${url}${path}`, init);
      assert.equal(
        reply.status,
        status,
        `${init?.method ?? "GET"} ${path.slice(0, 60)}: ${reply.text}`,
      );
      assert.equal(reply.contentType, 'text/javascript; charset="UTF-8"');
      assert.ok(reply.body !== undefined, "a JSON body");
      assert.equal(reply.body.error, true);
      assert.equal(reply.body.status, status);
    }
    const options = await getJson(`${url}/publish/demo/demo/0/a/0`, { method: "OPTIONS" });
    assert.equal(options.status, 200);
    // Still healthy afterwards.
    assert.equal((await getJson(`${url}/time/0`)).status, 200);
  });
});

test("wrong subscribe key is refused on every keyed call when keys are set", async () => {
  await withServer({ keys: { publishKey: "p", subscribeKey: "s" } }, async ({ url }) => {
    for (
      const path of [
        "/v2/presence/sub-key/x/channel/a",
        "/v2/presence/sub-key/x/channel/a/leave",
        "/v2/presence/sub-key/x/uuid/u",
        "/v1/channel-registration/sub-key/x/channel-group",
        "/v3/history/sub-key/x/channel/a",
      ]
    ) {
      const reply = await getJson(`${url}${path}`);
      assert.equal(reply.status, 400, path);
      assert.equal(reply.body.message, "Invalid Subscribe Key");
      assert.equal(reply.body.service, "Access Manager");
    }
    assert.equal((await getJson(`${url}/v2/presence/sub-key/s/channel/a`)).status, 200);
  });
});

Deno.test("an unexpected failure is a 500 JSON error, and the handler keeps working", async () => {
  let broken = true;
  const handler = createHandler({
    clock: () => {
      if (broken) throw new Error("clock is broken");
      return Date.now();
    },
    sweepMilliseconds: 60_000,
  });
  const originalError = console.error;
  console.error = () => {}; // the handler logs the failure; keep the test output clean
  try {
    const failed = await handler(new Request("http://localhost/time/0"));
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), {
      status: 500,
      error: true,
      service: "Local",
      message: "Internal Server Error",
    });
    broken = false;
    const ok = await handler(new Request("http://localhost/time/0"));
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  } finally {
    console.error = originalError;
    handler.close();
  }
});

Deno.test("close() answers held long-polls at once", async () => {
  const handler = createHandler({ longPollSeconds: 60 });
  const handshake = await (await handler(new Request("http://h/v2/subscribe/demo/a/0?uuid=u")))
    .json();
  const held = handler(new Request(`http://h/v2/subscribe/demo/a/0?uuid=u&tt=${handshake.t.t}`));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(handler.pendingLongPolls, 1);
  handler.close();
  const reply = await held;
  assert.equal(reply.status, 200);
  assert.deepEqual((await reply.json()).m, []);
  assert.equal(handler.pendingLongPolls, 0);
  const after = await handler(new Request("http://h/time/0"));
  assert.equal(after.status, 503);
  await after.body?.cancel();
});

Deno.test("a fake clock drives presence timeouts through the sweep", async () => {
  let now = 1_000_000;
  const handler = createHandler({ clock: () => now, sweepMilliseconds: 60_000 });
  try {
    const call = async (path: string) =>
      await (await handler(new Request(`http://h${path}`))).json();
    await call("/v2/presence/sub-key/demo/channel/a/heartbeat?uuid=u&heartbeat=30");
    assert.equal((await call("/v2/presence/sub-key/demo/channel/a")).occupancy, 1);
    now += 31_000;
    handler.sweep();
    assert.equal((await call("/v2/presence/sub-key/demo/channel/a")).occupancy, 0);
  } finally {
    handler.close();
  }
});

Deno.test("a subscribe without heartbeat= keeps the /heartbeat timeout; its state= rides on the join", async () => {
  let now = 1_000_000;
  const handler = createHandler({ clock: () => now, sweepMilliseconds: 60_000 });
  try {
    const call = async (path: string) =>
      await (await handler(new Request(`http://h${path}`))).json();
    const watch = (await call("/v2/subscribe/demo/room-pnpres/0?uuid=w")).t.t;
    // The official v12 SDK: /heartbeat carries the timeout, the subscribe loop never does.
    await call("/v2/presence/sub-key/demo/channel/room/heartbeat?uuid=alice&heartbeat=20");
    const state = encodeURIComponent(JSON.stringify({ side: { mood: "ok" } }));
    await call(`/v2/subscribe/demo/room,side/0?uuid=alice&ee=&state=${state}`);
    const events = (await call(`/v2/subscribe/demo/side-pnpres/0?uuid=w&tt=${watch}`)).m;
    assert.deepEqual(events.map((m: { d: unknown }) => m.d), [
      { action: "join", timestamp: 1_000, uuid: "alice", occupancy: 1, data: { mood: "ok" } },
    ]);
    now += 21_000;
    handler.sweep();
    assert.deepEqual((await call("/v2/presence/sub-key/demo/channel/room")).uuids, []);
    assert.deepEqual((await call("/v2/presence/sub-key/demo/channel/side")).uuids, ["alice"]);
  } finally {
    handler.close();
  }
});

Deno.test("a manual clock runs the sweep timer: a held long-poll expires when time is advanced", async () => {
  const clock = new ManualClock(1_000_000);
  const handler = createHandler({ clock, longPollSeconds: 5, sweepMilliseconds: 250 });
  try {
    const handshake = await (await handler(new Request("http://h/v2/subscribe/demo/a/0?uuid=u")))
      .json();
    const held = handler(new Request(`http://h/v2/subscribe/demo/a/0?uuid=u&tt=${handshake.t.t}`));
    await clock.advance(4_000);
    assert.equal(handler.pendingLongPolls, 1, "not expired before longPollSeconds");
    await clock.advance(1_250);
    assert.equal(handler.pendingLongPolls, 0, "expired by the sweep the clock ran");
    const reply = await held;
    assert.equal(reply.status, 200);
    assert.deepEqual((await reply.json()).m, []);
  } finally {
    handler.close();
  }
});

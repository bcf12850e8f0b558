import assert from "node:assert/strict";
import { getJson, until } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const P = "/v2/presence/sub-key/demo";
type Event = { c: string; d: Record<string, unknown> };
const actions = (m: Event[]) => m.map((e) => [e.c, e.d.action, e.d.uuid ?? null, e.d.occupancy]);

test("presence over HTTP: join, state-change, leave, timeout, here-now, where-now", async () => {
  await withServer({}, async ({ url, handler }) => {
    const watch = (await getJson(`${url}/v2/subscribe/demo/room-pnpres/0?uuid=watcher`)).body.t.t;
    const watched = (tt: string) =>
      getJson(`${url}/v2/subscribe/demo/room-pnpres/0?uuid=watcher&tt=${tt}`);
    // Watching the presence channel does not make the watcher present.
    assert.deepEqual((await getJson(`${url}${P}/channel/room`)).body.occupancy, 0);

    await getJson(`${url}/v2/subscribe/demo/room/0?uuid=alice&heartbeat=60`);
    await getJson(`${url}${P}/channel/room/heartbeat?uuid=bob&heartbeat=1`);
    await getJson(
      `${url}${P}/channel/room/uuid/alice/data?uuid=alice&state=${
        encodeURIComponent('{"mood":"ok"}')
      }`,
    );
    let got = await watched(watch);
    assert.deepEqual(actions(got.body.m), [
      ["room-pnpres", "join", "alice", 1],
      ["room-pnpres", "join", "bob", 2],
      ["room-pnpres", "state-change", "alice", 2],
    ]);
    assert.deepEqual(got.body.m[2].d.data, { mood: "ok" });
    for (const e of got.body.m) {
      assert.equal(e.e, undefined, "presence envelopes have no e");
      assert.ok(Number.isInteger(e.d.timestamp) && Number.isInteger(e.d.occupancy));
    }

    const one = await getJson(`${url}${P}/channel/room?state=1`);
    assert.deepEqual(one.body, {
      status: 200,
      message: "OK",
      service: "Presence",
      uuids: [{ uuid: "alice", state: { mood: "ok" } }, { uuid: "bob" }],
      occupancy: 2,
    });
    const noUuids = await getJson(`${url}${P}/channel/room?disable_uuids=1`);
    assert.equal(noUuids.body.uuids, undefined);
    assert.equal(noUuids.body.occupancy, 2);
    const where = await getJson(`${url}${P}/uuid/alice`);
    assert.deepEqual(where.body.payload.channels, ["room"]);

    // bob's 1 s heartbeat timeout runs out; alice leaves.
    const next = watched(got.body.t.t);
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");
    got = await next;
    assert.deepEqual(actions(got.body.m), [["room-pnpres", "timeout", "bob", 1]]);
    const left = await getJson(`${url}${P}/channel/room/leave?uuid=alice`);
    assert.deepEqual(left.body, {
      status: 200,
      action: "leave",
      message: "OK",
      service: "Presence",
    });
    got = await watched(got.body.t.t);
    assert.deepEqual(actions(got.body.m), [["room-pnpres", "leave", "alice", 0]]);
    assert.deepEqual((await getJson(`${url}${P}/uuid/alice`)).body.payload.channels, []);
  });
});

test("here-now forms: several channels, groups, global", async () => {
  await withServer({}, async ({ url }) => {
    await getJson(`${url}/v1/channel-registration/sub-key/demo/channel-group/g?add=c`);
    await getJson(`${url}/v2/subscribe/demo/a,b/0?uuid=u1`);
    await getJson(`${url}/v2/subscribe/demo/a/0?uuid=u2`);
    await getJson(`${url}/v2/subscribe/demo/,/0?uuid=u3&channel-group=g`);
    const several = await getJson(`${url}${P}/channel/a,b`);
    assert.deepEqual(several.body.payload, {
      channels: { a: { uuids: ["u1", "u2"], occupancy: 2 }, b: { uuids: ["u1"], occupancy: 1 } },
      total_channels: 2,
      total_occupancy: 3,
    });
    const group = await getJson(`${url}${P}/channel/,?channel-group=g`);
    assert.deepEqual(group.body.payload.channels, { c: { uuids: ["u3"], occupancy: 1 } });
    const global = await getJson(`${url}${P}?disable_uuids=1`);
    assert.deepEqual(global.body.payload, {
      channels: { a: { occupancy: 2 }, b: { occupancy: 1 }, c: { occupancy: 1 } },
      total_channels: 3,
      total_occupancy: 4,
    });
  });
});

test("get state: one channel flat, several under payload.channels; bad state is a 400", async () => {
  await withServer({}, async ({ url }) => {
    const set = await getJson(
      `${url}${P}/channel/a,b/uuid/u/data?state=${encodeURIComponent('{"x":1}')}`,
    );
    assert.deepEqual(set.body, {
      status: 200,
      message: "OK",
      payload: { x: 1 },
      service: "Presence",
    });
    const one = await getJson(`${url}${P}/channel/a/uuid/u`);
    assert.deepEqual(one.body, {
      status: 200,
      message: "OK",
      uuid: "u",
      channel: "a",
      payload: { x: 1 },
      service: "Presence",
    });
    const two = await getJson(`${url}${P}/channel/a,b/uuid/u`);
    assert.deepEqual(two.body.payload, { channels: { a: { x: 1 }, b: { x: 1 } } });
    const bad = await getJson(`${url}${P}/channel/a/uuid/u/data?state=%5B1%5D`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, true);
  });
});

test("interval mode over HTTP: deltas every intervalSeconds above announceMax", async () => {
  await withServer({ announceMax: 2, intervalSeconds: 0.3 }, async ({ url }) => {
    const tt = (await getJson(`${url}/v2/subscribe/demo/big-pnpres/0?uuid=w`)).body.t.t;
    for (const u of ["u1", "u2", "u3", "u4"]) {
      await getJson(`${url}/v2/subscribe/demo/big/0?uuid=${u}`);
    }
    await getJson(`${url}${P}/channel/big/leave?uuid=u1`);
    const first = await getJson(`${url}/v2/subscribe/demo/big-pnpres/0?uuid=w&tt=${tt}`);
    assert.deepEqual(first.body.m.map((e: Event) => e.d.action), ["join", "join"]);
    const interval = await getJson(
      `${url}/v2/subscribe/demo/big-pnpres/0?uuid=w&tt=${first.body.t.t}`,
    );
    assert.equal(interval.body.m.length, 1);
    const d = interval.body.m[0].d;
    assert.deepEqual({ ...d, timestamp: 0 }, {
      action: "interval",
      timestamp: 0,
      occupancy: 3,
      join: ["u3", "u4"],
      leave: ["u1"],
      timeout: [],
    });
    assert.equal(interval.body.m[0].c, "big-pnpres");
  });
});

test("interval mode over HTTP: here_now_refresh when the deltas are too big", async () => {
  await withServer(
    { announceMax: 1, intervalSeconds: 0.2, hereNowRefreshBytes: 100 },
    async ({ url }) => {
      const tt = (await getJson(`${url}/v2/subscribe/demo/huge-pnpres/0?uuid=w`)).body.t.t;
      for (let i = 0; i < 10; i++) {
        await getJson(
          `${url}/v2/subscribe/demo/huge/0?uuid=a-fairly-long-uuid-${i}`,
        );
      }
      let cursor = tt;
      let interval: Record<string, unknown> | undefined;
      const deadline = performance.now() + 5_000;
      while (!interval) {
        assert.ok(performance.now() < deadline, "no interval event within 5 s");
        const reply = await getJson(`${url}/v2/subscribe/demo/huge-pnpres/0?uuid=w&tt=${cursor}`);
        cursor = reply.body.t.t;
        interval = reply.body.m.map((e: Event) => e.d).find((d: Record<string, unknown>) =>
          d.action === "interval"
        );
      }
      assert.equal(interval.here_now_refresh, true);
      assert.equal(interval.occupancy, 10);
      assert.equal(interval.join, undefined);
    },
  );
});

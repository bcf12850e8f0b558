import assert from "node:assert/strict";
import { PubSubModel } from "./model.ts";
import { openTestHandler, storeTests } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const hb = (uuid: string, channels: string[], state?: Record<string, unknown>) => ({
  subKey: "demo",
  uuid,
  channels,
  groups: [],
  timeoutSeconds: 60,
  ...(state ? { state } : {}),
});

Deno.test("presence limits: channels per request, occupants per channel, channels per uuid, state size, entries per keyset; a refusal changes nothing", () => {
  const model = new PubSubModel({
    presenceChannelsPerRequest: 3,
    occupantsPerChannel: 2,
    channelsPerUuid: 4,
    stateBytes: 20,
    presenceEntries: 8,
  });
  const refusedBy = (outcome: { refused?: string; envelopes: unknown[] }, limit: string) => {
    assert.match(outcome.refused ?? "", new RegExp(`limit ${limit} = \\d+`));
    assert.equal(outcome.envelopes.length, 0);
  };
  refusedBy(model.heartbeat(0, hb("u", ["a", "b", "c", "d"])), "presenceChannelsPerRequest");
  assert.deepEqual(model.whereNow("demo", "u"), []);

  assert.equal(model.heartbeat(0, hb("u", ["a", "b", "c"])).refused, undefined);
  refusedBy(model.heartbeat(0, hb("u", ["d", "e"])), "channelsPerUuid");
  assert.deepEqual(model.whereNow("demo", "u"), ["a", "b", "c"]);
  // Heartbeats on channels it is on already still pass.
  assert.equal(model.heartbeat(1, hb("u", ["a", "b", "c"])).refused, undefined);

  assert.equal(model.heartbeat(0, hb("v", ["a"])).refused, undefined);
  refusedBy(model.heartbeat(0, hb("w", ["a"])), "occupantsPerChannel");
  assert.equal(model.hereNow("demo", ["a"], []).a.length, 2);

  refusedBy(model.heartbeat(0, hb("x", ["z"], { z: { text: "x".repeat(30) } })), "stateBytes");
  refusedBy(model.setState(0, hb("u", ["a"]), { text: "x".repeat(30) }), "stateBytes");
  assert.deepEqual(model.getState("demo", "u", ["a"], []), {});

  // 4 entries so far (u on a, b, c; v on a): 4 more fit, the 9th is refused.
  assert.equal(model.heartbeat(0, hb("p", ["m", "n"])).refused, undefined);
  assert.equal(model.heartbeat(0, hb("q", ["m", "n"])).refused, undefined);
  refusedBy(model.heartbeat(0, hb("r", ["o"])), "presenceEntries");
  // Leaving frees room.
  model.leave(1, { subKey: "demo", uuid: "q", channels: ["m", "n"], groups: [] });
  assert.equal(model.heartbeat(1, hb("r", ["o"])).refused, undefined);
  // Timing out frees room too.
  model.tick(120_000);
  assert.equal(model.heartbeat(120_001, hb("s", ["a", "b", "c"])).refused, undefined);
});

test("a presence limit is a 400 error object that names the limit, on heartbeat, subscribe and set-state", async () => {
  const handler = await openTestHandler({
    longPollSeconds: 5,
    sweepMilliseconds: 50,
    limits: { presenceChannelsPerRequest: 2 },
  });
  try {
    const cases: [string, string][] = [
      ["/v2/presence/sub-key/demo/channel/a,b,c/heartbeat?uuid=u&heartbeat=60", "Presence"],
      ["/v2/subscribe/demo/a,b,c/0?uuid=u&tt=0", "Subscribe"],
      ["/v2/presence/sub-key/demo/channel/a,b,c/uuid/u/data?state=%7B%22k%22%3A1%7D", "Presence"],
    ];
    for (const [path, service] of cases) {
      const response = await handler(new Request(`http://localhost${path}`));
      assert.equal(response.status, 400, path);
      const body = await response.json();
      assert.equal(body.error, true);
      assert.equal(body.status, 400);
      assert.equal(body.service, service);
      assert.match(body.message, /3 \(limit presenceChannelsPerRequest = 2\)/);
    }
    const ok = await handler(
      new Request("http://localhost/v2/presence/sub-key/demo/channel/a,b/heartbeat?uuid=u"),
    );
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  } finally {
    handler.close();
  }
});

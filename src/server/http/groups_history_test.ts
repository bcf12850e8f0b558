import assert from "node:assert/strict";
import { getJson } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const G = "/v1/channel-registration/sub-key/demo/channel-group";

test("channel groups: add, list channels, list all, remove, delete", async () => {
  await withServer({}, async ({ url }) => {
    const added = await getJson(`${url}${G}/g1?add=b%2Ca&uuid=u`);
    assert.deepEqual(added.body, {
      status: 200,
      message: "OK",
      service: "channel-registry",
      error: false,
    });
    await getJson(`${url}${G}/g2?add=c`);
    const listed = await getJson(`${url}${G}/g1`);
    assert.deepEqual(listed.body, {
      status: 200,
      payload: { channels: ["a", "b"], group: "g1" },
      service: "channel-registry",
      error: false,
    });
    assert.deepEqual((await getJson(`${url}${G}`)).body.payload.groups, ["g1", "g2"]);
    await getJson(`${url}${G}/g1?remove=a`);
    assert.deepEqual((await getJson(`${url}${G}/g1`)).body.payload.channels, ["b"]);
    const deleted = await getJson(`${url}${G}/g2/remove`);
    assert.equal(deleted.body.error, false);
    assert.deepEqual((await getJson(`${url}${G}`)).body.payload.groups, ["g1"]);
    const empty = await getJson(`${url}${G}/g1?add=`);
    assert.equal(empty.status, 400);
  });
});

test("history: max, start, end, include_meta, include_uuid, message type", async () => {
  await withServer({}, async ({ url }) => {
    const tts: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const meta = encodeURIComponent(JSON.stringify({ i }));
      const reply = await getJson(
        `${url}/publish/demo/demo/0/h/0/${i}?uuid=pub&meta=${meta}&custom_message_type=num`,
      );
      tts.push(reply.body[2]);
    }
    await getJson(`${url}/publish/demo/demo/0/other/0/%22o%22?uuid=pub`);
    const H = `${url}/v3/history/sub-key/demo/channel`;
    const all = await getJson(
      `${H}/h?include_meta=true&include_uuid=true&include_message_type=true&include_custom_message_type=true`,
    );
    assert.equal(all.body.status, 200);
    assert.equal(all.body.error, false);
    assert.deepEqual(all.body.channels.h[0], {
      message: 1,
      timetoken: tts[0],
      uuid: "pub",
      meta: { i: 1 },
      message_type: null,
      custom_message_type: "num",
    });
    const newest = await getJson(`${H}/h?max=2`);
    assert.deepEqual(newest.body.channels.h.map((m: { message: number }) => m.message), [4, 5]);
    assert.equal(newest.body.channels.h[0].meta, undefined, "meta only on request");
    assert.equal(newest.body.channels.h[0].uuid, undefined, "uuid only on request");
    const before = await getJson(`${H}/h?start=${tts[2]}`);
    assert.deepEqual(before.body.channels.h.map((m: { message: number }) => m.message), [1, 2]);
    const from = await getJson(`${H}/h?end=${tts[3]}`);
    assert.deepEqual(from.body.channels.h.map((m: { message: number }) => m.message), [4, 5]);
    const several = await getJson(`${H}/h,other,none?max=1`);
    assert.deepEqual(Object.keys(several.body.channels).sort(), ["h", "other"]);
    assert.equal((await getJson(`${H}/h?start=abc`)).status, 400);
    assert.equal((await getJson(`${H}/h?max=-1`)).status, 400);
  });
});

test("retention: an idle channel's catch-up window is dropped, its history (the newest historyPerChannel) stays", async () => {
  const limits = { bufferRetentionMillis: 300, historyPerChannel: 3 };
  await withServer({ limits, longPollSeconds: 0.2 }, async ({ url }) => {
    const tt = (await getJson(`${url}/v2/subscribe/demo/r/0?uuid=l`)).body.t.t;
    for (let i = 1; i <= 5; i++) await getJson(`${url}/publish/demo/demo/0/r/0/${i}?uuid=p`);
    const caughtUp = await getJson(`${url}/v2/subscribe/demo/r/0?uuid=l&tt=${tt}`);
    assert.deepEqual(caughtUp.body.m.map((m: { d: number }) => m.d), [1, 2, 3, 4, 5]);
    const H = `${url}/v3/history/sub-key/demo/channel/r`;
    const stored = (await getJson(H)).body.channels.r.map((m: { message: number }) => m.message);
    assert.deepEqual(stored, [3, 4, 5], "history keeps the newest 3");
    // Once the channel has been idle past the retention, catching up from the old cursor
    // finds nothing (the long-poll times out empty) while history still has the newest 3.
    const deadline = performance.now() + 5_000;
    let late = caughtUp;
    while (late.body.m.length > 0) {
      assert.ok(performance.now() < deadline, "the window was not dropped within 5 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
      late = await getJson(`${url}/v2/subscribe/demo/r/0?uuid=l&tt=${tt}`);
    }
    const kept = (await getJson(H)).body.channels.r.map((m: { message: number }) => m.message);
    assert.deepEqual(kept, [3, 4, 5]);
  });
});

test("group limits: a 400 that names the limit; the refused change changes nothing", async () => {
  await withServer({ limits: { groups: 1, groupChannels: 2 } }, async ({ url }) => {
    assert.equal((await getJson(`${url}${G}/g1?add=a,b`)).status, 200);
    const tooMany = await getJson(`${url}${G}/g1?add=c`);
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.error, true);
    assert.equal(tooMany.body.message, "too many channels in group g1 (max 2)");
    const second = await getJson(`${url}${G}/g2?add=a`);
    assert.equal(second.status, 400);
    assert.equal(second.body.message, "too many channel groups (max 1)");
    const listed = await getJson(`${url}${G}/g1`);
    assert.deepEqual(listed.body.payload.channels.sort(), ["a", "b"]);
    const all = await getJson(`${url}/v1/channel-registration/sub-key/demo/channel-group`);
    assert.deepEqual(all.body.payload.groups, ["g1"]);
  });
});

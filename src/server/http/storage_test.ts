import assert from "node:assert/strict";
import { getJson } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";
import { STORAGE_DISABLED, STORAGE_DISABLED_V2 } from "./routes/storage.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

test("storage: false — publishes are delivered but not stored; history is refused", async () => {
  await withServer({ storage: false }, async ({ url }) => {
    const tt = (await getJson(`${url}/v2/subscribe/demo/s/0?uuid=l`)).body.t.t;
    const sent = await getJson(`${url}/publish/demo/demo/0/s/0/%22kept%3F%22?uuid=p`);
    assert.deepEqual(sent.body.slice(0, 2), [1, "Sent"]);
    const live = await getJson(`${url}/v2/subscribe/demo/s/0?uuid=l&tt=${tt}`);
    assert.deepEqual(live.body.m.map((m: { d: unknown }) => m.d), ["kept?"]);
    const history = await getJson(`${url}/v3/history/sub-key/demo/channel/s`);
    assert.equal(history.status, 403);
    assert.deepEqual(history.body, {
      status: 403,
      error: true,
      error_message: STORAGE_DISABLED,
      channels: {},
    });
  });
});

test("storage defaults to on: the same publish is in history", async () => {
  await withServer({}, async ({ url }) => {
    await getJson(`${url}/publish/demo/demo/0/s/0/%22kept%3F%22?uuid=p`);
    const history = await getJson(`${url}/v3/history/sub-key/demo/channel/s`);
    assert.equal(history.status, 200);
    assert.deepEqual(history.body.channels.s.map((m: { message: unknown }) => m.message), [
      "kept?",
    ]);
  });
});

test("storage: false — every storage call is refused as on a keyset without the add-on", async () => {
  await withServer({ storage: false }, async ({ url }) => {
    const tt = (await getJson(`${url}/publish/demo/demo/0/s/0/1?uuid=p`)).body[2];
    const v2 = await getJson(`${url}/v2/history/sub-key/demo/channel/s?include_token=true`);
    assert.equal(v2.status, 200);
    assert.deepEqual(v2.body, [[STORAGE_DISABLED_V2], 0, 0]);
    const refusals: [string, RequestInit?][] = [
      [`/v3/history/sub-key/demo/message-counts/s?timetoken=0`],
      [`/v3/history/sub-key/demo/channel/s`, { method: "DELETE" }],
      [`/v3/history-with-actions/sub-key/demo/channel/s`],
    ];
    for (const [path, init] of refusals) {
      const reply = await getJson(`${url}${path}`, init);
      assert.equal(reply.status, 403, path);
      assert.equal(reply.body.error_message, STORAGE_DISABLED, path);
    }
    const actions: [string, RequestInit?][] = [
      [`/v1/message-actions/demo/channel/s`],
      [`/v1/message-actions/demo/channel/s/message/${tt}?uuid=u`, {
        method: "POST",
        body: '{"type":"t","value":"v"}',
      }],
      [`/v1/message-actions/demo/channel/s/message/${tt}/action/1`, { method: "DELETE" }],
    ];
    for (const [path, init] of actions) {
      const reply = await getJson(`${url}${path}`, init);
      assert.equal(reply.status, 403, path);
      assert.deepEqual(reply.body, {
        status: 403,
        error: { source: "actions", message: STORAGE_DISABLED },
      });
    }
  });
});

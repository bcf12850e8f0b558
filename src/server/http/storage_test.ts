import assert from "node:assert/strict";
import { getJson, withServer } from "../test_util.ts";
import { STORAGE_DISABLED } from "./routes/storage.ts";

Deno.test("storage: false — publishes are delivered but not stored; history is refused", async () => {
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

Deno.test("storage defaults to on: the same publish is in history", async () => {
  await withServer({}, async ({ url }) => {
    await getJson(`${url}/publish/demo/demo/0/s/0/%22kept%3F%22?uuid=p`);
    const history = await getJson(`${url}/v3/history/sub-key/demo/channel/s`);
    assert.equal(history.status, 200);
    assert.deepEqual(history.body.channels.s.map((m: { message: unknown }) => m.message), [
      "kept?",
    ]);
  });
});

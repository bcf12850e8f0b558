import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { createHandler } from "./handler.ts";
import { listen } from "./listen_node.ts";
import { getJson, until } from "./test_util.ts";

Deno.test("the node:http listener serves the handler, bodies and aborts included", async () => {
  const handler = createHandler({ longPollSeconds: 30, sweepMilliseconds: 50 });
  const listener = await listen(handler, { hostname: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${listener.port}`;
  try {
    const time = await getJson(`${url}/time/0`);
    assert.equal(time.status, 200);
    assert.match(time.text, /^\[\d{17}\]$/);
    assert.equal(time.contentType, 'text/javascript; charset="UTF-8"');

    const tt = (await getJson(`${url}/v2/subscribe/demo/n/0?uuid=u`)).body.t.t;
    const posted = await getJson(`${url}/publish/demo/demo/0/n/0?uuid=p`, {
      method: "POST",
      headers: { "content-encoding": "gzip" },
      body: new Uint8Array(gzipSync('{"via":"node"}')),
    });
    assert.equal(posted.status, 200, posted.text);
    const got = await getJson(`${url}/v2/subscribe/demo/n/0?uuid=u&tt=${tt}`);
    assert.deepEqual(got.body.m.map((m: { d: unknown }) => m.d), [{ via: "node" }]);

    // A client that goes away mid long-poll releases its waiter.
    const controller = new AbortController();
    const poll = fetch(`${url}/v2/subscribe/demo/n/0?uuid=u&tt=${got.body.t.t}`, {
      signal: controller.signal,
    });
    await until(() => handler.pendingLongPolls === 1);
    controller.abort();
    await assert.rejects(poll);
    await until(() => handler.pendingLongPolls === 0);

    assert.equal((await getJson(`${url}/nope`)).status, 404);
  } finally {
    handler.close();
    await listener.close();
  }
});

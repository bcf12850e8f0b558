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
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");
    controller.abort();
    await assert.rejects(poll);
    await until(() => handler.pendingLongPolls === 0, "no held long-poll");

    assert.equal((await getJson(`${url}/nope`)).status, 404);
  } finally {
    handler.close();
    await listener.close();
  }
});

// Writes a raw request and reads the answer until the server closes or the body is complete.
async function rawRequest(port: number, request: string): Promise<string> {
  const connection = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await connection.write(new TextEncoder().encode(request));
    const decoder = new TextDecoder();
    const buffer = new Uint8Array(16_384);
    let text = "";
    while (true) {
      const n = await connection.read(buffer);
      if (n === null) return text;
      text += decoder.decode(buffer.subarray(0, n), { stream: true });
      const length = /content-length: (\d+)/i.exec(text);
      const split = text.indexOf("\r\n\r\n");
      if (length && split >= 0 && text.length - split - 4 >= Number(length[1])) return text;
    }
  } finally {
    connection.close();
  }
}

Deno.test("the node:http listener: heads up to 128 KiB reach the handler, larger ones get a JSON 431", async () => {
  const handler = createHandler({ longPollSeconds: 5, sweepMilliseconds: 50 });
  const listener = await listen(handler, { hostname: "127.0.0.1", port: 0 });
  try {
    const big = (size: number) =>
      `GET /time/0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ${"y".repeat(size)}\r\n\r\n`;
    // 100 KB of headers: over Node's 16 KiB default, within ours; the handler answers.
    const fits = await rawRequest(listener.port, big(100_000));
    assert.match(fits, /^HTTP\/1\.1 200 /);
    assert.match(fits, /\r\n\r\n\[\d{17}\]$/);
    const tooBig = await rawRequest(listener.port, big(200_000));
    assert.match(tooBig, /^HTTP\/1\.1 431 /);
    assert.match(tooBig, /content-type: text\/javascript; charset="UTF-8"/i);
    const body = JSON.parse(tooBig.slice(tooBig.indexOf("\r\n\r\n") + 4));
    assert.deepEqual(body, {
      status: 431,
      error: true,
      service: "Local",
      message: "Request Header Fields Too Large",
    });
    // A malformed request line is a JSON 400.
    const garbage = await rawRequest(listener.port, "NOT HTTP AT ALL\r\n\r\n");
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    assert.equal(JSON.parse(garbage.slice(garbage.indexOf("\r\n\r\n") + 4)).status, 400);
  } finally {
    handler.close();
    await listener.close();
  }
});

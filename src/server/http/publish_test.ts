import assert from "node:assert/strict";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { encodeComponent } from "../../core/encoding.ts";
import { getJson } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const handshake = async (url: string, channel: string) =>
  (await getJson(`${url}/v2/subscribe/demo/${channel}/0?uuid=l`)).body.t.t as string;
const received = async (url: string, channel: string, tt: string) =>
  (await getJson(`${url}/v2/subscribe/demo/${channel}/0?uuid=l&tt=${tt}`)).body.m;

async function compress(text: string, format: CompressionFormat): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function post(url: string, channel: string, body: BodyInit, encoding?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (encoding) headers["content-encoding"] = encoding;
  return getJson(`${url}/publish/demo/demo/0/${channel}/0?uuid=p`, {
    method: "POST",
    headers,
    body,
  });
}

test("publish by POST: plain, deflate, gzip, zlib labelled gzip, raw deflate", async () => {
  await withServer({}, async ({ url }) => {
    const tt = await handshake(url, "post");
    const text = JSON.stringify({ text: "héllo wörld", n: [1, 2, 3] });
    const bodies: [BodyInit, string | undefined][] = [
      [text, undefined],
      [await compress(text, "deflate"), "deflate"],
      [await compress(text, "gzip"), "gzip"],
      [new Uint8Array(deflateSync(text)), "gzip"], // Python labels zlib data gzip
      [new Uint8Array(deflateRawSync(text)), "deflate"],
      [new Uint8Array(gzipSync(text)), "x-gzip"],
    ];
    for (const [body, encoding] of bodies) {
      const reply = await post(url, "post", body, encoding);
      assert.equal(reply.status, 200, `${encoding}: ${reply.text}`);
      assert.deepEqual(reply.body.slice(0, 2), [1, "Sent"]);
    }
    const messages = await received(url, "post", tt);
    assert.equal(messages.length, bodies.length);
    for (const m of messages) assert.deepEqual(m.d, JSON.parse(text));
  });
});

test("publish by POST: broken compressed data and bad JSON are 400s", async () => {
  await withServer({}, async ({ url }) => {
    // A zlib header followed by an invalid block type.
    const broken = await post(url, "p", new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff]), "deflate");
    assert.equal(broken.status, 400);
    assert.equal(broken.body.error, true);
    assert.match(broken.body.message, /deflate/);
    // Truncated data inflates to nothing usable: still a clean 400.
    const truncated = await post(url, "p", new Uint8Array([0x78, 0x9c, 1, 2, 3, 4]), "deflate");
    assert.equal(truncated.status, 400);
    const badJson = await post(url, "p", "{nope");
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body[0], 0);
    assert.equal(badJson.body[1], "Invalid JSON");
    const unsupported = await post(url, "p", "1", "br");
    assert.equal(unsupported.status, 415);
  });
});

test("message size: the escaped channel + message + meta, same for GET and POST", async () => {
  await withServer({}, async ({ url }) => {
    const channel = "size-ch";
    // Escaped size = channel + escaped JSON; `"` escapes to %22 (3 chars each).
    const fits = "x".repeat(32768 - channel.length - 6);
    const json = JSON.stringify(fits);
    assert.equal(encodeComponent(channel).length + encodeComponent(json).length, 32768);
    const ok = await getJson(
      `${url}/publish/demo/demo/0/${channel}/0/${encodeComponent(json)}?uuid=p`,
    );
    assert.equal(ok.status, 200, "exactly at the limit is accepted");
    const over = JSON.stringify(fits + "x");
    const get = await getJson(
      `${url}/publish/demo/demo/0/${channel}/0/${encodeComponent(over)}?uuid=p`,
    );
    assert.equal(get.status, 413);
    assert.equal(get.body[0], 0);
    assert.equal(get.body[1], "Message Too Large");
    assert.match(get.body[2], /^\d{17}$/);
    const byPost = await post(url, channel, over);
    assert.equal(byPost.status, 413);
    assert.equal(byPost.body[1], "Message Too Large");
    const byPostFits = await post(url, channel, json);
    assert.equal(byPostFits.status, 200);
    // Meta counts too.
    const meta = encodeComponent(JSON.stringify({ m: 1 }));
    const withMeta = await getJson(`${url}/publish/demo/demo/0/${channel}/0?uuid=p&meta=${meta}`, {
      method: "POST",
      body: json,
    });
    assert.equal(withMeta.status, 413);
  });
});

test("fire reaches nobody and is not stored; store=0 is delivered but not stored", async () => {
  await withServer({}, async ({ url }) => {
    const tt = await handshake(url, "f");
    const fire = await getJson(
      `${url}/publish/demo/demo/0/f/0/%22fire%22?uuid=p&store=0&norep=true`,
    );
    assert.deepEqual(fire.body.slice(0, 2), [1, "Sent"]);
    await getJson(`${url}/publish/demo/demo/0/f/0/%22transient%22?uuid=p&store=0`);
    await getJson(`${url}/publish/demo/demo/0/f/0/%22kept%22?uuid=p`);
    assert.deepEqual((await received(url, "f", tt)).map((m: { d: string }) => m.d), [
      "transient",
      "kept",
    ]);
    const history = await getJson(`${url}/v3/history/sub-key/demo/channel/f`);
    assert.deepEqual(history.body.channels.f.map((m: { message: string }) => m.message), ["kept"]);
  });
});

test("signal: delivered with e:1, never stored, over 64 bytes is a 413 error object", async () => {
  await withServer({}, async ({ url }) => {
    const tt = await handshake(url, "s");
    const sent = await getJson(
      `${url}/signal/demo/demo/0/s/0/${encodeComponent('"typing"')}?uuid=p`,
    );
    assert.deepEqual(sent.body.slice(0, 2), [1, "Sent"]);
    const [m] = await received(url, "s", tt);
    assert.deepEqual([m.d, m.e, m.i], ["typing", 1, "p"]);
    const history = await getJson(`${url}/v3/history/sub-key/demo/channel/s`);
    assert.deepEqual(history.body.channels, {});
    const big = await getJson(
      `${url}/signal/demo/demo/0/s/0/${encodeComponent(JSON.stringify("x".repeat(63)))}`,
    );
    assert.equal(big.status, 413);
    assert.equal(big.body.message, "Signal size too large");
    assert.equal(big.body.error, true);
    assert.equal(big.body.status, 413);
    const edge = await getJson(
      `${url}/signal/demo/demo/0/s/0/${encodeComponent(JSON.stringify("x".repeat(62)))}`,
    );
    assert.equal(edge.status, 200, "64 bytes exactly is fine");
  });
});

test("publish errors: wrong keys, bad JSON in the path, bad escapes", async () => {
  await withServer({ keys: { publishKey: "pub", subscribeKey: "sub" } }, async ({ url }) => {
    const wrongPub = await getJson(`${url}/publish/nope/sub/0/c/0/1`);
    assert.equal(wrongPub.status, 400);
    assert.deepEqual(wrongPub.body.slice(0, 2), [0, "Invalid Key"]);
    assert.match(wrongPub.body[2], /^\d{17}$/);
    const wrongSub = await getJson(`${url}/publish/pub/nope/0/c/0/1`);
    assert.equal(wrongSub.status, 400);
    assert.equal(wrongSub.body.message, "Invalid Subscribe Key");
    const badJson = await getJson(`${url}/publish/pub/sub/0/c/0/%7Bnot%20json`);
    assert.equal(badJson.status, 400);
    assert.deepEqual(badJson.body.slice(0, 2), [0, "Invalid JSON"]);
    const badMeta = await getJson(`${url}/publish/pub/sub/0/c/0/1?meta=%7B`);
    assert.equal(badMeta.status, 400);
    const badEscape = await getJson(`${url}/publish/pub/sub/0/c/0/%E0%A4%A`);
    assert.equal(badEscape.status, 400);
    const ok = await getJson(`${url}/publish/pub/sub/0/c/0/1`);
    assert.equal(ok.status, 200);
  });
});

test("publish, fire and signal refuse presence channels and names with * or ,", async () => {
  await withServer({}, async ({ url }) => {
    const tt = await handshake(url, "room-pnpres");
    for (const channel of ["room-pnpres", "a.*", "a*b", "a,b"]) {
      const encoded = encodeComponent(channel);
      const path = `${encoded}/0/${encodeComponent('"x"')}?uuid=evil`;
      for (const query of ["", "&store=0&norep=true"]) {
        const publish = await getJson(`${url}/publish/demo/demo/0/${path}${query}`);
        assert.equal(publish.status, 400, `publish to ${channel}${query}`);
        assert.deepEqual(publish.body.slice(0, 2), [0, "Invalid Channel"]);
        assert.match(publish.body[2], /^\d{17}$/);
      }
      const byPost = await post(url, encoded, '"x"');
      assert.equal(byPost.status, 400);
      assert.deepEqual(byPost.body.slice(0, 2), [0, "Invalid Channel"]);
      const signal = await getJson(`${url}/signal/demo/demo/0/${path}`);
      assert.equal(signal.status, 400, `signal to ${channel}`);
      assert.equal(signal.body.error, true);
      assert.equal(signal.body.status, 400);
      assert.match(signal.body.message, /^Invalid Channel: /);
    }
    // Only the service's own event reaches the presence channel's subscriber.
    await getJson(`${url}/v2/presence/sub-key/demo/channel/room/heartbeat?uuid=bob`);
    const events = await received(url, "room-pnpres", tt);
    assert.deepEqual(events.map((m: { d: { action: string } }) => m.d.action), ["join"]);
    // A channel merely containing "pnpres" elsewhere is fine.
    const ok = await getJson(`${url}/publish/demo/demo/0/pnpres-room/0/1?uuid=p`);
    assert.equal(ok.status, 200);
  });
});

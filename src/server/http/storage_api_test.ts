// The storage calls besides fetch: v2 history, message counts and deletes, by raw HTTP.
import assert from "node:assert/strict";
import { getJson } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const H2 = "/v2/history/sub-key/demo/channel";
const COUNTS = "/v3/history/sub-key/demo/message-counts";

async function publishAll(url: string, channel: string, count: number): Promise<string[]> {
  const tts: string[] = [];
  for (let i = 1; i <= count; i++) {
    const meta = i === 1 ? `&meta=${encodeURIComponent(JSON.stringify({ first: true }))}` : "";
    const reply = await getJson(`${url}/publish/demo/demo/0/${channel}/0/${i}?uuid=p${meta}`);
    tts.push(reply.body[2]);
  }
  return tts;
}

test("v2 history: bare messages, then [[...], start, end] with numbers as the service sends", async () => {
  await withServer({}, async ({ url }) => {
    const tts = await publishAll(url, "h", 5);
    const plain = await getJson(`${url}${H2}/h?count=3`);
    assert.equal(plain.status, 200);
    // The raw text: timetokens are JSON numbers, all 17 digits of them.
    assert.equal(plain.text, `[[3,4,5],${tts[2]},${tts[4]}]`);
    const tokens = await getJson(`${url}${H2}/h?count=2&include_token=true&include_meta=true`);
    assert.equal(
      tokens.text,
      `[[{"message":4,"timetoken":${tts[3]}},{"message":5,"timetoken":${tts[4]}}],${tts[3]},${
        tts[4]
      }]`,
    );
    const first = await getJson(
      `${url}${H2}/h?count=1&reverse=true&include_token=true&include_meta=true`,
    );
    assert.equal(
      first.text,
      `[[{"message":1,"timetoken":${tts[0]},"meta":{"first":true}}],${tts[0]},${tts[0]}]`,
    );
    const strings = await getJson(
      `${url}${H2}/h?count=1&include_token=true&string_message_token=true&stringtoken=true`,
    );
    assert.deepEqual(strings.body, [[{ message: 5, timetoken: tts[4] }], tts[4], tts[4]]);
  });
});

test("v2 history: start exclusive, end inclusive, reverse ignored with both, count cut to 100", async () => {
  await withServer({}, async ({ url }) => {
    const tts = await publishAll(url, "r", 5);
    const messages = async (q: string) => (await getJson(`${url}${H2}/r?${q}`)).body[0];
    assert.deepEqual(await messages(`start=${tts[3]}`), [1, 2, 3]);
    assert.deepEqual(await messages(`end=${tts[3]}`), [4, 5]);
    assert.deepEqual(await messages(`start=${tts[3]}&count=2`), [2, 3]);
    assert.deepEqual(await messages(`start=${tts[3]}&count=2&reverse=true`), [1, 2]);
    assert.deepEqual(await messages(`start=${tts[4]}&end=${tts[1]}&count=2&reverse=true`), [3, 4]);
    assert.deepEqual(await messages(`count=500`), [1, 2, 3, 4, 5]);
    const empty = await getJson(`${url}${H2}/none`);
    assert.equal(empty.text, "[[],0,0]");
    for (const bad of ["count=0", "count=x", "start=abc", "end=-1"]) {
      const reply = await getJson(`${url}${H2}/r?${bad}`);
      assert.equal(reply.status, 400, bad);
      assert.equal(reply.body.error, true);
      assert.match(reply.body.error_message, /count|start|end/);
    }
  });
});

test("message counts: one timetoken or one per channel, exclusive, with the service's more", async () => {
  await withServer({}, async ({ url }) => {
    const a = await publishAll(url, "a", 3);
    await publishAll(url, "b", 2);
    const one = await getJson(`${url}${COUNTS}/a,b,none?timetoken=${a[0]}`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body.channels, { a: 2, b: 2, none: 0 });
    assert.equal(one.body.error, false);
    assert.deepEqual(one.body.more.a, {
      url: `/v3/history/sub-key/demo/message-counts/a?timetoken=${a[0]}`,
      is_more: false,
    });
    const each = await getJson(`${url}${COUNTS}/a,b?channelsTimetoken=${a[1]},0`);
    assert.deepEqual(each.body.channels, { a: 1, b: 2 });
  });
});

test("message counts: the rules, with the numbers in the message", async () => {
  await withServer({}, async ({ url }) => {
    const mismatch = await getJson(`${url}${COUNTS}/a,b,c?channelsTimetoken=1,2`);
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.body.error_message, /2 timetokens for 3 channels/);
    const none = await getJson(`${url}${COUNTS}/a`);
    assert.equal(none.status, 400);
    assert.match(none.body.error_message, /timetoken/);
    const both = await getJson(`${url}${COUNTS}/a?timetoken=1&channelsTimetoken=1`);
    assert.equal(both.status, 400);
    const bad = await getJson(`${url}${COUNTS}/a?timetoken=x1`);
    assert.equal(bad.status, 400);
    const many = Array.from({ length: 101 }, (_, i) => `c${i}`).join(",");
    const tooMany = await getJson(`${url}${COUNTS}/${many}?timetoken=1`);
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.error_message, /at most 100.*101/);
  });
});

test("delete messages: start exclusive, end inclusive; one message with t-1 and t; all", async () => {
  await withServer({}, async ({ url }) => {
    const tts = await publishAll(url, "d", 5);
    const H3 = `${url}/v3/history/sub-key/demo/channel/d`;
    const left = async () =>
      ((await getJson(H3)).body.channels.d ?? []).map((m: { message: number }) => m.message);
    const one = await getJson(`${H3}?start=${BigInt(tts[1]) - 1n}&end=${tts[1]}`, {
      method: "DELETE",
    });
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body, { status: 200, error: false, error_message: "" });
    assert.deepEqual(await left(), [1, 3, 4, 5]);
    await getJson(`${H3}?start=${tts[3]}`, { method: "DELETE" });
    assert.deepEqual(await left(), [1, 3, 4]);
    await getJson(`${H3}?end=${tts[0]}`, { method: "DELETE" });
    assert.deepEqual(await left(), [3, 4]);
    const bad = await getJson(`${H3}?start=soon`, { method: "DELETE" });
    assert.equal(bad.status, 400);
    await getJson(H3, { method: "DELETE" });
    assert.deepEqual(await left(), []);
    const counts = await getJson(`${url}${COUNTS}/d?timetoken=0`);
    assert.deepEqual(counts.body.channels, { d: 0 });
  });
});

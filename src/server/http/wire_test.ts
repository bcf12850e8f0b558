// What the real service accepts and sends, found by replaying its recorded exchanges and by
// PubNub's Python SDK against this server: form-encoded `+`, the envelope keys, fire's
// `norep=1`, and which key a publish checks first.
import assert from "node:assert/strict";
import { getJson } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const handshake = async (url: string, channels: string, query = "") =>
  (await getJson(`${url}/v2/subscribe/demo/${channels}/0?uuid=l${query}`)).body.t.t as string;
const receive = async (url: string, channels: string, tt: string, query = "") =>
  (await getJson(`${url}/v2/subscribe/demo/${channels}/0?uuid=l&tt=${tt}${query}`)).body.m;

test("a + in a query value reads as a space: publish meta, uuid", async () => {
  await withServer({}, async ({ url }) => {
    const tt = await handshake(url, "plus");
    // As recorded from the service: `meta={"b":+"x"}` with the JSON's space sent as `+`.
    const sent = await getJson(
      `${url}/publish/demo/demo/0/plus/0/1?uuid=some+one&meta=%7B%22b%22%3A+%22x%22%7D`,
    );
    assert.equal(sent.status, 200, sent.text);
    const [e] = await receive(url, "plus", tt);
    assert.deepEqual(e.u, { b: "x" });
    assert.equal(e.i, "some one");
    // A plus sent as %2B stays a plus.
    const plus = await getJson(
      `${url}/publish/demo/demo/0/plus/0/2?meta=%7B%22p%22%3A%22a%2Bb%22%7D`,
    );
    assert.equal(plus.status, 200, plus.text);
    const history = await getJson(`${url}/v3/history/sub-key/demo/channel/plus?include_meta=true`);
    assert.deepEqual(history.body.channels.plus.map((m: { meta: unknown }) => m.meta), [
      { b: "x" },
      { p: "a+b" },
    ]);
  });
});

test("a + in a query value reads as a space: set-state and subscribe state", async () => {
  await withServer({}, async ({ url }) => {
    const P = `${url}/v2/presence/sub-key/demo/channel/room/uuid/u`;
    const set = await getJson(`${P}/data?state=%7B%22mood%22%3A+%22ok+then%22%7D`);
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.body.payload, { mood: "ok then" });
    assert.deepEqual((await getJson(P)).body.payload, { mood: "ok then" });
    const subscribed = await getJson(
      `${url}/v2/subscribe/demo/room/0?uuid=v&state=%7B%22room%22%3A+%7B%22a%22%3A+1%7D%7D`,
    );
    assert.equal(subscribed.status, 200, subscribed.text);
    const v = await getJson(`${url}/v2/presence/sub-key/demo/channel/room/uuid/v`);
    assert.deepEqual(v.body.payload, { a: 1 });
  });
});

test("envelopes carry s (1 without seqn), and b only for a group or wildcard match", async () => {
  await withServer({}, async ({ url }) => {
    await getJson(`${url}/v1/channel-registration/sub-key/demo/channel-group/g?add=grouped`);
    const names = "plain,w.*";
    const groups = "&channel-group=g";
    const tt = await handshake(url, names, groups);
    await getJson(`${url}/publish/demo/demo/0/plain/0/%22no-seqn%22?uuid=p`);
    await getJson(`${url}/publish/demo/demo/0/plain/0/%22seqn%22?uuid=p&seqn=7`);
    await getJson(`${url}/publish/demo/demo/0/w.x/0/%22wild%22?uuid=p`);
    await getJson(`${url}/publish/demo/demo/0/grouped/0/%22group%22?uuid=p`);
    await getJson(`${url}/signal/demo/demo/0/plain/0/%22sig%22?uuid=p`);
    const all = await receive(url, names, tt, groups);
    const by = (d: string) => all.find((m: { d: unknown }) => m.d === d);
    assert.equal(all.length, 5, JSON.stringify(all));
    assert.equal(by("no-seqn").s, 1);
    assert.equal(by("seqn").s, 7);
    assert.ok(!("b" in by("no-seqn")), JSON.stringify(by("no-seqn")));
    assert.ok(!("b" in by("seqn")));
    assert.equal(by("wild").b, "w.*");
    assert.equal(by("group").b, "g");
    const signal = by("sig");
    assert.equal(signal.e, 1);
    assert.ok(!("s" in signal), "signals carry no sequence");
    assert.ok(!("b" in signal));
  });
});

test("fire: norep=1 and norep=true are delivered to nobody; store=0|false keeps nothing", async () => {
  await withServer({}, async ({ url }) => {
    const tt = await handshake(url, "f");
    const P = `${url}/publish/demo/demo/0/f/0`;
    // The Python SDK's fire(): store=0&norep=1; the JS SDK's: store=0&norep=true.
    await getJson(`${P}/%22py-fire%22?store=0&norep=1`);
    await getJson(`${P}/%22js-fire%22?store=0&norep=true`);
    await getJson(`${P}/%22norep-stored%22?norep=1`);
    await getJson(`${P}/%22not-stored-0%22?store=0`);
    await getJson(`${P}/%22not-stored-false%22?store=false`);
    await getJson(`${P}/%22stored-1%22?store=1&norep=0`);
    await getJson(`${P}/%22stored-true%22?store=true&norep=false`);
    const delivered = (await receive(url, "f", tt)).map((m: { d: string }) => m.d);
    assert.deepEqual(delivered, ["not-stored-0", "not-stored-false", "stored-1", "stored-true"]);
    const history = await getJson(`${url}/v3/history/sub-key/demo/channel/f`);
    assert.deepEqual(history.body.channels.f.map((m: { message: string }) => m.message), [
      "norep-stored",
      "stored-1",
      "stored-true",
    ]);
  });
});

test("publish with both keys wrong: the subscribe key is reported, as the service does", async () => {
  await withServer({ keys: { publishKey: "pub", subscribeKey: "sub" } }, async ({ url }) => {
    for (const method of ["GET", "POST"]) {
      const reply = method === "GET"
        ? await getJson(`${url}/publish/nope/nope/0/c/0/1`)
        : await getJson(`${url}/publish/nope/nope/0/c/0`, { method: "POST", body: "1" });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.body, {
        message: "Invalid Subscribe Key",
        error: true,
        service: "Access Manager",
        status: 400,
      });
    }
    const signal = await getJson(`${url}/signal/nope/nope/0/c/0/1`);
    assert.equal(signal.body.message, "Invalid Subscribe Key");
    const wrongPubOnly = await getJson(`${url}/publish/nope/sub/0/c/0/1`);
    assert.deepEqual(wrongPubOnly.body.slice(0, 2), [0, "Invalid Key"]);
  });
});

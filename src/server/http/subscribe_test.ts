import assert from "node:assert/strict";
import { getJson, until } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const sub = (url: string, channels: string, query: string) =>
  getJson(`${url}/v2/subscribe/demo/${channels}/0?uuid=listener&${query}`);
const publish = (url: string, channel: string, message: unknown, query = "uuid=pub") =>
  getJson(
    `${url}/publish/demo/demo/0/${channel}/0/${
      encodeURIComponent(JSON.stringify(message))
    }?${query}`,
  );

test("subscribe loop: handshake at once, long-poll woken by a publish, cursor advances", async () => {
  await withServer({}, async ({ url, handler }) => {
    const started = Date.now();
    const handshake = await sub(url, "room", "");
    assert.equal(handshake.status, 200);
    assert.ok(Date.now() - started < 1000, "the handshake is answered at once");
    assert.match(handshake.body.t.t, /^\d{17}$/);
    assert.equal(handshake.body.t.r, 1);
    assert.deepEqual(handshake.body.m, []);
    assert.equal(handshake.contentType, 'text/javascript; charset="UTF-8"');

    const poll = sub(url, "room", `tt=${handshake.body.t.t}&tr=1`);
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");
    const sent = await publish(url, "room", { n: 1 }, "uuid=pub&meta=%7B%22k%22%3A1%7D&seqn=3");
    assert.deepEqual(sent.body.slice(0, 2), [1, "Sent"]);
    const got = (await poll).body;
    assert.equal(got.m.length, 1);
    const [e] = got.m;
    assert.deepEqual(
      { c: e.c, b: e.b, d: e.d, i: e.i, k: e.k, u: e.u, s: e.s, f: e.f, a: e.a },
      {
        c: "room",
        b: undefined,
        d: { n: 1 },
        i: "pub",
        k: "demo",
        u: { k: 1 },
        s: 3,
        f: 0,
        a: "0",
      },
    );
    assert.ok(!("b" in e), "no b for a plain channel subscription, as the service sends");
    assert.equal(e.p.t, sent.body[2], "the envelope's timetoken is the publish timetoken");
    assert.equal(e.e, undefined, "messages carry no e");
    assert.ok(BigInt(got.t.t) >= BigInt(e.p.t));

    // Several messages while nobody polls: all of them next time, oldest first.
    await publish(url, "room", "a");
    await publish(url, "room", "b");
    const next = await sub(url, "room", `tt=${got.t.t}`);
    assert.deepEqual(next.body.m.map((m: { d: unknown }) => m.d), ["a", "b"]);
  });
});

test("an idle long-poll answers empty after longPollSeconds", async () => {
  await withServer({ longPollSeconds: 0.3 }, async ({ url }) => {
    const handshake = await sub(url, "quiet", "");
    const started = Date.now();
    const poll = await sub(url, "quiet", `tt=${handshake.body.t.t}`);
    const waited = Date.now() - started;
    assert.ok(waited >= 250 && waited < 2000, `waited ${waited} ms`);
    assert.deepEqual(poll.body.m, []);
    assert.ok(BigInt(poll.body.t.t) >= BigInt(handshake.body.t.t));
  });
});

test("catch-up from a past timetoken covers the last 100 messages of a channel", async () => {
  await withServer({}, async ({ url }) => {
    const before = (await getJson(`${url}/time/0`)).body[0];
    const start = String(before);
    // The time body is a JSON number: parse the raw text for the exact digits.
    const exact = (await getJson(`${url}/time/0`)).text.slice(1, -1);
    assert.match(exact, /^\d{17}$/);
    for (let i = 1; i <= 120; i++) await publish(url, "busy", i);
    const caught = await sub(url, "busy", `tt=${exact}`);
    assert.equal(caught.body.m.length, 100);
    assert.equal(caught.body.m[0].d, 21, "the 20 oldest fell out of the window");
    assert.equal(caught.body.m[99].d, 120);
    assert.ok(start.length >= 16);
  });
});

test("a response carries at most 100 envelopes; the rest come next", async () => {
  await withServer({}, async ({ url }) => {
    const tt = (await sub(url, "x,y", "")).body.t.t;
    for (let i = 0; i < 80; i++) {
      await publish(url, "x", `x${i}`);
      await publish(url, "y", `y${i}`);
    }
    const first = await sub(url, "x,y", `tt=${tt}`);
    assert.equal(first.body.m.length, 100);
    assert.equal(first.body.t.t, first.body.m[99].p.t);
    const second = await sub(url, "x,y", `tt=${first.body.t.t}`);
    assert.equal(second.body.m.length, 60);
    const all = [...first.body.m, ...second.body.m].map((m: { d: string }) => m.d);
    assert.equal(new Set(all).size, 160, "each envelope exactly once");
  });
});

test("wildcard subscribe gets one level, with b set to the pattern", async () => {
  await withServer({}, async ({ url, handler }) => {
    const tt = (await sub(url, "news.*", "")).body.t.t;
    const poll = sub(url, "news.*", `tt=${tt}`);
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");
    await publish(url, "news.deep.x", "too deep");
    await publish(url, "news", "parent");
    await publish(url, "news.sport", "sport");
    const got = (await poll).body.m;
    assert.deepEqual(got.map((m: { c: string; b: string; d: string }) => [m.c, m.b, m.d]), [
      ["news.sport", "news.*", "sport"],
    ]);
  });
});

test("channel-group subscribe: c is the member, b the group, presence via g-pnpres", async () => {
  await withServer({}, async ({ url, handler }) => {
    await getJson(`${url}/v1/channel-registration/sub-key/demo/channel-group/cg?add=m1,m2&uuid=x`);
    const tt = (await sub(url, ",", "channel-group=cg%2Ccg-pnpres")).body.t.t;
    const poll = await sub(url, ",", `channel-group=cg%2Ccg-pnpres&tt=${tt}`);
    // The handshake made `listener` present on both members.
    assert.deepEqual(
      poll.body.m.map((
        m: { c: string; b: string; d: { action: string } },
      ) => [m.c, m.b, m.d.action]),
      [["m1-pnpres", "cg-pnpres", "join"], ["m2-pnpres", "cg-pnpres", "join"]],
    );
    const next = sub(url, ",", `channel-group=cg%2Ccg-pnpres&tt=${poll.body.t.t}`);
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");
    await publish(url, "m2", "hello");
    const [e] = (await next).body.m;
    assert.deepEqual([e.c, e.b, e.d], ["m2", "cg", "hello"]);
  });
});

test("filter expressions select messages; a malformed one is a 481", async () => {
  await withServer({}, async ({ url }) => {
    const filter = encodeURIComponent("meta.lang == 'en' && data.n > 1");
    const tt = (await sub(url, "f", `filter-expr=${filter}`)).body.t.t;
    const meta = (lang: string) => `uuid=p&meta=${encodeURIComponent(JSON.stringify({ lang }))}`;
    await publish(url, "f", { n: 1 }, meta("en"));
    await publish(url, "f", { n: 2 }, meta("fr"));
    await publish(url, "f", { n: 3 }, meta("en"));
    const got = await sub(url, "f", `filter-expr=${filter}&tt=${tt}`);
    assert.deepEqual(got.body.m.map((m: { d: unknown }) => m.d), [{ n: 3 }]);

    const bad = await sub(url, "f", `filter-expr=${encodeURIComponent("meta.lang ==")}&tt=${tt}`);
    assert.equal(bad.status, 481);
    assert.equal(bad.body.status, 481);
    assert.equal(bad.body.error, true);
    assert.match(bad.body.message, /filter/i);
  });
});

test("a filtered-out message does not end the long-poll", async () => {
  await withServer({ longPollSeconds: 0.5 }, async ({ url, handler }) => {
    const filter = encodeURIComponent("lang == 'en'");
    const tt = (await sub(url, "f", `filter-expr=${filter}`)).body.t.t;
    const poll = sub(url, "f", `filter-expr=${filter}&tt=${tt}`);
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");
    await publish(url, "f", "fr", `meta=${encodeURIComponent('{"lang":"fr"}')}`);
    assert.equal(handler.pendingLongPolls, 1, "still waiting");
    assert.deepEqual((await poll).body.m, []);
  });
});

test("a client that disconnects mid long-poll releases its waiter", async () => {
  await withServer({ longPollSeconds: 30 }, async ({ url, handler }) => {
    const tt = (await sub(url, "gone", "")).body.t.t;
    const controller = new AbortController();
    const poll = fetch(`${url}/v2/subscribe/demo/gone/0?uuid=u&tt=${tt}`, {
      signal: controller.signal,
    });
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");
    controller.abort();
    await assert.rejects(poll);
    await until(() => handler.pendingLongPolls === 0, "no held long-poll");
    // The server is unharmed.
    assert.equal((await publish(url, "gone", 1)).status, 200);
  });
});

test("hundreds of idle long-polls are all woken by one publish", async () => {
  await withServer({ longPollSeconds: 30 }, async ({ url, handler }) => {
    const tt = (await sub(url, "fan", "")).body.t.t;
    const count = 300;
    const polls = Array.from(
      { length: count },
      (_, i) => getJson(`${url}/v2/subscribe/demo/fan/0?uuid=u${i}&tt=${tt}`),
    );
    await until(() => handler.pendingLongPolls === count, "every long-poll held", 10_000);
    await publish(url, "fan", "everyone");
    const replies = await Promise.all(polls);
    for (const reply of replies) {
      assert.deepEqual(
        reply.body.m.filter((m: { c: string }) => m.c === "fan").map((m: { d: string }) => m.d),
        ["everyone"],
      );
    }
    assert.equal(handler.pendingLongPolls, 0);
  });
});

test("subscribe errors: bad tt, no channels, bad state, wrong subscribe key", async () => {
  await withServer({ keys: { publishKey: "pub", subscribeKey: "demo" } }, async ({ url }) => {
    const badTt = await sub(url, "a", "tt=12abc");
    assert.equal(badTt.status, 400);
    assert.equal(badTt.body.error, true);
    const none = await sub(url, ",", "");
    assert.equal(none.status, 400);
    const badState = await sub(url, "a", "state=%7Bnope");
    assert.equal(badState.status, 400);
    const wrongKey = await getJson(`${url}/v2/subscribe/other/a/0?uuid=u`);
    assert.equal(wrongKey.status, 400);
    assert.deepEqual(wrongKey.body, {
      message: "Invalid Subscribe Key",
      error: true,
      service: "Access Manager",
      status: 400,
    });
  });
});

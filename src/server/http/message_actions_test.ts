// Message actions by raw HTTP: add, list with paging, remove, the e:3 events subscribers get,
// and the actions history-with-actions returns with their messages.
import assert from "node:assert/strict";
import { getJson, until } from "../test_util.ts";
import { storeTests, withServer } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const A = "/v1/message-actions/demo/channel";

function add(url: string, channel: string, tt: string, body: unknown, uuid = "alice") {
  return getJson(`${url}${A}/${channel}/message/${tt}?uuid=${uuid}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function publish(url: string, channel: string, message: unknown): Promise<string> {
  const reply = await getJson(
    `${url}/publish/demo/demo/0/${channel}/0/${encodeURIComponent(JSON.stringify(message))}?uuid=p`,
  );
  return reply.body[2];
}

test("add, list and remove an action; subscribers get e:3 added and removed", async () => {
  await withServer({}, async ({ url, handler }) => {
    const mt = await publish(url, "room", "hello");
    const tt = (await getJson(`${url}/v2/subscribe/demo/room/0?uuid=watcher`)).body.t.t;
    const poll = getJson(`${url}/v2/subscribe/demo/room/0?uuid=watcher&tt=${tt}`);
    await until(() => handler.pendingLongPolls === 1, "one held long-poll");

    const added = await add(url, "room", mt, { type: "reaction", value: "smile" });
    assert.equal(added.status, 200, added.text);
    const at = added.body.data.actionTimetoken;
    assert.match(at, /^\d{17}$/);
    assert.ok(BigInt(at) > BigInt(mt));
    assert.deepEqual(added.body, {
      status: 200,
      data: {
        type: "reaction",
        value: "smile",
        uuid: "alice",
        actionTimetoken: at,
        messageTimetoken: mt,
      },
    });

    const got = (await poll).body;
    assert.equal(got.m.length, 1);
    const [event] = got.m;
    assert.equal(event.e, 3);
    assert.equal(event.c, "room");
    assert.equal(event.i, "alice");
    assert.ok(!("b" in event));
    assert.ok(BigInt(event.p.t) > BigInt(at), "the event comes after the action");
    assert.deepEqual(event.d, {
      source: "actions",
      version: "1.0",
      data: { messageTimetoken: mt, type: "reaction", value: "smile", actionTimetoken: at },
      event: "added",
    });

    const listed = await getJson(`${url}${A}/room`);
    assert.deepEqual(listed.body, { status: 200, data: [added.body.data] });

    const removed = await getJson(`${url}${A}/room/message/${mt}/action/${at}?uuid=alice`, {
      method: "DELETE",
    });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body, { status: 200, data: {} });
    const next = (await getJson(`${url}/v2/subscribe/demo/room/0?uuid=watcher&tt=${got.t.t}`))
      .body.m;
    assert.equal(next.length, 1);
    assert.equal(next[0].d.event, "removed");
    assert.deepEqual(next[0].d.data, {
      messageTimetoken: mt,
      type: "reaction",
      value: "smile",
      actionTimetoken: at,
    });
    assert.deepEqual((await getJson(`${url}${A}/room`)).body.data, []);
    const again = await getJson(`${url}${A}/room/message/${mt}/action/${at}`, {
      method: "DELETE",
    });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.source, "actions");
  });
});

test("add action: only on stored messages, and the service's rules", async () => {
  await withServer({}, async ({ url }) => {
    const mt = await publish(url, "r", 1);
    const notStored = await add(url, "r", String(BigInt(mt) + 1n), { type: "t", value: "v" });
    assert.equal(notStored.status, 400);
    assert.match(notStored.body.error.message, /stored/);
    const fired = (await getJson(`${url}/publish/demo/demo/0/r/0/2?store=0`)).body[2];
    assert.equal((await add(url, "r", fired, { type: "t", value: "v" })).status, 400);

    const long = await add(url, "r", mt, { type: "x".repeat(16), value: "v" });
    assert.equal(long.status, 400);
    assert.match(long.body.error.message, /at most 15 characters.*16/);
    assert.equal((await add(url, "r", mt, { type: "x".repeat(15), value: "v" })).status, 200);
    for (
      const body of ["{nope", "[]", { type: "t" }, { type: "", value: "v" }, {
        type: 1,
        value: "v",
      }]
    ) {
      const reply = await add(url, "r", mt, body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.status, 400);
      assert.match(reply.body.error.message, /request body/);
    }
    assert.equal((await add(url, "r", mt, { type: "t", value: "v" }, "")).status, 400);
    const huge = await add(url, "r", mt, { type: "t", value: "v".repeat(40_000) });
    assert.equal(huge.status, 413);
    assert.match(huge.body.error.message, /at most 32768 bytes/);
    assert.equal((await add(url, "r", "abc", { type: "t", value: "v" })).status, 400);

    assert.equal((await add(url, "r", mt, { type: "receipt", value: "read" })).status, 200);
    const twice = await add(url, "r", mt, { type: "receipt", value: "read" });
    assert.equal(twice.status, 409);
    assert.match(twice.body.error.message, /Already Added/);
    const other = await add(url, "r", mt, { type: "receipt", value: "read" }, "bob");
    assert.equal(other.status, 200, "another uuid may add the same pair");
  });
});

test("get actions: start exclusive, end inclusive, limit cut to 100, more pages", async () => {
  await withServer({}, async ({ url }) => {
    const mt = await publish(url, "p", "m");
    const ats: string[] = [];
    for (let i = 0; i < 105; i++) {
      ats.push(
        (await add(url, "p", mt, { type: "n", value: String(i) })).body.data.actionTimetoken,
      );
    }
    const page = await getJson(`${url}${A}/p?limit=500`);
    assert.equal(page.body.data.length, 100);
    assert.equal(page.body.data[0].actionTimetoken, ats[5], "the newest 100, oldest first");
    assert.deepEqual(page.body.more, {
      url: `/v1/message-actions/demo/channel/p?start=${ats[5]}&limit=100`,
      start: ats[5],
      limit: 100,
    });
    const rest = await getJson(`${url}${page.body.more.url}`);
    assert.deepEqual(rest.body.data.map((a: { value: string }) => a.value), [
      "0",
      "1",
      "2",
      "3",
      "4",
    ]);
    assert.equal(rest.body.more, undefined);
    const slice = await getJson(`${url}${A}/p?start=${ats[3]}&end=${ats[1]}`);
    assert.deepEqual(slice.body.data.map((a: { value: string }) => a.value), ["1", "2"]);
    const small = await getJson(`${url}${A}/p?end=${ats[100]}&limit=2`);
    assert.deepEqual(small.body.data.map((a: { value: string }) => a.value), ["103", "104"]);
    assert.equal(small.body.more.end, ats[100]);
    assert.equal((await getJson(`${url}${A}/p?limit=0`)).status, 400);
    assert.equal((await getJson(`${url}${A}/p?start=x`)).status, 400);
  });
});

test("history with actions: one channel, max 25, actions by type and value", async () => {
  await withServer({}, async ({ url }) => {
    const tts: string[] = [];
    for (let i = 0; i < 30; i++) tts.push(await publish(url, "w", i));
    const a1 = (await add(url, "w", tts[29], { type: "reaction", value: "smile" })).body.data;
    const a2 =
      (await add(url, "w", tts[29], { type: "reaction", value: "smile" }, "bob")).body.data;
    const a3 = (await add(url, "w", tts[29], { type: "receipt", value: "read" })).body.data;
    const W = `${url}/v3/history-with-actions/sub-key/demo/channel`;
    const reply = await getJson(`${W}/w?max=100&include_uuid=true`);
    assert.equal(reply.status, 200, reply.text);
    const messages = reply.body.channels.w;
    assert.equal(messages.length, 25, "max is cut to 25");
    assert.equal(messages[0].message, 5);
    assert.equal(messages[23].actions, undefined, "no actions, no key");
    assert.deepEqual(messages[24], {
      message: 29,
      timetoken: tts[29],
      uuid: "p",
      actions: {
        reaction: {
          smile: [
            { uuid: "alice", actionTimetoken: a1.actionTimetoken },
            { uuid: "bob", actionTimetoken: a2.actionTimetoken },
          ],
        },
        receipt: { read: [{ uuid: "alice", actionTimetoken: a3.actionTimetoken }] },
      },
    });
    const several = await getJson(`${W}/w,x`);
    assert.equal(several.status, 400);
    assert.match(several.body.error_message, /one channel only: 2/);
    // Deleting the message takes its actions with it.
    await getJson(
      `${url}/v3/history/sub-key/demo/channel/w?start=${BigInt(tts[29]) - 1n}&end=${tts[29]}`,
      {
        method: "DELETE",
      },
    );
    assert.deepEqual((await getJson(`${url}${A}/w`)).body.data, []);
  });
});

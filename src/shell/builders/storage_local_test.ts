/**
 * Our storage and message action calls against our local server: history (v2), message counts,
 * delete, history with actions, add/get/remove actions, and the events a subscriber receives.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import type { PNMessageActionResult } from "../../core/subscribe/envelope.ts";
import { localClient, until } from "../../testing/local_clients.ts";
import { SubscribeListener } from "../subscribe_listener.ts";

Deno.test("history, messageCounts and deleteMessages against the local server", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  try {
    const timetokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { result } = await alice.publish().channel("s-a").message({ i }).meta({ n: i })
        .future();
      timetokens.push(result.timetoken);
    }
    await alice.publish().channel("s-b").message("b").future();
    await alice.publish().channel("s-a").message("not stored").shouldStore(false).future();

    const all = await alice.history().channel("s-a").includeTimetoken(true).includeMeta(true)
      .future();
    assert.deepEqual(all.result, {
      messages: [0, 1, 2].map((i) => ({ entry: { i }, timetoken: timetokens[i], meta: { n: i } })),
      startTimetoken: timetokens[0],
      endTimetoken: timetokens[2],
    });
    const oldest = await alice.history().channel("s-a").count(1).reverse(true).future();
    assert.deepEqual(oldest.result.messages, [{ entry: { i: 0 } }]);

    const counts = await alice.messageCounts().channels(["s-a", "s-b"]).timetoken(timetokens[0])
      .future();
    assert.deepEqual(counts.result, { channels: { "s-a": 2, "s-b": 1 } });
    const perChannel = await alice.messageCounts().channels(["s-a", "s-b"])
      .channelsTimetoken([timetokens[1], timetokens[2]]).future();
    assert.deepEqual(perChannel.result.channels["s-a"], 1);

    // One message at t, as the service's docs say: start t+1 (exclusive), end t (inclusive).
    const second = BigInt(timetokens[1]);
    await alice.deleteMessages().channel("s-a").start(second + 1n).end(second).future();
    const left = await alice.history().channel("s-a").includeTimetoken(true).future();
    assert.deepEqual(left.result.messages.map((m) => m.timetoken), [timetokens[0], timetokens[2]]);
    await alice.deleteMessages().channel("s-a").future();
    const none = await alice.history().channel("s-a").future();
    assert.deepEqual(none.result.messages, []);
  } finally {
    await alice.stop();
    await server.close();
  }
});

Deno.test("message actions against the local server: add, page, history with actions, remove, events", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  const bob = localClient(server.origin, "bob");
  const listener = new SubscribeListener();
  const events: PNMessageActionResult[] = [];
  bob.addListener(listener);
  bob.addListener({ messageAction: (_p, e) => events.push(e) });
  try {
    bob.subscribe().channels("ma").execute();
    await listener.waitForConnect();
    const { result: sent } = await alice.publish().channel("ma").message("hi").future();
    const smile = await alice.addMessageAction().channel("ma").messageTimetoken(sent.timetoken)
      .action({ type: "reaction", value: "smile" }).future();
    assert.deepEqual(
      { ...smile.result, actionTimetoken: "?" },
      {
        type: "reaction",
        value: "smile",
        uuid: "alice",
        messageTimetoken: sent.timetoken,
        actionTimetoken: "?",
      },
    );
    const read = await bob.addMessageAction().channel("ma").messageTimetoken(sent.timetoken)
      .action({ type: "receipt", value: "read" }).future();

    const page = await alice.getMessageActions().channel("ma").limit(1).future();
    assert.deepEqual(page.result.actions, [read.result]);
    assert.equal(page.result.more?.start, read.result.actionTimetoken);
    const next = await alice.getMessageActions().channel("ma").start(page.result.more!.start!)
      .future();
    assert.deepEqual(next.result.actions, [smile.result]);

    const fetched = await alice.fetchMessages().channels("ma").includeMessageActions(true)
      .future();
    assert.deepEqual(fetched.result.channels.ma[0].actions, {
      reaction: { smile: [{ uuid: "alice", actionTimetoken: smile.result.actionTimetoken }] },
      receipt: { read: [{ uuid: "bob", actionTimetoken: read.result.actionTimetoken }] },
    });

    await alice.removeMessageAction().channel("ma").messageTimetoken(sent.timetoken)
      .actionTimetoken(smile.result.actionTimetoken).future();
    const after = await alice.getMessageActions().channel("ma").future();
    assert.deepEqual(after.result.actions, [read.result]);

    await until(() => events.length >= 3, "three action events");
    assert.deepEqual(events.map((e) => [e.event, e.publisher, e.data.value, e.channel]), [
      ["added", "alice", "smile", "ma"],
      ["added", "bob", "read", "ma"],
      ["removed", "alice", "smile", "ma"],
    ]);
    assert.deepEqual(events[0].data, smile.result);
  } finally {
    await alice.stop();
    await bob.stop();
    await server.close();
  }
});

/** `fetchMessages()` against the local server: count, start, end, meta, uuid, several channels. */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { PubNubError } from "../../core/error.ts";
import { forbiddenFetch, localClient } from "../../testing/local_clients.ts";
import type { FetchMessages } from "./storage_api.ts";

Deno.test("fetchMessages: count, start, end, includeMeta, several channels", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  const timetokens: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { result } = await alice.publish().channel("h-a").message({ i }).meta({ n: i }).future();
    timetokens.push(result.timetoken);
  }
  await alice.publish().channel("h-b").message("b0").future();
  await alice.publish().channel("h-a").message("not stored").shouldStore(false).future();
  await alice.signal().channel("h-a").message("signals are not stored").future();

  const all = await alice.fetchMessages().channels("h-a").future();
  assert.equal(all.status.operation, "PNFetchMessagesOperation");
  assert.deepEqual(
    all.result.channels["h-a"].map((m) => m.message),
    [0, 1, 2, 3, 4].map((i) => ({ i })),
  );
  assert.deepEqual(all.result.channels["h-a"].map((m) => m.timetoken), timetokens);
  assert.deepEqual(all.result.channels["h-a"][0], {
    message: { i: 0 },
    timetoken: timetokens[0],
    uuid: "alice",
    meta: undefined,
    messageType: 0,
  });

  const newest = await alice.fetchMessages().channels(["h-a"]).count(2).includeMeta(true).future();
  assert.deepEqual(newest.result.channels["h-a"].map((m) => [m.message, m.meta]), [
    [{ i: 3 }, { n: 3 }],
    [{ i: 4 }, { n: 4 }],
  ]);

  const older = await alice.fetchMessages().channels("h-a").start(timetokens[3]).future();
  assert.deepEqual(older.result.channels["h-a"].map((m) => m.message), [{ i: 0 }, { i: 1 }, {
    i: 2,
  }]);
  const range = await alice.fetchMessages().channels("h-a").start(BigInt(timetokens[4]))
    .end(timetokens[1]).future();
  assert.deepEqual(range.result.channels["h-a"].map((m) => m.timetoken), timetokens.slice(1, 4));
  const fromEnd = await alice.fetchMessages().channels("h-a").end(timetokens[2]).count(1).future();
  assert.deepEqual(fromEnd.result.channels["h-a"].map((m) => m.timetoken), [timetokens[2]]);

  const anonymous = await alice.fetchMessages().channels("h-a").count(1).includeUuid(false)
    .future();
  assert.equal(anonymous.result.channels["h-a"][0].uuid, undefined);
  const untyped = await alice.fetchMessages().channels("h-a").count(1).includeMessageType(false)
    .future();
  assert.deepEqual(untyped.result.channels["h-a"], [
    { message: { i: 4 }, timetoken: timetokens[4], uuid: "alice", meta: undefined },
  ]);

  await alice.publish().channel("h-typed").message("t").customMessageType("chat-note").future();
  const typed = await alice.fetchMessages().channels("h-typed").includeCustomMessageType(true)
    .future();
  assert.equal(typed.result.channels["h-typed"][0].customMessageType, "chat-note");
  const typeLeftOut = await alice.fetchMessages().channels("h-typed").future();
  assert.equal(typeLeftOut.result.channels["h-typed"][0].customMessageType, undefined);

  const several = await alice.fetchMessages().channels(["h-a", "h-b", "h-empty"]).count(1)
    .future();
  assert.deepEqual(Object.keys(several.result.channels).sort(), ["h-a", "h-b"]);
  assert.deepEqual(several.result.channels["h-b"].map((m) => m.message), ["b0"]);
  assert.deepEqual(several.result.channels["h-a"].map((m) => m.message), [{ i: 4 }]);

  const none = await alice.fetchMessages().channels("h-empty").future();
  assert.deepEqual(none.result, { channels: {} });

  await alice.stop();
  await server.close();
});

Deno.test("fetchMessages: no channels, bad count or timetokens are refused, nothing sent", async () => {
  const guard = forbiddenFetch();
  const pubnub = localClient("127.0.0.1:9", "u1", {}, { fetch: guard.fetch });
  const cases: [string, () => FetchMessages][] = [
    [
      "Cannot fetch messages: no channels and no channel groups given; name at least one",
      () => pubnub.fetchMessages(),
    ],
    [
      "Cannot fetch messages: channel name #1 is empty; names must be non-empty strings",
      () => pubnub.fetchMessages().channels(""),
    ],
    [
      "Cannot fetch messages: count must be a whole number at least 1, got 0",
      () => pubnub.fetchMessages().channels("a").count(0),
    ],
    [
      'Cannot fetch messages: start must be a timetoken (a string of up to 19 digits), got "yesterday"',
      () => pubnub.fetchMessages().channels("a").start("yesterday"),
    ],
    [
      'Cannot fetch messages: end must be a timetoken (a string of up to 19 digits), got "-1"',
      () => pubnub.fetchMessages().channels("a").end(-1n),
    ],
  ];
  for (const [message, builder] of cases) {
    await assert.rejects(builder().future(), (error: unknown) => {
      assert.ok(error instanceof PubNubError);
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.equal(error.status.operation, "PNFetchMessagesOperation");
      assert.equal(error.message, message);
      return true;
    });
  }
  assert.equal(guard.calls, 0);
  await pubnub.stop();
});

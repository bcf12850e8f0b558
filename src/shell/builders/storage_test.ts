/**
 * The storage calls (history v2, message counts, delete, fetch with actions, publish options)
 * against a loopback server that answers with the service's own answer shapes.
 */
import assert from "node:assert/strict";
import { PubNub } from "../pubnub.ts";
import { PubNubError } from "../../core/error.ts";
import { MessageCryptor } from "../crypto/cryptor.ts";
import { type RecordedRequest, startScriptedServer } from "../../testing/scripted_server.ts";
import { forbiddenFetch, localClient } from "../../testing/local_clients.ts";

type Answer = (request: RecordedRequest) => string;

/** Runs `run` with a client whose every request is answered `answer(request)` with HTTP 200. */
async function withService(
  answer: Answer,
  run: (pubnub: PubNub) => Promise<void>,
  config: Record<string, unknown> = {},
): Promise<RecordedRequest[]> {
  const server = await startScriptedServer((request) => ({ status: 200, body: answer(request) }));
  const pubnub = new PubNub({
    publishKey: "pub",
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
    ...config,
  });
  try {
    await run(pubnub);
  } finally {
    await pubnub.stop();
    await server.close();
  }
  return server.requests;
}

/** The query without the parameters every request carries. */
function callQuery(request: RecordedRequest): string {
  return request.rawQuery.split("&").filter((p) => !/^(uuid|pnsdk|requestid)=/.test(p)).join("&");
}

// 17000000000000003 is odd: as a JSON number it would come back as 17000000000000004.
const TT1 = "17000000000000001";
const TT3 = "17000000000000003";

Deno.test("history: the v2 call, its query, and the service's [[messages], start, end] read exactly", async () => {
  const body = `[[{"message":"hi","timetoken":"${TT1}","meta":{"lang":"en"}},` +
    `{"message":{"n":2},"timetoken":"${TT3}"}],${TT1},${TT3}]`;
  const requests = await withService(() => body, async (pubnub) => {
    const { result, status } = await pubnub.history().channel("room 1").count(2).start(TT3)
      .end(TT1).reverse(false).includeTimetoken(true).includeMeta(true).future();
    assert.equal(status.operation, "PNHistoryOperation");
    assert.deepEqual(result, {
      messages: [
        { entry: "hi", timetoken: TT1, meta: { lang: "en" } },
        { entry: { n: 2 }, timetoken: TT3 },
      ],
      startTimetoken: TT1,
      endTimetoken: TT3,
    });
  });
  assert.equal(requests[0].method, "GET");
  assert.equal(requests[0].path, "/v2/history/sub-key/sub/channel/room%201");
  assert.equal(
    callQuery(requests[0]),
    `count=2&include_token=true&start=${TT3}&end=${TT1}&string_message_token=true&reverse=false&include_meta=true`,
  );
});

Deno.test("history: without timetokens or meta the service sends bare messages; empty history is [[],0,0]", async () => {
  const answers = [`[["a",{"b":1}],${TT1},${TT3}]`, "[[],0,0]"];
  let i = 0;
  const requests = await withService(() => answers[i++], async (pubnub) => {
    const bare = await pubnub.history().channel("a").future();
    assert.deepEqual(bare.result, {
      messages: [{ entry: "a" }, { entry: { b: 1 } }],
      startTimetoken: TT1,
      endTimetoken: TT3,
    });
    const empty = await pubnub.history().channel("a").future();
    assert.deepEqual(empty.result, { messages: [], startTimetoken: "0", endTimetoken: "0" });
  });
  assert.equal(callQuery(requests[0]), "count=100&string_message_token=true");
});

Deno.test("history: encrypted entries are decrypted; one that is not encrypted keeps an error", async () => {
  const cipherKey = "enigma";
  // What a publish stores: the encrypted payload, a base64 string.
  const encrypted = await new MessageCryptor({ cipherKey }).encrypt(JSON.stringify({ secret: 1 }));
  const body = `[[{"message":${JSON.stringify(encrypted)},"timetoken":"${TT1}"},` +
    `{"message":"plain","timetoken":"${TT3}"}],${TT1},${TT3}]`;
  await withService(() => body, async (pubnub) => {
    const { result } = await pubnub.history().channel("a").includeTimetoken(true).future();
    assert.deepEqual(result.messages[0], { entry: { secret: 1 }, timetoken: TT1 });
    assert.equal(result.messages[1].entry, "plain");
    assert.ok(result.messages[1].error, "the undecryptable entry says why");
  }, { cipherKey });
});

Deno.test("messageCounts: one timetoken, or one per channel, and the service's counts", async () => {
  const requests = await withService(
    () => '{"status": 200, "error": false, "error_message": "", "channels": {"a": 3, "b c": 0}}',
    async (pubnub) => {
      const one = await pubnub.messageCounts().channels(["a", "b c"]).timetoken(TT1).future();
      assert.equal(one.status.operation, "PNMessageCountsOperation");
      assert.deepEqual(one.result, { channels: { a: 3, "b c": 0 } });
      await pubnub.messageCounts().channels(["a", "b c"]).channelsTimetoken([TT1, BigInt(TT3)])
        .future();
    },
  );
  assert.equal(requests[0].path, "/v3/history/sub-key/sub/message-counts/a,b%20c");
  assert.equal(callQuery(requests[0]), `timetoken=${TT1}`);
  assert.equal(callQuery(requests[1]), `channelsTimetoken=${TT1}%2C${TT3}`);
});

Deno.test("deleteMessages: DELETE with start and end; the service's empty success", async () => {
  const requests = await withService(
    () => '{"status": 200, "error": false, "error_message": ""}',
    async (pubnub) => {
      const { result, status } = await pubnub.deleteMessages().channel("a").start(TT3).end(TT1)
        .future();
      assert.deepEqual(result, {});
      assert.equal(status.operation, "PNDeleteMessagesOperation");
    },
  );
  assert.equal(requests[0].method, "DELETE");
  assert.equal(requests[0].path, "/v3/history/sub-key/sub/channel/a");
  assert.equal(callQuery(requests[0]), `start=${TT3}&end=${TT1}`);
});

Deno.test("fetchMessages: the service's string message_type and string custom types are read", async () => {
  const body = JSON.stringify({
    status: 200,
    error: false,
    error_message: "",
    channels: {
      a: [
        {
          message: "hi",
          timetoken: TT1,
          uuid: "u2",
          message_type: "0",
          custom_message_type: "chat",
        },
        { message: { f: 1 }, timetoken: TT3, uuid: "u2", message_type: "4" },
      ],
    },
  });
  await withService(() => body, async (pubnub) => {
    const { result } = await pubnub.fetchMessages().channels("a").includeMessageType(true)
      .future();
    assert.deepEqual(result.channels.a.map((m) => [m.messageType, m.customMessageType]), [
      [0, "chat"],
      [4, undefined],
    ]);
    assert.equal(typeof result.channels.a[0].messageType, "number");
  });
});

Deno.test("fetchMessages with message actions: the actions path, max 25, and data.{ch}[].actions", async () => {
  const body = JSON.stringify({
    status: 200,
    error: false,
    error_message: "",
    channels: {
      a: [{
        message: "hi",
        timetoken: TT1,
        uuid: "u2",
        message_type: null,
        actions: { reaction: { "👍": [{ uuid: "u3", actionTimetoken: TT3 }] } },
      }, { message: "bye", timetoken: TT3, uuid: "u2", message_type: null }],
    },
    more: {
      url: `/v3/history-with-actions/sub-key/sub/channel/a?start=${TT1}&max=2`,
      start: TT1,
      max: 2,
    },
  });
  const requests = await withService(() => body, async (pubnub) => {
    const { result } = await pubnub.fetchMessages().channels("a").count(100)
      .includeMessageActions(true).future();
    assert.deepEqual(result.channels.a[0].actions, {
      reaction: { "👍": [{ uuid: "u3", actionTimetoken: TT3 }] },
    });
    assert.equal(result.channels.a[1].actions, undefined);
    assert.deepEqual(result.more, {
      url: `/v3/history-with-actions/sub-key/sub/channel/a?start=${TT1}&max=2`,
      start: TT1,
      max: 2,
    });
  });
  assert.equal(requests[0].path, "/v3/history-with-actions/sub-key/sub/channel/a");
  assert.equal(callQuery(requests[0]), "max=25&include_uuid=true&include_message_type=true");
});

Deno.test("publish: replicate(false) sends norep=true and ptto its timetoken, whatever shouldStore says", async () => {
  const requests = await withService(() => `[1,"Sent","${TT1}"]`, async (pubnub) => {
    await pubnub.publish().channel("a").message(1).replicate(false).future();
    await pubnub.publish().channel("a").message(1).shouldStore(true).replicate(false).ptto(TT3)
      .future();
    await pubnub.publish().channel("a").message(1).ptto(BigInt(TT3)).future();
    await pubnub.publish().channel("a").message(1).replicate(true).shouldStore(false).future();
  });
  assert.deepEqual(requests.map(callQuery), [
    "norep=true",
    `store=1&norep=true&ptto=${TT3}`,
    `ptto=${TT3}`,
    "store=0",
  ]);
});

Deno.test("storage calls refuse bad input with the rule and the numbers, and send nothing", async () => {
  const guard = forbiddenFetch();
  const pubnub = localClient("127.0.0.1:9", "u1", {}, { fetch: guard.fetch });
  const cases: [string, string, () => { future(): Promise<unknown> }][] = [
    ["PNHistoryOperation", "Cannot read history: channel is empty", () => pubnub.history()],
    [
      "PNHistoryOperation",
      "Cannot read history: count must be a whole number from 1 to 100, got 101",
      () => pubnub.history().channel("a").count(101),
    ],
    [
      "PNHistoryOperation",
      'Cannot read history: start must be a timetoken (a string of up to 19 digits), got "soon"',
      () => pubnub.history().channel("a").start("soon"),
    ],
    [
      "PNMessageCountsOperation",
      "Cannot count messages: channelsTimetoken must have one timetoken per channel: 1 timetoken(s) for 2 channel(s)",
      () => pubnub.messageCounts().channels(["a", "b"]).channelsTimetoken([TT1]),
    ],
    [
      "PNMessageCountsOperation",
      "Cannot count messages: give a timetoken, or channelsTimetoken with one timetoken per channel",
      () => pubnub.messageCounts().channels(["a"]),
    ],
    [
      "PNMessageCountsOperation",
      "Cannot count messages: no channels given; name at least one",
      () => pubnub.messageCounts().timetoken(TT1),
    ],
    [
      "PNMessageCountsOperation",
      "Cannot count messages: channel name #2 is empty; names must be non-empty strings",
      () => pubnub.messageCounts().channels(["a", ""]).timetoken(TT1),
    ],
    [
      "PNDeleteMessagesOperation",
      "Cannot delete messages: channel is empty",
      () => pubnub.deleteMessages().channel(""),
    ],
    [
      "PNDeleteMessagesOperation",
      'Cannot delete messages: end must be a timetoken (a string of up to 19 digits), got "1.5"',
      () => pubnub.deleteMessages().channel("a").end("1.5"),
    ],
    [
      "PNFetchMessagesOperation",
      "Cannot fetch messages: message actions can be fetched for one channel only, got 2 channels; fetch them one channel at a time or leave out includeMessageActions",
      () => pubnub.fetchMessages().channels(["a", "b"]).includeMessageActions(true),
    ],
    [
      "PNPublishOperation",
      'Cannot publish: ptto must be a timetoken (a string of up to 19 digits), got "now"',
      () => pubnub.publish().channel("a").message(1).ptto("now"),
    ],
  ];
  for (const [operation, message, builder] of cases) {
    await assert.rejects(builder().future(), (error: unknown) => {
      assert.ok(error instanceof PubNubError, String(error));
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.equal(error.status.operation, operation);
      assert.equal(error.message, message);
      return true;
    });
  }
  assert.equal(guard.calls, 0);
  await pubnub.stop();
});

/**
 * Byte-for-byte parity with the official PubNub JavaScript SDK for the storage and message action
 * calls: both clients make the same calls against one recording loopback server, and the request
 * lines must match (method, path, the query in order, the body), apart from the per-request id
 * and the SDK name.
 */
import assert from "node:assert/strict";
import OfficialPubNub from "npm:pubnub@12.0.3";
import { PubNub } from "../pubnub.ts";
import { type RecordedRequest, startScriptedServer } from "../../testing/scripted_server.ts";

const KEYS = { publishKey: "pub-c-key", subscribeKey: "sub-c-key", userId: "parity-user" };
const CHANNEL = "room one/ü!*'()~";
const OTHER = "lobby ✓";
const T1 = "17000000000000001";
const T2 = "17000000000000009";
const ACTION = { type: "reaction", value: "thumbs up 👍" };

function comparable(r: RecordedRequest) {
  // requestid is random per request and pnsdk names the SDK; everything else must match.
  const query = r.rawQuery.split("&").filter((p) => !/^(requestid|pnsdk|instanceid)=/.test(p));
  return { method: r.method, path: r.path, query: query.join("&"), body: r.body };
}

/** The service's answer to each call, in a shape both SDKs accept. */
function answer(r: RecordedRequest): string {
  if (r.path.startsWith("/v2/history/")) return "[[],0,0]";
  if (r.path.includes("/message-counts/")) {
    return '{"status":200,"error":false,"error_message":"","channels":{}}';
  }
  if (r.path.startsWith("/v1/message-actions/")) {
    if (r.method === "POST") {
      return JSON.stringify({
        status: 200,
        data: { ...ACTION, uuid: KEYS.userId, messageTimetoken: T1, actionTimetoken: T2 },
      });
    }
    return r.method === "GET" ? '{"status":200,"data":[]}' : '{"status":200,"data":{}}';
  }
  if (r.path.startsWith("/publish/")) return `[1,"Sent","${T1}"]`;
  return '{"status":200,"error":false,"error_message":"","channels":{}}';
}

async function record(run: (origin: string) => Promise<void>): Promise<RecordedRequest[]> {
  const server = await startScriptedServer((req) => ({ status: 200, body: answer(req) }));
  try {
    await run(server.origin);
    return server.requests;
  } finally {
    await server.close();
  }
}

Deno.test({
  name: "storage and message action calls send the same requests as the official JS SDK",
  // The official SDK keeps keep-alive agents and timers of its own past destroy(); our side of
  // this comparison is checked with sanitizers on in the other tests.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const theirs = await record(async (origin) => {
      const official = new OfficialPubNub({ ...KEYS, origin, ssl: false });
      // The official SDK always asks for timetokens, and for string ones only when told to.
      await official.history({
        channel: CHANNEL,
        count: 10,
        start: T2,
        end: T1,
        reverse: true,
        stringifiedTimeToken: true,
        includeMeta: true,
      });
      await official.history({ channel: CHANNEL, stringifiedTimeToken: true });
      await official.messageCounts({ channels: [CHANNEL, OTHER], channelTimetokens: [T1, T2] });
      await official.messageCounts({ channels: [CHANNEL], timetoken: T1 });
      await official.deleteMessages({ channel: CHANNEL, start: T1, end: T2 });
      await official.deleteMessages({ channel: CHANNEL });
      await official.addMessageAction({ channel: CHANNEL, messageTimetoken: T1, action: ACTION });
      await official.getMessageActions({ channel: CHANNEL, start: T2, end: T1, limit: 10 });
      await official.getMessageActions({ channel: CHANNEL });
      await official.removeMessageAction({
        channel: CHANNEL,
        messageTimetoken: T1,
        actionTimetoken: T2,
      });
      await official.fetchMessages({
        channels: [CHANNEL],
        includeMessageActions: true,
        count: 10,
        start: T2,
        includeMeta: true,
      });
      await official.fetchMessages({ channels: [CHANNEL], includeMessageActions: true });
      await official.publish({ channel: CHANNEL, message: "x", replicate: false });
      await official.publish({
        channel: CHANNEL,
        message: "x",
        storeInHistory: true,
        replicate: false,
      });
      official.destroy(true);
    });

    const ours = await record(async (origin) => {
      const pubnub = new PubNub({ ...KEYS, origin, ssl: false });
      await pubnub.history().channel(CHANNEL).count(10).start(T2).end(T1).reverse(true)
        .includeTimetoken(true).includeMeta(true).future();
      await pubnub.history().channel(CHANNEL).includeTimetoken(true).future();
      await pubnub.messageCounts().channels([CHANNEL, OTHER]).channelsTimetoken([T1, T2]).future();
      await pubnub.messageCounts().channels(CHANNEL).timetoken(T1).future();
      await pubnub.deleteMessages().channel(CHANNEL).start(T1).end(T2).future();
      await pubnub.deleteMessages().channel(CHANNEL).future();
      await pubnub.addMessageAction().channel(CHANNEL).messageTimetoken(T1).action(ACTION).future();
      await pubnub.getMessageActions().channel(CHANNEL).start(T2).end(T1).limit(10).future();
      await pubnub.getMessageActions().channel(CHANNEL).future();
      await pubnub.removeMessageAction().channel(CHANNEL).messageTimetoken(T1).actionTimetoken(T2)
        .future();
      await pubnub.fetchMessages().channels([CHANNEL]).includeMessageActions(true).count(10)
        .start(T2).includeMeta(true).future();
      await pubnub.fetchMessages().channels([CHANNEL]).includeMessageActions(true).future();
      await pubnub.publish().channel(CHANNEL).message("x").replicate(false).future();
      await pubnub.publish().channel(CHANNEL).message("x").shouldStore(true).replicate(false)
        .future();
      await pubnub.stop();
    });

    assert.equal(ours.length, theirs.length, "same number of requests");
    for (let i = 0; i < theirs.length; i++) {
      assert.deepEqual(comparable(ours[i]), comparable(theirs[i]), `request ${i + 1}`);
    }
  },
});

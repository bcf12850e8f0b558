/**
 * Byte-for-byte parity with the official PubNub JavaScript SDK: both clients make the same calls
 * against one recording loopback server, and the request lines must match (method, path, and the
 * query in order), apart from the per-request id and the SDK name.
 */
import assert from "node:assert/strict";
import OfficialPubNub from "npm:pubnub@12.0.3";
import { PubNub } from "../pubnub.ts";
import { type RecordedRequest, startScriptedServer } from "../../testing/scripted_server.ts";

const KEYS = { publishKey: "pub-c-key", subscribeKey: "sub-c-key", userId: "parity-user" };
const CHANNEL = "room one/ü!*'()~";
const MESSAGE = { text: "héllo wörld & more!", list: [1, 2.5, "x"], nested: { ok: true } };
const META = { lang: "en", n: 3 };

function comparable(r: RecordedRequest) {
  // requestid is random per request and pnsdk names the SDK; everything else must match.
  const query = r.rawQuery.split("&").filter((p) => !/^(requestid|pnsdk|instanceid)=/.test(p));
  return { method: r.method, path: r.path, query: query.join("&"), body: r.body };
}

async function record(run: (origin: string) => Promise<void>): Promise<RecordedRequest[]> {
  const server = await startScriptedServer((req) =>
    req.path.startsWith("/time")
      ? { status: 200, body: "[17000000000000000]" }
      : { status: 200, body: '[1,"Sent","17000000000000000"]' }
  );
  try {
    await run(server.origin);
    return server.requests;
  } finally {
    await server.close();
  }
}

Deno.test({
  name: "publish, fire, signal and time send the same requests as the official JS SDK",
  // The official SDK keeps keep-alive agents and timers of its own past destroy(); our side of
  // this comparison is checked with sanitizers on in the other tests.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const theirs = await record(async (origin) => {
      const official = new OfficialPubNub({ ...KEYS, origin, ssl: false });
      await official.publish({ channel: CHANNEL, message: MESSAGE });
      await official.publish({
        channel: CHANNEL,
        message: MESSAGE,
        meta: META,
        storeInHistory: false,
        ttl: 24,
      });
      await official.publish({ channel: CHANNEL, message: "plain", storeInHistory: true, ttl: 1 });
      await official.publish({ channel: CHANNEL, message: MESSAGE, meta: META, sendByPost: true });
      await official.fire({ channel: CHANNEL, message: MESSAGE, meta: META });
      await official.signal({ channel: CHANNEL, message: "typing…" });
      await official.time();
      official.destroy(true);
    });

    const ours = await record(async (origin) => {
      const pubnub = new PubNub({ ...KEYS, origin, ssl: false });
      await pubnub.publish().channel(CHANNEL).message(MESSAGE).future();
      await pubnub.publish().channel(CHANNEL).message(MESSAGE).meta(META).shouldStore(false).ttl(24)
        .future();
      await pubnub.publish().channel(CHANNEL).message("plain").shouldStore(true).ttl(1).future();
      await pubnub.publish().channel(CHANNEL).message(MESSAGE).meta(META).usePost(true).future();
      await pubnub.fire().channel(CHANNEL).message(MESSAGE).meta(META).future();
      await pubnub.signal().channel(CHANNEL).message("typing…").future();
      await pubnub.time().future();
      await pubnub.stop();
    });

    assert.equal(ours.length, theirs.length, "same number of requests");
    for (let i = 0; i < theirs.length; i++) {
      assert.deepEqual(comparable(ours[i]), comparable(theirs[i]), `request ${i + 1}`);
    }
    // Both send the common parameters too.
    for (const r of ours) {
      assert.equal(r.query.get("uuid"), KEYS.userId);
      assert.match(r.query.get("requestid") ?? "", /^[0-9a-f-]{36}$/);
      assert.ok(r.query.get("pnsdk"));
    }
  },
});

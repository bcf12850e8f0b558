/**
 * The back-fill's history requests are the official JS SDK's `fetchMessages` requests: the
 * subscribe loop fills a gap against a recording loopback server, then the official SDK makes
 * the same calls (same channel, start, end, count, meta) against another, and the request lines
 * must match (method, path and the query in order), apart from the per-request id and the SDK
 * name.
 */
import assert from "node:assert/strict";
import OfficialPubNub from "npm:pubnub@12.0.3";
import { PubNub } from "./pubnub.ts";
import { type RecordedRequest, startScriptedServer } from "../testing/scripted_server.ts";
import { until } from "../testing/local_clients.ts";

const KEYS = { subscribeKey: "sub-c-key", userId: "parity-user" };
const CHANNEL = "room one/ü!*'()~";
const tt = (n: number) => String(17000000000000000n + BigInt(n));

function comparable(r: RecordedRequest) {
  const query = r.rawQuery.split("&").filter((p) => !/^(requestid|pnsdk|instanceid)=/.test(p));
  return { method: r.method, path: r.path, query: query.join("&") };
}

/** 150 stored messages in the gap: two pages, the second short. */
function historyPage(request: RecordedRequest) {
  const start = BigInt(request.query.get("start") ?? tt(2000));
  const end = BigInt(request.query.get("end") ?? "0");
  const messages = [];
  for (let n = 1001; n <= 1150; n++) {
    if (BigInt(tt(n)) < start && BigInt(tt(n)) >= end) {
      messages.push({ message: n, timetoken: tt(n), uuid: "pub", message_type: null });
    }
  }
  const channels = { [CHANNEL]: messages.slice(-Number(request.query.get("max"))) };
  return { status: 200, body: JSON.stringify({ status: 200, error: false, channels }) };
}

Deno.test({
  name: "the back-fill's history requests match the official SDK's fetchMessages, page by page",
  // The official SDK keeps keep-alive agents and timers of its own past destroy().
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    let polls = 0;
    const ourServer = await startScriptedServer((request) => {
      if (request.path.startsWith("/v3/history/")) return historyPage(request);
      if (!request.path.startsWith("/v2/subscribe/")) return { status: 200, body: "{}" };
      polls++;
      if (polls === 1) return { status: 200, body: `{"t":{"t":"${tt(5000)}","r":1},"m":[]}` };
      if (polls > 2) return { fault: "hang" };
      // Restored from 1000, the catch-up carries a full window: 1151…1250.
      const m = Array.from({ length: 100 }, (_, i) => ({
        c: CHANNEL,
        d: 1151 + i,
        p: { t: tt(1151 + i), r: 1 },
        i: "pub",
      }));
      return { status: 200, body: JSON.stringify({ t: { t: tt(1250), r: 1 }, m }) };
    });
    const ours = new PubNub({ ...KEYS, origin: ourServer.origin, ssl: false });
    const delivered: unknown[] = [];
    ours.addListener({ message: (_p, m) => delivered.push(m.message) });
    ours.subscribe().channels(CHANNEL).withTimetoken(tt(1000)).execute();
    await until(() => delivered.length >= 250, "250 messages");
    await ours.stop();
    await ourServer.close();
    const ourFetches = ourServer.requests.filter((r) => r.path.startsWith("/v3/history/"));
    assert.equal(ourFetches.length, 2, "two pages");
    // Newest page first, from the oldest caught-up message back to just after the cursor.
    assert.deepEqual(ourFetches.map((r) => [r.query.get("start"), r.query.get("end")]), [
      [tt(1151), tt(1001)],
      [tt(1051), tt(1001)],
    ]);

    const theirServer = await startScriptedServer(historyPage);
    const official = new OfficialPubNub({ ...KEYS, origin: theirServer.origin, ssl: false });
    for (const request of ourFetches) {
      await official.fetchMessages({
        channels: [CHANNEL],
        count: Number(request.query.get("max")),
        start: request.query.get("start")!,
        end: request.query.get("end")!,
        includeMeta: true,
      });
    }
    official.destroy(true);
    await theirServer.close();

    assert.equal(theirServer.requests.length, ourFetches.length);
    for (let i = 0; i < ourFetches.length; i++) {
      assert.deepEqual(
        comparable(ourFetches[i]),
        comparable(theirServer.requests[i]),
        `page ${i + 1}`,
      );
    }
    assert.deepEqual(delivered, Array.from({ length: 250 }, (_, i) => 1001 + i));
  },
});

/**
 * Request parity with the official PubNub JavaScript SDK for the presence, state, channel-group
 * and history calls: both clients make the same calls against one recording loopback server,
 * and the request lines must match (method, path, and the query in order), apart from the
 * per-request id and the SDK name.
 */
import assert from "node:assert/strict";
import OfficialPubNub from "npm:pubnub@12.0.3";
import { PubNub } from "../pubnub.ts";
import { type RecordedRequest, startScriptedServer } from "../../testing/scripted_server.ts";

const KEYS = { publishKey: "pub-c-key", subscribeKey: "sub-c-key", userId: "parity-user" };
const A = "room one/ü!*'()~";
const B = "b";

function comparable(r: RecordedRequest) {
  const query = r.rawQuery.split("&").filter((p) => !/^(requestid|pnsdk|instanceid)=/.test(p));
  return `${r.method} ${r.path}?${query.join("&")}`;
}

/** Plausible answers, so neither client fails on a parse. */
function answer(r: RecordedRequest): { status: number; body: string } {
  const ok = { status: 200, message: "OK", service: "Presence" };
  let body: unknown = { ...ok, payload: { channels: {}, total_channels: 0, total_occupancy: 0 } };
  if (r.path.startsWith("/v3/history/")) {
    body = { status: 200, error: false, error_message: "", channels: {} };
  } else if (r.path.startsWith("/v1/channel-registration/")) {
    body = {
      status: 200,
      payload: { channels: [], groups: [], group: "g" },
      service: "channel-registry",
      error: false,
    };
  } else if (r.path.includes("/uuid/") && r.path.endsWith("/data")) {
    body = { ...ok, payload: { x: 1 } };
  } else if (r.path.includes("/uuid/") && r.path.includes("/channel/")) {
    body = { ...ok, uuid: "u", payload: { channels: {} } };
  } else if (r.path.includes("/uuid/")) {
    body = { ...ok, payload: { channels: [] } };
  } else if (/\/channel\/[^/,]+$/.test(r.path) && !r.rawQuery.includes("channel-group")) {
    body = { ...ok, uuids: [], occupancy: 0 };
  }
  return { status: 200, body: JSON.stringify(body) };
}

async function record(run: (origin: string) => Promise<void>): Promise<RecordedRequest[]> {
  const server = await startScriptedServer(answer);
  try {
    await run(server.origin);
    return server.requests;
  } finally {
    await server.close();
  }
}

Deno.test({
  name: "here-now, where-now, state, channel groups and history send the official SDK's requests",
  // The official SDK keeps keep-alive agents and timers of its own past destroy(); our side of
  // this comparison is checked with sanitizers on in the other tests.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const theirs = await record(async (origin) => {
      const o = new OfficialPubNub({ ...KEYS, origin, ssl: false });
      const calls: (() => Promise<unknown>)[] = [
        () => o.hereNow({ channels: [A] }),
        () => o.hereNow({ channels: [A, B], includeUUIDs: false }),
        () => o.hereNow({ channels: [A], includeState: true }),
        () => o.hereNow({ channelGroups: ["g1", "g2"] }),
        () => o.hereNow({}),
        () => o.whereNow({}),
        () => o.whereNow({ uuid: "someone else" }),
        () => o.setState({ channels: [A], state: { mood: "ok", n: 1 } }),
        () => o.setState({ channels: [A, B], channelGroups: ["g"], state: { x: true } }),
        () => o.getState({ channels: [A] }),
        () => o.getState({ channels: [A, B], channelGroups: ["g"], uuid: "u2" }),
        () => o.channelGroups.addChannels({ channels: [A, B], channelGroup: "g" }),
        () => o.channelGroups.removeChannels({ channels: [B], channelGroup: "g" }),
        () => o.channelGroups.listChannels({ channelGroup: "g" }),
        () => o.channelGroups.deleteGroup({ channelGroup: "g" }),
        () => o.channelGroups.listGroups(),
        () => o.fetchMessages({ channels: [A] }),
        () => o.fetchMessages({ channels: [A], includeUUID: false, includeMessageType: false }),
        () =>
          o.fetchMessages({
            channels: [A, B],
            count: 10,
            start: "17000000000000010",
            end: "17000000000000001",
            includeMeta: true,
          }),
      ];
      for (const call of calls) await call().catch(() => {});
      o.destroy(true);
    });

    const ours = await record(async (origin) => {
      const p = new PubNub({ ...KEYS, origin, ssl: false });
      const calls: (() => Promise<unknown>)[] = [
        () => p.hereNow().channels(A).future(),
        () => p.hereNow().channels([A, B]).includeUuids(false).future(),
        () => p.hereNow().channels([A]).includeState(true).future(),
        () => p.hereNow().channelGroups(["g1", "g2"]).future(),
        () => p.hereNow().future(),
        () => p.whereNow().future(),
        () => p.whereNow().uuid("someone else").future(),
        () => p.setState().channels(A).state({ mood: "ok", n: 1 }).future(),
        () => p.setState().channels([A, B]).channelGroups("g").state({ x: true }).future(),
        () => p.getState().channels(A).future(),
        () => p.getState().channels([A, B]).channelGroups(["g"]).uuid("u2").future(),
        () => p.addChannelToChannelGroup().channels([A, B]).channelGroup("g").future(),
        () => p.removeChannelFromChannelGroup().channels(B).channelGroup("g").future(),
        () => p.listChannelsForChannelGroup().channelGroup("g").future(),
        () => p.removeChannelGroup().channelGroup("g").future(),
        () => p.listChannelGroups().future(),
        () => p.fetchMessages().channels(A).future(),
        () => p.fetchMessages().channels(A).includeUuid(false).includeMessageType(false).future(),
        () =>
          p.fetchMessages().channels([A, B]).count(10).start("17000000000000010")
            .end("17000000000000001").includeMeta(true).future(),
      ];
      for (const call of calls) await call();
      await p.stop();
    });

    assert.equal(theirs.length, 19, "the official SDK made every call");
    assert.deepEqual(ours.map(comparable), theirs.map(comparable));
  },
});

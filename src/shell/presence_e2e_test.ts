/**
 * Presence end to end against the local server: another client's join, state-change, leave and
 * timeout; interval events with deltas above `announceMax`; `hereNowRefresh` and the here-now
 * that follows it; and the heartbeat loop's requests and log.
 */
import assert from "node:assert/strict";
import { startServer } from "../../server.ts";
import type { PNPresenceEventResult } from "../core/subscribe/envelope.ts";
import {
  localClient,
  rawHeartbeat,
  rawLeave,
  recordingFetch,
  until,
} from "../testing/local_clients.ts";
import type { PubNub } from "./pubnub.ts";
import { SubscribeListener } from "./subscribe_listener.ts";

/** Waits for a presence event matching `event` and `uuid` (and returns it). */
async function presenceOf(
  listener: SubscribeListener,
  event: PNPresenceEventResult["event"],
  uuid: string,
): Promise<PNPresenceEventResult> {
  const find = () => listener.presenceEvents.find((p) => p.event === event && p.uuid === uuid);
  await until(() => find() !== undefined, `a ${event} of ${uuid}`);
  return find()!;
}

/** A watcher subscribed with presence to `channel`, connected. */
async function watcher(origin: string, channel: string): Promise<{
  pubnub: PubNub;
  listener: SubscribeListener;
}> {
  const pubnub = localClient(origin, "watcher");
  const listener = new SubscribeListener();
  pubnub.addListener(listener);
  pubnub.subscribe().channels(channel).withPresence().execute();
  await listener.waitForConnect();
  await presenceOf(listener, "join", "watcher");
  return { pubnub, listener };
}

Deno.test("presence: a client sees another's join, state-change, leave and timeout", async () => {
  const server = await startServer({ port: 0 });
  const { pubnub: alice, listener } = await watcher(server.origin, "room");
  const bob = localClient(server.origin, "bob");
  const bobListener = new SubscribeListener();
  bob.addListener(bobListener);

  bob.subscribe().channels("room").execute();
  const join = await presenceOf(listener, "join", "bob");
  assert.equal(join.channel, "room");
  assert.equal(join.subscription, undefined);
  assert.equal(join.occupancy, 2);
  assert.equal(typeof join.timestamp, "number");
  assert.match(join.timetoken, /^\d{17}$/);

  await bob.setState().channels("room").state({ mood: "happy" }).future();
  const change = await presenceOf(listener, "state-change", "bob");
  assert.equal(change.channel, "room");
  assert.deepEqual(change.state, { mood: "happy" });
  assert.equal(change.occupancy, 2);

  await bobListener.waitForConnect();
  bob.unsubscribe().channels("room").execute();
  const leave = await presenceOf(listener, "leave", "bob");
  assert.equal(leave.channel, "room");
  assert.equal(leave.occupancy, 1);

  // A user whose presence timeout (1 s, as a raw heartbeat may ask) runs out times out.
  await rawHeartbeat(server.origin, "ghost", ["room"], 1);
  await presenceOf(listener, "join", "ghost");
  const timeout = await presenceOf(listener, "timeout", "ghost");
  assert.equal(timeout.channel, "room");
  assert.equal(timeout.occupancy, 1);

  assert.deepEqual(
    listener.presenceEvents.map((p) => `${p.event} ${p.uuid}`),
    [
      "join watcher",
      "join bob",
      "state-change bob",
      "leave bob",
      "join ghost",
      "timeout ghost",
    ],
  );
  await alice.stop();
  await bob.stop();
  await server.close();
});

Deno.test("presence: group presence names the group in subscription", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  await alice.addChannelToChannelGroup().channels("member").channelGroup("team").future();
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channelGroups("team").withPresence().execute();
  await listener.waitForConnect();
  await rawHeartbeat(server.origin, "bob", ["member"], 60);
  const join = await presenceOf(listener, "join", "bob");
  assert.equal(join.channel, "member");
  assert.equal(join.subscription, "team");
  await alice.stop();
  await server.close();
});

Deno.test("presence: above announceMax, interval events carry joined/left/timedout", async () => {
  const server = await startServer({ port: 0, announceMax: 2, intervalSeconds: 0.3 });
  const { pubnub, listener } = await watcher(server.origin, "crowd");
  // The ghost joins while the channel is small (announced on its own), then times out later.
  await rawHeartbeat(server.origin, "ghost", ["crowd"], 2);
  await presenceOf(listener, "join", "ghost");
  await rawHeartbeat(server.origin, "u1", ["crowd"], 60);
  await rawHeartbeat(server.origin, "u2", ["crowd"], 60);

  const intervals = () => listener.presenceEvents.filter((p) => p.event === "interval");
  await until(() => intervals().length > 0, "the first interval");
  const first = intervals()[0];
  assert.equal(first.channel, "crowd");
  assert.equal(first.occupancy, 4);
  assert.equal(first.uuid, undefined);
  assert.deepEqual(first.joined, ["u1", "u2"]);
  assert.deepEqual(first.left, []);
  assert.equal(first.hereNowRefresh, false);

  await rawLeave(server.origin, "u1", ["crowd"]);
  const seen = (key: "left" | "timedout", uuid: string) =>
    intervals().some((p) => p[key]?.includes(uuid));
  await until(() => seen("left", "u1") && seen("timedout", "ghost"), "u1 left, ghost timed out");
  assert.equal(intervals().at(-1)!.occupancy, 2);
  // No individual events for changes above announceMax.
  assert.deepEqual(
    listener.presenceEvents.filter((p) => p.event !== "interval").map((p) =>
      `${p.event} ${p.uuid}`
    ),
    ["join watcher", "join ghost"],
  );
  await pubnub.stop();
  await server.close();
});

Deno.test("presence: a too-big interval says hereNowRefresh, and hereNow() has everyone", async () => {
  const server = await startServer({
    port: 0,
    announceMax: 1,
    intervalSeconds: 0.3,
    hereNowRefreshBytes: 200,
  });
  const { pubnub, listener } = await watcher(server.origin, "huge");
  const uuids = Array.from({ length: 12 }, (_, i) => `a-fairly-long-user-id-${i}`);
  for (const uuid of uuids) await rawHeartbeat(server.origin, uuid, ["huge"], 60);

  const refresh = () => listener.presenceEvents.find((p) => p.event === "interval");
  await until(() => refresh() !== undefined, "an interval");
  const interval = refresh()!;
  assert.equal(interval.hereNowRefresh, true);
  assert.equal(interval.occupancy, 13);
  assert.equal(interval.joined, undefined); // the deltas were left out

  const { result } = await pubnub.hereNow().channels("huge").future();
  assert.equal(result.totalOccupancy, 13);
  assert.deepEqual(
    result.channels.huge.occupants.map((o) => o.uuid).sort(),
    [...uuids, "watcher"].sort(),
  );
  await pubnub.stop();
  await server.close();
});

Deno.test("heartbeat loop: HEARTBEAT, HEARTBEAT_SUCCESS, WAIT, repeated; state sent; LEAVE on unsubscribe", async () => {
  const server = await startServer({ port: 0 });
  const { pubnub: alice, listener } = await watcher(server.origin, "hb");
  const recorder = recordingFetch();
  const bob = localClient(server.origin, "bob", { heartbeatInterval: 1, presenceTimeout: 20 }, {
    fetch: recorder.fetch,
  });
  const log: string[] = [];
  bob.observeEngine((entry) => {
    if (entry.engine === "presence") log.push(`${entry.type} ${entry.name}`);
  });
  await bob.setState().channels("hb").state({ busy: true }).future();
  bob.subscribe().channels("hb").withPresence().execute();
  await presenceOf(listener, "join", "bob");
  const heartbeats = () => recorder.urls.filter((u) => u.pathname.endsWith("/heartbeat"));
  await until(() => heartbeats().length >= 2, "two heartbeats");
  await until(() => log.filter((l) => l === "invocation WAIT").length >= 2, "the second WAIT");
  assert.deepEqual(log.slice(0, 8), [
    "event JOINED",
    "invocation HEARTBEAT",
    "event HEARTBEAT_SUCCESS",
    "invocation WAIT",
    "event TIMES_UP",
    "invocation CANCEL_WAIT",
    "invocation HEARTBEAT",
    "event HEARTBEAT_SUCCESS",
  ]);
  const heartbeat = heartbeats()[0];
  assert.equal(heartbeat.pathname, "/v2/presence/sub-key/demo/channel/hb/heartbeat");
  assert.equal(heartbeat.searchParams.get("heartbeat"), "20");
  assert.equal(heartbeat.searchParams.get("uuid"), "bob");
  assert.equal(heartbeat.searchParams.get("state"), JSON.stringify({ hb: { busy: true } }));

  bob.unsubscribe().channels("hb").execute();
  await presenceOf(listener, "leave", "bob");
  assert.ok(log.includes("event LEFT"));
  assert.ok(log.includes("invocation LEAVE"));
  assert.ok(recorder.urls.some((u) => u.pathname === "/v2/presence/sub-key/demo/channel/hb/leave"));
  assert.deepEqual(
    listener.presenceEvents.map((p) => `${p.event} ${p.uuid}`),
    ["join watcher", "join bob", "leave bob"],
  );
  await bob.stop();
  await alice.stop();
  await server.close();
});

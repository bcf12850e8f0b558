/**
 * The heartbeat loop's runner against a scripted loopback server, with a manual clock: the
 * heartbeat interval and retry delays are observed on the clock, heartbeats and leaves on the
 * wire, and the engine through `observeEngine` (filtered to the presence engine).
 */
import assert from "node:assert/strict";
import { until } from "../testing/until.ts";
import { ManualClock } from "./clock.ts";
import { ListenerSet } from "./listeners.ts";
import { PresenceLoop } from "./presence_loop.ts";
import { PubNub } from "./pubnub.ts";
import { requestSender } from "./publisher.ts";
import { SubscribeListener } from "./subscribe_listener.ts";
import { PNConfiguration, type PNConfigurationOptions } from "../core/config.ts";
import * as presenceEvents from "../core/presence/events.ts";
import {
  type RecordedRequest,
  type ScriptedAnswer,
  type ScriptedServer,
  startScriptedServer,
} from "../testing/scripted_server.ts";

const TT1 = "17000000000000001";
const HEARTBEAT_OK: ScriptedAnswer = {
  status: 200,
  body: '{"status":200,"message":"OK","service":"Presence"}',
};
const LEAVE_OK: ScriptedAnswer = {
  status: 200,
  body: '{"status":200,"action":"leave","message":"OK","service":"Presence"}',
};
const SERVER_ERROR: ScriptedAnswer = {
  status: 500,
  body: '{"status":500,"error":true,"message":"trouble"}',
};
const FORBIDDEN: ScriptedAnswer = {
  status: 403,
  body: JSON.stringify({
    message: "Forbidden",
    payload: { channels: ["ch"] },
    error: true,
    service: "Access Manager",
    status: 403,
  }),
};

const isHeartbeatPath = (path: string) => path.endsWith("/heartbeat");
const isLeavePath = (path: string) => path.endsWith("/leave");
const isHeartbeat = (r: RecordedRequest) => isHeartbeatPath(r.path);
const isLeave = (r: RecordedRequest) => isLeavePath(r.path);
const isSubscribe = (r: RecordedRequest) => r.path.startsWith("/v2/subscribe/");

/**
 * Answers subscribe with a handshake then hangs (an idle long-poll), heartbeats from
 * `heartbeats` in order (OK once the script runs out), leaves with OK.
 */
function presenceServer(heartbeats: ScriptedAnswer[] = []): Promise<ScriptedServer> {
  let heartbeatIndex = 0;
  let subscribeIndex = 0;
  return startScriptedServer((request) => {
    if (isHeartbeat(request)) return heartbeats[heartbeatIndex++] ?? HEARTBEAT_OK;
    if (isLeave(request)) return LEAVE_OK;
    if (request.path.endsWith("/data")) {
      const state = request.query.get("state") ?? "{}";
      return {
        status: 200,
        body: `{"status":200,"message":"OK","payload":${state},"service":"Presence"}`,
      };
    }
    if (isSubscribe(request) && subscribeIndex++ === 0) {
      return { status: 200, body: JSON.stringify({ t: { t: TT1, r: 1 }, m: [] }) };
    }
    return { fault: "hang" };
  });
}

interface Harness {
  server: ScriptedServer;
  clock: ManualClock;
  pubnub: PubNub;
  listener: SubscribeListener;
  /** The presence engine's log, names only. */
  log: string[];
  errors: unknown[];
  heartbeats(): RecordedRequest[];
  leaves(): RecordedRequest[];
  /**
   * Paths of the requests the client has handed to fetch so far: counted as they are sent, so
   * after `clock.advance` "nothing more was sent" needs no real-time wait.
   */
  sent(): string[];
  close(): Promise<void>;
}

async function start(
  heartbeats: ScriptedAnswer[] = [],
  config: Partial<PNConfigurationOptions> = {},
): Promise<Harness> {
  const server = await presenceServer(heartbeats);
  const clock = new ManualClock();
  const errors: unknown[] = [];
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return globalThis.fetch(input, init);
  };
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "user-1",
    origin: server.origin,
    ssl: false,
    heartbeatInterval: 5,
    presenceTimeout: 30,
    reconnectionPolicy: "LINEAR",
    ...config,
  }, { clock, random: () => 0, onError: (e) => errors.push(e), fetch });
  const listener = new SubscribeListener();
  pubnub.addListener(listener);
  const log: string[] = [];
  pubnub.observeEngine((entry) => {
    if (entry.engine === "presence") log.push(entry.name);
  });
  return {
    server,
    clock,
    pubnub,
    listener,
    log,
    errors,
    heartbeats: () => server.requests.filter(isHeartbeat),
    leaves: () => server.requests.filter(isLeave),
    sent: () => [...sent],
    async close() {
      await pubnub.stop();
      await server.close();
      assert.equal(clock.pending, 0, "no timer is left on the manual clock");
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Subscribes to `channels` and waits for the first heartbeat to succeed (WAIT started). */
async function cooling(h: Harness, channels: string[], withPresence = false): Promise<void> {
  h.pubnub.subscribe().channels(channels).withPresence(withPresence).execute();
  await until(() => h.log.at(-1) === "WAIT", "the first WAIT");
}

Deno.test('the example of docs/protocol.md "Heartbeat engine example log": join, one failed heartbeat, recovery — the exact log', async () => {
  const h = await start([SERVER_ERROR]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.log.includes("DELAYED_HEARTBEAT"), "DELAYED_HEARTBEAT");
  assert.deepEqual(h.clock.pendingDelays(), [2000], "LINEAR's delay, jitter 0");
  await h.clock.advance(1999);
  assert.equal(h.sent().filter(isHeartbeatPath).length, 1, "no heartbeat before the delay is up");
  await h.clock.advance(1);
  await until(() => h.log.at(-1) === "WAIT", "WAIT");
  assert.deepEqual(h.log, [
    "JOINED",
    "HEARTBEAT",
    "HEARTBEAT_FAILURE",
    "DELAYED_HEARTBEAT",
    "HEARTBEAT_SUCCESS",
    "CANCEL_DELAYED_HEARTBEAT",
    "WAIT",
  ]);
  assert.equal(h.heartbeats().length, 2);
  assert.equal(h.listener.statuses.filter((s) => s.operation === "PNHeartbeatOperation").length, 0);
  assert.deepEqual(h.errors, []);
  await h.close();
});

Deno.test("WAIT lasts heartbeatInterval on the clock, then TIMES_UP → HEARTBEAT again", async () => {
  const h = await start();
  await cooling(h, ["ch"]);
  assert.deepEqual(h.log, ["JOINED", "HEARTBEAT", "HEARTBEAT_SUCCESS", "WAIT"]);
  assert.deepEqual(h.clock.pendingDelays(), [5000]);
  await h.clock.advance(4999);
  assert.equal(
    h.sent().filter(isHeartbeatPath).length,
    1,
    "no heartbeat before the interval is up",
  );
  await h.clock.advance(1);
  await until(() => h.heartbeats().length === 2, "the second heartbeat");
  await until(() => h.log.length === 9, "the second WAIT");
  assert.deepEqual(h.log.slice(4), [
    "TIMES_UP",
    "CANCEL_WAIT",
    "HEARTBEAT",
    "HEARTBEAT_SUCCESS",
    "WAIT",
  ]);
  // And again: the loop keeps its period.
  await h.clock.advance(5000);
  await until(() => h.heartbeats().length === 3, "the third heartbeat");
  await h.close();
});

Deno.test("heartbeat requests carry heartbeat=<presenceTimeout>, the groups, and no presence channels", async () => {
  const h = await start();
  h.pubnub.subscribe().channels(["b", "a"]).channelGroups(["g2", "g1"]).withPresence().execute();
  await until(() => h.log.at(-1) === "WAIT", "WAIT");
  const [heartbeat] = h.heartbeats();
  // docs/protocol.md "Encoding" asks subscribe and leave to sort their lists; heartbeat order is free.
  const path = /^\/v2\/presence\/sub-key\/demo\/channel\/([^/]+)\/heartbeat$/.exec(heartbeat.path);
  assert.ok(path, heartbeat.path);
  assert.deepEqual(path[1].split(",").sort(), ["a", "b"], "no -pnpres channels");
  assert.equal(heartbeat.query.get("heartbeat"), "30");
  assert.deepEqual(heartbeat.query.get("channel-group")?.split(",").sort(), ["g1", "g2"]);
  assert.equal(heartbeat.query.get("uuid"), "user-1");
  assert.equal(heartbeat.query.has("state"), false, "no state set: none sent");
  await h.close();
});

Deno.test("heartbeats carry the client's presence state as JSON", async () => {
  const server = await presenceServer();
  const clock = new ManualClock();
  const config = new PNConfiguration({
    subscribeKey: "demo",
    userId: "user-1",
    origin: server.origin,
    ssl: false,
    heartbeatInterval: 5,
    presenceTimeout: 40,
  });
  const sender = new PubNub(config, { clock });
  const errors: unknown[] = [];
  const leaves: string[][] = [];
  const log: string[] = [];
  const loop = new PresenceLoop({
    config,
    sender: requestSender(sender),
    clock,
    random: () => 0,
    listeners: new ListenerSet<unknown>(sender, (e) => errors.push(e)),
    presenceState: () => ({ ch: { typing: true } }),
    leave: (channels) => {
      leaves.push([...channels]);
      return Promise.resolve();
    },
    onError: (e) => errors.push(e),
  });
  loop.observe((e) => log.push(e.name));
  loop.dispatch(presenceEvents.joined(["ch"]));
  await until(() => log.at(-1) === "WAIT", "WAIT");
  const [heartbeat] = server.requests;
  assert.equal(heartbeat.query.get("state"), '{"ch":{"typing":true}}');
  assert.equal(heartbeat.query.get("heartbeat"), "40");
  loop.dispatch(presenceEvents.leftAll());
  assert.deepEqual(leaves, [["ch"]]);
  assert.equal(clock.pending, 0, "LEFT_ALL cancelled the WAIT");
  loop.stop();
  await sender.stop();
  await server.close();
  assert.deepEqual(errors, []);
});

/** Sets this client's state on `channels` through the public API (the server echoes it). */
async function setState(h: Harness, channels: string[], state: Record<string, unknown>) {
  await h.pubnub.setState().channels(channels).state(state).future();
  assert.ok(h.server.requests.some((r) => r.path.endsWith("/data")), "set-state was sent");
}

Deno.test("state set with setState() is sent with heartbeats and subscribes", async () => {
  const h = await start();
  await setState(h, ["a"], { typing: true });
  await cooling(h, ["a", "b"]);
  const [heartbeat] = h.heartbeats();
  assert.equal(heartbeat.query.get("state"), '{"a":{"typing":true}}');
  const [handshake] = h.server.requests.filter(isSubscribe);
  assert.equal(handshake.query.get("state"), '{"a":{"typing":true}}');
  h.pubnub.unsubscribe().channels("a").execute();
  await until(() => h.server.requests.filter(isSubscribe).length === 3, "the new long-poll");
  const after = h.server.requests.filter(isSubscribe)[2];
  assert.equal(after.query.has("state"), false, "the subscribe after leaving a drops a's state");
  await h.close();
});

Deno.test({
  name: "the heartbeat after unsubscribing a channel no longer carries that channel's state",
  async fn() {
    const h = await start();
    await setState(h, ["a"], { typing: true });
    await cooling(h, ["a", "b"]);
    h.pubnub.unsubscribe().channels("a").execute();
    await until(() => h.heartbeats().length === 2, "the heartbeat after LEFT");
    assert.equal(h.heartbeats()[1].path, "/v2/presence/sub-key/demo/channel/b/heartbeat");
    assert.equal(h.heartbeats()[1].query.get("state"), null);
    await h.close();
  },
});

Deno.test("state remembered for a channel not subscribed to is not sent with other channels", async () => {
  const h = await start();
  await setState(h, ["z"], { away: true });
  await cooling(h, ["a"]);
  assert.equal(h.heartbeats()[0].query.get("state"), null);
  assert.equal(h.server.requests.filter(isSubscribe)[0].query.get("state"), null);
  await h.close();
});

Deno.test("unsubscribe sends LEAVE for the removed channels only, never for -pnpres names", async () => {
  const h = await start();
  await cooling(h, ["a", "b"], true);
  h.pubnub.unsubscribe().channels("a").execute();
  assert.deepEqual(h.log.slice(4), ["LEFT", "CANCEL_WAIT", "LEAVE", "HEARTBEAT"]);
  await until(() => h.leaves().length === 1 && h.heartbeats().length === 2, "leave and heartbeat");
  assert.deepEqual(h.leaves().map((r) => r.path), ["/v2/presence/sub-key/demo/channel/a/leave"]);
  assert.equal(h.heartbeats()[1].path, "/v2/presence/sub-key/demo/channel/b/heartbeat");
  assert.deepEqual(h.pubnub.getSubscribedChannels().sort(), ["b", "b-pnpres"]);
  await h.close();
});

Deno.test("unsubscribing only a presence channel sends no leave", async () => {
  const h = await start();
  await cooling(h, ["a"], true);
  h.pubnub.unsubscribe().channels("a-pnpres").execute();
  assert.deepEqual(h.sent().filter(isLeavePath), []);
  assert.deepEqual(h.pubnub.getSubscribedChannels(), ["a"]);
  await h.close();
});

Deno.test("suppressLeaveEvents: unsubscribe, disconnect and stop send no leave", async () => {
  const h = await start([], { suppressLeaveEvents: true });
  await cooling(h, ["a", "b"]);
  h.pubnub.unsubscribe().channels("a").execute();
  assert.deepEqual(h.log.slice(4), ["LEFT", "CANCEL_WAIT", "HEARTBEAT"]);
  await until(() => h.heartbeats().length === 2, "the heartbeat for b");
  h.pubnub.disconnect();
  await h.pubnub.stop();
  assert.deepEqual(h.sent().filter(isLeavePath), []);
  assert.equal(h.log.includes("LEAVE"), false);
  await h.close();
});

Deno.test("disconnect(): HEARTBEAT_STOPPED with a leave; silent until reconnect() heartbeats again", async () => {
  const h = await start();
  await cooling(h, ["a", "b"]);
  h.pubnub.disconnect();
  assert.deepEqual(h.log.slice(4), ["DISCONNECT", "CANCEL_WAIT", "LEAVE"]);
  await until(() => h.leaves().length === 1, "the leave");
  assert.equal(h.leaves()[0].path, "/v2/presence/sub-key/demo/channel/a,b/leave");
  assert.equal(h.clock.pending, 0, "the WAIT was cancelled");
  await h.clock.advance(60_000);
  assert.equal(h.sent().filter(isHeartbeatPath).length, 1, "no heartbeat while stopped");
  // Joining while stopped updates the lists but sends nothing.
  h.pubnub.subscribe().channels("c").execute();
  assert.equal(h.sent().filter(isHeartbeatPath).length, 1);
  h.pubnub.reconnect();
  await until(() => h.heartbeats().length === 2, "the heartbeat after reconnect");
  assert.equal(h.heartbeats()[1].path, "/v2/presence/sub-key/demo/channel/a,b,c/heartbeat");
  assert.deepEqual(h.log.slice(7, 9), ["JOINED", "RECONNECT"]);
  await h.close();
});

Deno.test("a heartbeat 403 gives up at once and emits a heartbeat status carrying 403", async () => {
  const h = await start([FORBIDDEN]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.log.at(-1) === "EMIT_STATUS", "the give-up");
  assert.deepEqual(h.log, [
    "JOINED",
    "HEARTBEAT",
    "HEARTBEAT_FAILURE",
    "DELAYED_HEARTBEAT",
    "HEARTBEAT_GIVEUP",
    "CANCEL_DELAYED_HEARTBEAT",
    "EMIT_STATUS",
  ]);
  const statuses = h.listener.statuses.filter((s) => s.operation === "PNHeartbeatOperation");
  assert.equal(statuses.length, 1);
  assert.equal(statuses[0].category, "PNAccessDeniedCategory");
  assert.equal(statuses[0].statusCode, 403);
  assert.equal(statuses[0].isError(), true);
  assert.deepEqual(statuses[0].affectedChannels, ["ch"]);
  assert.match(String((statuses[0].errorData as { reconnection?: unknown }).reconnection), /403/);
  assert.equal(h.clock.pending, 0, "no WAIT and no retry after a give-up");
  await h.clock.advance(60_000);
  assert.equal(h.sent().filter(isHeartbeatPath).length, 1);
  await h.close();
});

Deno.test("heartbeat 500s: retried with the policy's delays, then a give-up status", async () => {
  const h = await start([SERVER_ERROR, SERVER_ERROR, SERVER_ERROR], {
    reconnectionPolicy: "EXPONENTIAL",
    maximumReconnectionRetries: 2,
  });
  h.pubnub.subscribe().channels("ch").execute();
  const delays: number[][] = [];
  for (let i = 0; i < 2; i++) {
    await until(() => h.clock.pending === 1, `retry ${i + 1}`);
    delays.push(h.clock.pendingDelays());
    await h.clock.advance(delays[i][0]);
  }
  assert.deepEqual(delays, [[2000], [4000]]);
  await until(() => h.log.at(-1) === "EMIT_STATUS", "the give-up");
  const [status] = h.listener.statuses.filter((s) => s.operation === "PNHeartbeatOperation");
  assert.equal(status.category, "PNServerErrorCategory");
  assert.equal(status.statusCode, 500);
  assert.match(String((status.errorData as { reconnection?: unknown }).reconnection), /gave up/);
  assert.equal(h.heartbeats().length, 3);
  // After a give-up a new join heartbeats again.
  h.pubnub.subscribe().channels("other").execute();
  await until(() => h.heartbeats().length === 4, "the heartbeat after JOINED");
  await h.close();
});

Deno.test("stop() sends the leave and leaves nothing scheduled", async () => {
  const h = await start();
  await cooling(h, ["a"]);
  await h.pubnub.stop();
  assert.deepEqual(h.log.slice(4), ["LEFT_ALL", "CANCEL_WAIT", "LEAVE"]);
  assert.equal(h.leaves().length, 1, "stop() waited for the leave");
  assert.equal(h.clock.pending, 0);
  await h.close();
});

Deno.test("a heartbeat still in flight when disconnect() happens restarts nothing", async () => {
  const server = await presenceServer([{ ...HEARTBEAT_OK, delayMs: 40 }]);
  const clock = new ManualClock();
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "user-1",
    origin: server.origin,
    ssl: false,
    heartbeatInterval: 5,
  }, { clock, random: () => 0 });
  const log: string[] = [];
  pubnub.observeEngine((e) => e.engine === "presence" && log.push(e.name));
  pubnub.subscribe().channels("ch").execute();
  await until(() => server.requests.some(isHeartbeat), "the heartbeat");
  pubnub.disconnect();
  await pause(80);
  assert.equal(clock.pending, 0, "a late HEARTBEAT_SUCCESS does not start a WAIT when stopped");
  assert.equal(log.includes("WAIT"), false);
  await pubnub.stop();
  await server.close();
});

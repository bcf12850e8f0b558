/**
 * `connectionState` as a UI sees it: a client behind a cuttable proxy, on a manual clock, with a
 * listener that records every change. The state is read from the subscribe loop, so the getter
 * and the listener always agree.
 */
import assert from "node:assert/strict";
import { ManualClock } from "./clock.ts";
import { PubNub } from "./pubnub.ts";
import type { ConnectionStateChange } from "../core/subscribe/connection_state.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { startTcpProxy } from "../testing/tcp_proxy.ts";
import { until } from "../testing/local_clients.ts";

Deno.test("a UI observer sees reconnecting at once after a cut (attempt, delay, reason) and connected on recovery", async () => {
  let polls = 0;
  const server = await startScriptedServer((request) => {
    if (!request.path.startsWith("/v2/subscribe/")) return { status: 200, body: "{}" };
    // The handshake answers, the first long-poll hangs until the cut, the reconnect's long-poll
    // brings what was published meanwhile, and the next one hangs.
    const index = polls++;
    if (index === 0) return { status: 200, body: '{"t":{"t":"17000000000000001","r":1},"m":[]}' };
    if (index !== 2) return { fault: "hang" };
    const m = [{ c: "room", d: "while away", p: { t: "17000000000000002", r: 1 }, i: "p" }];
    return { status: 200, body: JSON.stringify({ t: { t: "17000000000000002", r: 1 }, m }) };
  });
  const proxy = startTcpProxy(server.origin);
  const clock = new ManualClock();
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "ui",
    origin: proxy.origin,
    ssl: false,
    reconnectionPolicy: "LINEAR",
  }, { clock, random: () => 0 });
  const seen: ConnectionStateChange[] = [];
  const shown: string[] = [];
  pubnub.addListener({
    connectionState(_p, change) {
      seen.push(change);
      shown.push(`${change.state} (getter: ${pubnub.connectionState})`);
    },
  });
  assert.equal(pubnub.connectionState, "disconnected");
  pubnub.subscribe().channels("room").execute();
  await until(() => pubnub.connectionState === "connected", "connected");
  await until(() => polls === 2, "the long-poll");

  // The cut: the open long-poll dies and new connections are refused, so fetch cannot retry.
  proxy.setDown(true);
  proxy.cutAll();
  await until(() => seen.at(-1)?.state === "reconnecting", "reconnecting");
  // Nothing moved on the clock: the UI heard it at once, with what it needs to say so.
  const reconnecting = seen.at(-1)!;
  assert.equal(reconnecting.previous, "connected");
  assert.equal(reconnecting.attempt, 1);
  assert.equal(reconnecting.delayMs, 2000);
  assert.equal(reconnecting.reason, "the connection was lost");
  assert.ok(reconnecting.status?.isError());
  assert.deepEqual(clock.pendingDelays(), [2000]);
  assert.equal(pubnub.connectionState, "reconnecting");

  proxy.setDown(false);
  await clock.advance(2000);
  await until(() => seen.at(-1)?.state === "connected", "connected again");
  assert.equal(seen.at(-1)!.previous, "reconnecting");
  assert.deepEqual(shown, [
    "connecting (getter: connecting)",
    "connected (getter: connected)",
    "reconnecting (getter: reconnecting)",
    "connected (getter: connected)",
  ]);
  await pubnub.stop();
  assert.equal(pubnub.connectionState, "disconnected");
  await proxy.close();
  await server.close();
});

Deno.test("a policy that never retries goes from connected to failed, announcing no reconnect it will not make", async () => {
  let polls = 0;
  const server = await startScriptedServer((request) => {
    if (!request.path.startsWith("/v2/subscribe/")) return { status: 200, body: "{}" };
    return polls++ === 0
      ? { status: 200, body: '{"t":{"t":"17000000000000001","r":1},"m":[]}' }
      : { status: 500, body: '{"status":500,"error":true,"message":"trouble"}' };
  });
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "ui",
    origin: server.origin,
    ssl: false,
    reconnectionPolicy: "NONE",
  }, { clock: new ManualClock(), random: () => 0 });
  const seen: ConnectionStateChange[] = [];
  pubnub.addListener({ connectionState: (_p, change) => seen.push(change) });
  pubnub.subscribe().channels("room").execute();
  await until(() => pubnub.connectionState === "failed", "failed");
  assert.deepEqual(seen.map((c) => `${c.previous} → ${c.state}`), [
    "disconnected → connecting",
    "connecting → connected",
    "connected → failed",
  ]);
  assert.equal(seen[2].status?.statusCode, 500);
  assert.equal(seen[2].reason, "reconnection attempts were given up");
  await pubnub.stop();
  await server.close();
});

/**
 * `SubscribeListener`, the seed's listener with promises: what already arrived resolves at once,
 * what is still to come resolves when it arrives, per channel.
 */
import assert from "node:assert/strict";
import { SubscribeListener } from "./subscribe_listener.ts";
import { PNStatus } from "../core/status.ts";
import { PubNubError } from "../core/error.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { PubNub } from "./pubnub.ts";
import { ManualClock } from "./clock.ts";
import type { PNStatusCategoryName } from "../core/categories.ts";
import type { PNMessageResult, PNPresenceEventResult } from "../core/subscribe/envelope.ts";

function status(category: PNStatusCategoryName): PNStatus {
  return new PNStatus({ category, operation: "PNSubscribeOperation", error: false });
}

function message(text: string, channel: string): PNMessageResult {
  return {
    message: text,
    subscription: undefined,
    channel,
    timetoken: "17000000000000001",
    userMetadata: undefined,
    publisher: "pub",
    customMessageType: undefined,
  };
}

function presence(uuid: string, channel: string): PNPresenceEventResult {
  return {
    event: "join",
    uuid,
    timestamp: 1,
    occupancy: 1,
    subscription: undefined,
    channel,
    timetoken: "17000000000000001",
    state: undefined,
    userMetadata: undefined,
  };
}

/** Whether `promise` has settled after the current microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => done = true, () => done = true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

Deno.test("everything received is kept, in order", () => {
  const l = new SubscribeListener();
  l.status(undefined, status("PNConnectedCategory"));
  l.message(undefined, message("m", "a"));
  l.presence(undefined, presence("u", "a"));
  l.signal(undefined, { ...message("s", "a") });
  assert.deepEqual(l.statuses.map((s) => s.category), ["PNConnectedCategory"]);
  assert.deepEqual(l.messages.map((m) => m.message), ["m"]);
  assert.deepEqual(l.presenceEvents.map((p) => p.uuid), ["u"]);
  assert.deepEqual(l.signals.map((s) => s.message), ["s"]);
});

Deno.test("waitForConnect: already connected resolves at once", async () => {
  const l = new SubscribeListener();
  const first = status("PNConnectedCategory");
  l.status(undefined, first);
  assert.equal(await l.waitForConnect(), first);
});

Deno.test("waitForConnect: waits for a future Connected and ignores other statuses", async () => {
  const l = new SubscribeListener();
  const waiting = l.waitForConnect();
  l.status(undefined, status("PNSubscriptionChangedCategory"));
  l.status(undefined, status("PNDisconnectedCategory"));
  assert.equal(await settled(waiting), false);
  const connected = status("PNConnectedCategory");
  l.status(undefined, connected);
  assert.equal(await waiting, connected);
});

Deno.test("waitForDisconnect resolves on Disconnected or UnexpectedDisconnect", async () => {
  const a = new SubscribeListener();
  const waitingA = a.waitForDisconnect();
  a.status(undefined, status("PNConnectedCategory"));
  assert.equal(await settled(waitingA), false);
  a.status(undefined, status("PNDisconnectedCategory"));
  assert.equal((await waitingA).category, "PNDisconnectedCategory");

  const b = new SubscribeListener();
  b.status(undefined, status("PNUnexpectedDisconnectCategory"));
  assert.equal((await b.waitForDisconnect()).category, "PNUnexpectedDisconnectCategory");
});

Deno.test("waitForMessageOn: a message that already arrived resolves at once, each only once", async () => {
  const l = new SubscribeListener();
  l.message(undefined, message("a1", "a"));
  l.message(undefined, message("a2", "a"));
  assert.equal((await l.waitForMessageOn("a")).message, "a1");
  assert.equal((await l.waitForMessageOn("a")).message, "a2");
  const third = l.waitForMessageOn("a");
  assert.equal(await settled(third), false, "no third message yet");
  l.message(undefined, message("a3", "a"));
  assert.equal((await third).message, "a3");
});

Deno.test("waitForMessageOn: a future message on the named channel, not on others", async () => {
  const l = new SubscribeListener();
  const waiting = l.waitForMessageOn("a");
  l.message(undefined, message("b1", "b"));
  assert.equal(await settled(waiting), false);
  l.message(undefined, message("a1", "a"));
  assert.equal((await waiting).message, "a1");
});

Deno.test("waitForMessageOn with several channels takes the first on any of them", async () => {
  const l = new SubscribeListener();
  l.message(undefined, message("x", "x"));
  l.message(undefined, message("c", "c"));
  assert.equal((await l.waitForMessageOn("b", "c")).message, "c");
  const waiting = l.waitForMessageOn("b", "c");
  l.message(undefined, message("b", "b"));
  assert.equal((await waiting).message, "b");
});

Deno.test("waitForMessageOn with no channel takes the next message anywhere", async () => {
  const l = new SubscribeListener();
  l.message(undefined, message("first", "q"));
  assert.equal((await l.waitForMessageOn()).message, "first");
  const waiting = l.waitForMessageOn();
  l.message(undefined, message("second", "r"));
  assert.equal((await waiting).message, "second");
});

Deno.test("waitForPresenceOn: already-arrived and future events, per channel", async () => {
  const l = new SubscribeListener();
  l.presence(undefined, presence("u1", "a"));
  assert.equal((await l.waitForPresenceOn("a")).uuid, "u1");
  const waiting = l.waitForPresenceOn("a");
  l.presence(undefined, presence("u2", "b"));
  assert.equal(await settled(waiting), false);
  l.presence(undefined, presence("u3", "a"));
  assert.equal((await waiting).uuid, "u3");
  // Presence and messages have their own cursors.
  l.message(undefined, message("m", "a"));
  assert.equal((await l.waitForMessageOn("a")).message, "m");
});

Deno.test({
  name: "two pending waits on a channel get two different messages",
  async fn() {
    const l = new SubscribeListener();
    const first = l.waitForMessageOn("a");
    const second = l.waitForMessageOn("a");
    l.message(undefined, message("a1", "a"));
    l.message(undefined, message("a2", "a"));
    assert.equal((await first).message, "a1");
    assert.equal((await second).message, "a2");
  },
});

Deno.test("when the loop gives up, pending waits for connect, messages and presence reject with the status; waitForDisconnect resolves", async () => {
  const listener = new SubscribeListener();
  const connect = listener.waitForConnect().then(() => "resolved", (e) => e);
  const onMessage = listener.waitForMessageOn("a").then(() => "resolved", (e) => e);
  const onPresence = listener.waitForPresenceOn("a").then(() => "resolved", (e) => e);
  const disconnect = listener.waitForDisconnect();
  const gaveUp = new PNStatus({
    category: "PNUnexpectedDisconnectCategory",
    operation: "PNSubscribeOperation",
    error: true,
    errorData: { message: "no network" },
  });
  listener.status(undefined, gaveUp);
  for (const outcome of [await connect, await onMessage, await onPresence]) {
    assert.ok(outcome instanceof PubNubError, `expected a rejection, got ${outcome}`);
    assert.equal(outcome.status, gaveUp);
    assert.match(outcome.message, /gave up \(PNUnexpectedDisconnectCategory\): no network/);
  }
  assert.equal(await disconnect, gaveUp);
  // Later waits are not poisoned: a message that arrives after a reconnect is handed out.
  const later = listener.waitForMessageOn("a");
  listener.message(undefined, message("back", "a"));
  assert.equal((await later).message, "back");
});

Deno.test("waitForConnect rejects when the handshake gives up (a channel too long for a URL) instead of hanging", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: "{}" }));
  const pubnub = new PubNub({
    subscribeKey: "s",
    userId: "u",
    origin: server.origin,
    ssl: false,
  });
  try {
    const listener = new SubscribeListener();
    pubnub.addListener(listener);
    pubnub.subscribe().channels("x".repeat(100_000)).execute();
    const error = await listener.waitForConnect().then(() => undefined, (e: PubNubError) => e);
    assert.ok(error instanceof PubNubError);
    assert.equal(error.status.category, "PNConnectionErrorCategory");
    assert.match(error.message, /URI limit of 32768/);
    assert.equal(server.requests.length, 0);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("a SubscribeListener added after the client connected: waitForConnect resolves at once", async () => {
  const server = await startScriptedServer((request) =>
    request.query.has("tt")
      ? { fault: "hang" }
      : { status: 200, body: '{"t":{"t":"17000000000000000","r":1},"m":[]}' }
  );
  const pubnub = new PubNub({
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
  });
  try {
    await pubnub.subscribe().channels("a").execute();
    const late = new SubscribeListener();
    pubnub.addListener(late);
    const connected = late.waitForConnect();
    assert.ok(await settled(connected), "waitForConnect still waits for a past connection");
    const status = await connected;
    assert.equal(status.category, "PNConnectedCategory");
    assert.deepEqual(status.affectedChannels, ["a"]);
    // One handshake only: the late listener was told, nothing was sent again.
    assert.equal(server.requests.filter((r) => !r.query.has("tt")).length, 1);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("a SubscribeListener added before any subscribe is told nothing", () => {
  const pubnub = new PubNub({ subscribeKey: "sub", userId: "u1" });
  const listener = new SubscribeListener();
  pubnub.addListener(listener);
  assert.deepEqual(listener.statuses, []);
});

Deno.test("every wait takes a timeout and rejects with a clear error when it passes", async () => {
  const clock = new ManualClock();
  const l = new SubscribeListener({ clock });
  const waits: [string, Promise<unknown>, RegExp][] = [
    ["connect", l.waitForConnect({ timeoutMs: 500 }), /500 ms waiting for a connected status/],
    [
      "disconnect",
      l.waitForDisconnect({ timeoutMs: 500 }),
      /500 ms waiting for a disconnected status/,
    ],
    [
      "message",
      l.waitForMessageOn("a", "b", { timeoutMs: 500 }),
      /500 ms waiting for a message on "a" or "b"/,
    ],
    ["presence", l.waitForPresenceOn({ timeoutMs: 500 }), /500 ms waiting for a presence event$/],
  ];
  await clock.advance(499);
  for (const [name, wait] of waits) assert.equal(await settled(wait), false, name);
  await clock.advance(1);
  for (const [name, wait, message] of waits) {
    const error = await wait.then(() => assert.fail(`${name} resolved`), (e: unknown) => e);
    assert.ok(error instanceof PubNubError, name);
    assert.match(error.message, message);
    assert.equal(error.status.category, "PNTimeoutCategory");
  }
  assert.equal(clock.pending, 0);
});

Deno.test("a wait met in time clears its timer; the timed-out one no longer takes values", async () => {
  const clock = new ManualClock();
  const l = new SubscribeListener({ clock });
  const met = l.waitForMessageOn("a", { timeoutMs: 1000 });
  const missed = l.waitForMessageOn("b", { timeoutMs: 10 });
  missed.catch(() => {});
  l.message(undefined, message("m1", "a"));
  assert.equal((await met).message, "m1");
  await clock.advance(10);
  await assert.rejects(missed, /Timed out after 10 ms/);
  assert.equal(clock.pending, 0);
  l.message(undefined, message("m2", "b"));
  assert.equal((await l.waitForMessageOn("b")).message, "m2", "still available to a new wait");
});

Deno.test("a bad timeout is refused at once", () => {
  const l = new SubscribeListener();
  for (const timeoutMs of [0, -1, NaN, Infinity, "5" as unknown as number]) {
    assert.throws(() => l.waitForConnect({ timeoutMs }), /timeoutMs must be a positive number/);
  }
});

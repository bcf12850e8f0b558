/**
 * The subscribe loop end to end against the local server: ordering, exactly-once delivery,
 * catch-up across cut connections, restore, unsubscribe semantics and clean shutdown.
 */
import assert from "node:assert/strict";
import { startServer } from "../../server.ts";
import { PubNub, type PubNubOptions } from "./pubnub.ts";
import { SubscribeListener } from "./subscribe_listener.ts";
import type { Clock } from "./clock.ts";
import { startTcpProxy } from "../testing/tcp_proxy.ts";
import type { PNConfigurationOptions } from "../core/config.ts";
import { until } from "../testing/local_clients.ts";

const KEYS = { publishKey: "demo", subscribeKey: "demo" };

/** The real clock with every delay divided by 100, so reconnect back-offs take milliseconds. */
const fastClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms / 100),
  clearTimeout: (handle) => clearTimeout(handle as number),
};

function client(
  origin: string,
  userId: string,
  config: Partial<PNConfigurationOptions> = {},
  options: PubNubOptions = {},
): PubNub {
  return new PubNub({ ...KEYS, userId, origin, ssl: false, ...config }, options);
}

Deno.test('a plain subscribe that receives one message logs exactly the ten entries of docs/protocol.md "Subscribe engine example log"', async () => {
  const server = await startServer({ port: 0 });
  const alice = client(server.origin, "alice");
  const log: string[] = [];
  alice.observeEngine((entry) => log.push(`${entry.engine} ${entry.type} ${entry.name}`));
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels("room").execute();
  await listener.waitForConnect();
  await alice.publish().channel("room").message("hello").future();
  const message = await listener.waitForMessageOn("room");
  assert.equal(message.message, "hello");
  await until(() => log.length >= 10, "the second long-poll");
  assert.deepEqual(log, [
    "subscribe event SUBSCRIPTION_CHANGED",
    "subscribe invocation HANDSHAKE",
    "subscribe event HANDSHAKE_SUCCESS",
    "subscribe invocation CANCEL_HANDSHAKE",
    "subscribe invocation EMIT_STATUS",
    "subscribe invocation RECEIVE_MESSAGES",
    "subscribe event RECEIVE_SUCCESS",
    "subscribe invocation CANCEL_RECEIVE_MESSAGES",
    "subscribe invocation EMIT_MESSAGES",
    "subscribe invocation RECEIVE_MESSAGES",
  ]);
  await alice.stop();
  await server.close();
});

Deno.test("1,000 messages published serially arrive once and in order", async () => {
  const server = await startServer({ port: 0 });
  const publisher = client(server.origin, "pub");
  const subscriber = client(server.origin, "sub");
  const listener = new SubscribeListener();
  subscriber.addListener(listener);
  subscriber.subscribe().channels("stream").execute();
  await listener.waitForConnect();
  for (let i = 0; i < 1000; i++) {
    await publisher.publish().channel("stream").message({ i }).future();
  }
  await until(() => listener.messages.length >= 1000, "1,000 messages");
  await new Promise((resolve) => setTimeout(resolve, 50)); // any duplicate would show up now
  assert.deepEqual(listener.messages.map((m) => (m.message as { i: number }).i), [
    ...Array(1000).keys(),
  ]);
  const timetokens = listener.messages.map((m) => BigInt(m.timetoken));
  assert.ok(timetokens.every((t, i) => i === 0 || t > timetokens[i - 1]), "timetokens increase");
  await publisher.stop();
  await subscriber.stop();
  await server.close();
});

Deno.test("a subscriber whose connection is cut repeatedly loses nothing and duplicates nothing", async () => {
  const server = await startServer({ port: 0 });
  const proxy = startTcpProxy(server.origin);
  const publisher = client(server.origin, "pub");
  const subscriber = client(proxy.origin, "sub", {
    reconnectionPolicy: "LINEAR",
    maximumReconnectionRetries: -1,
  }, {
    clock: fastClock,
  });
  const listener = new SubscribeListener();
  subscriber.addListener(listener);
  subscriber.subscribe().channels("flaky").execute();
  await listener.waitForConnect();
  // Twenty outages. During each, open connections die, new ones are refused for a moment (so
  // fetch's own silent retry fails too and the loop must reconnect by itself), and messages keep
  // being published; the subscriber must catch up on them from its last timetoken. Each round
  // stays well inside the server's 100-message window.
  let cuts = 0;
  let published = 0;
  for (let round = 0; round < 20; round++) {
    proxy.setDown(true);
    cuts += proxy.cutAll();
    for (let k = 0; k < 10; k++) {
      await publisher.publish().channel("flaky").message(published++).future();
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    proxy.setDown(false);
    for (let k = 0; k < 5; k++) {
      await publisher.publish().channel("flaky").message(published++).future();
    }
    await until(
      () => listener.messages.length >= published,
      `round ${round}: ${published} messages`,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // any duplicate would show up now
  assert.ok(cuts >= 3, `connections were really cut (${cuts})`);
  assert.deepEqual(listener.messages.map((m) => m.message), [...Array(300).keys()]);
  const reconnects = listener.statuses.filter((s) => s.category === "PNReconnectedCategory");
  assert.ok(reconnects.length >= 3, `the loop reconnected by itself (${reconnects.length} times)`);
  await publisher.stop();
  await subscriber.stop();
  await proxy.close();
  await server.close();
});

Deno.test("disconnect() then reconnect() resumes from the last timetoken with no gap", async () => {
  const server = await startServer({ port: 0 });
  const publisher = client(server.origin, "pub");
  const subscriber = client(server.origin, "sub");
  const listener = new SubscribeListener();
  subscriber.addListener(listener);
  subscriber.subscribe().channels("pause").execute();
  await listener.waitForConnect();
  await publisher.publish().channel("pause").message("before").future();
  await listener.waitForMessageOn("pause");
  subscriber.disconnect();
  await listener.waitForDisconnect();
  for (const text of ["while-away-1", "while-away-2"]) {
    await publisher.publish().channel("pause").message(text).future();
  }
  subscriber.reconnect();
  await publisher.publish().channel("pause").message("after").future();
  await until(() => listener.messages.length >= 4, "the messages published while away");
  assert.deepEqual(listener.messages.map((m) => m.message), [
    "before",
    "while-away-1",
    "while-away-2",
    "after",
  ]);
  await publisher.stop();
  await subscriber.stop();
  await server.close();
});

Deno.test("unsubscribeAll() drops the timetoken: a new subscribe starts from a new one", async () => {
  const server = await startServer({ port: 0 });
  const publisher = client(server.origin, "pub");
  const subscriber = client(server.origin, "sub");
  const listener = new SubscribeListener();
  subscriber.addListener(listener);
  subscriber.subscribe().channels("reset").execute();
  await listener.waitForConnect();
  subscriber.unsubscribeAll();
  await publisher.publish().channel("reset").message("missed").future();
  const connected = listener.statuses.length;
  subscriber.subscribe().channels("reset").execute();
  await until(
    () => listener.statuses.slice(connected).some((s) => s.category === "PNConnectedCategory"),
    "the second connect",
  );
  await publisher.publish().channel("reset").message("seen").future();
  await listener.waitForMessageOn("reset");
  assert.deepEqual(listener.messages.map((m) => m.message), ["seen"]);
  await publisher.stop();
  await subscriber.stop();
  await server.close();
});

Deno.test("withTimetoken restores: messages published since that timetoken are delivered", async () => {
  const server = await startServer({ port: 0 });
  const publisher = client(server.origin, "pub");
  const { result: start } = await publisher.time().future();
  for (const n of [1, 2, 3]) await publisher.publish().channel("history").message(n).future();
  const subscriber = client(server.origin, "sub");
  const listener = new SubscribeListener();
  subscriber.addListener(listener);
  subscriber.subscribe().channels("history").withTimetoken(start.timetoken).execute();
  await until(() => listener.messages.length >= 3, "the three earlier messages");
  assert.deepEqual(listener.messages.map((m) => m.message), [1, 2, 3]);
  await publisher.stop();
  await subscriber.stop();
  await server.close();
});

Deno.test("groups, wildcards and presence arrive with their subscription and channel", async () => {
  const server = await startServer({ port: 0 });
  const alice = client(server.origin, "alice");
  const bob = client(server.origin, "bob");
  await alice.publish().channel("x").message("warm-up").future(); // the keyset exists
  const groups = await fetch(
    `http://${server.origin}/v1/channel-registration/sub-key/demo/channel-group/team?add=g1,g2&uuid=alice`,
  );
  assert.equal(groups.status, 200);
  await groups.body?.cancel();
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels(["sports.*", "lobby"]).channelGroups("team").withPresence().execute();
  await listener.waitForConnect();
  bob.subscribe().channels("lobby").execute();
  const join = await listener.waitForPresenceOn("lobby");
  assert.equal(join.event, "join");
  assert.equal(join.uuid === "alice" || join.uuid === "bob", true);
  await bob.publish().channel("sports.tennis").message("ace").future();
  await bob.publish().channel("g2").message("grouped").future();
  const wildcard = await listener.waitForMessageOn("sports.tennis");
  assert.equal(wildcard.subscription, "sports.*");
  assert.equal(wildcard.publisher, "bob");
  const grouped = await listener.waitForMessageOn("g2");
  assert.equal(grouped.subscription, "team");
  await bob.signal().channel("lobby").message("typing").future();
  await until(() => listener.signals.length === 1, "the signal");
  assert.equal(listener.signals[0].message, "typing");
  assert.equal(listener.signals[0].channel, "lobby");
  await alice.stop();
  await bob.stop();
  await server.close();
});

Deno.test("an exception in one listener is reported and breaks neither the loop nor other listeners", async () => {
  const server = await startServer({ port: 0 });
  const reported: unknown[] = [];
  const alice = client(server.origin, "alice", {}, { onError: (error) => reported.push(error) });
  const listener = new SubscribeListener();
  alice.addListener({
    message() {
      throw new Error("listener bug");
    },
  });
  alice.addListener(listener);
  alice.addListener(listener); // added once
  alice.subscribe().channels("robust").execute();
  await listener.waitForConnect();
  await alice.publish().channel("robust").message(1).future();
  await alice.publish().channel("robust").message(2).future();
  await until(() => listener.messages.length >= 2, "both messages");
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(listener.messages.map((m) => m.message), [1, 2]);
  assert.equal(reported.length, 2);
  assert.match(String(reported[0]), /listener bug/);
  await alice.stop();
  await server.close();
});

Deno.test("messages() iterates a channel and unsubscribes when the loop ends", async () => {
  const server = await startServer({ port: 0 });
  const alice = client(server.origin, "alice");
  const publisher = client(server.origin, "pub");
  const received: unknown[] = [];
  const consuming = (async () => {
    for await (const m of alice.messages({ channels: ["feed"] })) {
      received.push(m.message);
      if (received.length === 3) break;
    }
  })();
  await until(() => alice.getSubscribedChannels().includes("feed"), "the subscribe");
  // Publish until the iterator has what it needs: the first may precede the handshake.
  for (let i = 0; received.length < 3 && i < 50; i++) {
    await publisher.publish().channel("feed").message(i).future();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await consuming;
  assert.equal(received.length, 3);
  assert.deepEqual(alice.getSubscribedChannels(), []);
  await alice.stop();
  await publisher.stop();
  await server.close();
});

Deno.test("dedupeOnSubscribe drops a message delivered twice by a restore over the same range", async () => {
  const server = await startServer({ port: 0 });
  const publisher = client(server.origin, "pub");
  const { result: start } = await publisher.time().future();
  await publisher.publish().channel("dup").message("once").future();
  const subscriber = client(server.origin, "sub", { dedupeOnSubscribe: true });
  const listener = new SubscribeListener();
  subscriber.addListener(listener);
  subscriber.subscribe().channels("dup").withTimetoken(start.timetoken).execute();
  await listener.waitForMessageOn("dup");
  // Going back to the same timetoken replays the same envelope; the cache must drop it.
  subscriber.disconnect();
  subscriber.reconnect(start.timetoken);
  await publisher.publish().channel("dup").message("twice").future();
  await listener.waitForMessageOn("dup");
  assert.deepEqual(listener.messages.map((m) => m.message), ["once", "twice"]);
  await publisher.stop();
  await subscriber.stop();
  await server.close();
});

Deno.test("stop() with a long-poll, a heartbeat timer and a reconnect timer pending leaks nothing", async () => {
  const server = await startServer({ port: 0 });
  const alice = client(server.origin, "alice", { heartbeatInterval: 60 });
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels(["a", "b"]).withPresence().execute();
  await listener.waitForConnect();
  await alice.stop();
  await server.close();

  // A client whose server is gone sits in a reconnect delay; stop() must clear that timer too.
  const nowhere = client("127.0.0.1:9", "bob", {
    reconnectionPolicy: "LINEAR",
    maximumReconnectionRetries: -1,
  });
  nowhere.subscribe().channels("a").execute();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await nowhere.stop();
  // Deno's op and resource sanitizers fail this test if anything is still pending.
});

Deno.test("subscription changes made inside a listener build on each other", async () => {
  const server = await startServer({ port: 0 });
  const alice = client(server.origin, "alice");
  const publisher = client(server.origin, "pub");
  const listener = new SubscribeListener();
  let changed = false;
  alice.addListener({
    status(_p, status) {
      if (status.category !== "PNConnectedCategory" || changed) return;
      changed = true;
      // Two changes in one callback: both are queued behind the transition that called us.
      alice.subscribe().channels("b").execute();
      alice.subscribe().channels("c").execute();
      alice.unsubscribe().channels("a").execute();
      alice.subscribe().channels("d").execute();
    },
  });
  alice.addListener(listener);
  alice.subscribe().channels("a").execute();
  await until(() => changed, "the connect callback");
  assert.deepEqual(alice.getSubscribedChannels().sort(), ["b", "c", "d"]);
  await until(
    () => ["b", "c", "d"].every((c) => alice.getSubscribedChannels().includes(c)),
    "the queued changes",
  );
  await new Promise((resolve) => setTimeout(resolve, 30));
  for (const channel of ["a", "b", "c", "d"]) {
    await publisher.publish().channel(channel).message(channel).future();
  }
  await until(() => listener.messages.length >= 3, "messages on b, c and d");
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(listener.messages.map((m) => m.message).sort(), ["b", "c", "d"]);
  await alice.stop();
  await publisher.stop();
  await server.close();
});

Deno.test("a message stream that ends keeps the app's own subscription; stop() ends a stream", async () => {
  const server = await startServer({ port: 0 });
  const alice = client(server.origin, "alice");
  const publisher = client(server.origin, "pub");
  const appListener = new SubscribeListener();
  alice.addListener(appListener);
  alice.subscribe().channels("shared").execute();
  await appListener.waitForConnect();

  const first = alice.messages({ channels: ["shared"] });
  const second = alice.messages({ channels: ["shared", "extra"] });
  const firstTook = first.next();
  const secondTook = second.next();
  await until(
    () => alice.getSubscribedChannels().includes("extra"),
    "the second stream's subscribe",
  );
  await publisher.publish().channel("shared").message("one").future();
  assert.equal((await firstTook).value?.message, "one");
  assert.equal((await secondTook).value?.message, "one");
  await first.return!();
  assert.deepEqual(alice.getSubscribedChannels().sort(), ["extra", "shared"], "still held");

  const pending = second.next();
  await alice.stop();
  assert.deepEqual(await pending, { value: undefined, done: true }, "stop() ends the stream");
  assert.deepEqual(alice.getSubscribedChannels(), []);
  await publisher.stop();
  await server.close();
});

Deno.test("the app's unsubscribe keeps what a message stream still holds: the stream goes on receiving", async () => {
  const server = await startServer({ port: 0 });
  const alice = client(server.origin, "alice");
  const publisher = client(server.origin, "pub");
  const appListener = new SubscribeListener();
  alice.addListener(appListener);
  const stream = alice.messages({ channels: ["held"] });
  const firstTook = stream.next();
  alice.subscribe().channels(["held", "mine"]).withPresence().execute();
  await appListener.waitForConnect();
  await publisher.publish().channel("held").message("one").future();
  assert.equal((await firstTook).value?.message, "one");

  alice.unsubscribe().channels(["held", "mine"]).execute();
  assert.deepEqual(alice.getSubscribedChannels(), ["held"], "only the stream's name is left");
  const secondTook = stream.next();
  await publisher.publish().channel("held").message("two").future();
  assert.equal((await secondTook).value?.message, "two");
  await stream.return!();
  assert.deepEqual(alice.getSubscribedChannels(), []);
  await alice.stop();
  await publisher.stop();
  await server.close();
});

Deno.test("messages() refuses bad names at once, before anything is sent", () => {
  const alice = client("127.0.0.1:9", "alice");
  assert.throws(() => alice.messages({ channels: ["ok", ""] }), /channel name #2 is empty/);
  assert.throws(
    () => alice.subscribe().channels(null as unknown as string).execute(),
    /channel name #1 is null/,
  );
  assert.throws(() => alice.reconnect("not-a-timetoken"), /is not a decimal timetoken/);
  assert.deepEqual(alice.getSubscribedChannels(), []);
});

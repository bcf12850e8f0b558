/**
 * The modular entry end to end against the local server: a chat app (subscribe with presence,
 * listeners, publish, signal, hereNow, fetchMessages) and a publish-only app, each made with
 * `createPubNub` and the features it uses, with a full `PubNub` as the peer; and the
 * configuration each feature refuses.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import {
  createPubNub,
  encryption,
  heartbeats,
  history,
  messageStreams,
  presence,
  presenceState,
  publishing,
  signals,
  subscribing,
} from "../../../modular.ts";
import { PubNubError } from "../../core/error.ts";
import { forbiddenFetch, localClient, recordingFetch, until } from "../../testing/local_clients.ts";
import { SubscribeListener } from "../subscribe_listener.ts";
import { localKeys, refused } from "./_testing.ts";

Deno.test("modular: a chat app made of five features subscribes with presence, publishes, signals, asks hereNow and fetchMessages", async () => {
  const server = await startServer({ port: 0 });
  const chat = createPubNub(localKeys(server.origin, "bob"), [
    publishing,
    signals,
    subscribing,
    presence,
    history,
  ]);
  const peer = localClient(server.origin, "alice");
  try {
    const listener = new SubscribeListener();
    const firstArguments: unknown[] = [];
    chat.addListener(listener);
    chat.addListener({ message: (client) => firstArguments.push(client) });
    chat.subscribe().channels(["room"]).withPresence().execute();
    await listener.waitForConnect({ timeoutMs: 10_000 });
    assert.equal(chat.connectionState, "connected");
    assert.deepEqual(chat.getSubscribedChannels().sort(), ["room", "room-pnpres"]);
    await until(
      () => listener.presenceEvents.some((p) => p.event === "join" && p.uuid === "bob"),
      "bob's own join",
    );

    // A message from the app itself and one from a full PubNub peer both arrive.
    const published = await chat.publish().channel("room").message({ text: "hi from bob" });
    assert.match(published.result.timetoken, /^\d{17}$/);
    await peer.publish().channel("room").message({ text: "hi from alice" }).future();
    await until(() => listener.messages.length === 2, "both messages");
    assert.deepEqual(
      listener.messages.map((m) => [m.publisher, m.message]),
      [["bob", { text: "hi from bob" }], ["alice", { text: "hi from alice" }]],
    );
    assert.equal(firstArguments[0], chat, "listeners receive the modular client itself");

    await chat.signal().channel("room").message("typing");
    await until(() => listener.signals.length === 1, "the signal");
    assert.equal(listener.signals[0].message, "typing");

    const here = await chat.hereNow().channels(["room"]).includeUuids(true);
    assert.deepEqual(here.result.channels.room.occupants.map((o) => o.uuid), ["bob"]);

    const fetched = await chat.fetchMessages().channels(["room"]).count(10);
    assert.deepEqual(
      fetched.result.channels.room.map((m) => m.message),
      [{ text: "hi from bob" }, { text: "hi from alice" }],
    );
    // What was not passed is not there, in the type and at run time.
    // @ts-expect-error: no channel group feature was passed
    assert.equal(chat.addChannelToChannelGroup, undefined);
    assert.equal("setState" in chat, false);
  } finally {
    await chat.stop();
    await peer.stop();
  }
  // stop() unsubscribed with a leave, as PubNub's does: the channel is empty again.
  const after = await localClient(server.origin, "carol").hereNow().channels(["room"]).future();
  assert.equal(after.result.channels.room?.occupancy ?? 0, 0);
  await server.close();
});

Deno.test("modular: a publish-only app publishes and fires to a full PubNub subscriber", async () => {
  const server = await startServer({ port: 0 });
  const subscriber = localClient(server.origin, "alice");
  const listener = new SubscribeListener();
  subscriber.addListener(listener);
  subscriber.subscribe().channels("news").execute();
  await listener.waitForConnect({ timeoutMs: 10_000 });
  const recorder = recordingFetch();
  const publisher = createPubNub(localKeys(server.origin, "bob"), [publishing], {
    fetch: recorder.fetch,
  });
  try {
    const { result, status } = await publisher.publish().channel("news").message({ n: 1 })
      .meta({ lang: "en" }).future();
    assert.match(result.timetoken, /^\d{17}$/);
    assert.equal(status.category, "PNAcknowledgmentCategory");
    const received = await listener.waitForMessageOn("news", { timeoutMs: 10_000 });
    assert.deepEqual([received.publisher, received.message], ["bob", { n: 1 }]);
    await publisher.fire().channel("news").message({ n: 2 });
    assert.deepEqual(recorder.urls.map((u) => u.pathname.split("/")[1]), ["publish", "publish"]);
    assert.equal(recorder.urls[1].searchParams.get("store"), "0");
    // @ts-expect-error: a publish-only client has no subscribe
    assert.equal(publisher.subscribe, undefined);
  } finally {
    await publisher.stop();
    await subscriber.stop();
    await server.close();
  }
});

Deno.test("modular: with encryption, heartbeats and presence state, the client encrypts, heartbeats and sends its state", async () => {
  const server = await startServer({ port: 0 });
  const recorder = recordingFetch();
  const config = { ...localKeys(server.origin, "bob"), cipherKey: "secret", heartbeatInterval: 20 };
  const chat = createPubNub(
    config,
    [encryption, publishing, subscribing, heartbeats, presenceState],
    { fetch: recorder.fetch },
  );
  const peer = localClient(server.origin, "alice", { cipherKey: "secret" });
  const peerListener = new SubscribeListener();
  peer.addListener(peerListener);
  try {
    peer.subscribe().channels("room").execute();
    await peerListener.waitForConnect({ timeoutMs: 10_000 });
    await chat.setState().channels(["room"]).state({ mood: "ok" });
    const listener = new SubscribeListener();
    chat.addListener(listener);
    chat.subscribe().channels("room").execute();
    await listener.waitForConnect({ timeoutMs: 10_000 });
    await until(() => recorder.urls.some((u) => u.pathname.endsWith("/heartbeat")), "a heartbeat");
    const subscribeUrl = recorder.urls.find((u) => u.pathname.startsWith("/v2/subscribe/"))!;
    assert.deepEqual(JSON.parse(subscribeUrl.searchParams.get("state")!), {
      room: { mood: "ok" },
    });

    await chat.publish().channel("room").message({ secret: "plans" });
    const received = await peerListener.waitForMessageOn("room", { timeoutMs: 10_000 });
    assert.deepEqual(received.message, { secret: "plans" }, "the peer decrypts it");
    const sent = recorder.urls.find((u) => u.pathname.startsWith("/publish/"))!;
    assert.equal(decodeURIComponent(sent.pathname).includes("plans"), false, "sent encrypted");
    const mine = await listener.waitForMessageOn("room", { timeoutMs: 10_000 });
    assert.deepEqual(mine.message, { secret: "plans" }, "and so does the modular client");
  } finally {
    await chat.stop();
    await peer.stop();
    await server.close();
  }
});

Deno.test("modular: a configuration asking for a feature that was not passed is refused, nothing sent", () => {
  const guard = forbiddenFetch();
  const base = { subscribeKey: "demo", userId: "u1" };
  refused(
    () => createPubNub({ ...base, cipherKey: "k" }, [publishing], { fetch: guard.fetch }),
    /a cipherKey needs the encryption feature/,
  );
  refused(
    () => createPubNub({ ...base, heartbeatInterval: 30 }, [subscribing]),
    /heartbeatInterval 30 needs the heartbeats feature/,
  );
  refused(
    () => createPubNub({ ...base, heartbeatInterval: 30 }, [heartbeats]),
    /the heartbeats feature needs the subscribing feature/,
  );
  refused(
    () => createPubNub(base, [messageStreams]),
    /the messageStreams feature needs the subscribing feature/,
  );
  refused(
    // @ts-expect-error: features are a list
    () => createPubNub(base, publishing),
    /createPubNub takes a list of features/,
  );
  refused(() => createPubNub({ userId: "u1" } as never, [publishing]), /subscribeKey is missing/);
  assert.equal(guard.calls, 0);
});

Deno.test("modular: a publish without publishKey is refused before anything is sent, as on PubNub", async () => {
  const guard = forbiddenFetch();
  const client = createPubNub({ subscribeKey: "demo", userId: "u1" }, [publishing], {
    fetch: guard.fetch,
  });
  await assert.rejects(
    client.publish().channel("ch").message("hi").future(),
    (error: unknown) =>
      error instanceof PubNubError && error.status.category === "PNValidationErrorCategory",
  );
  assert.equal(guard.calls, 0);
  await client.stop();
});

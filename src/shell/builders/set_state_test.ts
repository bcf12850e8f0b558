/**
 * `setState()` and `getState()` against the local server: one and several channels, groups,
 * another user's state, and the client remembering its own state for subscribe and heartbeat.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { PubNubError } from "../../core/error.ts";
import { forbiddenFetch, localClient, recordingFetch, until } from "../../testing/local_clients.ts";
import { SubscribeListener } from "../subscribe_listener.ts";
import type { GetState, SetState } from "./presence_api.ts";
import { PubNub } from "../pubnub.ts";
import { startScriptedServer } from "../../testing/scripted_server.ts";

Deno.test("setState/getState: one channel, several, groups, another user", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");

  const set = await alice.setState().channels("st-a").state({ mood: "happy" }).future();
  assert.equal(set.status.operation, "PNSetStateOperation");
  assert.deepEqual(set.result, { state: { mood: "happy" } });
  const one = await alice.getState().channels("st-a").future();
  assert.equal(one.status.operation, "PNGetStateOperation");
  assert.deepEqual(one.result, { channels: { "st-a": { mood: "happy" } } });

  await alice.setState().channels(["st-b", "st-c"]).state({ n: 2 }).future();
  const several = await alice.getState().channels(["st-a", "st-b", "st-c"]).future();
  assert.deepEqual(several.result, {
    channels: { "st-a": { mood: "happy" }, "st-b": { n: 2 }, "st-c": { n: 2 } },
  });

  await alice.addChannelToChannelGroup().channels(["st-d", "st-e"]).channelGroup("st-g").future();
  await alice.setState().channelGroups("st-g").state({ via: "group" }).future();
  const group = await alice.getState().channelGroups(["st-g"]).future();
  assert.deepEqual(group.result, {
    channels: { "st-d": { via: "group" }, "st-e": { via: "group" } },
  });
  const both = await alice.getState().channels("st-a").channelGroups("st-g").future();
  assert.deepEqual(Object.keys(both.result.channels).sort(), ["st-a", "st-d", "st-e"]);

  await alice.setState().channels("st-a").uuid("bob").state({ set: "by alice" }).future();
  const bob = await alice.getState().channels("st-a").uuid("bob").future();
  assert.deepEqual(bob.result, { channels: { "st-a": { set: "by alice" } } });
  const unset = await alice.getState().channels("st-z").future();
  assert.deepEqual(unset.result, { channels: { "st-z": {} } });

  await alice.stop();
  await server.close();
});

Deno.test("setState: the own state is sent with subscribe, and dropped on unsubscribe", async () => {
  const server = await startServer({ port: 0 });
  const recorder = recordingFetch();
  const alice = localClient(server.origin, "alice", {}, { fetch: recorder.fetch });
  const bob = localClient(server.origin, "bob");
  const listener = new SubscribeListener();
  alice.addListener(listener);

  // Set before subscribing: remembered, sent once subscribed to that channel.
  await alice.setState().channels(["ss-a", "ss-b"]).state({ typing: true }).future();
  // Someone else's state is not the client's own: not remembered.
  await alice.setState().channels("ss-a").uuid("bob").state({ not: "mine" }).future();
  alice.subscribe().channels("ss-a").execute();
  await listener.waitForConnect();
  const subscribes = () => recorder.urls.filter((u) => u.pathname.startsWith("/v2/subscribe/"));
  assert.equal(
    subscribes()[0].searchParams.get("state"),
    JSON.stringify({ "ss-a": { typing: true } }),
  );

  // A state change while subscribed goes out with the next long-poll (a message ends the held one).
  await alice.setState().channels("ss-a").state({ typing: false }).future();
  const seen = subscribes().length;
  await alice.publish().channel("ss-a").message("next poll").future();
  await until(() => subscribes().length > seen, "another long-poll");
  assert.equal(
    subscribes().at(-1)!.searchParams.get("state"),
    JSON.stringify({ "ss-a": { typing: false } }),
  );
  // Also the service has it.
  const stored = await bob.getState().channels("ss-a").uuid("alice").future();
  assert.deepEqual(stored.result.channels, { "ss-a": { typing: false } });

  // After unsubscribing from ss-a its state is forgotten: resubscribing sends none.
  alice.subscribe().channels("ss-c").execute();
  alice.unsubscribe().channels("ss-a").execute();
  await until(() => subscribes().at(-1)!.pathname.includes("/ss-c/"), "a poll of ss-c alone");
  assert.equal(subscribes().at(-1)!.searchParams.get("state"), null);
  alice.subscribe().channels("ss-a").execute();
  await until(() => subscribes().at(-1)!.pathname.includes("/ss-a,ss-c/"), "a poll of both");
  assert.equal(subscribes().at(-1)!.searchParams.get("state"), null);

  await alice.stop();
  await bob.stop();
  await server.close();
});

Deno.test("setState: a failed call is not remembered", async () => {
  const server = await startServer({ port: 0, keys: { publishKey: "pub", subscribeKey: "sub" } });
  const recorder = recordingFetch();
  const alice = localClient(server.origin, "alice", { subscribeKey: "wrong" }, {
    fetch: recorder.fetch,
  });
  await assert.rejects(
    alice.setState().channels("sf-a").state({ x: 1 }).future(),
    (error: unknown) => error instanceof PubNubError && error.status.statusCode === 400,
  );
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels("sf-a").execute();
  await until(
    () => recorder.urls.some((u) => u.pathname.startsWith("/v2/subscribe/")),
    "subscribe",
  );
  const subscribe = recorder.urls.find((u) => u.pathname.startsWith("/v2/subscribe/"))!;
  assert.equal(subscribe.searchParams.get("state"), null);
  await alice.stop();
  await server.close();
});

Deno.test("setState/getState: missing channels, empty names, bad state are refused, nothing sent", async () => {
  const guard = forbiddenFetch();
  const pubnub = localClient("127.0.0.1:9", "u1", {}, { fetch: guard.fetch });
  const cases: [string, string, () => SetState | GetState][] = [
    [
      "PNSetStateOperation",
      "Cannot set state: no channels and no channel groups given; name at least one",
      () => pubnub.setState().state({ a: 1 }),
    ],
    [
      "PNSetStateOperation",
      "Cannot set state: state must be a plain object, got undefined",
      () => pubnub.setState().channels("a"),
    ],
    [
      "PNSetStateOperation",
      "Cannot set state: state must be a plain object, got an array",
      () => pubnub.setState().channels("a").state([1] as unknown as Record<string, unknown>),
    ],
    [
      "PNSetStateOperation",
      "Cannot set state: uuid is empty",
      () => pubnub.setState().channels("a").uuid("").state({}),
    ],
    [
      "PNSetStateOperation",
      "Cannot set state: channel group name #1 is empty; names must be non-empty strings",
      () => pubnub.setState().channelGroups("").state({}),
    ],
    [
      "PNGetStateOperation",
      "Cannot get state: no channels and no channel groups given; name at least one",
      () => pubnub.getState().channels([]),
    ],
    [
      "PNGetStateOperation",
      "Cannot get state: channel name #2 is empty; names must be non-empty strings",
      () => pubnub.getState().channels(["a", ""]),
    ],
  ];
  for (const [operation, message, builder] of cases) {
    await assert.rejects(builder().future(), (error: unknown) => {
      assert.ok(error instanceof PubNubError);
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.equal(error.status.operation, operation);
      assert.equal(error.message, message);
      return true;
    });
  }
  assert.equal(guard.calls, 0);
  await pubnub.stop();
});

Deno.test("setState: two calls in flight that both fail leave nothing remembered, whichever fails first", async () => {
  const forbidden = JSON.stringify({
    status: 403,
    error: true,
    message: "Forbidden",
    service: "Access Manager",
  });
  for (const firstFailsFirst of [true, false]) {
    await bothFail(firstFailsFirst, forbidden);
  }
});

/** Two set-states of "a" in flight, both refused (the first one's answer first, or last). */
async function bothFail(firstFailsFirst: boolean, forbidden: string): Promise<void> {
  // The set-state of `{ v: <n> }` is answered after a delay that orders the two failures.
  const delayOf = (v: number) => (firstFailsFirst ? v : 3 - v) * 50;
  const server = await startScriptedServer((request) => {
    if (request.path.startsWith("/v2/subscribe/")) {
      return { status: 200, body: JSON.stringify({ t: { t: "17000000000000001", r: 1 }, m: [] }) };
    }
    const { v } = JSON.parse(request.query.get("state") ?? "{}") as { v?: number };
    return v === undefined
      ? { status: 200, body: '{"status":200,"message":"OK","service":"Presence"}' }
      : { status: 403, body: forbidden, delayMs: delayOf(v) };
  });
  const alice = new PubNub({
    subscribeKey: "demo",
    userId: "alice",
    origin: server.origin,
    ssl: false,
    heartbeatInterval: 0,
  });
  try {
    const outcomes = await Promise.allSettled([
      alice.setState().channels("a").state({ v: 1 }).future(),
      alice.setState().channels("a").state({ v: 2 }).future(),
    ]);
    for (const outcome of outcomes) {
      assert.ok(outcome.status === "rejected" && outcome.reason instanceof PubNubError);
    }
    alice.subscribe().channels("a").execute();
    await until(
      () => server.requests.some((r) => r.path.startsWith("/v2/subscribe/")),
      "a subscribe request",
    );
    const subscribe = server.requests.find((r) => r.path.startsWith("/v2/subscribe/"))!;
    assert.equal(
      subscribe.query.get("state"),
      null,
      `no refused state is sent (the ${firstFailsFirst ? "first" : "second"} call failed first)`,
    );
  } finally {
    await alice.stop();
    await server.close();
  }
}

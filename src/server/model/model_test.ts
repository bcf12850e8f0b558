import assert from "node:assert/strict";
import { envelopeWire } from "./envelope.ts";
import { parseFilter } from "./filter.ts";
import { PubSubModel } from "./model.ts";
import type { Subscription } from "./subscription.ts";

const K = "demo";
const on = (...channels: string[]): Subscription => ({ channels, groups: [] });
const payloads = (model: PubSubModel, s: Subscription, after: bigint) =>
  model.collect(K, s, after).deliveries.map((d) => d.envelope.payload);

function publish(model: PubSubModel, now: number, channel: string, message: unknown, extra = {}) {
  return model.publish(now, { subKey: K, channel, message, kind: "message", ...extra });
}

Deno.test("a subscriber gets what was published after its cursor, oldest first, once", () => {
  const model = new PubSubModel({});
  const cursor = BigInt(model.timetoken(1000));
  publish(model, 1001, "a", 1);
  publish(model, 1002, "b", 2);
  publish(model, 1003, "a", 3);
  const first = model.collect(K, on("a", "b"), cursor);
  assert.deepEqual(first.deliveries.map((d) => d.envelope.payload), [1, 2, 3]);
  assert.deepEqual(first.deliveries.map((d) => d.match), ["a", "b", "a"]);
  const again = model.collect(K, on("a", "b"), BigInt(first.timetoken));
  assert.deepEqual(again.deliveries, [], "the next cursor is past everything delivered");
  assert.equal(again.timetoken, first.timetoken);
});

Deno.test("timetokens strictly increase across time, publishes and presence", () => {
  const model = new PubSubModel({});
  const tokens: bigint[] = [];
  tokens.push(BigInt(model.timetoken(5000)));
  tokens.push(BigInt(publish(model, 5000, "a", 1).timetoken!));
  tokens.push(
    model.heartbeat(4000, { subKey: K, uuid: "u", channels: ["a"], groups: [] }).envelopes[0]
      .timetoken,
  );
  tokens.push(BigInt(publish(model, 3000, "a", 2).timetoken!));
  for (let i = 1; i < tokens.length; i++) {
    assert.ok(tokens[i] > tokens[i - 1], `${tokens[i]} > ${tokens[i - 1]}`);
  }
});

Deno.test("catch-up covers the last 100 envelopes; a response carries at most 100", () => {
  const model = new PubSubModel({});
  const start = BigInt(model.timetoken(0));
  for (let i = 1; i <= 250; i++) publish(model, i, "a", i);
  const first = model.collect(K, on("a"), start);
  // Only the last 100 of 250 are still buffered: 151..250.
  assert.equal(first.deliveries.length, 100);
  assert.equal(first.deliveries[0].envelope.payload, 151);
  assert.equal(first.deliveries[99].envelope.payload, 250);

  // Two channels of 100 each: 200 newer envelopes, capped at 100 per response.
  for (let i = 1; i <= 100; i++) publish(model, 1000 + i, "b", `b${i}`);
  const mixed = model.collect(K, on("a", "b"), BigInt(first.timetoken));
  assert.equal(mixed.deliveries.length, 100);
  assert.equal(mixed.timetoken, mixed.deliveries[99].envelope.tt, "the cursor stops at the cut");
  const rest = model.collect(K, on("a", "b"), BigInt(mixed.timetoken));
  assert.deepEqual(rest.deliveries, []);

  const both = model.collect(K, on("a", "b"), start);
  assert.equal(both.deliveries.length, 100);
  const next = model.collect(K, on("a", "b"), BigInt(both.timetoken));
  assert.equal(next.deliveries.length, 100, "the other 100 come on the next request");
  assert.deepEqual(next.deliveries.map((d) => d.envelope.payload).slice(0, 2), ["b1", "b2"]);
});

Deno.test("fire is delivered to nobody and not stored; store=0 is delivered but not stored", () => {
  const model = new PubSubModel({});
  const cursor = BigInt(model.timetoken(0));
  const fire = publish(model, 1, "a", "fired", { replicate: false, store: false });
  assert.match(fire.timetoken!, /^\d+$/);
  assert.deepEqual(fire.envelopes, []);
  publish(model, 2, "a", "transient", { store: false });
  publish(model, 3, "a", "kept", { uuid: "u", meta: { m: 1 }, customMessageType: "text" });
  assert.deepEqual(payloads(model, on("a"), cursor), ["transient", "kept"]);
  const history = model.history(4, K, "a", { max: 100 });
  assert.deepEqual(history.map((m) => [m.message, m.uuid, m.meta, m.customMessageType]), [
    ["kept", "u", { m: 1 }, "text"],
  ]);
});

Deno.test("signals are delivered with e:1 and never stored", () => {
  const model = new PubSubModel({});
  const cursor = BigInt(model.timetoken(0));
  model.publish(1, { subKey: K, channel: "a", message: "sig", kind: "signal", uuid: "u" });
  const [delivery] = model.collect(K, on("a"), cursor).deliveries;
  const wire = JSON.parse(envelopeWire(delivery.envelope, delivery.match));
  assert.equal(wire.e, 1);
  assert.equal(wire.i, "u");
  assert.deepEqual(model.history(2, K, "a", { max: 100 }), []);
});

Deno.test("message envelopes carry every wire field; presence ones have no e", () => {
  const model = new PubSubModel({ region: 7 });
  const cursor = BigInt(model.timetoken(0));
  publish(model, 1, "a", { x: 1 }, {
    uuid: "pub",
    meta: { m: 2 },
    sequence: 4,
    customMessageType: "t",
  });
  model.heartbeat(2, { subKey: K, uuid: "u", channels: ["a"], groups: [] });
  const [message, presence] = model.collect(K, on("a", "a-pnpres"), cursor).deliveries
    .map((d) => JSON.parse(envelopeWire(d.envelope, d.match)));
  assert.deepEqual(Object.keys(message).sort(), [
    "a",
    "c",
    "cmt",
    "d",
    "f",
    "i",
    "k",
    "p",
    "s",
    "u",
  ]);
  assert.equal(message.c, "a");
  assert.equal(message.b, undefined, "no b when the channel itself was subscribed");
  assert.equal(message.k, K);
  assert.equal(message.s, 4);
  assert.deepEqual(message.u, { m: 2 });
  assert.equal(message.p.r, 7);
  assert.equal(typeof message.p.t, "string");
  assert.equal(presence.c, "a-pnpres");
  assert.equal(presence.e, undefined);
  assert.deepEqual(presence.d, { action: "join", timestamp: 0, uuid: "u", occupancy: 1 });
});

Deno.test("wildcards match one level, b is the pattern", () => {
  const model = new PubSubModel({});
  const cursor = BigInt(model.timetoken(0));
  publish(model, 1, "a.b", "ab");
  publish(model, 2, "a.b.c", "abc");
  publish(model, 3, "a", "a");
  publish(model, 4, "ax.b", "axb");
  const collected = model.collect(K, on("a.*"), cursor);
  assert.deepEqual(collected.deliveries.map((d) => [d.envelope.channel, d.match]), [[
    "a.b",
    "a.*",
  ]]);
  assert.deepEqual(payloads(model, on("a.b.*"), cursor), ["abc"]);
  // Presence of wildcard channels through `a.*-pnpres`; subscribing to a pattern is no heartbeat.
  model.heartbeat(5, { subKey: K, uuid: "u", channels: ["a.*", "a.room"], groups: [] });
  const presence = model.collect(K, on("a.*-pnpres"), cursor).deliveries;
  assert.deepEqual(presence.map((d) => [d.envelope.channel, d.match]), [[
    "a.room-pnpres",
    "a.*-pnpres",
  ]]);
  assert.deepEqual(model.whereNow(K, "u"), ["a.room"]);
});

Deno.test("group subscriptions: c is the member, b the group; group presence via g-pnpres", () => {
  const model = new PubSubModel({});
  model.addToGroup(K, "g", ["m1", "m2"]);
  const cursor = BigInt(model.timetoken(0));
  publish(model, 1, "m2", "two");
  publish(model, 2, "other", "no");
  const s: Subscription = { channels: [], groups: ["g", "g-pnpres"] };
  model.heartbeat(3, { subKey: K, uuid: "u", ...s });
  const got = model.collect(K, s, cursor).deliveries.map((d) => [d.envelope.channel, d.match]);
  assert.deepEqual(got, [
    ["m2", "g"],
    ["m1-pnpres", "g-pnpres"],
    ["m2-pnpres", "g-pnpres"],
  ]);
  assert.deepEqual(model.hereNow(K, [], ["g"]), { m1: [{ uuid: "u" }], m2: [{ uuid: "u" }] });
  // Same envelope reached by channel and group is delivered once.
  const both = model.collect(K, { channels: ["m2"], groups: ["g"] }, cursor).deliveries;
  assert.deepEqual(both.map((d) => d.match), ["m2"]);
  model.removeFromGroup(K, "g", ["m2"]);
  assert.deepEqual(model.groupChannels(K, "g"), ["m1"]);
  model.deleteGroup(K, "g");
  assert.deepEqual(model.listGroups(K), []);
});

Deno.test("filters apply to messages and signals, never to presence", () => {
  const model = new PubSubModel({});
  const parsed = parseFilter("meta.lang == 'en'");
  assert.ok(parsed.ok);
  const s: Subscription = { channels: ["a", "a-pnpres"], groups: [], filter: parsed.filter };
  const cursor = BigInt(model.timetoken(0));
  publish(model, 1, "a", "english", { meta: { lang: "en" } });
  publish(model, 2, "a", "french", { meta: { lang: "fr" } });
  publish(model, 3, "a", "none");
  model.heartbeat(4, { subKey: K, uuid: "u", channels: ["a"], groups: [] });
  const got = model.collect(K, s, cursor).deliveries.map((d) =>
    d.envelope.kind === "presence" ? "join" : d.envelope.payload
  );
  assert.deepEqual(got, ["english", "join"]);
});

Deno.test("subscribe state: set before the join, announced as state-change when it changes", () => {
  const model = new PubSubModel({});
  const cursor = BigInt(model.timetoken(0));
  const base = { subKey: K, uuid: "u", channels: ["a", "a-pnpres"], groups: [] };
  model.heartbeat(1, { ...base, state: { a: { mood: "ok" }, "not-named": { x: 1 } } });
  assert.deepEqual(model.getState(K, "u", ["a", "not-named"], []), { a: { mood: "ok" } });
  model.heartbeat(2, { ...base, state: { a: { mood: "ok" } } });
  model.heartbeat(3, { ...base, state: { a: { mood: "busy" } } });
  const actions = model.collect(K, on("a-pnpres"), cursor).deliveries
    .map((d) => (d.envelope.payload as { action: string }).action);
  assert.deepEqual(actions, ["join", "state-change"]);
});

Deno.test("presence timeouts come from tick; timeouts are capped at 320 s", () => {
  const model = new PubSubModel({});
  model.heartbeat(0, { subKey: K, uuid: "short", channels: ["a"], groups: [], timeoutSeconds: 10 });
  model.heartbeat(0, {
    subKey: K,
    uuid: "long",
    channels: ["a"],
    groups: [],
    timeoutSeconds: 10_000,
  });
  model.heartbeat(0, { subKey: K, uuid: "default", channels: ["a"], groups: [] });
  const actions = (now: number) =>
    model.tick(now).envelopes.map((e) => (e.payload as { uuid: string }).uuid);
  assert.deepEqual(actions(9_999), []);
  assert.deepEqual(actions(10_000), ["short"]);
  assert.deepEqual(actions(300_000), ["default"]);
  assert.deepEqual(actions(320_000), ["long"]);
});

Deno.test("keysets are isolated and dropped when empty", () => {
  const model = new PubSubModel({ bufferRetentionMillis: 1_000 });
  const cursor = BigInt(model.timetoken(0));
  model.publish(1, { subKey: "k1", channel: "a", message: 1, kind: "message", store: false });
  assert.deepEqual(model.collect("k2", on("a"), cursor).deliveries, []);
  assert.equal(model.collect("k1", on("a"), cursor).deliveries.length, 1);
  assert.equal(model.keysetCount, 1);
  model.tick(5_000);
  assert.equal(model.keysetCount, 0, "idle buffers, no history, no presence: forgotten");
});

Deno.test("here-now: named channels (even empty) or every occupied one", () => {
  const model = new PubSubModel({});
  model.heartbeat(0, { subKey: K, uuid: "u1", channels: ["a", "b"], groups: [] });
  model.setState(0, { subKey: K, uuid: "u1", channels: ["a"], groups: [] }, { s: 1 });
  assert.deepEqual(model.hereNow(K, ["a", "empty"], []), {
    a: [{ uuid: "u1", state: { s: 1 } }],
    empty: [],
  });
  assert.deepEqual(Object.keys(model.hereNow(K, undefined, [])), ["a", "b"]);
  assert.deepEqual(model.hereNow("unknown", ["x"], []), { x: [] });
});

Deno.test("the state sent with the request that makes a uuid join is the join's data", () => {
  const model = new PubSubModel({});
  const cursor = BigInt(model.timetoken(0));
  const events = (after: bigint) =>
    model.collect(K, on("a-pnpres", "b-pnpres", "c-pnpres"), after).deliveries
      .map((d) => [d.envelope.channel, d.envelope.payload]);
  const base = { subKey: K, uuid: "u", groups: [] };
  model.heartbeat(1_000, {
    ...base,
    channels: ["a", "b"],
    state: { a: { mood: "ok" }, b: {}, z: { not: "named" } },
  });
  assert.deepEqual(events(cursor), [
    ["a-pnpres", { action: "join", timestamp: 1, uuid: "u", occupancy: 1, data: { mood: "ok" } }],
    ["b-pnpres", { action: "join", timestamp: 1, uuid: "u", occupancy: 1 }],
  ]);
  const next = BigInt(model.timetoken(1_500));
  // Present on a and b, joining c: a's new state is a state-change, c's state rides on its join.
  model.heartbeat(2_000, {
    ...base,
    channels: ["a", "b", "c"],
    state: { a: { mood: "busy" }, c: { seat: 3 } },
  });
  assert.deepEqual(events(next), [
    ["c-pnpres", { action: "join", timestamp: 2, uuid: "u", occupancy: 1, data: { seat: 3 } }],
    [
      "a-pnpres",
      { action: "state-change", timestamp: 2, uuid: "u", occupancy: 1, data: { mood: "busy" } },
    ],
  ]);
  assert.deepEqual(model.getState(K, "u", ["a", "b", "c"], []), {
    a: { mood: "busy" },
    c: { seat: 3 },
  });
  // State kept from before the join (set while absent) and sent again with it: still announced.
  model.setState(3_000, { subKey: K, uuid: "v", channels: ["a"], groups: [] }, { x: 1 });
  const last = BigInt(model.timetoken(3_000));
  model.heartbeat(4_000, { ...base, uuid: "v", channels: ["a"], state: { a: { x: 1 } } });
  assert.deepEqual(events(last).map(([, p]) => p), [
    { action: "join", timestamp: 4, uuid: "v", occupancy: 2, data: { x: 1 } },
  ]);
});

Deno.test("a heartbeat without a timeout keeps the uuid's timeout; a first join gets 300 s", () => {
  const model = new PubSubModel({});
  const beat = (now: number, uuid: string, timeoutSeconds?: number) =>
    model.heartbeat(now, { subKey: K, uuid, channels: ["a"], groups: [], timeoutSeconds });
  const timedOut = (now: number) =>
    model.tick(now).envelopes.map((e) => (e.payload as { uuid: string }).uuid);
  // What the official v12 SDK does: /heartbeat?heartbeat=20, then subscribes (no heartbeat=).
  beat(0, "sdk", 20);
  beat(1_000, "sdk");
  beat(5_000, "sdk", Number.NaN); // heartbeat=abc: not a timeout either
  beat(0, "plain"); // first join without a timeout: the default
  beat(10_000, "changed", 20);
  beat(11_000, "changed", 60); // an explicit timeout replaces the kept one
  beat(12_000, "changed");
  assert.deepEqual(timedOut(24_999), []);
  assert.deepEqual(timedOut(25_000), ["sdk"], "20 s after its last heartbeat, not 300 s");
  assert.deepEqual(timedOut(71_999), []);
  assert.deepEqual(timedOut(72_000), ["changed"], "60 s kept from the 11 s heartbeat");
  assert.deepEqual(timedOut(300_000), ["plain"]);
  // The kept timeout is per channel: a first join elsewhere still starts at the default.
  beat(400_000, "w", 10);
  model.heartbeat(401_000, { subKey: K, uuid: "w", channels: ["a", "b"], groups: [] });
  assert.deepEqual(
    model.tick(411_000).envelopes.map((e) => [e.channel, (e.payload as { uuid: string }).uuid]),
    [["a-pnpres", "w"]],
  );
  assert.deepEqual(model.whereNow(K, "w"), ["b"]);
});

Deno.test("keyset limit: least recently used goes first; in-use keysets stay; memory is bounded", () => {
  const model = new PubSubModel({ keysets: 3 });
  const store = (subKey: string) =>
    model.publish(0, { subKey, channel: "c", message: subKey, kind: "message" });
  const kept = (subKey: string) => model.history(0, subKey, "c", { max: 1 }).length === 1;
  store("a");
  store("b");
  store("c");
  model.history(0, "a", "c", { max: 1 }); // a read refreshes a: b is now the oldest
  store("d");
  assert.deepEqual(["a", "b", "c", "d"].map(kept), [true, false, true, true]);

  // In use: a long-poll waits on "polled", someone is present on "present".
  const busy = new PubSubModel({ keysets: 3 });
  busy.hold("polled");
  busy.publish(0, { subKey: "polled", channel: "c", message: 1, kind: "message" });
  busy.heartbeat(0, { subKey: "present", uuid: "u", channels: ["c"], groups: [] });
  for (let i = 0; i < 10; i++) {
    busy.publish(0, { subKey: `k${i}`, channel: "c", message: i, kind: "message" });
  }
  assert.equal(busy.history(0, "polled", "c", { max: 1 }).length, 1, "a held keyset is kept");
  assert.deepEqual(busy.whereNow("present", "u"), ["c"], "an occupied keyset is kept");
  assert.equal(busy.keysetCount, 3, "idle ones made room: polled, present, k9");
  assert.equal(busy.history(0, "k8", "c", { max: 1 }).length, 0);
  busy.release("polled");
  // Least recently used first: k9, then polled (read above); present is never idle.
  busy.publish(0, { subKey: "next1", channel: "c", message: 1, kind: "message" });
  assert.equal(busy.history(0, "k9", "c", { max: 1 }).length, 0);
  busy.publish(0, { subKey: "next2", channel: "c", message: 1, kind: "message" });
  assert.equal(busy.history(0, "polled", "c", { max: 1 }).length, 0, "released: evictable again");

  // Everybody present everywhere: the map may grow to twice the limit, no further.
  const crowded = new PubSubModel({ keysets: 3 });
  crowded.hold("held");
  crowded.heartbeat(0, { subKey: "held", uuid: "u", channels: ["c"], groups: [] });
  for (let i = 0; i < 20; i++) {
    crowded.heartbeat(0, { subKey: `p${i}`, uuid: "u", channels: ["c"], groups: [] });
    assert.ok(crowded.keysetCount <= 6, `${crowded.keysetCount} keysets`);
  }
  assert.equal(crowded.keysetCount, 6);
  assert.deepEqual(crowded.whereNow("held", "u"), ["c"], "a held keyset is never dropped");
  assert.deepEqual(crowded.whereNow("p19", "u"), ["c"]);
  assert.deepEqual(crowded.whereNow("p0", "u"), [], "the least recently used occupied one went");
});

import assert from "node:assert/strict";
import { decodeEnvelope, type Envelope, isPresenceEnvelope } from "./envelope.ts";

const P = { t: "17000000000000001", r: 12 };

Deno.test("decodeEnvelope: a message on a channel subscribed directly", () => {
  const envelope: Envelope = {
    a: "4",
    f: 0,
    i: "publisher-1",
    s: 1,
    p: P,
    k: "sub",
    c: "room",
    d: { text: "hello" },
    b: "room",
    u: { lang: "en" },
    cmt: "chat",
  };
  assert.deepStrictEqual(decodeEnvelope(envelope), {
    kind: "message",
    result: {
      message: { text: "hello" },
      subscription: undefined, // b equals c: nothing matched but the channel itself
      channel: "room",
      timetoken: "17000000000000001",
      userMetadata: { lang: "en" },
      publisher: "publisher-1",
      customMessageType: "chat",
    },
  });
});

Deno.test("decodeEnvelope: e 0 is a message; b names the group or wildcard that matched", () => {
  const viaGroup = decodeEnvelope({ c: "room", b: "my-group", d: 1, p: P, e: 0 });
  assert.equal(viaGroup.kind, "message");
  assert.equal(viaGroup.kind === "message" && viaGroup.result.subscription, "my-group");
  const viaWildcard = decodeEnvelope({ c: "sports.tennis", b: "sports.*", d: 1, p: P });
  assert.equal(viaWildcard.kind === "message" && viaWildcard.result.subscription, "sports.*");
});

Deno.test("decodeEnvelope: absent fields stay undefined", () => {
  assert.deepStrictEqual(decodeEnvelope({ c: "room", p: P }), {
    kind: "message",
    result: {
      message: undefined,
      subscription: undefined,
      channel: "room",
      timetoken: "17000000000000001",
      userMetadata: undefined,
      publisher: undefined,
      customMessageType: undefined,
    },
  });
});

Deno.test("decodeEnvelope: e 1 is a signal", () => {
  assert.deepStrictEqual(
    decodeEnvelope({ c: "room", b: "room.*", d: "typing", p: P, e: 1, i: "u2", u: { x: 1 } }),
    {
      kind: "signal",
      result: {
        message: "typing",
        subscription: "room.*",
        channel: "room",
        timetoken: "17000000000000001",
        publisher: "u2",
      },
    },
  );
});

Deno.test("decodeEnvelope: a join on ch-pnpres is a presence event on ch", () => {
  const envelope: Envelope = {
    c: "room-pnpres",
    d: { action: "join", uuid: "u1", timestamp: 1700000000, occupancy: 2 },
    p: P,
    u: { m: 1 },
  };
  assert.ok(isPresenceEnvelope(envelope));
  assert.deepStrictEqual(decodeEnvelope(envelope), {
    kind: "presence",
    result: {
      event: "join",
      uuid: "u1",
      timestamp: 1700000000,
      occupancy: 2,
      subscription: undefined,
      channel: "room",
      timetoken: "17000000000000001",
      state: undefined,
      userMetadata: { m: 1 },
    },
  });
});

Deno.test("decodeEnvelope: leave and timeout presence events", () => {
  for (const action of ["leave", "timeout"] as const) {
    const decoded = decodeEnvelope({
      c: "room-pnpres",
      b: "room-pnpres",
      d: { action, uuid: "u1", timestamp: 5, occupancy: 0 },
      p: P,
    });
    assert.equal(decoded.kind, "presence");
    if (decoded.kind !== "presence") continue;
    assert.equal(decoded.result.event, action);
    assert.equal(decoded.result.channel, "room");
    assert.equal(decoded.result.subscription, undefined);
    assert.equal("joined" in decoded.result, false);
  }
});

Deno.test("decodeEnvelope: a state-change carries the state from data; a group subscription loses -pnpres", () => {
  const decoded = decodeEnvelope({
    c: "room-pnpres",
    b: "my-group-pnpres",
    d: { action: "state-change", uuid: "u1", timestamp: 5, occupancy: 1, data: { mood: "happy" } },
    p: P,
  });
  assert.equal(decoded.kind, "presence");
  if (decoded.kind !== "presence") return;
  assert.equal(decoded.result.event, "state-change");
  assert.deepStrictEqual(decoded.result.state, { mood: "happy" });
  assert.equal(decoded.result.subscription, "my-group");
  assert.equal(decoded.result.channel, "room");
});

Deno.test("decodeEnvelope: an interval maps join/leave/timeout to joined/left/timedout and here_now_refresh", () => {
  const decoded = decodeEnvelope({
    c: "room-pnpres",
    d: {
      action: "interval",
      timestamp: 9,
      occupancy: 3,
      join: ["u1", "u2"],
      leave: ["u3"],
      timeout: ["u4"],
      here_now_refresh: true,
    },
    p: P,
  });
  assert.deepStrictEqual(decoded, {
    kind: "presence",
    result: {
      event: "interval",
      uuid: undefined,
      timestamp: 9,
      occupancy: 3,
      subscription: undefined,
      channel: "room",
      timetoken: "17000000000000001",
      state: undefined,
      userMetadata: undefined,
      joined: ["u1", "u2"],
      left: ["u3"],
      timedout: ["u4"],
      hereNowRefresh: true,
    },
  });
});

Deno.test("decodeEnvelope: an interval's missing lists stay undefined, no refresh; non-strings are skipped", () => {
  const decoded = decodeEnvelope({
    c: "room-pnpres",
    d: { action: "interval", occupancy: 3, join: ["u1", 7, null], leave: "u2" },
    p: P,
  });
  assert.equal(decoded.kind, "presence");
  if (decoded.kind !== "presence") return;
  assert.equal(decoded.result.event, "interval");
  if (decoded.result.event !== "interval") return;
  assert.deepStrictEqual(decoded.result.joined, ["u1"]);
  assert.deepStrictEqual(decoded.result.left, undefined, "not an array on the wire");
  assert.deepStrictEqual(decoded.result.timedout, undefined, "absent on the wire");
  assert.equal(decoded.result.hereNowRefresh, false);
});

Deno.test("decodeEnvelope: unknown e values are passed through as other, untouched", () => {
  for (const e of [2, 3, 4, 99, -1]) {
    const envelope: Envelope = { c: "room", d: { whatever: true }, p: P, e };
    assert.deepStrictEqual(decodeEnvelope(envelope), { kind: "other", type: e, envelope });
  }
});

Deno.test("decodeEnvelope: a presence channel payload that is not a known action is other, not a crash", () => {
  const payloads = [undefined, null, "join", 5, [], {}, { action: 1 }, { action: "explode" }];
  for (const d of payloads) {
    const envelope: Envelope = { c: "room-pnpres", d, p: P };
    assert.deepStrictEqual(decodeEnvelope(envelope), { kind: "other", type: undefined, envelope });
  }
});

Deno.test("decodeEnvelope: a signal on a -pnpres channel is still a signal (e says so)", () => {
  assert.equal(decodeEnvelope({ c: "room-pnpres", d: "x", p: P, e: 1 }).kind, "signal");
  assert.equal(isPresenceEnvelope({ c: "room-pnpres", d: "x", p: P, e: 1 }), false);
});

Deno.test("decodeEnvelope: a wrong-typed optional presence field comes out undefined", () => {
  const decoded = decodeEnvelope({
    c: "room-pnpres",
    d: { action: "join", uuid: "u1", timestamp: "now", occupancy: 2 },
    p: P,
  });
  assert.equal(decoded.kind, "presence");
  if (decoded.kind !== "presence") return;
  assert.equal(decoded.result.timestamp, undefined);
  assert.equal(decoded.result.uuid, "u1");
});

Deno.test("decodeEnvelope: a presence event missing what its type promises is other, with why", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ action: "join", uuid: 5, occupancy: 2 }, "a presence join event without a string uuid"],
    [{ action: "leave", uuid: "u1" }, "a presence leave event without a numeric occupancy"],
    [{ action: "timeout", uuid: "u1", occupancy: "2" }, "without a numeric occupancy"],
    [
      { action: "state-change", data: { a: 1 } },
      "a presence state-change event without a string uuid",
    ],
    [{ action: "interval", join: ["u1"] }, "a presence interval event without a numeric occupancy"],
  ];
  for (const [d, reason] of cases) {
    const envelope = { c: "room-pnpres", d, p: P };
    const decoded = decodeEnvelope(envelope);
    assert.equal(decoded.kind, "other", JSON.stringify(d));
    if (decoded.kind !== "other") continue;
    assert.ok(decoded.reason?.includes(reason), `${decoded.reason} should say ${reason}`);
    assert.equal(decoded.envelope, envelope, "passed on untouched");
  }
  // A state-change needs no occupancy.
  const change = decodeEnvelope({
    c: "room-pnpres",
    d: { action: "state-change", uuid: "u1", data: { a: 1 } },
    p: P,
  });
  assert.equal(change.kind, "presence");
  if (change.kind === "presence" && change.result.event === "state-change") {
    assert.deepEqual(change.result.state, { a: 1 });
    assert.equal(change.result.occupancy, undefined);
  } else assert.fail("not a state-change");
});

Deno.test("decodeEnvelope: e 3 is a message action event; who acted comes from i", () => {
  const data = {
    messageTimetoken: "17000000000000000",
    type: "reaction",
    actionTimetoken: "17000000000000001",
    value: "smile",
  };
  for (const event of ["added", "removed"] as const) {
    const decoded = decodeEnvelope({
      c: "room",
      i: "u2",
      e: 3,
      p: P,
      d: { source: "actions", version: "1.0", data, event },
    });
    assert.deepStrictEqual(decoded, {
      kind: "messageAction",
      result: {
        channel: "room",
        subscription: undefined,
        publisher: "u2",
        timetoken: P.t,
        event,
        data: { ...data, uuid: "u2" },
      },
    });
  }
  const viaGroup = decodeEnvelope({
    c: "room",
    b: "g",
    i: "u2",
    e: 3,
    p: P,
    d: { event: "added", data: { ...data, uuid: "u9" } },
  });
  assert.equal(viaGroup.kind === "messageAction" && viaGroup.result.subscription, "g");
  assert.equal(viaGroup.kind === "messageAction" && viaGroup.result.data.uuid, "u9");
});

Deno.test("decodeEnvelope: an e 3 payload that is not an action event stays other", () => {
  const good = { messageTimetoken: "1", type: "r", actionTimetoken: "2", value: "v" };
  const payloads = [
    { event: "changed", data: good },
    { event: "added" },
    { event: "added", data: { ...good, actionTimetoken: 2 } },
    { event: "added", data: { ...good, type: 5 } },
  ];
  for (const d of payloads) {
    const envelope: Envelope = { c: "room", i: "u", d, p: P, e: 3 };
    assert.deepStrictEqual(decodeEnvelope(envelope), { kind: "other", type: 3, envelope });
  }
});

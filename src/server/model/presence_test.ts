import assert from "node:assert/strict";
import { type PresenceSettings, PresenceTable } from "./presence.ts";

const settings = (overrides: Partial<PresenceSettings> = {}): PresenceSettings => ({
  announceMax: 20,
  intervalMillis: 10_000,
  presenceDeltas: true,
  hereNowRefreshBytes: 30_000,
  stateTtlMillis: 300_000,
  ...overrides,
});

Deno.test("first heartbeat joins, later ones only extend the timeout", () => {
  const p = new PresenceTable(settings());
  assert.deepEqual(p.heartbeat(5_000, "u1", ["room"], 60), [
    { channel: "room", payload: { action: "join", timestamp: 5, uuid: "u1", occupancy: 1 } },
  ]);
  assert.deepEqual(p.heartbeat(50_000, "u1", ["room"], 60), []);
  assert.deepEqual(p.tick(100_000), []); // 50 s + 60 s not reached
  const [timeout] = p.tick(110_000);
  assert.deepEqual(timeout.payload, {
    action: "timeout",
    timestamp: 110,
    uuid: "u1",
    occupancy: 0,
  });
  assert.equal(p.occupancy("room"), 0);
  assert.ok(p.isEmpty, "nothing is kept for an empty channel");
});

Deno.test("leave removes at once, announces the new occupancy, and forgets state", () => {
  const p = new PresenceTable(settings());
  p.heartbeat(0, "u1", ["room"], 300);
  p.heartbeat(0, "u2", ["room"], 300);
  p.setState(0, "u1", "room", { mood: "ok" });
  const [leave] = p.leave(2_000, "u1", ["room", "elsewhere"]);
  assert.deepEqual(leave, {
    channel: "room",
    payload: { action: "leave", timestamp: 2, uuid: "u1", occupancy: 1 },
  });
  assert.equal(p.stateOf("u1", "room"), undefined);
  assert.deepEqual(p.leave(3_000, "u1", ["room"]), [], "leaving twice says nothing");
  assert.deepEqual(p.channelsOf("u2"), ["room"]);
  assert.deepEqual(p.channelsOf("u1"), []);
});

Deno.test("state-change carries data and integer occupancy; absent uuids keep state for a while", () => {
  const p = new PresenceTable(settings({ stateTtlMillis: 1_000 }));
  p.heartbeat(0, "u1", ["room"], 300);
  const [change] = p.setState(1_500, "u1", "room", { typing: true });
  assert.deepEqual(change.payload, {
    action: "state-change",
    timestamp: 1,
    uuid: "u1",
    occupancy: 1,
    data: { typing: true },
  });
  assert.deepEqual(p.occupants("room"), [{ uuid: "u1", state: { typing: true } }]);
  assert.deepEqual(p.setState(0, "ghost", "room", { x: 1 }), [], "no event for an absent uuid");
  assert.deepEqual(p.stateOf("ghost", "room"), { x: 1 });
  p.tick(1_000);
  assert.equal(p.stateOf("ghost", "room"), undefined, "absent state expires");
  assert.deepEqual(p.stateOf("u1", "room"), { typing: true }, "present state stays");
  p.setState(2_000, "u1", "room", {});
  assert.equal(p.stateOf("u1", "room"), undefined, "an empty object clears state");
});

Deno.test("above announceMax, joins/leaves/timeouts become interval deltas", () => {
  const p = new PresenceTable(settings({ announceMax: 2, intervalMillis: 10_000 }));
  assert.equal(p.heartbeat(0, "a", ["room"], 300).length, 1);
  assert.equal(p.heartbeat(0, "b", ["room"], 300).length, 1);
  assert.deepEqual(
    p.heartbeat(1_000, "c", ["room"], 30),
    [],
    "the join that exceeds is not announced",
  );
  assert.deepEqual(p.heartbeat(2_000, "d", ["room"], 300), []);
  assert.deepEqual(p.leave(3_000, "a", ["room"]), []);
  // d joins and leaves within the interval: no net change.
  p.heartbeat(3_500, "e", ["room"], 300);
  p.leave(3_600, "e", ["room"]);
  assert.deepEqual(p.tick(10_999), []);
  const [interval] = p.tick(11_000);
  assert.deepEqual(interval, {
    channel: "room",
    payload: {
      action: "interval",
      timestamp: 11,
      occupancy: 3,
      join: ["c", "d"],
      leave: ["a"],
      timeout: [],
    },
  });
  // Still above announceMax: an interval every period, even with nothing new.
  assert.deepEqual(p.tick(21_000)[0].payload, {
    action: "interval",
    timestamp: 21,
    occupancy: 3,
    join: [],
    leave: [],
    timeout: [],
  });
  // c times out (joined at 1 s with 30 s): occupancy drops to 2, reported in the next interval.
  assert.deepEqual(p.tick(31_000).map((e) => e.payload), [{
    action: "interval",
    timestamp: 31,
    occupancy: 2,
    join: [],
    leave: [],
    timeout: ["c"],
  }]);
  assert.deepEqual(p.tick(41_000), [], "back under announceMax: intervals stop");
  assert.equal(
    p.leave(42_000, "b", ["room"])[0].payload.action,
    "leave",
    "individual events resume",
  );
});

Deno.test("interval events without deltas when presenceDeltas is off", () => {
  const p = new PresenceTable(
    settings({ announceMax: 1, intervalMillis: 1_000, presenceDeltas: false }),
  );
  p.heartbeat(0, "a", ["room"], 300);
  p.heartbeat(0, "b", ["room"], 300);
  assert.deepEqual(p.tick(1_000)[0].payload, { action: "interval", timestamp: 1, occupancy: 2 });
});

Deno.test("an interval too big for the limit says here_now_refresh instead of listing deltas", () => {
  const p = new PresenceTable(
    settings({ announceMax: 1, intervalMillis: 1_000, hereNowRefreshBytes: 200 }),
  );
  for (let i = 0; i < 30; i++) p.heartbeat(0, `user-with-a-long-name-${i}`, ["room"], 300);
  const [interval] = p.tick(1_000);
  assert.deepEqual(interval.payload, {
    action: "interval",
    timestamp: 1,
    occupancy: 30,
    here_now_refresh: true,
  });
});

Deno.test("occupants are listed sorted; where-now lists a uuid's channels", () => {
  const p = new PresenceTable(settings());
  p.heartbeat(0, "zed", ["b", "a"], 300);
  p.heartbeat(0, "amy", ["a"], 300);
  assert.deepEqual(p.occupants("a").map((o) => o.uuid), ["amy", "zed"]);
  assert.deepEqual(p.channelsOf("zed"), ["a", "b"]);
  assert.deepEqual(p.occupiedChannels(), ["a", "b"]);
});

Deno.test("back within announceMax, the owed interval goes out before the next individual event", () => {
  const p = new PresenceTable(settings({ announceMax: 2, intervalMillis: 10_000 }));
  for (const uuid of ["a", "b", "c"]) p.heartbeat(0, uuid, ["room"], 300);
  assert.deepEqual(p.tick(10_000).map((e) => e.payload.action), ["interval"]);
  // Still crowded: the next interval is owed at 20 s. a's leave (3 → 2) is held for it...
  assert.deepEqual(p.leave(12_000, "a", ["room"]), []);
  // ...so b's leave (2 → 1), announced on its own, must come after it, not before.
  assert.deepEqual(p.leave(13_000, "b", ["room"]).map((e) => e.payload), [
    { action: "interval", timestamp: 13, occupancy: 2, join: [], leave: ["a"], timeout: [] },
    { action: "leave", timestamp: 13, uuid: "b", occupancy: 1 },
  ]);
  assert.deepEqual(p.tick(20_000), [], "the owed interval was sent: nothing more to send");
  // The same through a timeout found by tick, and a join that nets out within the interval.
  const q = new PresenceTable(settings({ announceMax: 2, intervalMillis: 10_000 }));
  q.heartbeat(0, "a", ["room"], 300);
  q.heartbeat(0, "b", ["room"], 5);
  q.heartbeat(1_000, "c", ["room"], 300); // 2 → 3: held
  q.leave(2_000, "c", ["room"]); // 3 → 2: held, nets out with the join
  assert.deepEqual(q.tick(5_000).map((e) => e.payload), [
    { action: "interval", timestamp: 5, occupancy: 2, join: [], leave: [], timeout: [] },
    { action: "timeout", timestamp: 5, uuid: "b", occupancy: 1 },
  ]);
  assert.deepEqual(q.tick(11_000), []);
});

Deno.test("here_now_refresh counts the interval event in UTF-8 bytes, not UTF-16 units", () => {
  // Names of 12 UTF-16 units but 27 UTF-8 bytes each (é is 2 bytes, € is 3).
  const uuids = Array.from({ length: 20 }, (_, i) => "é€".repeat(5) + String(i).padStart(2, "0"));
  const interval = (limit: number) => {
    const p = new PresenceTable(
      settings({ announceMax: 1, intervalMillis: 1_000, hereNowRefreshBytes: limit }),
    );
    for (const uuid of uuids) p.heartbeat(0, uuid, ["room"], 300);
    return p.tick(1_000)[0].payload;
  };
  const full = JSON.stringify({
    action: "interval",
    timestamp: 1,
    occupancy: 20,
    join: uuids.slice(1).sort(), // the first join (0 → 1) was announced on its own
    leave: [],
    timeout: [],
  });
  const bytes = new TextEncoder().encode(full).length;
  assert.ok(bytes > full.length + 200);
  assert.equal(JSON.stringify(interval(bytes)), full, "exactly at the limit: deltas");
  assert.equal(interval(bytes - 1).here_now_refresh, true, "one byte over: refresh");
  assert.equal(interval(full.length).here_now_refresh, true, "the UTF-16 length is not the size");
});

import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import {
  disconnect,
  HEARTBEAT_EVENT_TYPES,
  type HeartbeatEvent,
  heartbeatFailure,
  heartbeatGiveup,
  heartbeatSuccess,
  joined,
  left,
  leftAll,
  reconnect,
  timesUp,
} from "./events.ts";
import type { HeartbeatInvocation } from "./invocations.ts";
import {
  heartbeatState,
  HeartbeatStateName,
  type HeartbeatStateNameValue,
  INITIAL_HEARTBEAT_STATE,
} from "./states.ts";
import { heartbeatEngine, transition } from "./transition.ts";
import { HEARTBEAT_TRANSITIONS } from "./transition_table.ts";

const LEAVE_ON = { suppressLeaveEvents: false };
const LEAVE_OFF = { suppressLeaveEvents: true };

const timeout = new PNStatus({
  category: "PNTimeoutCategory",
  operation: "PNHeartbeatOperation",
  error: true,
  errorData: { message: "no answer in 10 s" },
});
const unavailable = new PNStatus({
  category: "PNServerErrorCategory",
  operation: "PNHeartbeatOperation",
  error: true,
  statusCode: 503,
  errorData: { message: "Service Unavailable" },
});

/** A state holding channels a, b and group g. */
function holding(name: HeartbeatStateNameValue, attempts = 0, reason?: PNStatus) {
  return heartbeatState(name, { channels: ["a", "b"], groups: ["g"], attempts, reason });
}

const CANCEL_DELAYED = { type: "CANCEL_DELAYED_HEARTBEAT" };
const CANCEL_WAIT = { type: "CANCEL_WAIT" };
const WAIT = { type: "WAIT" };
const HB_ALL = { type: "HEARTBEAT", channels: ["a", "b"], groups: ["g"] };
const HB_JOINED = { type: "HEARTBEAT", channels: ["a", "b", "c"], groups: ["g", "g2"] };
const HB_AFTER_LEFT = { type: "HEARTBEAT", channels: ["b"], groups: ["g"] };
const LEAVE_ALL = { type: "LEAVE", channels: ["a", "b"], groups: ["g"] };
const LEAVE_A = { type: "LEAVE", channels: ["a"], groups: [] };

interface Row {
  from: ReturnType<typeof holding>;
  event: HeartbeatEvent;
  to: HeartbeatStateNameValue;
  channels: string[];
  groups: string[];
  attempts?: number;
  reason?: PNStatus;
  invocations: unknown[];
}

const JOIN_C = joined(["c", "a"], ["g2"]);
const LEAVE_EVENT_A = left(["a"], []);

/** Every row of the table in docs/protocol.md "Heartbeat engine transitions", with the expected outcome written out by hand. */
const ROWS: Record<string, Row> = {
  "HEARTBEAT_INACTIVE + JOINED → HEARTBEATING": {
    from: INITIAL_HEARTBEAT_STATE,
    event: joined(["a"], ["g"]),
    to: "HEARTBEATING",
    channels: ["a"],
    groups: ["g"],
    invocations: [{ type: "HEARTBEAT", channels: ["a"], groups: ["g"] }],
  },

  "HEARTBEATING + HEARTBEAT_SUCCESS → HEARTBEAT_COOLDOWN": {
    from: holding("HEARTBEATING"),
    event: heartbeatSuccess(),
    to: "HEARTBEAT_COOLDOWN",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [WAIT],
  },
  "HEARTBEATING + HEARTBEAT_FAILURE → HEARTBEAT_RECONNECTING (attempts 0)": {
    from: holding("HEARTBEATING"),
    event: heartbeatFailure(timeout),
    to: "HEARTBEAT_RECONNECTING",
    channels: ["a", "b"],
    groups: ["g"],
    attempts: 0,
    reason: timeout,
    invocations: [{
      type: "DELAYED_HEARTBEAT",
      channels: ["a", "b"],
      groups: ["g"],
      attempts: 0,
      reason: timeout,
    }],
  },
  "HEARTBEATING + JOINED → HEARTBEATING": {
    from: holding("HEARTBEATING"),
    event: JOIN_C,
    to: "HEARTBEATING",
    channels: ["a", "b", "c"],
    groups: ["g", "g2"],
    invocations: [HB_JOINED],
  },
  "HEARTBEATING + LEFT → HEARTBEATING [LEAVE]": {
    from: holding("HEARTBEATING"),
    event: LEAVE_EVENT_A,
    to: "HEARTBEATING",
    channels: ["b"],
    groups: ["g"],
    invocations: [LEAVE_A, HB_AFTER_LEFT],
  },
  "HEARTBEATING + DISCONNECT → HEARTBEAT_STOPPED [LEAVE]": {
    from: holding("HEARTBEATING"),
    event: disconnect(),
    to: "HEARTBEAT_STOPPED",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [LEAVE_ALL],
  },
  "HEARTBEATING + LEFT_ALL → HEARTBEAT_INACTIVE [LEAVE]": {
    from: holding("HEARTBEATING"),
    event: leftAll(),
    to: "HEARTBEAT_INACTIVE",
    channels: [],
    groups: [],
    invocations: [LEAVE_ALL],
  },

  "HEARTBEAT_RECONNECTING + HEARTBEAT_SUCCESS → HEARTBEAT_COOLDOWN": {
    from: holding("HEARTBEAT_RECONNECTING", 2, timeout),
    event: heartbeatSuccess(),
    to: "HEARTBEAT_COOLDOWN",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [CANCEL_DELAYED, WAIT],
  },
  "HEARTBEAT_RECONNECTING + HEARTBEAT_FAILURE → HEARTBEAT_RECONNECTING (attempts + 1)": {
    from: holding("HEARTBEAT_RECONNECTING", 2, timeout),
    event: heartbeatFailure(unavailable),
    to: "HEARTBEAT_RECONNECTING",
    channels: ["a", "b"],
    groups: ["g"],
    attempts: 3,
    reason: unavailable,
    invocations: [CANCEL_DELAYED, {
      type: "DELAYED_HEARTBEAT",
      channels: ["a", "b"],
      groups: ["g"],
      attempts: 3,
      reason: unavailable,
    }],
  },
  "HEARTBEAT_RECONNECTING + HEARTBEAT_GIVEUP → HEARTBEAT_FAILED [EMIT_STATUS]": {
    from: holding("HEARTBEAT_RECONNECTING", 5, timeout),
    event: heartbeatGiveup(unavailable),
    to: "HEARTBEAT_FAILED",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [CANCEL_DELAYED, {
      type: "EMIT_STATUS",
      status: {
        category: "PNServerErrorCategory",
        operation: "PNHeartbeatOperation",
        error: true,
        statusCode: 503,
        errorData: { message: "Service Unavailable" },
        affectedChannels: ["a", "b"],
        affectedChannelGroups: ["g"],
      },
    }],
  },
  "HEARTBEAT_RECONNECTING + JOINED → HEARTBEATING": {
    from: holding("HEARTBEAT_RECONNECTING", 2, timeout),
    event: JOIN_C,
    to: "HEARTBEATING",
    channels: ["a", "b", "c"],
    groups: ["g", "g2"],
    invocations: [CANCEL_DELAYED, HB_JOINED],
  },
  "HEARTBEAT_RECONNECTING + LEFT → HEARTBEATING [LEAVE]": {
    from: holding("HEARTBEAT_RECONNECTING", 2, timeout),
    event: LEAVE_EVENT_A,
    to: "HEARTBEATING",
    channels: ["b"],
    groups: ["g"],
    invocations: [CANCEL_DELAYED, LEAVE_A, HB_AFTER_LEFT],
  },
  "HEARTBEAT_RECONNECTING + DISCONNECT → HEARTBEAT_STOPPED [LEAVE]": {
    from: holding("HEARTBEAT_RECONNECTING", 2, timeout),
    event: disconnect(),
    to: "HEARTBEAT_STOPPED",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [CANCEL_DELAYED, LEAVE_ALL],
  },
  "HEARTBEAT_RECONNECTING + LEFT_ALL → HEARTBEAT_INACTIVE [LEAVE]": {
    from: holding("HEARTBEAT_RECONNECTING", 2, timeout),
    event: leftAll(),
    to: "HEARTBEAT_INACTIVE",
    channels: [],
    groups: [],
    invocations: [CANCEL_DELAYED, LEAVE_ALL],
  },

  "HEARTBEAT_COOLDOWN + TIMES_UP → HEARTBEATING": {
    from: holding("HEARTBEAT_COOLDOWN"),
    event: timesUp(),
    to: "HEARTBEATING",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [CANCEL_WAIT, HB_ALL],
  },
  "HEARTBEAT_COOLDOWN + JOINED → HEARTBEATING": {
    from: holding("HEARTBEAT_COOLDOWN"),
    event: JOIN_C,
    to: "HEARTBEATING",
    channels: ["a", "b", "c"],
    groups: ["g", "g2"],
    invocations: [CANCEL_WAIT, HB_JOINED],
  },
  "HEARTBEAT_COOLDOWN + LEFT → HEARTBEATING [LEAVE]": {
    from: holding("HEARTBEAT_COOLDOWN"),
    event: LEAVE_EVENT_A,
    to: "HEARTBEATING",
    channels: ["b"],
    groups: ["g"],
    invocations: [CANCEL_WAIT, LEAVE_A, HB_AFTER_LEFT],
  },
  "HEARTBEAT_COOLDOWN + DISCONNECT → HEARTBEAT_STOPPED [LEAVE]": {
    from: holding("HEARTBEAT_COOLDOWN"),
    event: disconnect(),
    to: "HEARTBEAT_STOPPED",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [CANCEL_WAIT, LEAVE_ALL],
  },
  "HEARTBEAT_COOLDOWN + LEFT_ALL → HEARTBEAT_INACTIVE [LEAVE]": {
    from: holding("HEARTBEAT_COOLDOWN"),
    event: leftAll(),
    to: "HEARTBEAT_INACTIVE",
    channels: [],
    groups: [],
    invocations: [CANCEL_WAIT, LEAVE_ALL],
  },

  "HEARTBEAT_FAILED + JOINED → HEARTBEATING": {
    from: holding("HEARTBEAT_FAILED"),
    event: JOIN_C,
    to: "HEARTBEATING",
    channels: ["a", "b", "c"],
    groups: ["g", "g2"],
    invocations: [HB_JOINED],
  },
  "HEARTBEAT_FAILED + RECONNECT → HEARTBEATING": {
    from: holding("HEARTBEAT_FAILED"),
    event: reconnect(),
    to: "HEARTBEATING",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [HB_ALL],
  },
  "HEARTBEAT_FAILED + LEFT → HEARTBEATING [LEAVE]": {
    from: holding("HEARTBEAT_FAILED"),
    event: LEAVE_EVENT_A,
    to: "HEARTBEATING",
    channels: ["b"],
    groups: ["g"],
    invocations: [LEAVE_A, HB_AFTER_LEFT],
  },
  "HEARTBEAT_FAILED + DISCONNECT → HEARTBEAT_STOPPED [LEAVE]": {
    from: holding("HEARTBEAT_FAILED"),
    event: disconnect(),
    to: "HEARTBEAT_STOPPED",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [LEAVE_ALL],
  },
  "HEARTBEAT_FAILED + LEFT_ALL → HEARTBEAT_INACTIVE [LEAVE]": {
    from: holding("HEARTBEAT_FAILED"),
    event: leftAll(),
    to: "HEARTBEAT_INACTIVE",
    channels: [],
    groups: [],
    invocations: [LEAVE_ALL],
  },

  "HEARTBEAT_STOPPED + JOINED → HEARTBEAT_STOPPED (lists updated)": {
    from: holding("HEARTBEAT_STOPPED"),
    event: JOIN_C,
    to: "HEARTBEAT_STOPPED",
    channels: ["a", "b", "c"],
    groups: ["g", "g2"],
    invocations: [],
  },
  "HEARTBEAT_STOPPED + LEFT → HEARTBEAT_STOPPED (lists updated, no LEAVE)": {
    from: holding("HEARTBEAT_STOPPED"),
    event: LEAVE_EVENT_A,
    to: "HEARTBEAT_STOPPED",
    channels: ["b"],
    groups: ["g"],
    invocations: [],
  },
  "HEARTBEAT_STOPPED + RECONNECT → HEARTBEATING": {
    from: holding("HEARTBEAT_STOPPED"),
    event: reconnect(),
    to: "HEARTBEATING",
    channels: ["a", "b"],
    groups: ["g"],
    invocations: [HB_ALL],
  },
  "HEARTBEAT_STOPPED + LEFT_ALL → HEARTBEAT_INACTIVE (no LEAVE)": {
    from: holding("HEARTBEAT_STOPPED"),
    event: leftAll(),
    to: "HEARTBEAT_INACTIVE",
    channels: [],
    groups: [],
    invocations: [],
  },
};

for (const [name, row] of Object.entries(ROWS)) {
  Deno.test(`heartbeat row: ${name}`, () => {
    const { state, invocations } = transition(row.from, row.event, LEAVE_ON);
    assert.equal(state.name, row.to);
    assert.deepEqual(state.channels, row.channels);
    assert.deepEqual(state.groups, row.groups);
    assert.equal(state.attempts, row.attempts ?? 0);
    assert.equal(state.reason, row.reason);
    assert.deepEqual(plain(invocations), row.invocations);
    assert.ok(Object.isFrozen(state) && Object.isFrozen(state.channels));
    assert.ok(invocations.every((i) => Object.isFrozen(i)));
  });
}

Deno.test("heartbeat table: has exactly the rows tested above, no more", () => {
  const inTable = Object.entries(HEARTBEAT_TRANSITIONS).flatMap(([state, rules]) =>
    Object.keys(rules).map((event) => `${state}+${event}`)
  ).sort();
  const tested = Object.values(ROWS).map((row) => `${row.from.name}+${row.event.type}`).sort();
  assert.deepEqual(inTable, tested);
  assert.equal(inTable.length, 28);
});

Deno.test("heartbeat: every event a state does not list is ignored (same state object, no invocations)", () => {
  const listed = new Set(Object.values(ROWS).map((row) => `${row.from.name}+${row.event.type}`));
  const events: Record<string, HeartbeatEvent> = {
    JOINED: JOIN_C,
    LEFT: LEAVE_EVENT_A,
    LEFT_ALL: leftAll(),
    HEARTBEAT_SUCCESS: heartbeatSuccess(),
    HEARTBEAT_FAILURE: heartbeatFailure(timeout),
    HEARTBEAT_GIVEUP: heartbeatGiveup(timeout),
    TIMES_UP: timesUp(),
    DISCONNECT: disconnect(),
    RECONNECT: reconnect(),
  };
  let ignored = 0;
  for (const name of Object.values(HeartbeatStateName)) {
    for (const type of HEARTBEAT_EVENT_TYPES) {
      if (listed.has(`${name}+${type}`)) continue;
      const from = name === "HEARTBEAT_INACTIVE" ? INITIAL_HEARTBEAT_STATE : holding(name);
      const result = transition(from, events[type], LEAVE_ON);
      assert.equal(result.state, from, `${name} + ${type} changed the state`);
      assert.deepEqual(result.invocations, [], `${name} + ${type} invoked something`);
      ignored++;
    }
  }
  assert.equal(ignored, 6 * 9 - 28);
});

Deno.test('heartbeat: the example of docs/protocol.md "Heartbeat engine example log" (join, one failed heartbeat, recovery) logs exactly', () => {
  const log: string[] = [];
  let state = INITIAL_HEARTBEAT_STATE;
  const dispatch = (event: HeartbeatEvent) => {
    log.push(event.type);
    const result = transition(state, event, LEAVE_ON);
    state = result.state;
    for (const invocation of result.invocations) log.push(invocation.type);
  };
  dispatch(joined(["a"], []));
  dispatch(heartbeatFailure(timeout));
  dispatch(heartbeatSuccess());
  assert.deepEqual(log, [
    "JOINED",
    "HEARTBEAT",
    "HEARTBEAT_FAILURE",
    "DELAYED_HEARTBEAT",
    "HEARTBEAT_SUCCESS",
    "CANCEL_DELAYED_HEARTBEAT",
    "WAIT",
  ]);
  assert.equal(state.name, "HEARTBEAT_COOLDOWN");
  assert.equal(state.attempts, 0);
  assert.equal(state.reason, undefined);
});

Deno.test("heartbeat: suppressLeaveEvents removes every LEAVE and nothing else", () => {
  const cases: [ReturnType<typeof holding>, HeartbeatEvent, unknown[]][] = [
    [holding("HEARTBEATING"), LEAVE_EVENT_A, [HB_AFTER_LEFT]],
    [holding("HEARTBEATING"), disconnect(), []],
    [holding("HEARTBEATING"), leftAll(), []],
    [holding("HEARTBEAT_RECONNECTING", 1, timeout), LEAVE_EVENT_A, [CANCEL_DELAYED, HB_AFTER_LEFT]],
    [holding("HEARTBEAT_RECONNECTING", 1, timeout), disconnect(), [CANCEL_DELAYED]],
    [holding("HEARTBEAT_COOLDOWN"), LEAVE_EVENT_A, [CANCEL_WAIT, HB_AFTER_LEFT]],
    [holding("HEARTBEAT_COOLDOWN"), leftAll(), [CANCEL_WAIT]],
    [holding("HEARTBEAT_FAILED"), disconnect(), []],
  ];
  for (const [from, event, expected] of cases) {
    const suppressed = transition(from, event, LEAVE_OFF);
    assert.deepEqual(plain(suppressed.invocations), expected, `${from.name} + ${event.type}`);
    // The state is the same as without suppression: only the LEAVE differs.
    assert.deepEqual(suppressed.state, transition(from, event, LEAVE_ON).state);
  }
});

Deno.test("heartbeat: LEFT that leaves nothing goes to HEARTBEAT_INACTIVE with its LEAVE", () => {
  const from = heartbeatState("HEARTBEAT_COOLDOWN", { channels: ["a"], groups: ["g"] });
  const { state, invocations } = transition(from, left(["a"], ["g"]), LEAVE_ON);
  assert.equal(state.name, "HEARTBEAT_INACTIVE");
  assert.deepEqual(state.channels, []);
  assert.deepEqual(plain(invocations), [CANCEL_WAIT, {
    type: "LEAVE",
    channels: ["a"],
    groups: ["g"],
  }]);
});

Deno.test("heartbeat: LEFT that leaves nothing while stopped goes to HEARTBEAT_INACTIVE silently", () => {
  const from = heartbeatState("HEARTBEAT_STOPPED", { channels: ["a"] });
  const { state, invocations } = transition(from, left(["a"]), LEAVE_ON);
  assert.equal(state.name, "HEARTBEAT_INACTIVE");
  assert.deepEqual(invocations, []);
});

Deno.test("heartbeat: LEAVE carries only names that were held; an empty LEAVE is not sent", () => {
  const from = holding("HEARTBEATING");
  const partial = transition(from, left(["a", "zzz"], ["nope"]), LEAVE_ON);
  assert.deepEqual(plain(partial.invocations), [LEAVE_A, HB_AFTER_LEFT]);
  const none = transition(from, left(["zzz"]), LEAVE_ON);
  assert.deepEqual(plain(none.invocations), [HB_ALL]);
  assert.deepEqual(none.state.channels, ["a", "b"]);
});

Deno.test("heartbeat: JOINED deduplicates, keeps join order, and ignores -pnpres and empty names", () => {
  const first = transition(
    INITIAL_HEARTBEAT_STATE,
    joined(["b", "a-pnpres", "a", "b", ""], ["g-pnpres"]),
    LEAVE_ON,
  );
  assert.deepEqual(first.state.channels, ["b", "a"]);
  assert.deepEqual(first.state.groups, []);
  const second = transition(first.state, joined(["a", "c"]), LEAVE_ON);
  assert.deepEqual(second.state.channels, ["b", "a", "c"]);
});

Deno.test("heartbeat: JOINED with nothing announceable keeps the engine inactive", () => {
  for (const event of [joined([], []), joined(["x-pnpres"], ["g-pnpres"])]) {
    const { state, invocations } = transition(INITIAL_HEARTBEAT_STATE, event, LEAVE_ON);
    assert.equal(state.name, "HEARTBEAT_INACTIVE");
    assert.deepEqual(invocations, []);
  }
});

Deno.test("heartbeat: groups alone are enough to heartbeat", () => {
  const { state, invocations } = transition(INITIAL_HEARTBEAT_STATE, joined([], ["g"]), LEAVE_ON);
  assert.equal(state.name, "HEARTBEATING");
  assert.deepEqual(plain(invocations), [{ type: "HEARTBEAT", channels: [], groups: ["g"] }]);
});

Deno.test("heartbeat: retries count up across failures and reset after recovery", () => {
  let state = holding("HEARTBEATING");
  const attempts: number[] = [];
  for (let i = 0; i < 4; i++) {
    const result = transition(state, heartbeatFailure(timeout), LEAVE_ON);
    state = result.state;
    const delayed = result.invocations.at(-1)!;
    assert.equal(delayed.type, "DELAYED_HEARTBEAT");
    if (delayed.type === "DELAYED_HEARTBEAT") attempts.push(delayed.attempts);
  }
  assert.deepEqual(attempts, [0, 1, 2, 3]);
  state = transition(state, heartbeatSuccess(), LEAVE_ON).state;
  state = transition(state, timesUp(), LEAVE_ON).state;
  const again = transition(state, heartbeatFailure(timeout), LEAVE_ON);
  assert.equal(again.state.attempts, 0);
});

Deno.test("heartbeat: a late heartbeat answer in cooldown or stopped is ignored", () => {
  for (const name of ["HEARTBEAT_COOLDOWN", "HEARTBEAT_STOPPED", "HEARTBEAT_FAILED"] as const) {
    const from = holding(name);
    for (const event of [heartbeatSuccess(), heartbeatFailure(timeout)]) {
      const result = transition(from, event, LEAVE_ON);
      assert.equal(result.state, from);
      assert.deepEqual(result.invocations, []);
    }
  }
});

Deno.test("heartbeat: transition does not modify the state or event it is given", () => {
  const from = holding("HEARTBEATING");
  const event = joined(["c"]);
  transition(from, event, LEAVE_ON);
  assert.deepEqual(from.channels, ["a", "b"]);
  assert.deepEqual(event.channels, ["c"]);
  assert.ok(Object.isFrozen(event) && Object.isFrozen(event.channels));
});

/** Invocations as plain objects, so they compare with object literals. */
function plain(invocations: readonly HeartbeatInvocation[]): unknown[] {
  return invocations.map((invocation) => ({ ...invocation }));
}

Deno.test("heartbeat transition: an event typed like an Object.prototype member is ignored in every state", () => {
  for (const name of Object.values(HeartbeatStateName)) {
    const from = heartbeatState(name, { channels: ["a"] });
    for (const type of ["toString", "__proto__", "constructor", "hasOwnProperty", "NOPE"]) {
      const bogus = { type } as unknown as HeartbeatEvent;
      const result = transition(from, bogus, LEAVE_ON);
      assert.equal(result.state, from, `${name} + ${type} keeps the very same state`);
      assert.deepEqual(result.invocations, [], `${name} + ${type} invokes nothing`);
    }
  }
});

Deno.test("heartbeat engine: manages exactly the invocations its states cancel on exit", () => {
  const engine = heartbeatEngine(LEAVE_ON);
  assert.equal(engine.name, "presence");
  assert.equal(engine.initial, INITIAL_HEARTBEAT_STATE);
  assert.deepEqual([...engine.managed].sort(), ["DELAYED_HEARTBEAT", "WAIT"]);
  assert.deepEqual(Object.fromEntries(engine.cancels), {
    CANCEL_DELAYED_HEARTBEAT: "DELAYED_HEARTBEAT",
    CANCEL_WAIT: "WAIT",
  });
});

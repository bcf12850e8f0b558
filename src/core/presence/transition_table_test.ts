import assert from "node:assert/strict";
import {
  HEARTBEAT_ON_ENTER,
  HEARTBEAT_ON_EXIT,
  HEARTBEAT_TRANSITIONS,
} from "./transition_table.ts";

// Every row's behaviour is tested through transition() in transition_test.ts; these check the data itself.

Deno.test("heartbeat table: long-running invocations are paired enter/exit as the heartbeat engine transitions say", () => {
  assert.deepEqual({ ...HEARTBEAT_ON_ENTER }, {
    HEARTBEAT_INACTIVE: undefined,
    HEARTBEATING: "HEARTBEAT",
    HEARTBEAT_RECONNECTING: "DELAYED_HEARTBEAT",
    HEARTBEAT_COOLDOWN: "WAIT",
    HEARTBEAT_FAILED: undefined,
    HEARTBEAT_STOPPED: undefined,
  });
  assert.deepEqual({ ...HEARTBEAT_ON_EXIT }, {
    HEARTBEAT_INACTIVE: undefined,
    HEARTBEATING: undefined, // HEARTBEAT is not cancellable
    HEARTBEAT_RECONNECTING: "CANCEL_DELAYED_HEARTBEAT",
    HEARTBEAT_COOLDOWN: "CANCEL_WAIT",
    HEARTBEAT_FAILED: undefined,
    HEARTBEAT_STOPPED: undefined,
  });
});

Deno.test("heartbeat table: the data cannot be changed at run time", () => {
  assert.ok(Object.isFrozen(HEARTBEAT_TRANSITIONS));
  assert.ok(Object.isFrozen(HEARTBEAT_TRANSITIONS.HEARTBEATING));
  assert.ok(Object.isFrozen(HEARTBEAT_TRANSITIONS.HEARTBEATING.LEFT));
  assert.ok(Object.isFrozen(HEARTBEAT_ON_ENTER) && Object.isFrozen(HEARTBEAT_ON_EXIT));
});

Deno.test("heartbeat table: only DISCONNECT and LEFT_ALL leave everything; only LEFT leaves some", () => {
  for (const [state, rules] of Object.entries(HEARTBEAT_TRANSITIONS)) {
    for (const [event, rule] of Object.entries(rules)) {
      if (!rule?.leave) continue;
      const expected = event === "LEFT" ? "removed" : "all";
      assert.ok(
        ["LEFT", "DISCONNECT", "LEFT_ALL"].includes(event),
        `${state} + ${event} sends LEAVE`,
      );
      assert.equal(rule.leave, expected, `${state} + ${event}`);
      assert.notEqual(state, "HEARTBEAT_STOPPED", "a stopped engine sends nothing");
    }
  }
});

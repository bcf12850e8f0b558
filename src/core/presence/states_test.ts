import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import { heartbeatState, HeartbeatStateName, INITIAL_HEARTBEAT_STATE } from "./states.ts";

Deno.test('heartbeat states: the six names of docs/protocol.md "Heartbeat engine states and events", values equal to names', () => {
  assert.deepEqual(Object.keys(HeartbeatStateName), [
    "HEARTBEAT_INACTIVE",
    "HEARTBEATING",
    "HEARTBEAT_RECONNECTING",
    "HEARTBEAT_COOLDOWN",
    "HEARTBEAT_FAILED",
    "HEARTBEAT_STOPPED",
  ]);
  for (const [key, value] of Object.entries(HeartbeatStateName)) assert.equal(key, value);
});

Deno.test("heartbeat states: initial state is inactive and empty", () => {
  assert.deepEqual({ ...INITIAL_HEARTBEAT_STATE }, {
    name: "HEARTBEAT_INACTIVE",
    channels: [],
    groups: [],
    attempts: 0,
    reason: undefined,
  });
});

Deno.test("heartbeat states: values are frozen copies", () => {
  const channels = ["a"];
  const reason = new PNStatus({
    category: "PNTimeoutCategory",
    operation: "PNHeartbeatOperation",
    error: true,
  });
  const state = heartbeatState("HEARTBEAT_RECONNECTING", { channels, attempts: 2, reason });
  channels.push("b");
  assert.deepEqual(state.channels, ["a"]);
  assert.equal(state.attempts, 2);
  assert.equal(state.reason, reason);
  assert.ok(
    Object.isFrozen(state) && Object.isFrozen(state.channels) && Object.isFrozen(state.groups),
  );
  assert.throws(() => (state.channels as string[]).push("c"), TypeError);
});

import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import {
  disconnect,
  HEARTBEAT_EVENT_TYPES,
  heartbeatFailure,
  heartbeatGiveup,
  heartbeatSuccess,
  joined,
  left,
  leftAll,
  reconnect,
  timesUp,
} from "./events.ts";

const reason = new PNStatus({
  category: "PNTimeoutCategory",
  operation: "PNHeartbeatOperation",
  error: true,
});

Deno.test("heartbeat events: each constructor makes its type", () => {
  const made = [
    joined(["a"]),
    left(["a"]),
    leftAll(),
    heartbeatSuccess(),
    heartbeatFailure(reason),
    heartbeatGiveup(reason),
    timesUp(),
    disconnect(),
    reconnect(),
  ];
  assert.deepEqual(made.map((e) => e.type), HEARTBEAT_EVENT_TYPES);
  assert.ok(made.every((e) => Object.isFrozen(e)));
});

Deno.test("heartbeat events: lists are frozen copies; groups default to none", () => {
  const channels = ["a"];
  const event = joined(channels);
  channels.push("b");
  assert.deepEqual({ ...event }, { type: "JOINED", channels: ["a"], groups: [] });
  assert.ok(Object.isFrozen(event.channels) && Object.isFrozen(event.groups));
  assert.deepEqual({ ...left(["a"], ["g"]) }, { type: "LEFT", channels: ["a"], groups: ["g"] });
});

Deno.test("heartbeat events: failures carry their reason", () => {
  assert.equal(heartbeatFailure(reason).reason, reason);
  assert.equal(heartbeatGiveup(reason).reason, reason);
});

import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import {
  cancelDelayedHeartbeat,
  cancelWait,
  delayedHeartbeat,
  emitHeartbeatStatus,
  heartbeat,
  leave,
  wait,
} from "./invocations.ts";

const reason = new PNStatus({
  category: "PNTimeoutCategory",
  operation: "PNHeartbeatOperation",
  error: true,
});

Deno.test("heartbeat invocations: shapes and names", () => {
  assert.deepEqual({ ...heartbeat(["a"], ["g"]) }, {
    type: "HEARTBEAT",
    channels: ["a"],
    groups: ["g"],
  });
  assert.deepEqual({ ...delayedHeartbeat(["a"], [], 3, reason) }, {
    type: "DELAYED_HEARTBEAT",
    channels: ["a"],
    groups: [],
    attempts: 3,
    reason,
  });
  assert.deepEqual({ ...leave([], ["g"]) }, { type: "LEAVE", channels: [], groups: ["g"] });
  assert.equal(cancelDelayedHeartbeat().type, "CANCEL_DELAYED_HEARTBEAT");
  assert.equal(wait().type, "WAIT");
  assert.equal(cancelWait().type, "CANCEL_WAIT");
});

Deno.test("heartbeat invocations: EMIT_STATUS always reports PNHeartbeatOperation", () => {
  const emit = emitHeartbeatStatus({
    category: "PNServerErrorCategory",
    error: true,
    statusCode: 503,
  });
  assert.deepEqual({ ...emit.status }, {
    category: "PNServerErrorCategory",
    error: true,
    statusCode: 503,
    operation: "PNHeartbeatOperation",
  });
  assert.ok(Object.isFrozen(emit) && Object.isFrozen(emit.status));
});

Deno.test("heartbeat invocations: lists are frozen copies", () => {
  const channels = ["a"];
  const invocation = heartbeat(channels, []);
  channels.push("b");
  assert.deepEqual(invocation.channels, ["a"]);
  assert.ok(Object.isFrozen(invocation) && Object.isFrozen(invocation.channels));
});

import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import {
  cancel,
  cancelledBy,
  emitMessages,
  emitStatus,
  handshake,
  handshakeReconnect,
  type LongRunningInvocationType,
  receiveMessages,
  receiveReconnect,
} from "./invocations.ts";
import { SUBSCRIBE_ON_ENTER, SUBSCRIBE_ON_EXIT } from "./transition_table.ts";
import { SUBSCRIBE_ENGINE } from "./transition.ts";
import { SUBSCRIBE_STATE_NAMES } from "./states.ts";

const REASON = new PNStatus({
  category: "PNTimeoutCategory",
  operation: "PNSubscribeOperation",
  error: true,
});
const CURSOR = { timetoken: "17000000000000000", region: 3 };

Deno.test("invocations: constructors build frozen values with their payloads", () => {
  const all = [
    handshake(["a"], ["g"]),
    handshakeReconnect(["a"], ["g"], 2, REASON),
    receiveMessages(["a"], ["g"], CURSOR),
    receiveReconnect(["a"], ["g"], CURSOR, 1, REASON),
    emitMessages(CURSOR, CURSOR, []),
    emitStatus({
      category: "PNConnectedCategory",
      operation: "PNSubscribeOperation",
      error: false,
    }),
    cancel("HANDSHAKE"),
  ];
  for (const invocation of all) assert.ok(Object.isFrozen(invocation), invocation.type);
  assert.deepStrictEqual(all[1], {
    type: "HANDSHAKE_RECONNECT",
    channels: ["a"],
    groups: ["g"],
    attempts: 2,
    reason: REASON,
  });
  assert.ok(Object.isFrozen(all[0].type === "HANDSHAKE" && all[0].channels));
});

Deno.test("invocations: each CANCEL names the long-running invocation it aborts", () => {
  for (const target of SUBSCRIBE_ENGINE.managed) {
    const cancelType = cancel(target as LongRunningInvocationType).type;
    assert.equal(cancelType, `CANCEL_${target}`);
    assert.equal(cancelledBy(cancelType), target);
  }
});

Deno.test("invocations: a state that starts a long-running invocation on enter cancels exactly it on exit", () => {
  const state = {
    channels: ["a"],
    groups: [],
    cursor: CURSOR,
    attempts: 0,
    reason: REASON,
  };
  for (const name of SUBSCRIBE_STATE_NAMES) {
    const enter = (SUBSCRIBE_ON_ENTER[name] as (s: unknown) => readonly { type: string }[])({
      ...state,
      name,
    });
    const exit = SUBSCRIBE_ON_EXIT[name];
    assert.deepStrictEqual(exit.map((i) => i.type), enter.map((i) => `CANCEL_${i.type}`), name);
  }
});

Deno.test("invocations: the subscribe engine manages exactly what its states cancel on exit", () => {
  assert.equal(SUBSCRIBE_ENGINE.name, "subscribe");
  assert.deepStrictEqual([...SUBSCRIBE_ENGINE.managed].sort(), [
    "FILL_GAP",
    "HANDSHAKE",
    "HANDSHAKE_RECONNECT",
    "RECEIVE_MESSAGES",
    "RECEIVE_RECONNECT",
  ]);
  for (const [cancelType, target] of SUBSCRIBE_ENGINE.cancels) {
    assert.equal(cancelType, `CANCEL_${target}`);
  }
});

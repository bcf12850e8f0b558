import assert from "node:assert/strict";
import { receiveReconnectSuccess, receiveSuccess } from "./events.ts";
import { GAP_FILL_PART } from "./gap_fill_part.ts";
import { receiveReconnecting, receiving } from "./states.ts";
import {
  PLAIN_SUBSCRIBE_ENGINE,
  SUBSCRIBE_ENGINE,
  subscribeEngine,
  transition,
} from "./transition.ts";
import { PLAIN_SUBSCRIBE_TABLE, SUBSCRIBE_TRANSITIONS, withTablePart } from "./transition_table.ts";
import { PNStatus } from "../status.ts";

const from = { timetoken: "1", region: 1 };
const gaps = [{ channel: "a", after: "1", before: "5" }];
const caughtUp = receiveSuccess({ timetoken: "9", region: 1 }, [], gaps);

Deno.test("the plain table has no gap back-fill: a catch-up's gaps are delivered past, nothing is fetched", () => {
  assert.deepEqual(Object.keys(PLAIN_SUBSCRIBE_TABLE.rows.RECEIVE_GAP_FILLING), []);
  assert.equal(PLAIN_SUBSCRIBE_ENGINE.managed.has("FILL_GAP"), false);
  assert.equal(SUBSCRIBE_ENGINE.managed.has("FILL_GAP"), true);
  const plain = PLAIN_SUBSCRIBE_ENGINE.transition(receiving(["a"], [], from, true), caughtUp);
  assert.equal(plain.state.name, "RECEIVING");
  assert.ok(!plain.invocations.some((i) => i.type === "FILL_GAP"));
  const full = transition(receiving(["a"], [], from, true), caughtUp);
  assert.equal(full.state.name, "RECEIVE_GAP_FILLING");
  assert.ok(full.invocations.some((i) => i.type === "FILL_GAP"));
});

Deno.test("the plain table with the gap part is the whole table: same rows, same steps", () => {
  const composed = withTablePart(PLAIN_SUBSCRIBE_TABLE, GAP_FILL_PART);
  for (const [state, rows] of Object.entries(SUBSCRIBE_TRANSITIONS)) {
    assert.deepEqual(
      Object.keys(composed.rows[state as keyof typeof composed.rows]).sort(),
      Object.keys(rows).sort(),
      state,
    );
  }
  const engine = subscribeEngine(composed);
  const reason = new PNStatus({
    category: "PNTimeoutCategory",
    operation: "PNSubscribeOperation",
    error: true,
  });
  const cases = [
    { state: receiving(["a"], [], from, true), event: caughtUp },
    { state: receiving(["a"], [], from), event: caughtUp },
    {
      state: receiveReconnecting(["a"], [], from, 1, reason),
      event: receiveReconnectSuccess({ timetoken: "9", region: 1 }, [], gaps),
    },
    {
      state: receiveReconnecting(["a"], [], from, 1, reason),
      event: receiveReconnectSuccess({ timetoken: "9", region: 1 }, []),
    },
  ];
  for (const { state, event } of cases) {
    const step = engine.transition(state, event);
    assert.deepEqual(step, transition(state, event));
    assert.ok(step.invocations.length > 0);
  }
});

import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import { connectionChange, connectionStateOf } from "./connection_state.ts";
import {
  receiveFailure,
  receiveReconnectFailure,
  receiveReconnectGiveup,
  receiveReconnectSuccess,
  subscriptionChanged,
} from "./events.ts";
import {
  handshakeFailed,
  handshakeReconnecting,
  handshakeStopped,
  handshaking,
  INITIAL_SUBSCRIBE_STATE,
  receiveFailed,
  receiveReconnecting,
  receiveStopped,
  receiving,
  SUBSCRIBE_STATE_NAMES,
} from "./states.ts";
import { receiveGapFilling } from "./gap_fill_values.ts";
import { transition } from "./transition.ts";

const CURSOR = { timetoken: "17000000000000001", region: 1 };
const LOST = new PNStatus({
  category: "PNNetworkIssuesCategory",
  operation: "PNSubscribeOperation",
  error: true,
});

Deno.test("connectionStateOf: every engine state has its connection state", () => {
  const states = [
    [INITIAL_SUBSCRIBE_STATE, "disconnected"],
    [handshaking(["a"], []), "connecting"],
    [handshakeReconnecting(["a"], [], undefined, 0, LOST), "reconnecting"],
    [handshakeFailed(["a"], [], undefined, LOST), "failed"],
    [handshakeStopped(["a"], []), "disconnected"],
    [receiving(["a"], [], CURSOR), "connected"],
    [receiveReconnecting(["a"], [], CURSOR, 0, LOST), "reconnecting"],
    [receiveFailed(["a"], [], CURSOR, LOST), "failed"],
    [receiveStopped(["a"], [], CURSOR), "disconnected"],
    [
      receiveGapFilling(["a"], [], CURSOR, { gaps: [], pending: [], previousCursor: CURSOR }),
      "connected",
    ],
  ] as const;
  assert.deepEqual(states.map(([s]) => s.name), [...SUBSCRIBE_STATE_NAMES]);
  for (const [state, expected] of states) {
    assert.equal(connectionStateOf(state), expected, state.name);
  }
});

Deno.test("connectionChange: a lost connection is reconnecting at once, with the reason and attempt 1", () => {
  const before = receiving(["a"], [], CURSOR);
  const event = receiveFailure(LOST);
  const after = transition(before, event).state;
  assert.deepStrictEqual(connectionChange(before, event, after), {
    state: "reconnecting",
    previous: "connected",
    reason: "the connection was lost",
    status: LOST,
    attempt: 1,
  });
});

Deno.test("connectionChange: each further failed attempt is a change (a new attempt number)", () => {
  const before = receiveReconnecting(["a"], [], CURSOR, 0, LOST);
  const event = receiveReconnectFailure(LOST);
  const after = transition(before, event).state;
  assert.equal(connectionChange(before, event, after)?.attempt, 2);
});

Deno.test("connectionChange: recovery is connected, giving up is failed, the same state is no change", () => {
  const reconnecting = receiveReconnecting(["a"], [], CURSOR, 3, LOST);
  const back = receiveReconnectSuccess(CURSOR, []);
  assert.deepStrictEqual(
    connectionChange(reconnecting, back, transition(reconnecting, back).state),
    {
      state: "connected",
      previous: "reconnecting",
      reason: "the connection is back",
    },
  );
  const giveUp = receiveReconnectGiveup(LOST);
  const failed = connectionChange(reconnecting, giveUp, transition(reconnecting, giveUp).state);
  assert.equal(failed?.state, "failed");
  assert.equal(failed?.status, LOST);
  const live = receiving(["a"], [], CURSOR);
  const change = subscriptionChanged(["a", "b"], []);
  assert.equal(connectionChange(live, change, transition(live, change).state), undefined);
});

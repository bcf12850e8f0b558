import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import {
  disconnect,
  gapFillFailure,
  gapFillSuccess,
  handshakeFailure,
  handshakeReconnectFailure,
  handshakeReconnectGiveup,
  handshakeReconnectSuccess,
  handshakeSuccess,
  receiveFailure,
  receiveReconnectFailure,
  receiveReconnectGiveup,
  receiveReconnectSuccess,
  receiveSuccess,
  reconnect,
  SUBSCRIBE_EVENT_TYPES,
  type SubscribeEvent,
  subscriptionChanged,
  subscriptionRestored,
  unsubscribeAll,
} from "./events.ts";

const REASON = new PNStatus({
  category: "PNTimeoutCategory",
  operation: "PNSubscribeOperation",
  error: true,
});
const CURSOR = { timetoken: "17000000000000000", region: 3 };

const ALL: SubscribeEvent[] = [
  subscriptionChanged(["a"], ["g"]),
  subscriptionRestored(["a"], ["g"], CURSOR),
  handshakeSuccess(CURSOR),
  handshakeFailure(REASON),
  handshakeReconnectSuccess(CURSOR),
  handshakeReconnectFailure(REASON),
  handshakeReconnectGiveup(REASON),
  receiveSuccess(CURSOR, []),
  receiveFailure(REASON),
  receiveReconnectSuccess(CURSOR, []),
  receiveReconnectFailure(REASON),
  receiveReconnectGiveup(REASON),
  disconnect(),
  reconnect(),
  unsubscribeAll(),
  gapFillSuccess([]),
  gapFillFailure([], []),
];

Deno.test('events: one constructor per event type, in the order of docs/protocol.md "Subscribe engine states and events"', () => {
  assert.deepStrictEqual(ALL.map((e) => e.type), [...SUBSCRIBE_EVENT_TYPES]);
  assert.equal(new Set(SUBSCRIBE_EVENT_TYPES).size, 17);
});

Deno.test("events: values are frozen, with their lists and cursors", () => {
  for (const event of ALL) {
    assert.ok(Object.isFrozen(event), event.type);
    for (const value of Object.values(event)) {
      if (typeof value === "object" && value !== null && !(value instanceof PNStatus)) {
        assert.ok(Object.isFrozen(value), `${event.type} field`);
      }
    }
  }
});

Deno.test("events: constructors copy their inputs, so later mutation does not leak in", () => {
  const channels = ["a"];
  const cursor = { timetoken: "1", region: 1 };
  const messages = [{ c: "a", p: { t: "1", r: 1 } }];
  const changed = subscriptionChanged(channels, []);
  const received = receiveSuccess(cursor, messages);
  channels.push("b");
  cursor.timetoken = "2";
  messages.pop();
  assert.deepStrictEqual(changed.channels, ["a"]);
  assert.deepStrictEqual(received.cursor, { timetoken: "1", region: 1 });
  assert.equal(received.messages.length, 1);
});

Deno.test("events: payloads are carried as given", () => {
  assert.deepStrictEqual(subscriptionRestored(["a"], [], CURSOR), {
    type: "SUBSCRIPTION_RESTORED",
    channels: ["a"],
    groups: [],
    cursor: CURSOR,
  });
  assert.equal(receiveFailure(REASON).reason, REASON);
  assert.deepStrictEqual(reconnect(), { type: "RECONNECT" });
  assert.deepStrictEqual(reconnect(CURSOR), { type: "RECONNECT", cursor: CURSOR });
});

/**
 * The plain engine delivers a batch as one run, whatever its notes say; wrapped with
 * `withUndecryptedDelivery` (as a client that decrypts wraps it), each undecryptable message is
 * delivered alone with its error, then its status, with the gap back-fill's part too.
 */
import assert from "node:assert/strict";
import type { Envelope } from "./envelope.ts";
import { gapFillSuccess, receiveSuccess } from "./events.ts";
import type { SubscribeInvocation } from "./invocations.ts";
import { receiving, type SubscriptionCursor } from "./states.ts";
import { PLAIN_SUBSCRIBE_ENGINE, subscribeEngine } from "./transition.ts";
import { PLAIN_SUBSCRIBE_TABLE, withTablePart } from "./transition_table.ts";
import { GAP_FILL_PART } from "./gap_fill_part.ts";
import { withUndecryptedDelivery } from "./undecrypted_delivery.ts";

const OLD: SubscriptionCursor = { timetoken: "17000000000000001", region: 1 };
const NEXT: SubscriptionCursor = { timetoken: "17000000000000009", region: 1 };

function envelope(t: string, d: string): Envelope {
  return { c: "a", d, p: { t, r: 1 }, i: "u1" };
}

function lines(invocations: readonly SubscribeInvocation[]): string[] {
  return invocations.map((i) => {
    if (i.type === "EMIT_STATUS") return `STATUS ${i.status.category}`;
    if (i.type === "EMIT_MESSAGES") {
      return `MESSAGES ${i.messages.map((m) => m.d).join(",")}${
        i.decryptionError === undefined ? "" : ` (${i.decryptionError})`
      }`;
    }
    return i.type;
  });
}

const bad = envelope(NEXT.timetoken, "x");
const good = envelope(NEXT.timetoken, "ok");
const event = receiveSuccess(NEXT, [good, bad], [], {
  undecrypted: [{ envelope: bad, error: "bad key" }],
});

Deno.test("undecrypted delivery: the plain engine delivers the batch as one run", () => {
  const { invocations } = PLAIN_SUBSCRIBE_ENGINE.transition(receiving(["a"], [], OLD), event);
  assert.deepEqual(lines(invocations), [
    "CANCEL_RECEIVE_MESSAGES",
    "MESSAGES ok,x",
    "RECEIVE_MESSAGES",
  ]);
});

Deno.test("undecrypted delivery: the wrapped engine delivers each failure alone, then its status", () => {
  const engine = withUndecryptedDelivery(PLAIN_SUBSCRIBE_ENGINE);
  const { state, invocations } = engine.transition(receiving(["a"], [], OLD), event);
  assert.equal(state.name, "RECEIVING");
  assert.deepEqual(lines(invocations), [
    "CANCEL_RECEIVE_MESSAGES",
    "MESSAGES ok",
    "MESSAGES x (bad key)",
    "STATUS PNDecryptionErrorCategory",
    "RECEIVE_MESSAGES",
  ]);
  assert.equal(engine.name, "subscribe");
  assert.deepEqual([...engine.managed], [...PLAIN_SUBSCRIBE_ENGINE.managed]);
});

Deno.test("undecrypted delivery: a catch-up batch held during a gap fill keeps its failures", () => {
  const engine = withUndecryptedDelivery(
    subscribeEngine(withTablePart(PLAIN_SUBSCRIBE_TABLE, GAP_FILL_PART)),
  );
  const gap = { channel: "a", after: OLD.timetoken, before: "17000000000000005" };
  const held = engine.transition(
    receiving(["a"], [], OLD, true),
    receiveSuccess(NEXT, [bad], [gap], { undecrypted: [{ envelope: bad, error: "bad key" }] }),
  );
  assert.equal(held.state.name, "RECEIVE_GAP_FILLING");
  assert.deepEqual(lines(held.invocations), ["CANCEL_RECEIVE_MESSAGES", "FILL_GAP"]);
  const { invocations } = engine.transition(held.state, gapFillSuccess([]));
  assert.deepEqual(lines(invocations), [
    "CANCEL_FILL_GAP",
    "MESSAGES x (bad key)",
    "STATUS PNDecryptionErrorCategory",
    "RECEIVE_MESSAGES",
  ]);
});

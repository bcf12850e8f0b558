/**
 * The statuses the shell used to build itself, now rows of the subscribe table: rejected
 * envelopes, the message-count threshold, undecryptable messages, validation refusals and the
 * 403 give-up. Tested through `transition()`, in the order listeners will see them.
 */
import assert from "node:assert/strict";
import { PNStatus } from "../status.ts";
import type { Envelope } from "./envelope.ts";
import {
  gapFillSuccess,
  handshakeFailure,
  handshakeReconnectFailure,
  handshakeSuccess,
  receiveFailure,
  receiveReconnectFailure,
  receiveReconnectGiveup,
  receiveReconnectSuccess,
  receiveSuccess,
} from "./events.ts";
import type { SubscribeInvocation } from "./invocations.ts";
import { withNotes } from "./response_notes.ts";
import {
  handshakeReconnecting,
  handshaking,
  receiveReconnecting,
  receiving,
  type SubscriptionCursor,
} from "./states.ts";
import { transition } from "./transition.ts";

const OLD: SubscriptionCursor = { timetoken: "17000000000000001", region: 1 };
const NEXT: SubscriptionCursor = { timetoken: "17000000000000009", region: 1 };
const REJECTED = [{ index: 1, reason: "envelope m[1]: i must be a string", envelope: { i: 42 } }];
const TIMEOUT = new PNStatus({
  category: "PNTimeoutCategory",
  operation: "PNSubscribeOperation",
  error: true,
});
const TOO_LONG = new PNStatus({
  category: "PNValidationErrorCategory",
  operation: "PNSubscribeOperation",
  error: true,
  errorData: { message: "the request URI is 40000 bytes, over the limit of 32768" },
});

function envelope(t: string, d: unknown): Envelope {
  return { c: "a", d, p: { t, r: 1 }, i: "u1" };
}

/** Each invocation as a short line: type, category, message count, decryption error. */
function lines(invocations: readonly SubscribeInvocation[]): string[] {
  return invocations.map((i) => {
    if (i.type === "EMIT_STATUS") return `STATUS ${i.status.category}`;
    if (i.type === "EMIT_MESSAGES") {
      const error = i.decryptionError === undefined ? "" : ` undecrypted: ${i.decryptionError}`;
      return `MESSAGES ${i.messages.map((m) => m.d).join(",")}${
        i.restored ? " restored" : ""
      }${error}`;
    }
    return i.type;
  });
}

function statuses(invocations: readonly SubscribeInvocation[]) {
  return invocations.flatMap((i) => i.type === "EMIT_STATUS" ? [i.status] : []);
}

Deno.test("notes: a plain event stays plain; empty notes add nothing", () => {
  assert.deepEqual(
    receiveSuccess(NEXT, [], [], { rejected: [], undecrypted: [] }),
    receiveSuccess(NEXT, []),
  );
  assert.deepEqual(withNotes({ type: "X" }, {}), { type: "X" });
  assert.ok(Object.isFrozen(receiveSuccess(NEXT, [], [], { threshold: 3 })));
});

Deno.test("rejected envelopes: one MalformedResponse each, before Connected, with the response's code", () => {
  const { invocations } = transition(
    handshaking(["a"], ["g"]),
    handshakeSuccess(NEXT, { rejected: REJECTED, statusCode: 200 }),
  );
  assert.deepEqual(lines(invocations), [
    "CANCEL_HANDSHAKE",
    "STATUS PNMalformedResponseCategory",
    "STATUS PNConnectedCategory",
    "RECEIVE_MESSAGES",
  ]);
  assert.deepEqual(statuses(invocations)[0], {
    category: "PNMalformedResponseCategory",
    operation: "PNSubscribeOperation",
    error: true,
    statusCode: 200,
    errorData: { message: REJECTED[0].reason, envelope: REJECTED[0].envelope },
    affectedChannels: ["a"],
    affectedChannelGroups: ["g"],
  });
});

Deno.test("rejected envelopes: reported before the batch while receiving, and before Reconnected", () => {
  const batch = [envelope(NEXT.timetoken, "ok")];
  const received = transition(
    receiving(["a"], [], OLD),
    receiveSuccess(NEXT, batch, [], { rejected: REJECTED, statusCode: 200 }),
  );
  assert.deepEqual(lines(received.invocations), [
    "CANCEL_RECEIVE_MESSAGES",
    "STATUS PNMalformedResponseCategory",
    "MESSAGES ok",
    "RECEIVE_MESSAGES",
  ]);
  const reconnected = transition(
    receiveReconnecting(["a"], [], OLD, 1, TIMEOUT),
    receiveReconnectSuccess(NEXT, batch, [], { rejected: REJECTED, statusCode: 200 }),
  );
  assert.deepEqual(lines(reconnected.invocations), [
    "CANCEL_RECEIVE_RECONNECT",
    "STATUS PNMalformedResponseCategory",
    "STATUS PNReconnectedCategory",
    "MESSAGES ok",
    "RECEIVE_MESSAGES",
  ]);
});

Deno.test("threshold: only a batch above the threshold is followed by RequestMessageCountExceeded", () => {
  const batch = [envelope(NEXT.timetoken, 1), envelope(NEXT.timetoken, 2)];
  const above = transition(
    receiving(["a"], ["g"], OLD),
    receiveSuccess(NEXT, batch, [], { threshold: 1 }),
  );
  assert.deepEqual(lines(above.invocations), [
    "CANCEL_RECEIVE_MESSAGES",
    "MESSAGES 1,2",
    "STATUS PNRequestMessageCountExceededCategory",
    "RECEIVE_MESSAGES",
  ]);
  const exceeded = statuses(above.invocations)[0];
  assert.equal(exceeded.error, false);
  assert.equal(exceeded.currentTimetoken, NEXT.timetoken);
  assert.equal(exceeded.lastTimetoken, OLD.timetoken);
  assert.deepEqual(exceeded.affectedChannels, ["a"]);
  assert.deepEqual(exceeded.affectedChannelGroups, ["g"]);
  assert.match(
    String((exceeded.errorData as { message: string }).message),
    /2 messages.*above the threshold of 1/,
  );

  // The service's documentation: the status is for a payload "above" the threshold, so a batch
  // of exactly the threshold (a full 100-message answer at the default of 100) is not reported.
  const at = transition(
    receiving(["a"], [], OLD),
    receiveSuccess(NEXT, batch, [], { threshold: 2 }),
  );
  assert.deepEqual(statuses(at.invocations), []);
  const under = transition(
    receiving(["a"], [], OLD),
    receiveSuccess(NEXT, batch, [], { threshold: 3 }),
  );
  assert.deepEqual(statuses(under.invocations), []);
});

Deno.test("threshold: after a gap fill, the held batch counts, what storage restored does not", () => {
  const gap = { channel: "a", after: OLD.timetoken, before: "17000000000000005" };
  const held = [envelope(NEXT.timetoken, "live"), envelope(NEXT.timetoken, "live2")];
  const filling = transition(
    receiving(["a"], [], OLD, true), // a catch-up: its gaps are filled
    receiveSuccess(NEXT, held, [gap], { threshold: 1 }),
  ).state;
  assert.equal(filling.name, "RECEIVE_GAP_FILLING");
  const restored = [envelope("17000000000000003", "old"), envelope("17000000000000004", "older")];
  const { invocations } = transition(filling, gapFillSuccess(restored));
  assert.deepEqual(lines(invocations), [
    "CANCEL_FILL_GAP",
    "MESSAGES old,older restored",
    "MESSAGES live,live2",
    "STATUS PNRequestMessageCountExceededCategory",
    "RECEIVE_MESSAGES",
  ]);
});

Deno.test("decryption: each undecryptable message is delivered alone with its error, then its status", () => {
  const first = envelope(NEXT.timetoken, "x1");
  const clear = envelope(NEXT.timetoken, "clear");
  const third = envelope(NEXT.timetoken, "x3");
  const { invocations } = transition(
    receiving(["a"], [], OLD),
    receiveSuccess(NEXT, [first, clear, third], [], {
      undecrypted: [{ envelope: first, error: "bad key" }, { envelope: third, error: "bad key" }],
      threshold: 2,
    }),
  );
  assert.deepEqual(lines(invocations), [
    "CANCEL_RECEIVE_MESSAGES",
    "MESSAGES x1 undecrypted: bad key",
    "STATUS PNDecryptionErrorCategory",
    "MESSAGES clear",
    "MESSAGES x3 undecrypted: bad key",
    "STATUS PNDecryptionErrorCategory",
    "STATUS PNRequestMessageCountExceededCategory",
    "RECEIVE_MESSAGES",
  ]);
  assert.deepEqual(statuses(invocations)[0], {
    category: "PNDecryptionErrorCategory",
    operation: "PNSubscribeOperation",
    error: true,
    errorData: {
      message: `message ${NEXT.timetoken} on "a" was delivered undecrypted: bad key`,
      channel: "a",
      timetoken: NEXT.timetoken,
    },
    affectedChannels: ["a"],
  });
});

Deno.test("decryption: restored messages that cannot be decrypted get their status too", () => {
  const gap = { channel: "a", after: OLD.timetoken, before: "17000000000000005" };
  const filling =
    transition(receiving(["a"], [], OLD, true), receiveSuccess(NEXT, [], [gap])).state;
  const old = envelope("17000000000000003", "x");
  const { invocations } = transition(
    filling,
    gapFillSuccess([old], { undecrypted: [{ envelope: old, error: "bad key" }] }),
  );
  assert.deepEqual(lines(invocations), [
    "CANCEL_FILL_GAP",
    "MESSAGES x restored undecrypted: bad key",
    "STATUS PNDecryptionErrorCategory",
    "MESSAGES ",
    "RECEIVE_MESSAGES",
  ]);
});

Deno.test("validation: a refused request is reported on every failure row before the retry", () => {
  const rows = [
    transition(handshaking(["a"], []), handshakeFailure(TOO_LONG)),
    transition(
      handshakeReconnecting(["a"], [], undefined, 0, TIMEOUT),
      handshakeReconnectFailure(TOO_LONG),
    ),
    transition(receiving(["a"], [], OLD), receiveFailure(TOO_LONG)),
    transition(receiveReconnecting(["a"], [], OLD, 0, TIMEOUT), receiveReconnectFailure(TOO_LONG)),
  ];
  for (const { invocations } of rows) {
    assert.equal(invocations[1].type, "EMIT_STATUS");
    assert.deepEqual(statuses(invocations), [TOO_LONG.toJSON()]);
  }
  // Any other failure is silent: the retry policy decides, the give-up reports.
  assert.deepEqual(
    statuses(transition(receiving(["a"], [], OLD), receiveFailure(TIMEOUT)).invocations),
    [],
  );
});

Deno.test("403: a receive give-up is preceded by AccessDenied with the same fields", () => {
  const forbidden = new PNStatus({
    category: "PNAccessDeniedCategory",
    operation: "PNSubscribeOperation",
    error: true,
    statusCode: 403,
    errorData: { message: "Forbidden" },
  });
  const { invocations } = transition(
    receiveReconnecting(["a"], [], OLD, 2, TIMEOUT),
    receiveReconnectGiveup(forbidden),
  );
  const [denied, gaveUp] = statuses(invocations);
  assert.equal(denied.category, "PNAccessDeniedCategory");
  assert.equal(gaveUp.category, "PNUnexpectedDisconnectCategory");
  assert.deepEqual({ ...denied, category: gaveUp.category }, gaveUp);
  // Without a 403, only the give-up.
  const plain = transition(
    receiveReconnecting(["a"], [], OLD, 2, TIMEOUT),
    receiveReconnectGiveup(TIMEOUT),
  );
  assert.deepEqual(statuses(plain.invocations).map((s) => s.category), [
    "PNUnexpectedDisconnectCategory",
  ]);
});

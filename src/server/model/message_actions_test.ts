import assert from "node:assert/strict";
import type { StoredMessage } from "./history.ts";
import {
  actionEventPayload,
  addAction,
  MAX_ACTIONS_PER_MESSAGE,
  removeAction,
} from "./message_actions.ts";
import { PubSubModel } from "./model.ts";

const message = (): StoredMessage => ({ timetoken: 10n, tt: "10", message: "hi" });

Deno.test("addAction: one (type, value) per uuid, only on a stored message", () => {
  const m = message();
  const smile = { type: "reaction", value: "smile", uuid: "u" };
  const first = addAction(m, "ch", smile, 11n);
  assert.ok(first.ok);
  assert.deepEqual(first.action, { ...smile, timetoken: 11n, tt: "11" });
  const twice = addAction(m, "ch", smile, 12n);
  assert.equal(twice.ok, false);
  assert.equal(!twice.ok && twice.status, 409);
  assert.ok(addAction(m, "ch", { ...smile, uuid: "v" }, 13n).ok);
  assert.ok(addAction(m, "ch", { ...smile, value: "frown" }, 14n).ok);
  assert.equal(m.actions?.length, 3);
  const missing = addAction(undefined, "ch", smile, 15n);
  assert.equal(!missing.ok && missing.status, 400);
  assert.match(!missing.ok ? missing.message : "", /channel "ch"/);
});

Deno.test("addAction: at most MAX_ACTIONS_PER_MESSAGE, and the refusal says so", () => {
  const m = message();
  m.actions = Array.from({ length: MAX_ACTIONS_PER_MESSAGE }, (_, i) => ({
    type: "n",
    value: String(i),
    uuid: "u",
    timetoken: BigInt(i),
    tt: String(i),
  }));
  const refused = addAction(m, "ch", { type: "n", value: "more", uuid: "u" }, 99_999n);
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.message : "", /at most 25000/);
});

Deno.test("removeAction: by action timetoken; unknown ones are a 404", () => {
  const m = message();
  addAction(m, "ch", { type: "receipt", value: "read", uuid: "u" }, 11n);
  const gone = removeAction(m, "ch", 11n);
  assert.ok(gone.ok);
  assert.equal(gone.action.value, "read");
  assert.equal(m.actions, undefined);
  const again = removeAction(m, "ch", 11n);
  assert.equal(!again.ok && again.status, 404);
});

Deno.test("actionEventPayload: the service's e:3 payload", () => {
  assert.deepEqual(
    actionEventPayload(
      "removed",
      { type: "t", value: "v", uuid: "u", timetoken: 2n, tt: "2" },
      "1",
    ),
    {
      source: "actions",
      version: "1.0",
      data: { messageTimetoken: "1", type: "t", value: "v", actionTimetoken: "2" },
      event: "removed",
    },
  );
});

Deno.test("model: an action on a stored message is announced once, after its own timetoken", () => {
  const model = new PubSubModel({});
  const cursor = BigInt(model.timetoken(0));
  const mt = model.publish(1, { subKey: "k", channel: "ch", message: 1, kind: "message" })
    .timetoken!;
  const outcome = model.messageAction(2, {
    subKey: "k",
    channel: "ch",
    messageTimetoken: BigInt(mt),
    uuid: "u",
    add: { type: "t", value: "v" },
  });
  assert.ok(outcome.change.ok);
  assert.equal(outcome.envelopes.length, 1);
  const [envelope] = outcome.envelopes;
  assert.equal(envelope.kind, "action");
  assert.ok(envelope.timetoken > outcome.change.action.timetoken);
  const wire = JSON.parse(envelope.json);
  assert.equal(wire.e, 3);
  assert.equal(wire.i, "u");
  assert.equal(wire.a, undefined, "the service's action events carry no shard");
  const delivered = model.collect("k", { channels: ["ch"], groups: [] }, cursor).deliveries;
  assert.deepEqual(delivered.map((d) => d.envelope.kind), ["message", "action"]);
  const refused = model.messageAction(3, {
    subKey: "k",
    channel: "ch",
    messageTimetoken: BigInt(mt) + 1n,
    uuid: "u",
    add: { type: "t", value: "v" },
  });
  assert.equal(refused.change.ok, false);
  assert.deepEqual(refused.envelopes, []);
});

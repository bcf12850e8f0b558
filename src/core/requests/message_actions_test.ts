import assert from "node:assert/strict";
import {
  buildAddMessageActionRequest,
  buildGetMessageActionsRequest,
  buildRemoveMessageActionRequest,
  parseAddMessageActionResponse,
  parseGetMessageActionsResponse,
  parseRemoveMessageActionResponse,
} from "./message_actions.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

const MTT = "17000000000000000";
const ATT = "17000000000000001";
const ACTION = {
  type: "reaction",
  value: "v",
  uuid: "u",
  messageTimetoken: MTT,
  actionTimetoken: ATT,
};

Deno.test("add message action build: POST with the JSON body", () => {
  assert.deepEqual(
    buildAddMessageActionRequest({
      subscribeKey: "sub",
      channel: "a b",
      messageTimetoken: MTT,
      action: { type: "reaction", value: "😀" },
    }),
    {
      operation: "PNAddMessageActionOperation",
      method: "POST",
      path: `/v1/message-actions/sub/channel/a%20b/message/${MTT}`,
      query: {},
      headers: { "Content-Type": "application/json" },
      body: '{"type":"reaction","value":"😀"}',
      channels: ["a b"],
    },
  );
});

Deno.test("add message action build: type 1–15 characters, a value, a message timetoken", () => {
  const base = { subscribeKey: "sub", channel: "a", messageTimetoken: MTT };
  const op = "PNAddMessageActionOperation";
  const ok = buildAddMessageActionRequest({
    ...base,
    action: { type: "x".repeat(15), value: "v" },
  });
  assert.equal(ok.method, "POST");
  assertValidation(
    () => buildAddMessageActionRequest({ ...base, action: { type: "x".repeat(16), value: "v" } }),
    op,
    "16 characters long, the limit is 15",
  );
  assertValidation(
    () => buildAddMessageActionRequest({ ...base, action: { type: "r", value: "" } }),
    op,
    "value is empty",
  );
  assertValidation(
    () => buildAddMessageActionRequest({ ...base, action: { type: "r", value: 5 as never } }),
    op,
    "value is 5",
  );
  assertValidation(
    () => buildAddMessageActionRequest({ ...base, messageTimetoken: "", action: ACTION }),
    op,
    "messageTimetoken must be a timetoken",
  );
  assertValidation(
    () => buildAddMessageActionRequest({ ...base, channel: "", action: ACTION }),
    op,
    "channel is empty",
  );
});

Deno.test("get message actions build: start, end, limit in that order; limit 1–100", () => {
  const request = buildGetMessageActionsRequest({
    subscribeKey: "sub",
    channel: "a",
    limit: 100,
    end: ATT,
    start: "17000000000000009",
  });
  assert.equal(request.path, "/v1/message-actions/sub/channel/a");
  assert.deepEqual(Object.entries(request.query), [
    ["start", "17000000000000009"],
    ["end", ATT],
    ["limit", "100"],
  ]);
  for (const limit of [0, 101]) {
    assertValidation(
      () => buildGetMessageActionsRequest({ subscribeKey: "sub", channel: "a", limit }),
      "PNGetMessageActionsOperation",
      `limit must be a whole number from 1 to 100, got ${limit}`,
    );
  }
});

Deno.test("remove message action build: DELETE on the action's path", () => {
  const request = buildRemoveMessageActionRequest({
    subscribeKey: "sub",
    channel: "a",
    messageTimetoken: MTT,
    actionTimetoken: ATT,
  });
  assert.equal(request.method, "DELETE");
  assert.equal(request.path, `/v1/message-actions/sub/channel/a/message/${MTT}/action/${ATT}`);
  assertValidation(
    () =>
      buildRemoveMessageActionRequest({
        subscribeKey: "sub",
        channel: "a",
        messageTimetoken: MTT,
        actionTimetoken: "later",
      }),
    "PNRemoveMessageActionOperation",
    "actionTimetoken must be a timetoken",
  );
});

Deno.test("message action parsers: the service's answers, and refusals with a reason", () => {
  assert.deepEqual(parseAddMessageActionResponse({ status: 200, data: ACTION }), {
    ok: true,
    value: ACTION,
  });
  const more = { url: "/v1/message-actions/sub/channel/a?start=1", start: ATT, limit: 1 };
  assert.deepEqual(parseGetMessageActionsResponse({ status: 200, data: [ACTION], more }), {
    ok: true,
    value: { actions: [ACTION], more },
  });
  assert.deepEqual(parseRemoveMessageActionResponse({ status: 200, data: {} }), {
    ok: true,
    value: {},
  });
  const bad: [unknown, string][] = [
    [{ status: 200, data: { ...ACTION, actionTimetoken: 1 } }, '"actionTimetoken"'],
    [{ status: 200, data: { ...ACTION, type: null } }, '"type"'],
    [{ status: 200 }, "expected an action object"],
  ];
  for (const [data, mention] of bad) {
    const result = parseAddMessageActionResponse(data);
    assert.ok(!result.ok && result.reason.includes(mention), JSON.stringify(result));
  }
  const list = parseGetMessageActionsResponse({ status: 200, data: [ACTION, {}] });
  assert.ok(!list.ok && list.reason.includes("action #2"));
  const notList = parseGetMessageActionsResponse({ status: 200, data: {} });
  assert.ok(!notList.ok && notList.reason.includes('"data"'));
  assertNeverThrows(parseAddMessageActionResponse);
  assertNeverThrows(parseGetMessageActionsResponse);
  assertNeverThrows(parseRemoveMessageActionResponse);
});

import assert from "node:assert/strict";
import { buildDeleteMessagesRequest, parseDeleteMessagesResponse } from "./delete_messages.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("delete messages build: DELETE with start and end when given", () => {
  assert.deepEqual(
    buildDeleteMessagesRequest({
      subscribeKey: "sub",
      channel: "a/b",
      start: "17000000000000009",
      end: "17000000000000001",
    }),
    {
      operation: "PNDeleteMessagesOperation",
      method: "DELETE",
      path: "/v3/history/sub-key/sub/channel/a%2Fb",
      query: { start: "17000000000000009", end: "17000000000000001" },
      channels: ["a/b"],
    },
  );
  assert.deepEqual(buildDeleteMessagesRequest({ subscribeKey: "sub", channel: "a" }).query, {});
});

Deno.test("delete messages build: refuses an empty channel and bad timetokens", () => {
  assertValidation(
    () => buildDeleteMessagesRequest({ subscribeKey: "sub", channel: "" }),
    "PNDeleteMessagesOperation",
    "channel is empty",
  );
  assertValidation(
    () => buildDeleteMessagesRequest({ subscribeKey: "sub", channel: "a", start: "-1" }),
    "PNDeleteMessagesOperation",
    "start must be a timetoken",
  );
});

Deno.test("delete messages parse: the service's success and its error", () => {
  assert.deepEqual(parseDeleteMessagesResponse({ status: 200, error: false, error_message: "" }), {
    ok: true,
    value: {},
  });
  const refused = parseDeleteMessagesResponse({ status: 403, error: true, message: "Forbidden" });
  assert.ok(!refused.ok && refused.reason.includes("Forbidden"));
  assertNeverThrows(parseDeleteMessagesResponse);
});

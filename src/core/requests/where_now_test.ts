import assert from "node:assert/strict";
import { buildWhereNowRequest, parseWhereNowResponse } from "./where_now.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("where-now build: exact path, uuid encoded", () => {
  assert.deepEqual(buildWhereNowRequest({ subscribeKey: "sub", uuid: "user/1 (x)" }), {
    operation: "PNWhereNowOperation",
    method: "GET",
    path: "/v2/presence/sub-key/sub/uuid/user%2F1%20%28x%29",
    query: {},
  });
});

Deno.test("where-now build: refuses an empty uuid", () => {
  assertValidation(
    () => buildWhereNowRequest({ subscribeKey: "sub", uuid: "" }),
    "PNWhereNowOperation",
    "uuid is empty",
  );
});

Deno.test("where-now parse: channels, none, and a missing payload", () => {
  assert.deepEqual(
    parseWhereNowResponse({
      status: 200,
      message: "OK",
      payload: { channels: ["a", "b"] },
      service: "Presence",
    }),
    { ok: true, value: { channels: ["a", "b"] } },
  );
  assert.deepEqual(parseWhereNowResponse({ status: 200, payload: { channels: [] } }), {
    ok: true,
    value: { channels: [] },
  });
  assert.deepEqual(parseWhereNowResponse({ status: 200 }), { ok: true, value: { channels: [] } });
});

Deno.test("where-now parse: refuses wrong shapes", () => {
  for (
    const data of [{ payload: [] }, { payload: { channels: "a" } }, {
      payload: { channels: ["a", 1] },
    }, []]
  ) {
    assert.equal(parseWhereNowResponse(data).ok, false, JSON.stringify(data));
  }
  assertNeverThrows(parseWhereNowResponse);
});

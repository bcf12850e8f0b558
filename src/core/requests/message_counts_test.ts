import assert from "node:assert/strict";
import { buildMessageCountsRequest, parseMessageCountsResponse } from "./message_counts.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

const TT = "17000000000000000";

Deno.test("message counts build: one timetoken, a list of one, or one per channel", () => {
  assert.deepEqual(
    buildMessageCountsRequest({ subscribeKey: "sub", channels: ["a", "b c"], timetoken: TT }),
    {
      operation: "PNMessageCountsOperation",
      method: "GET",
      path: "/v3/history/sub-key/sub/message-counts/a,b%20c",
      query: { timetoken: TT },
      channels: ["a", "b c"],
    },
  );
  assert.deepEqual(
    buildMessageCountsRequest({ subscribeKey: "sub", channels: ["a"], channelsTimetoken: [TT] })
      .query,
    { timetoken: TT },
  );
  assert.deepEqual(
    buildMessageCountsRequest({
      subscribeKey: "sub",
      channels: ["a", "b"],
      channelsTimetoken: [TT, "17000000000000001"],
    }).query,
    { channelsTimetoken: `${TT},17000000000000001` },
  );
});

Deno.test("message counts build: the lists must match; one form only; timetokens only", () => {
  const base = { subscribeKey: "sub", channels: ["a", "b", "c"] };
  assertValidation(
    () => buildMessageCountsRequest({ ...base, channelsTimetoken: [TT, TT] }),
    "PNMessageCountsOperation",
    "2 timetoken(s) for 3 channel(s)",
  );
  assertValidation(
    () => buildMessageCountsRequest({ ...base, timetoken: TT, channelsTimetoken: [TT, TT, TT] }),
    "PNMessageCountsOperation",
    "not both",
  );
  assertValidation(
    () => buildMessageCountsRequest(base),
    "PNMessageCountsOperation",
    "give a timetoken",
  );
  assertValidation(
    () => buildMessageCountsRequest({ ...base, channelsTimetoken: [TT, "x", TT] }),
    "PNMessageCountsOperation",
    'channelsTimetoken #2 must be a timetoken (a string of up to 19 digits), got "x"',
  );
  assertValidation(
    () => buildMessageCountsRequest({ ...base, channels: [], timetoken: TT }),
    "PNMessageCountsOperation",
    "no channels",
  );
});

Deno.test("message counts parse: counts per channel; wrong shapes refused", () => {
  assert.deepEqual(
    parseMessageCountsResponse({
      status: 200,
      error: false,
      error_message: "",
      channels: { a: 3, b: 0 },
    }),
    { ok: true, value: { channels: { a: 3, b: 0 } } },
  );
  for (
    const [data, mention] of [
      [{ status: 200 }, `"channels"`],
      [{ channels: { a: "3" } }, `channel "a"`],
      [{ channels: { a: -1 } }, `channel "a"`],
      [{ status: 400, error: true, error_message: "Invalid Subscribe Key" }, "Invalid Subscribe"],
    ] as const
  ) {
    const result = parseMessageCountsResponse(data);
    assert.ok(!result.ok && result.reason.includes(mention), JSON.stringify(result));
  }
  assertNeverThrows(parseMessageCountsResponse);
});

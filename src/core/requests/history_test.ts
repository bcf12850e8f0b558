import assert from "node:assert/strict";
import { encodeQuery } from "../encoding.ts";
import { buildHistoryRequest, parseHistoryResponse } from "./history.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("history build: defaults, and every option in the official SDK's order", () => {
  assert.deepEqual(buildHistoryRequest({ subscribeKey: "sub", channel: "a b" }), {
    operation: "PNHistoryOperation",
    method: "GET",
    path: "/v2/history/sub-key/sub/channel/a%20b",
    query: { count: "100", string_message_token: "true" },
    channels: ["a b"],
  });
  const full = buildHistoryRequest({
    subscribeKey: "sub",
    channel: "a",
    count: 5,
    start: "17000000000000009",
    end: "17000000000000001",
    reverse: true,
    includeTimetoken: true,
    includeMeta: true,
  });
  assert.equal(
    encodeQuery(full.query),
    "count=5&include_token=true&start=17000000000000009&end=17000000000000001" +
      "&string_message_token=true&reverse=true&include_meta=true",
  );
});

Deno.test("history build: refuses an empty channel, a count outside 1–100, bad timetokens", () => {
  const base = { subscribeKey: "sub", channel: "a" };
  assertValidation(
    () => buildHistoryRequest({ ...base, channel: "" }),
    "PNHistoryOperation",
    "channel is empty",
  );
  for (const count of [0, 101, 2.5]) {
    assertValidation(
      () => buildHistoryRequest({ ...base, count }),
      "PNHistoryOperation",
      "count must be a whole number from 1 to 100",
      String(count),
    );
  }
  assertValidation(
    () => buildHistoryRequest({ ...base, end: "x" }),
    "PNHistoryOperation",
    'end must be a timetoken (a string of up to 19 digits), got "x"',
  );
  assert.equal(buildHistoryRequest({ ...base, count: 100 }).query.count, "100");
});

Deno.test("history parse: start and end keep every digit although JSON numbers would round them", () => {
  const body = '[[{"message":"a","timetoken":"17000000000000003","meta":{"k":1}},' +
    '{"message":"b","timetoken":"17000000000000005","meta":""}],17000000000000003,17000000000000005]';
  assert.equal(String(JSON.parse(body)[1]), "17000000000000004", "JSON.parse rounds");
  assert.deepEqual(parseHistoryResponse(JSON.parse(body), body, true), {
    ok: true,
    value: {
      messages: [
        { entry: "a", timetoken: "17000000000000003", meta: { k: 1 } },
        { entry: "b", timetoken: "17000000000000005" },
      ],
      startTimetoken: "17000000000000003",
      endTimetoken: "17000000000000005",
    },
  });
});

Deno.test("history parse: bare messages when nothing was asked besides them", () => {
  const body = '[[{"message":"looks wrapped"},2],"17000000000000001","17000000000000002"]';
  assert.deepEqual(parseHistoryResponse(JSON.parse(body), body, false), {
    ok: true,
    value: {
      messages: [{ entry: { message: "looks wrapped" } }, { entry: 2 }],
      startTimetoken: "17000000000000001",
      endTimetoken: "17000000000000002",
    },
  });
});

Deno.test("history parse: refuses wrong shapes with a reason", () => {
  const cases: [string, boolean, string][] = [
    ["{}", false, "expected [[messages], start, end]"],
    ['[[],"x","y"]', false, "does not end with the start and end timetokens"],
    ["[[5],1,2]", true, "message #1: expected an object"],
    ['[[{"timetoken":"1"}],1,2]', true, 'message #1: no "message"'],
    ['[[{"message":1,"timetoken":17000000000000001}],1,2]', true, "JSON number"],
    ['[[{"message":1,"timetoken":"t"}],1,2]', true, "not a timetoken"],
  ];
  for (const [body, wrapped, mention] of cases) {
    const result = parseHistoryResponse(JSON.parse(body), body, wrapped);
    assert.ok(!result.ok, `accepted ${body}`);
    assert.ok(result.reason.includes(mention), `"${mention}" not in: ${result.reason}`);
  }
  // The body of a hostile value: whatever it prints as (some cannot be printed at all).
  const bodyOf = (data: unknown) => {
    try {
      return JSON.stringify(data) ?? "";
    } catch {
      return "";
    }
  };
  assertNeverThrows((data) => parseHistoryResponse(data, bodyOf(data), true));
  assertNeverThrows((data) => parseHistoryResponse(data, "[[],1,2]", false));
});

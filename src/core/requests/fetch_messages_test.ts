import assert from "node:assert/strict";
import { encodeQuery } from "../encoding.ts";
import { buildFetchMessagesRequest, parseFetchMessagesResponse } from "./fetch_messages.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("fetch messages build: one channel, defaults as the official SDK", () => {
  assert.deepEqual(buildFetchMessagesRequest({ subscribeKey: "sub", channels: ["a"] }), {
    operation: "PNFetchMessagesOperation",
    method: "GET",
    path: "/v3/history/sub-key/sub/channel/a",
    query: { max: "100", include_uuid: "true", include_message_type: "true" },
    channels: ["a"],
  });
});

Deno.test("fetch messages build: several channels default to 25", () => {
  const request = buildFetchMessagesRequest({ subscribeKey: "sub", channels: ["a", "b c"] });
  assert.equal(request.path, "/v3/history/sub-key/sub/channel/a,b%20c");
  assert.equal(request.query.max, "25");
});

Deno.test("fetch messages build: count, start, end, meta, in the official order", () => {
  const request = buildFetchMessagesRequest({
    subscribeKey: "sub",
    channels: ["a"],
    count: 10,
    start: "17000000000000009",
    end: "17000000000000001",
    includeMeta: true,
    includeCustomMessageType: true,
  });
  assert.equal(
    encodeQuery(request.query),
    "max=10&start=17000000000000009&end=17000000000000001&include_meta=true&include_uuid=true" +
      "&include_custom_message_type=true&include_message_type=true",
  );
  const lean = buildFetchMessagesRequest({
    subscribeKey: "sub",
    channels: ["a"],
    includeMeta: false,
    includeUuid: false,
    includeMessageType: false,
  });
  assert.deepEqual(lean.query, { max: "100" });
});

Deno.test("fetch messages build: a count above the maximum is lowered to it", () => {
  assert.equal(
    buildFetchMessagesRequest({ subscribeKey: "sub", channels: ["a"], count: 500 }).query.max,
    "100",
  );
  assert.equal(
    buildFetchMessagesRequest({ subscribeKey: "sub", channels: ["a", "b"], count: 100 }).query.max,
    "25",
  );
  assert.equal(
    buildFetchMessagesRequest({ subscribeKey: "sub", channels: ["a", "b"], count: 1 }).query.max,
    "1",
  );
});

Deno.test("fetch messages build: refuses bad counts, timetokens and channel lists", () => {
  const base = { subscribeKey: "sub", channels: ["a"] };
  for (const count of [0, -1, 2.5, NaN]) {
    assertValidation(
      () => buildFetchMessagesRequest({ ...base, count }),
      "PNFetchMessagesOperation",
      "count",
    );
  }
  for (const start of ["", "abc", "1.7e16", "17000000000000000000000"]) {
    assertValidation(
      () => buildFetchMessagesRequest({ ...base, start }),
      "PNFetchMessagesOperation",
      "start must be a timetoken",
    );
  }
  assertValidation(
    () => buildFetchMessagesRequest({ ...base, end: 17000000000000000 as unknown as string }),
    "PNFetchMessagesOperation",
    "end must be a timetoken",
  );
  assertValidation(
    () => buildFetchMessagesRequest({ ...base, channels: [] }),
    "PNFetchMessagesOperation",
    "no channels",
  );
  assertValidation(
    () => buildFetchMessagesRequest({ ...base, channels: ["a", ""] }),
    "PNFetchMessagesOperation",
    "channel name #2 is empty",
  );
});

Deno.test("fetch messages parse: messages per channel, timetokens as exact strings", () => {
  const result = parseFetchMessagesResponse({
    status: 200,
    error: false,
    error_message: "",
    channels: {
      a: [
        {
          message: { text: "hi" },
          timetoken: "17000000000000001",
          uuid: "u1",
          meta: { lang: "en" },
        },
        {
          message: "plain",
          timetoken: "17000000000000002",
          uuid: "u2",
          meta: "",
          message_type: null,
        },
      ],
      b: [{
        message: 1,
        timetoken: "17000000000000003",
        message_type: 4,
        custom_message_type: "file",
      }],
    },
  });
  assert.deepEqual(result, {
    ok: true,
    value: {
      channels: {
        a: [
          {
            message: { text: "hi" },
            timetoken: "17000000000000001",
            uuid: "u1",
            meta: { lang: "en" },
          },
          {
            message: "plain",
            timetoken: "17000000000000002",
            uuid: "u2",
            meta: undefined,
            messageType: 0,
          },
        ],
        b: [{
          message: 1,
          timetoken: "17000000000000003",
          uuid: undefined,
          meta: undefined,
          messageType: 4,
          customMessageType: "file",
        }],
      },
    },
  });
});

Deno.test("fetch messages parse: no channels means no messages", () => {
  assert.deepEqual(parseFetchMessagesResponse({ status: 200, error: false, channels: {} }), {
    ok: true,
    value: { channels: {} },
  });
  assert.deepEqual(parseFetchMessagesResponse({ status: 200, error: false }), {
    ok: true,
    value: { channels: {} },
  });
});

Deno.test("fetch messages parse: a number timetoken is refused rather than rounded", () => {
  const result = parseFetchMessagesResponse({
    channels: { a: [{ message: 1, timetoken: 17000000000000001 }] },
  });
  assert.ok(!result.ok);
  assert.ok(result.reason.includes("JSON number"), result.reason);
  assert.ok(result.reason.includes(`channel "a", message #1`), result.reason);
});

Deno.test("fetch messages parse: refuses wrong shapes with a reason", () => {
  const cases: [unknown, string][] = [
    [{ channels: [] }, `"channels"`],
    [{ channels: { a: {} } }, `channel "a"`],
    [{ channels: { a: [5] } }, "expected an object"],
    [{ channels: { a: [{ timetoken: "1" }] } }, `no "message"`],
    [{ channels: { a: [{ message: 1, timetoken: "x1" }] } }, "not a timetoken"],
    [{ channels: { a: [{ message: 1, timetoken: "1", uuid: 5 }] } }, `"uuid"`],
    [{ channels: { a: [{ message: 1, timetoken: "1", message_type: "chat" }] } }, `"message_type"`],
    [{ channels: { a: [{ message: 1, timetoken: "1", message_type: -1 }] } }, `"message_type"`],
    [{ channels: { a: [{ message: 1, timetoken: "1", actions: [] }] } }, `"actions"`],
    [{ channels: { a: [{ message: 1, timetoken: "1", actions: { r: { v: [{}] } } }] } }, `"r"/"v"`],
    [{ status: 400, error: true, error_message: "Invalid Subscribe Key" }, "Invalid Subscribe Key"],
  ];
  for (const [data, mention] of cases) {
    const result = parseFetchMessagesResponse(data);
    assert.ok(!result.ok, `accepted ${JSON.stringify(data)}`);
    assert.ok(result.reason.includes(mention), `"${mention}" not in: ${result.reason}`);
  }
  assertNeverThrows(parseFetchMessagesResponse);
});

Deno.test("fetch messages parse: the service's string message_type is read as its number", () => {
  const result = parseFetchMessagesResponse({
    status: 200,
    error: false,
    channels: {
      a: [
        { message: "hi", timetoken: "17000000000000001", message_type: "0" },
        { message: { file: 1 }, timetoken: "17000000000000002", message_type: "4" },
        { message: "x", timetoken: "17000000000000003", message_type: 1 },
      ],
    },
  });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.deepEqual(result.value.channels.a.map((m) => m.messageType), [0, 4, 1]);
});

Deno.test("fetch messages build: with message actions, one channel, another path, at most 25", () => {
  const request = buildFetchMessagesRequest({
    subscribeKey: "sub",
    channels: ["a"],
    includeMessageActions: true,
  });
  assert.equal(request.path, "/v3/history-with-actions/sub-key/sub/channel/a");
  assert.equal(request.query.max, "25");
  assert.equal(
    buildFetchMessagesRequest({
      subscribeKey: "sub",
      channels: ["a"],
      count: 100,
      includeMessageActions: true,
    }).query.max,
    "25",
  );
  assertValidation(
    () =>
      buildFetchMessagesRequest({
        subscribeKey: "sub",
        channels: ["a", "b"],
        includeMessageActions: true,
      }),
    "PNFetchMessagesOperation",
    "message actions can be fetched for one channel only, got 2 channels",
  );
});

Deno.test("fetch messages parse: actions by type and value, and the more link", () => {
  const result = parseFetchMessagesResponse({
    status: 200,
    error: false,
    channels: {
      a: [{
        message: "hi",
        timetoken: "17000000000000001",
        actions: {
          reaction: {
            smile: [
              { uuid: "u1", actionTimetoken: "17000000000000002" },
              { uuid: "u2", actionTimetoken: "17000000000000003" },
            ],
          },
          receipt: { read: [{ uuid: "u3", actionTimetoken: "17000000000000004" }] },
        },
      }],
    },
    more: { url: "/v3/history-with-actions/sub-key/s/channel/a?start=1&max=1", start: "1", max: 1 },
  });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.deepEqual(result.value.channels.a[0].actions, {
    reaction: {
      smile: [
        { uuid: "u1", actionTimetoken: "17000000000000002" },
        { uuid: "u2", actionTimetoken: "17000000000000003" },
      ],
    },
    receipt: { read: [{ uuid: "u3", actionTimetoken: "17000000000000004" }] },
  });
  assert.deepEqual(result.value.more, {
    url: "/v3/history-with-actions/sub-key/s/channel/a?start=1&max=1",
    start: "1",
    max: 1,
  });
});

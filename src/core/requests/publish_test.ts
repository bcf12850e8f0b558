import assert from "node:assert/strict";
import {
  buildPublishRequest,
  checkTarget,
  parsePublishResponse,
  type PublishParams,
  serializeForPublish,
  serializeMeta,
} from "./publish.ts";
import { PubNubError } from "../error.ts";
import { encodeQuery } from "../encoding.ts";
import type { PNOperationTypeName } from "../categories.ts";

function params(overrides: Partial<PublishParams> = {}): PublishParams {
  return {
    publishKey: "pub",
    subscribeKey: "sub",
    channel: "ch",
    payloadJson: '"hi"',
    maxMessageSize: 32768,
    ...overrides,
  };
}

function assertValidation(
  fn: () => unknown,
  operation: PNOperationTypeName,
  ...mentions: (string | RegExp)[]
): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof PubNubError, `expected a PubNubError, got ${error}`);
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.equal(error.status.operation, operation);
    assert.equal(error.status.isError(), true);
    for (const m of mentions) {
      if (typeof m === "string") {
        assert.ok(error.message.includes(m), `"${m}" not in: ${error.message}`);
      } else assert.match(error.message, m);
    }
    return true;
  });
}

// ---- request shape ------------------------------------------------------------------------------

Deno.test("buildPublishRequest: GET with the JSON in the path", () => {
  assert.deepEqual(buildPublishRequest(params()), {
    operation: "PNPublishOperation",
    method: "GET",
    path: "/publish/pub/sub/0/ch/0/%22hi%22",
    query: {},
    messageLength: 8,
    channels: ["ch"],
  });
});

const PATH_CASES: ReadonlyArray<[string, Partial<PublishParams>, string]> = [
  [
    "object message",
    { payloadJson: '{"name":"Alex","online":true}' },
    "/publish/pub/sub/0/ch/0/%7B%22name%22%3A%22Alex%22%2C%22online%22%3Atrue%7D",
  ],
  [
    "channel with space, slash and unicode",
    { channel: "my ch/é" },
    "/publish/pub/sub/0/my%20ch%2F%C3%A9/0/%22hi%22",
  ],
  [
    "channel with !~*'()",
    { channel: "a!~*'()" },
    "/publish/pub/sub/0/a%21%7E%2A%27%28%29/0/%22hi%22",
  ],
  [
    "keys are encoded too",
    { publishKey: "p/k", subscribeKey: "s k" },
    "/publish/p%2Fk/s%20k/0/ch/0/%22hi%22",
  ],
  [
    "message with !~*'() and +",
    { payloadJson: JSON.stringify("(a+b)!") },
    "/publish/pub/sub/0/ch/0/%22%28a%2Bb%29%21%22",
  ],
  ["number message", { payloadJson: "42" }, "/publish/pub/sub/0/ch/0/42"],
];

for (const [name, overrides, path] of PATH_CASES) {
  Deno.test(`buildPublishRequest GET path: ${name}`, () => {
    assert.equal(buildPublishRequest(params(overrides)).path, path);
  });
}

Deno.test("buildPublishRequest: POST sends the JSON as body, not in the path", () => {
  assert.deepEqual(
    buildPublishRequest(params({ usePost: true, payloadJson: '{"a":"b c"}', channel: "my ch" })),
    {
      operation: "PNPublishOperation",
      method: "POST",
      path: "/publish/pub/sub/0/my%20ch/0",
      query: {},
      headers: { "Content-Type": "application/json" },
      body: '{"a":"b c"}',
      channels: ["my ch"],
    },
  );
});

Deno.test("buildPublishRequest: usePost false is GET", () => {
  const request = buildPublishRequest(params({ usePost: false }));
  assert.equal(request.method, "GET");
  assert.equal(request.body, undefined);
  assert.equal(request.headers, undefined);
});

Deno.test("buildPublishRequest: query params in the official SDK's order", () => {
  const request = buildPublishRequest(params({
    metaJson: '{"lang":"en"}',
    replicate: false,
    ttl: 24,
    shouldStore: true,
    customMessageType: "text-message",
  }));
  assert.deepEqual(Object.keys(request.query), [
    "custom_message_type",
    "store",
    "ttl",
    "norep",
    "meta",
  ]);
  assert.deepEqual(request.query, {
    custom_message_type: "text-message",
    store: "1",
    ttl: "24",
    norep: "true",
    meta: '{"lang":"en"}',
  });
  assert.equal(
    encodeQuery(request.query),
    "custom_message_type=text-message&store=1&ttl=24&norep=true&meta=%7B%22lang%22%3A%22en%22%7D",
  );
});

const QUERY_CASES: ReadonlyArray<[string, Partial<PublishParams>, Record<string, string>]> = [
  ["nothing optional: empty query", {}, {}],
  ["shouldStore true → store=1", { shouldStore: true }, { store: "1" }],
  ["shouldStore false → store=0", { shouldStore: false }, { store: "0" }],
  ["ttl 0 is sent", { ttl: 0 }, { ttl: "0" }],
  ["ttl 24", { ttl: 24 }, { ttl: "24" }],
  ["replicate true sends no norep", { replicate: true }, {}],
  ["meta is raw JSON in the query (encoded later)", { metaJson: '{"a":1}' }, { meta: '{"a":1}' }],
  ["empty customMessageType is not sent", { customMessageType: "" }, {}],
  ["sequence number", { sequenceNumber: 5 }, { seqn: "5" }],
  [
    "fire as the shell builds it: store=0&norep=true",
    { replicate: false, shouldStore: false },
    { store: "0", norep: "true" },
  ],
];

for (const [name, overrides, query] of QUERY_CASES) {
  Deno.test(`buildPublishRequest query: ${name}`, () => {
    assert.deepEqual(buildPublishRequest(params(overrides)).query, query);
  });
}

Deno.test("buildPublishRequest: fire (replicate false) → norep=true and PNFireOperation", () => {
  const request = buildPublishRequest(params({ replicate: false, shouldStore: false }));
  assert.equal(request.operation, "PNFireOperation");
  assert.equal(request.query.norep, "true");
  assert.equal(encodeQuery(request.query), "store=0&norep=true");
  assert.equal(request.path, "/publish/pub/sub/0/ch/0/%22hi%22");
});

Deno.test("buildPublishRequest: an explicit operation wins", () => {
  assert.equal(
    buildPublishRequest(params({ operation: "PNPublishOperation", replicate: false })).operation,
    "PNPublishOperation",
  );
  assert.equal(
    buildPublishRequest(params({ operation: "PNFireOperation" })).operation,
    "PNFireOperation",
  );
});

Deno.test("buildPublishRequest: the same meta is sent for GET and POST", () => {
  const get = buildPublishRequest(params({ metaJson: '{"a":1}' }));
  const post = buildPublishRequest(params({ metaJson: '{"a":1}', usePost: true }));
  assert.deepEqual(get.query, post.query);
});

// ---- validation ---------------------------------------------------------------------------------

const INVALID: ReadonlyArray<
  [string, Partial<PublishParams>, PNOperationTypeName, (string | RegExp)[]]
> = [
  ["missing publishKey", { publishKey: undefined }, "PNPublishOperation", [
    "publishKey",
    /^Cannot publish/,
  ]],
  ["empty publishKey", { publishKey: "" }, "PNPublishOperation", ["publishKey"]],
  ["missing publishKey on fire", { publishKey: undefined, replicate: false }, "PNFireOperation", [
    /^Cannot fire/,
    "publishKey",
  ]],
  ["empty channel", { channel: "" }, "PNPublishOperation", ["channel is empty"]],
  ["empty channel on fire", { channel: "", replicate: false }, "PNFireOperation", [
    "channel is empty",
  ]],
  ["negative ttl", { ttl: -1 }, "PNPublishOperation", ["ttl", "-1"]],
  ["fractional ttl", { ttl: 1.5 }, "PNPublishOperation", ["ttl", "1.5"]],
  ["NaN ttl", { ttl: NaN }, "PNPublishOperation", ["ttl", "NaN"]],
  ["message over the limit", { payloadJson: '"abc"', maxMessageSize: 10 }, "PNPublishOperation", [
    "too large",
    "11",
    "10",
    '"ch"',
  ]],
];

for (const [name, overrides, operation, mentions] of INVALID) {
  Deno.test(`buildPublishRequest refuses ${name}`, () => {
    assertValidation(() => buildPublishRequest(params(overrides)), operation, ...mentions);
  });
}

Deno.test("buildPublishRequest: a non-string channel is refused", () => {
  assertValidation(
    () => buildPublishRequest(params({ channel: undefined as unknown as string })),
    "PNPublishOperation",
    "channel",
  );
});

Deno.test("buildPublishRequest: a long channel name is truncated in the size error", () => {
  const channel = "c".repeat(100);
  assert.throws(
    () => buildPublishRequest(params({ channel, maxMessageSize: 50 })),
    (error: unknown) => {
      assert.ok(error instanceof PubNubError);
      assert.ok(error.message.includes(`"${"c".repeat(40)}…"`), error.message);
      assert.ok(!error.message.includes("c".repeat(41)), error.message);
      return true;
    },
  );
});

Deno.test("checkTarget: passes with a key and a channel, refuses otherwise with the operation's verb", () => {
  checkTarget("PNSignalOperation", "pub", "ch");
  assertValidation(
    () => checkTarget("PNSignalOperation", undefined, "ch"),
    "PNSignalOperation",
    /^Cannot signal/,
    "publishKey",
  );
  assertValidation(
    () => checkTarget("PNSignalOperation", "pub", ""),
    "PNSignalOperation",
    /^Cannot signal/,
    "channel",
  );
});

// ---- serialisation ------------------------------------------------------------------------------

Deno.test("serializeForPublish: JSON text of a value", () => {
  assert.equal(serializeForPublish("PNPublishOperation", { a: [1, "b"] }), '{"a":[1,"b"]}');
  assert.equal(serializeForPublish("PNPublishOperation", "hello"), '"hello"');
});

const UNSERIALISABLE: ReadonlyArray<[string, unknown, string]> = [
  ["a function", () => 1, "message is a function"],
  ["a nested BigInt", { a: { b: [0, 1, 2n] } }, "message.a.b[2] is a bigint"],
  ["top-level undefined", undefined, "message is undefined"],
  ["a symbol", Symbol("x"), "message is a symbol"],
];

for (const [name, value, reason] of UNSERIALISABLE) {
  Deno.test(`serializeForPublish refuses ${name} with a validation error`, () => {
    assertValidation(
      () => serializeForPublish("PNPublishOperation", value),
      "PNPublishOperation",
      "Cannot publish",
      reason,
    );
  });
}

Deno.test("serializeForPublish refuses a cycle", () => {
  const a: Record<string, unknown> = {};
  a.b = { a };
  assertValidation(
    () => serializeForPublish("PNFireOperation", a),
    "PNFireOperation",
    "Cannot fire",
    "message.b.a",
    "cycle",
  );
});

Deno.test("serializeMeta: a plain object", () => {
  assert.equal(serializeMeta("PNPublishOperation", { lang: "en" }), '{"lang":"en"}');
  assert.equal(serializeMeta("PNPublishOperation", {}), "{}");
});

const BAD_META: ReadonlyArray<[string, unknown, string]> = [
  ["an array", [1, 2], "an array"],
  ["null", null, "null"],
  ["a string", "meta", '"meta"'],
  ["a number", 5, "5"],
  ["undefined", undefined, "undefined"],
  ["a boolean", true, "true"],
];

for (const [name, meta, got] of BAD_META) {
  Deno.test(`serializeMeta refuses ${name}`, () => {
    assertValidation(
      () => serializeMeta("PNPublishOperation", meta),
      "PNPublishOperation",
      "meta must be a plain object",
      `got ${got}`,
    );
  });
}

Deno.test("serializeMeta: an unserialisable value inside meta is named under meta.", () => {
  assertValidation(
    () => serializeMeta("PNPublishOperation", { f: () => 1 }),
    "PNPublishOperation",
    "meta.f is a function",
  );
});

// ---- response parsing ---------------------------------------------------------------------------

Deno.test("parsePublishResponse: the service's answer", () => {
  assert.deepEqual(parsePublishResponse([1, "Sent", "17000000000000000"]), {
    ok: true,
    value: { timetoken: "17000000000000000" },
  });
  assert.deepEqual(parsePublishResponse(JSON.parse('[1,"Sent","17000000000000001"]')), {
    ok: true,
    value: { timetoken: "17000000000000001" },
  });
});

Deno.test("parsePublishResponse: extra elements are ignored", () => {
  assert.deepEqual(parsePublishResponse([1, "Sent", "17000000000000000", "extra"]), {
    ok: true,
    value: { timetoken: "17000000000000000" },
  });
});

const HOSTILE: ReadonlyArray<[string, unknown, RegExp]> = [
  ["null", null, /expected \[1, "Sent"/],
  ["an object", { timetoken: "17000000000000000" }, /expected \[1, "Sent"/],
  ["a string", '[1,"Sent","17000000000000000"]', /expected \[1, "Sent"/],
  ["an empty array", [], /expected \[1, "Sent"/],
  ["a short array", [1, "Sent"], /expected \[1, "Sent"/],
  ["a refusal [0, ...]", [0, "Invalid Key", "14820999375199241"], /did not accept.*"Invalid Key"/],
  ["a string '1' as the flag", ["1", "Sent", "17000000000000000"], /did not accept/],
  ["true as the flag", [true, "Sent", "17000000000000000"], /did not accept/],
  [
    "a number timetoken (already rounded by JSON.parse)",
    [1, "Sent", 17000000000000000],
    /timetoken/,
  ],
  ["a non-digit timetoken", [1, "Sent", "abc"], /timetoken/],
  ["an empty timetoken", [1, "Sent", ""], /timetoken/],
  ["a negative timetoken", [1, "Sent", "-1"], /timetoken/],
  ["an exponent timetoken", [1, "Sent", "1.7e16"], /timetoken/],
  ["a 20-digit timetoken", [1, "Sent", "1".repeat(20)], /timetoken/],
  ["null timetoken", [1, "Sent", null], /timetoken/],
  ["an object timetoken", [1, "Sent", { t: "1" }], /timetoken/],
];

for (const [name, data, reason] of HOSTILE) {
  Deno.test(`parsePublishResponse refuses ${name}`, () => {
    const result = parsePublishResponse(data);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, reason);
  });
}

Deno.test({
  name: "buildPublishRequest refuses a channel with a lone surrogate as a validation error",
  fn() {
    assertValidation(
      () => buildPublishRequest(params({ channel: "a\ud800" })),
      "PNPublishOperation",
      "channel",
    );
  },
});

Deno.test("buildPublishRequest: replicate false and ptto, independent of store", () => {
  const request = buildPublishRequest({
    publishKey: "pub",
    subscribeKey: "sub",
    channel: "ch",
    payloadJson: "1",
    maxMessageSize: 32768,
    operation: "PNPublishOperation",
    shouldStore: true,
    replicate: false,
    ptto: "17000000000000001",
  });
  assert.equal(request.operation, "PNPublishOperation");
  assert.deepEqual(request.query, { store: "1", norep: "true", ptto: "17000000000000001" });
  assert.throws(
    () =>
      buildPublishRequest({
        publishKey: "pub",
        subscribeKey: "sub",
        channel: "ch",
        payloadJson: "1",
        maxMessageSize: 32768,
        ptto: "1.7e16",
      }),
    /ptto must be a timetoken/,
  );
});

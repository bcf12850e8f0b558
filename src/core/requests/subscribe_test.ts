import assert from "node:assert/strict";
import { PubNubError } from "../error.ts";
import { encodeQuery } from "../encoding.ts";
import { buildSubscribeRequest, parseSubscribeResponse, parseSubscribeValue } from "./subscribe.ts";

// --- buildSubscribeRequest ------------------------------------------------------------------------

Deno.test("buildSubscribeRequest: a handshake has no tt, is not a long-poll, and sorts channels", () => {
  const request = buildSubscribeRequest({
    subscribeKey: "sub-c-1",
    channels: ["b", "a"],
    groups: [],
  });
  assert.deepStrictEqual(request, {
    operation: "PNSubscribeOperation",
    method: "GET",
    path: "/v2/subscribe/sub-c-1/a,b/0",
    query: { ee: "" },
    channels: ["a", "b"],
    channelGroups: [],
    tooLongAdvice:
      "channel and group names and presence state all count: subscribe to fewer or shorter names",
  });
});

Deno.test("buildSubscribeRequest: a receive carries tt and tr and is a long-poll", () => {
  const request = buildSubscribeRequest({
    subscribeKey: "sub",
    channels: ["a"],
    groups: [],
    cursor: { timetoken: "17000000000000000", region: 12 },
  });
  assert.equal(request.path, "/v2/subscribe/sub/a/0");
  assert.deepStrictEqual(request.query, { ee: "", tt: "17000000000000000", tr: "12" });
  assert.equal(request.longPoll, true);
});

Deno.test("buildSubscribeRequest: every parameter, in the official SDK's order", () => {
  const request = buildSubscribeRequest({
    subscribeKey: "sub",
    channels: ["z", "a b", "a.*", "a-pnpres"],
    groups: ["g2", "g1"],
    cursor: { timetoken: "17000000000000001", region: 0 },
    heartbeat: 300,
    state: { a: { mood: "ok" } },
    filterExpression: "uuid != 'me'",
  });
  assert.equal(request.path, "/v2/subscribe/sub/a%20b,a-pnpres,a.%2A,z/0");
  assert.deepStrictEqual(Object.entries(request.query), [
    ["ee", ""],
    ["channel-group", "g1,g2"],
    ["filter-expr", "uuid != 'me'"],
    ["heartbeat", "300"],
    ["state", '{"a":{"mood":"ok"}}'],
    ["tt", "17000000000000001"],
    ["tr", "0"],
  ]);
  // Query values are raw; encoded once when the URL is built, the group list is one value.
  assert.equal(
    encodeQuery(request.query),
    "ee=&channel-group=g1%2Cg2&filter-expr=uuid%20%21%3D%20%27me%27&heartbeat=300" +
      "&state=%7B%22a%22%3A%7B%22mood%22%3A%22ok%22%7D%7D&tt=17000000000000001&tr=0",
  );
  assert.deepStrictEqual(request.channels, ["a b", "a-pnpres", "a.*", "z"]);
  assert.deepStrictEqual(request.channelGroups, ["g1", "g2"]);
});

Deno.test("buildSubscribeRequest: groups only uses the ',' path segment", () => {
  const request = buildSubscribeRequest({ subscribeKey: "sub", channels: [], groups: ["g"] });
  assert.equal(request.path, "/v2/subscribe/sub/,/0");
  assert.deepStrictEqual(request.query, { ee: "", "channel-group": "g" });
});

Deno.test("buildSubscribeRequest: empty state, zero heartbeat and empty filter are left out", () => {
  const request = buildSubscribeRequest({
    subscribeKey: "sub",
    channels: ["a"],
    groups: [],
    heartbeat: 0,
    state: {},
    filterExpression: "",
  });
  assert.deepStrictEqual(request.query, { ee: "" });
});

Deno.test("buildSubscribeRequest: does not reorder the caller's arrays", () => {
  const channels = ["b", "a"];
  const groups = ["y", "x"];
  buildSubscribeRequest({ subscribeKey: "sub", channels, groups });
  assert.deepStrictEqual(channels, ["b", "a"]);
  assert.deepStrictEqual(groups, ["y", "x"]);
});

Deno.test("buildSubscribeRequest: nothing to subscribe to is a validation error", () => {
  assert.throws(
    () => buildSubscribeRequest({ subscribeKey: "sub", channels: [], groups: [] }),
    (error: unknown) =>
      error instanceof PubNubError && error.status.category === "PNValidationErrorCategory" &&
      /no channels and no channel groups/.test(error.message),
  );
});

// --- parseSubscribeResponse -----------------------------------------------------------------------

const FULL_ENVELOPE = {
  a: "4",
  f: 0,
  i: "publisher-1",
  s: 3,
  p: { t: "17000000000000001", r: 12 },
  o: { t: "17000000000000000", r: 12 },
  k: "sub-c-1",
  c: "a.b",
  d: { text: "hello", n: 1 },
  b: "a.*",
  u: { lang: "en" },
  e: 0,
  cmt: "chat",
};

Deno.test("parseSubscribeResponse: a handshake answer", () => {
  assert.deepStrictEqual(parseSubscribeResponse('{"t":{"t":"17000000000000000","r":12},"m":[]}'), {
    ok: true,
    value: { cursor: { timetoken: "17000000000000000", region: 12 }, messages: [], rejected: [] },
  });
});

Deno.test("parseSubscribeResponse: every envelope field is kept, timetokens as exact strings", () => {
  const body = JSON.stringify({ t: { t: "17000000000000009", r: 12 }, m: [FULL_ENVELOPE] });
  const result = parseSubscribeResponse(body);
  assert.deepStrictEqual(result, {
    ok: true,
    value: {
      cursor: { timetoken: "17000000000000009", region: 12 },
      messages: [FULL_ENVELOPE],
      rejected: [],
    },
  });
});

Deno.test("parseSubscribeResponse: a minimal envelope (presence-like, no e) and a null payload", () => {
  const body =
    '{"t":{"t":"2","r":1},"m":[{"c":"ch-pnpres","p":{"t":"1","r":1},"d":{"action":"join"}},' +
    '{"c":"ch","p":{"t":"1","r":1},"d":null}]}';
  const result = parseSubscribeResponse(body);
  assert.ok(result.ok);
  assert.deepStrictEqual(result.value.messages, [
    { c: "ch-pnpres", p: { t: "1", r: 1 }, d: { action: "join" } },
    { c: "ch", p: { t: "1", r: 1 }, d: null },
  ]);
});

Deno.test("parseSubscribeResponse: the 17-digit timetoken is never rounded", () => {
  const result = parseSubscribeResponse('{"t":{"t":"17000000000000001","r":1},"m":[]}');
  assert.ok(result.ok);
  assert.equal(result.value.cursor.timetoken, "17000000000000001");
});

const HOSTILE: Array<[string, string, RegExp]> = [
  ["empty body", "", /not JSON/],
  ["truncated JSON", '{"t":{"t":"17000000000000000","r":1},"m":[', /not JSON/],
  ["HTML error page", "<html>502 Bad Gateway</html>", /not JSON/],
  ["null", "null", /expected an object, got null/],
  ["an array", "[1,2]", /expected an object, got an array/],
  ["a string", '"x"', /expected an object, got the string/],
  ["missing t", '{"m":[]}', /t must be an object/],
  ["t a string", '{"t":"17000000000000000","m":[]}', /t must be an object/],
  ["t.t a number", '{"t":{"t":17000000000000000,"r":1},"m":[]}', /t\.t is a JSON number/],
  ["t.t not digits", '{"t":{"t":"1.7e16","r":1},"m":[]}', /t\.t must be a timetoken string/],
  ["t.t too long", `{"t":{"t":"${"1".repeat(20)}","r":1},"m":[]}`, /t\.t must be a timetoken/],
  ["t.t missing", '{"t":{"r":1},"m":[]}', /t\.t must be a timetoken string, got nothing/],
  ["t.r missing", '{"t":{"t":"1"},"m":[]}', /t\.r must be an integer region, got nothing/],
  ["t.r a string", '{"t":{"t":"1","r":"1"},"m":[]}', /t\.r must be an integer region/],
  ["t.r fractional", '{"t":{"t":"1","r":1.5},"m":[]}', /t\.r must be an integer region/],
  ["m missing", '{"t":{"t":"1","r":1}}', /m must be an array/],
  ["m an object", '{"t":{"t":"1","r":1},"m":{}}', /m must be an array/],
];

// Envelope-level problems: the response is still read, the envelope is set aside with the reason.
const BAD_ENVELOPES: [string, string, RegExp][] = [
  ["envelope null", '{"t":{"t":"1","r":1},"m":[null]}', /m\[0\]: expected an object, got null/],
  [
    "envelope without c",
    '{"t":{"t":"1","r":1},"m":[{"p":{"t":"1","r":1}}]}',
    /m\[0\]: c \(channel\)/,
  ],
  ["c a number", '{"t":{"t":"1","r":1},"m":[{"c":5,"p":{"t":"1","r":1}}]}', /c \(channel\)/],
  ["envelope without p", '{"t":{"t":"1","r":1},"m":[{"c":"a"}]}', /m\[0\]: p must be an object/],
  [
    "p.t a number",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":17000000000000001,"r":1}}]}',
    /m\[0\]: p\.t is a JSON number/,
  ],
  [
    "e a string",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":"1","r":1},"e":"1"}]}',
    /e \(message type\)/,
  ],
  [
    "e fractional",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":"1","r":1},"e":1.5}]}',
    /e \(message type\)/,
  ],
  [
    "i a number",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":"1","r":1},"i":7}]}',
    /i must be a string/,
  ],
  [
    "b null",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":"1","r":1},"b":null}]}',
    /b must be a string/,
  ],
  [
    "s a string",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":"1","r":1},"s":"3"}]}',
    /s must be a number/,
  ],
  [
    "o.t a number",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":"1","r":1},"o":{"t":1,"r":1}}]}',
    /o\.t is a JSON number/,
  ],
  [
    "second envelope bad",
    '{"t":{"t":"1","r":1},"m":[{"c":"a","p":{"t":"1","r":1}},{"c":"a","p":"x"}]}',
    /m\[1\]: p must be an object/,
  ],
];

for (const [title, body, reason] of HOSTILE) {
  Deno.test(`parseSubscribeResponse: refuses ${title} as malformed`, () => {
    const result = parseSubscribeResponse(body);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : "", reason);
  });
}

for (const [title, body, reason] of BAD_ENVELOPES) {
  Deno.test(`parseSubscribeResponse: sets aside ${title}, keeps the rest and the cursor`, () => {
    const result = parseSubscribeResponse(body);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepStrictEqual(result.value.cursor, { timetoken: "1", region: 1 });
    const raw = JSON.parse(body).m as unknown[];
    assert.equal(result.value.rejected.length, 1);
    assert.equal(result.value.messages.length, raw.length - 1);
    const [rejected] = result.value.rejected;
    assert.match(rejected.reason, reason);
    assert.deepStrictEqual(rejected.envelope, raw[rejected.index]);
  });
}

Deno.test("parseSubscribeResponse: never throws on arbitrary input (deterministic fuzz)", () => {
  // A small linear congruential generator: the same inputs every run.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const valid = JSON.stringify({
    t: { t: "17000000000000009", r: 12 },
    m: [FULL_ENVELOPE, FULL_ENVELOPE],
  });
  const alphabet = '{}[]":,0123456789tmrpcdeabfiksuo-.\\ ntrue false null';
  for (let i = 0; i < 3000; i++) {
    let body: string;
    const mode = i % 3;
    if (mode === 0) {
      body = valid.slice(0, Math.floor(next() * valid.length)); // truncations
    } else if (mode === 1) {
      const at = Math.floor(next() * valid.length);
      const ch = alphabet[Math.floor(next() * alphabet.length)];
      body = valid.slice(0, at) + ch + valid.slice(at + 1); // one-character mutations
    } else {
      body = Array.from(
        { length: Math.floor(next() * 40) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join("");
    }
    const result = parseSubscribeResponse(body);
    if (result.ok) {
      // Whatever was accepted really has the promised shape.
      assert.equal(typeof result.value.cursor.timetoken, "string");
      assert.ok(Number.isInteger(result.value.cursor.region));
      for (const m of result.value.messages) {
        assert.equal(typeof m.c, "string");
        assert.match(m.p.t, /^\d{1,19}$/);
      }
    } else {
      assert.equal(typeof result.reason, "string");
    }
  }
});

Deno.test("parseSubscribeValue: takes an already parsed body", () => {
  assert.deepStrictEqual(parseSubscribeValue({ t: { t: "5", r: 2 }, m: [] }), {
    ok: true,
    value: { cursor: { timetoken: "5", region: 2 }, messages: [], rejected: [] },
  });
  assert.equal(parseSubscribeValue(undefined).ok, false);
});

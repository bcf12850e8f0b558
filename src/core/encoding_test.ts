import assert from "node:assert/strict";
import {
  decodeComponent,
  encodeChannelList,
  encodeComponent,
  encodeQuery,
  encodeSortedQuery,
} from "./encoding.ts";

// Expected values are written out by hand (docs/protocol.md "Encoding"): only A-Za-z0-9-_. stay
// literal.
const COMPONENT_CASES: ReadonlyArray<[string, string, string]> = [
  ["unreserved stay literal", "AZaz09-_.", "AZaz09-_."],
  ["empty string", "", ""],
  ["exclamation mark", "!", "%21"],
  ["tilde", "~", "%7E"],
  ["asterisk", "*", "%2A"],
  ["apostrophe", "'", "%27"],
  ["left parenthesis", "(", "%28"],
  ["right parenthesis", ")", "%29"],
  ["all of !~*'() together", "a!~*'()b", "a%21%7E%2A%27%28%29b"],
  ["space is %20, never +", "a b", "a%20b"],
  ["comma", ",", "%2C"],
  ["slash", "/", "%2F"],
  ["colon", ":", "%3A"],
  ["question mark", "?", "%3F"],
  ["ampersand", "&", "%26"],
  ["equals", "=", "%3D"],
  ["plus", "+", "%2B"],
  ["percent", "%", "%25"],
  ["hash", "#", "%23"],
  ["double quote", '"', "%22"],
  ["braces and brackets", "{}[]", "%7B%7D%5B%5D"],
  ["2-byte UTF-8 (é)", "é", "%C3%A9"],
  ["3-byte UTF-8 (€)", "€", "%E2%82%AC"],
  ["4-byte UTF-8 (😀, a surrogate pair)", "😀", "%F0%9F%98%80"],
  ["JSON object", '{"a":1}', "%7B%22a%22%3A1%7D"],
  ["wildcard channel", "a.*", "a.%2A"],
];

for (const [name, input, expected] of COMPONENT_CASES) {
  Deno.test(`encodeComponent: ${name}`, () => {
    assert.equal(encodeComponent(input), expected);
  });
}

Deno.test("encodeComponent: escapes of !~*'() are uppercase hex", () => {
  const encoded = encodeComponent("!~*'()");
  assert.equal(encoded, encoded.toUpperCase());
  assert.doesNotMatch(encoded, /[!~*'()]/);
});

Deno.test("encodeComponent: output only has unreserved characters and %XX escapes", () => {
  let all = "";
  for (let c = 0x20; c < 0x7f; c++) all += String.fromCharCode(c);
  const encoded = encodeComponent(all);
  assert.match(encoded, /^(?:[A-Za-z0-9\-_.]|%[0-9A-F]{2})*$/);
  assert.equal(decodeURIComponent(encoded), all);
});

Deno.test("encodeComponent: a lone surrogate throws (encodeURIComponent's URIError)", () => {
  // Documents the current behaviour: callers must not pass ill-formed UTF-16.
  assert.throws(() => encodeComponent("\ud800"), URIError);
});

const CHANNEL_LIST_CASES: ReadonlyArray<[string, string[], string]> = [
  ["empty list is the single segment ','", [], ","],
  ["one plain name", ["a"], "a"],
  ["names joined with a literal comma", ["a", "b", "c"], "a,b,c"],
  ["each name encoded", ["a b", "c/d"], "a%20b,c%2Fd"],
  ["a comma inside a name is escaped, the separator is not", ["a,b", "c"], "a%2Cb,c"],
  ["order is kept (no sorting here)", ["b", "a"], "b,a"],
  ["wildcards and unicode", ["a.*", "é"], "a.%2A,%C3%A9"],
];

for (const [name, input, expected] of CHANNEL_LIST_CASES) {
  Deno.test(`encodeChannelList: ${name}`, () => {
    assert.equal(encodeChannelList(input), expected);
  });
}

Deno.test("encodeQuery: keeps insertion order and encodes values", () => {
  assert.equal(
    encodeQuery({ uuid: "u 1", store: "1", auth: "k!" }),
    "uuid=u%201&store=1&auth=k%21",
  );
});

Deno.test("encodeQuery: a list value is one value, its comma becomes %2C", () => {
  assert.equal(encodeQuery({ "channel-group": "a,b" }), "channel-group=a%2Cb");
});

Deno.test("encodeQuery: empty query and empty value", () => {
  assert.equal(encodeQuery({}), "");
  assert.equal(encodeQuery({ ee: "" }), "ee=");
});

Deno.test("encodeQuery: meta JSON", () => {
  assert.equal(encodeQuery({ store: "1", meta: '{"a":1}' }), "store=1&meta=%7B%22a%22%3A1%7D");
});

Deno.test("encodeSortedQuery: sorts by name whatever the insertion order", () => {
  const query = { uuid: "u", timestamp: "123", auth: "k", pnsdk: "x/1" };
  assert.equal(encodeSortedQuery(query), "auth=k&pnsdk=x%2F1&timestamp=123&uuid=u");
  assert.equal(encodeQuery(query), "uuid=u&timestamp=123&auth=k&pnsdk=x%2F1");
});

Deno.test("encodeSortedQuery: sorts by code unit (uppercase before lowercase, '-' before '_')", () => {
  assert.equal(encodeSortedQuery({ b: "1", a_b: "2", "a-b": "3", B: "4" }), "B=4&a-b=3&a_b=2&b=1");
});

Deno.test("encodeSortedQuery: encodes values like encodeComponent", () => {
  assert.equal(encodeSortedQuery({ z: "(x)", a: "~" }), "a=%7E&z=%28x%29");
});

const DECODE_CASES: ReadonlyArray<[string, string, string | undefined]> = [
  ["space", "a%20b", "a b"],
  ["plain text", "abc", "abc"],
  ["multi-byte", "%C3%A9", "é"],
  ["lowercase hex", "%c3%a9", "é"],
  ["'+' is not a space", "a+b", "a+b"],
  ["truncated escape", "%E0%A4%A", undefined],
  ["lone percent", "%", undefined],
  ["non-hex escape", "%zz", undefined],
  ["invalid UTF-8 sequence", "%C3%28", undefined],
  ["lone continuation byte", "%80", undefined],
];

for (const [name, input, expected] of DECODE_CASES) {
  Deno.test(`decodeComponent: ${name}`, () => {
    assert.equal(decodeComponent(input), expected);
  });
}

Deno.test("decodeComponent inverts encodeComponent", () => {
  for (const text of ["a b!~*'()", "é€😀", ",/:?&=+", ""]) {
    assert.equal(decodeComponent(encodeComponent(text)), text);
  }
});

Deno.test("encodeComponent leaves a value literal only when encoding would not change it", () => {
  const reference = (value: string) =>
    encodeURIComponent(value).replace(
      /[!~*'()]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
  const values = [
    ...ascii,
    ...ascii.map((c) => `17000000000000000${c}x`),
    "",
    "17000000000000000",
    "a-b_c.d",
    "é",
    "ch 1",
    "日本",
    "😀",
  ];
  for (const value of values) assert.equal(encodeComponent(value), reference(value), value);
});

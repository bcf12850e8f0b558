import assert from "node:assert/strict";
import { buildTimeRequest, parseTimeResponse } from "./time.ts";

Deno.test("buildTimeRequest: GET /time/0 with no query", () => {
  assert.deepEqual(buildTimeRequest(), {
    operation: "PNTimeOperation",
    method: "GET",
    path: "/time/0",
    query: {},
  });
});

Deno.test("buildTimeRequest: each call returns a fresh description", () => {
  const a = buildTimeRequest();
  a.query.uuid = "u";
  assert.deepEqual(buildTimeRequest().query, {});
});

const GOOD: ReadonlyArray<[string, string]> = [
  ["[17000000000000000]", "17000000000000000"],
  // A JS number would round this one (to 17000000000000000): the digits must be kept.
  ["[17000000000000001]", "17000000000000001"],
  ["[17123456789012347]", "17123456789012347"],
  ["[9999999999999999999]", "9999999999999999999"],
  [" [ 17000000000000003 ]\n", "17000000000000003"],
  ['["17000000000000005"]', "17000000000000005"],
  ["[0]", "0"],
];

for (const [body, timetoken] of GOOD) {
  Deno.test(`parseTimeResponse(${JSON.stringify(body)}) → ${timetoken}`, () => {
    assert.deepEqual(parseTimeResponse(body), { ok: true, value: { timetoken } });
  });
}

Deno.test("parseTimeResponse: the exactness test is meaningful (JSON.parse rounds)", () => {
  assert.notEqual(String(JSON.parse("[17000000000000001]")[0]), "17000000000000001");
});

const JUNK: ReadonlyArray<string> = [
  "",
  "[]",
  "17000000000000000",
  "[17000000000000000,1]",
  "[1.7e16]",
  "[-17000000000000000]",
  "[17000000000000000.5]",
  "[10000000000000000000]", // 20 digits
  "[abc]",
  '{"t":"17000000000000000"}',
  "<html>17000000000000000</html>",
  "[[17000000000000000]]",
  "[17000000000000000]x",
];

for (const body of JUNK) {
  Deno.test(`parseTimeResponse refuses ${JSON.stringify(body)}`, () => {
    const result = parseTimeResponse(body);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /^expected \[<timetoken>\]/);
  });
}

Deno.test("parseTimeResponse: the reason quotes at most 60 characters of the body", () => {
  const result = parseTimeResponse("x".repeat(500));
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.reason, `expected [<timetoken>], got ${"x".repeat(60)}`);
});

Deno.test({
  name: "parseTimeResponse refuses unbalanced quotes",
  fn() {
    for (const body of ['["17000000000000000]', '[17000000000000000"]']) {
      assert.equal(parseTimeResponse(body).ok, false, body);
    }
  },
});

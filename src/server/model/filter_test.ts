import assert from "node:assert/strict";
import { parseFilter } from "./filter.ts";

function passes(expression: string, meta: unknown, data: unknown = null): boolean {
  const parsed = parseFilter(expression);
  if (!parsed.ok) throw new Error(`did not parse: ${expression}: ${parsed.error}`);
  return parsed.filter({ meta, data });
}

Deno.test("comparisons on meta (prefixed or bare) and data", () => {
  const meta = { lang: "en", count: 5, nested: { level: "3" } };
  const data = { text: "hello", tags: ["a", "b"] };
  const cases: [string, boolean][] = [
    ["meta.lang == 'en'", true],
    ['lang == "en"', true],
    ["lang != 'en'", false],
    ["count > 4", true],
    ["count >= 5 && count <= 5", true],
    ["count < 5", false],
    ["meta.nested.level == 3", true],
    ["meta.nested.level > 2", true],
    ["data.text == 'hello'", true],
    ["data.text LIKE 'hel*'", true],
    ["data.text like '*LL*'", true],
    ["data.text LIKE 'h.l*'", false],
    ["data.tags CONTAINS 'b'", true],
    ["data.tags CONTAINS 'z'", false],
    ["data.text CONTAINS 'ell'", true],
    ["missing == 'x'", false],
    ["missing != 'x'", true],
    ["count == -5", false],
    ["'en' == lang", true],
  ];
  for (const [expression, expected] of cases) {
    assert.equal(passes(expression, meta, data), expected, expression);
  }
});

Deno.test("boolean operators, precedence and parentheses", () => {
  const meta = { a: 1, b: 2 };
  assert.equal(passes("a == 1 || a == 2 && b == 3", meta), true, "&& binds tighter than ||");
  assert.equal(passes("(a == 1 || a == 2) && b == 3", meta), false);
  assert.equal(passes("!(a == 1)", meta), false);
  assert.equal(passes("!a == 2", meta), true, "! applies to the comparison");
  assert.equal(passes("((((a == 1))))", meta), true);
});

Deno.test("filters do not match when meta is absent or not an object", () => {
  assert.equal(passes("lang == 'en'", undefined), false);
  assert.equal(passes("lang == 'en'", "en"), false);
});

Deno.test("malformed expressions are refused with a reason", () => {
  for (
    const bad of [
      "",
      "a ==",
      "== 1",
      "(a == 1",
      "a == 1)",
      "a = 1",
      "a == 'open",
      "a == 1 &&",
      "a == 1 b == 2",
      "a",
      "a LIKE",
      "a # 1",
      "(".repeat(100) + "a == 1" + ")".repeat(100),
    ]
  ) {
    const result = parseFilter(bad);
    assert.equal(result.ok, false, `should refuse: ${bad}`);
    if (!result.ok) assert.ok(result.error.length > 0);
  }
});

Deno.test("LIKE: * is any run (none included), case-insensitive, \\* is a literal star", () => {
  const cases: [string, unknown, boolean][] = [
    ["a LIKE 'A*'", "abc", true],
    ["a LIKE '*'", "", true],
    ["a LIKE 'a*c'", "ac", true],
    ["a LIKE 'a*c'", "abcx", false],
    ["a LIKE '*b*'", "ABC", true],
    ["a LIKE 'a**c'", "abbc", true],
    ["a LIKE 'ab*ba'", "aba", false], // prefix and suffix may not overlap
    ["a LIKE '*ab*ab*'", "xxabyyab", true],
    ["a LIKE '*ab*ab*'", "xxab", false],
    ["a LIKE 'a.c'", "abc", false],
    ["a LIKE 'a\\*b'", "a*b", true],
    ["a LIKE 'a\\*b'", "aXb", false],
    ["a LIKE '\\**'", "*star", true],
    ["a LIKE '\\**'", "star", false],
    ["a LIKE 'abc'", "ABC", true],
    ["a LIKE 'abc'", "abcd", false],
    ["a LIKE 'O\\'B*'", "o'brien", true],
    ["a LIKE 'x*'", 5, false],
    ["a LIKE 5", "5", false],
  ];
  for (const [expression, a, expected] of cases) {
    assert.equal(passes(expression, { a }), expected, `${expression} on ${JSON.stringify(a)}`);
  }
  // The pattern may come from the message: same syntax, checked when the filter runs.
  assert.equal(passes("data.s LIKE meta.p", { p: "h*\\*" }, { s: "hello*" }), true);
  assert.equal(passes("data.s LIKE meta.p", { p: "h*\\*" }, { s: "hello" }), false);
  // `value` for the other operators keeps the star: == compares the unescaped text.
  assert.equal(passes("a == 'a\\*b'", { a: "a*b" }), true);
});

Deno.test("LIKE with many stars on a long subject finishes (no backtracking blow-up)", () => {
  // These patterns made the old RegExp-based matcher run for hours; they must simply return.
  const stars = "*a".repeat(12) + "*b";
  assert.equal(passes(`x LIKE '${stars}'`, { x: "a".repeat(40) }), false);
  assert.equal(passes(`x LIKE '${stars}'`, { x: "a".repeat(40) + "b" }), true);
  const many = "*a".repeat(1_000) + "*b";
  const long = "a".repeat(10_000);
  assert.equal(passes(`x LIKE '${many}'`, { x: long }), false);
  assert.equal(passes(`x LIKE '${many}'`, { x: long + "b" }), true);
  assert.equal(passes(`x LIKE '${many}*'`, { x: long + "c" }), false);
  assert.equal(passes(`x LIKE '${"*".repeat(2_000)}'`, { x: long }), true);
  // From the message too.
  assert.equal(passes("x LIKE meta.p", { x: long, p: many }), false);
});

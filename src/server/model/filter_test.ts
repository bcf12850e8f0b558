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

import assert from "node:assert/strict";
import { serializeMessage } from "./json.ts";

const shared = { x: 1 };
const sharedArray = [7];

const ACCEPTED: ReadonlyArray<[string, unknown, string]> = [
  ["a string", "hello", '"hello"'],
  ["an empty string", "", '""'],
  ["a unicode string", "é😀", '"é😀"'],
  ["an integer", 42, "42"],
  ["a negative fraction", -1.5, "-1.5"],
  ["zero", 0, "0"],
  ["true", true, "true"],
  ["false", false, "false"],
  ["null", null, "null"],
  ["an empty object", {}, "{}"],
  ["an empty array", [], "[]"],
  [
    "nested objects and arrays",
    { a: [1, { b: "c" }], d: { e: [] } },
    '{"a":[1,{"b":"c"}],"d":{"e":[]}}',
  ],
  ["a Date (via toJSON)", new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), '"2024-01-02T03:04:05.000Z"'],
  ["a nested Date", { at: new Date(0) }, '{"at":"1970-01-01T00:00:00.000Z"}'],
  ["a nested undefined property is dropped, as JSON does", { a: 1, b: undefined }, '{"a":1}'],
  ["an undefined array element becomes null, as JSON does", [1, undefined, 2], "[1,null,2]"],
  [
    "a shared sub-object referenced twice is not a cycle",
    { a: shared, b: shared },
    '{"a":{"x":1},"b":{"x":1}}',
  ],
  ["the same array twice in an array", [sharedArray, sharedArray], "[[7],[7]]"],
  ["a custom toJSON", { toJSON: () => ({ k: "v" }) }, '{"k":"v"}'],
];

for (const [name, value, json] of ACCEPTED) {
  Deno.test(`serializeMessage accepts ${name}`, () => {
    assert.deepEqual(serializeMessage(value), { ok: true, json });
  });
}

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
const deepCycle: { a: { b: unknown[] } } = { a: { b: [] } };
deepCycle.a.b.push(deepCycle.a);
const cyclicArray: unknown[] = [1];
cyclicArray.push(cyclicArray);

const REFUSED: ReadonlyArray<[string, unknown, string, RegExp]> = [
  ["a top-level function", () => 1, "message", /function/],
  ["a top-level symbol", Symbol("s"), "message", /symbol/],
  ["a top-level BigInt", 10n, "message", /bigint/],
  ["top-level undefined", undefined, "message", /undefined/],
  ["top-level NaN", NaN, "message", /NaN/],
  ["top-level Infinity", Infinity, "message", /Infinity/],
  ["top-level -Infinity", -Infinity, "message", /-Infinity/],
  ["a nested function", { a: { f: () => 1 } }, "message.a.f", /function/],
  ["a nested symbol", { s: Symbol("x") }, "message.s", /symbol/],
  ["a BigInt deep in an array", { a: { b: [1, 2, 3n] } }, "message.a.b[2]", /bigint/],
  ["a function as an array element", [0, () => 1], "message[1]", /function/],
  ["a nested NaN", { n: [NaN] }, "message.n[0]", /NaN/],
  ["a nested Infinity", { a: { b: Infinity } }, "message.a.b", /Infinity/],
  ["a direct cycle", cyclic, "message.self", /cycle/],
  ["a cycle through an array", deepCycle, "message.a.b[0]", /cycle/],
  ["an array containing itself", cyclicArray, "message[1]", /cycle/],
];

for (const [name, value, path, what] of REFUSED) {
  Deno.test(`serializeMessage refuses ${name}, naming ${path}`, () => {
    const result = serializeMessage(value);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(
      result.reason.startsWith(`${path} `),
      `reason should start with the path "${path}": ${result.reason}`,
    );
    assert.match(result.reason, what);
    assert.match(result.reason, /JSON cannot represent/);
  });
}

Deno.test("serializeMessage uses the given name as the root of the path", () => {
  const result = serializeMessage({ a: [() => 1] }, "meta");
  assert.deepEqual(result, {
    ok: false,
    reason: "meta.a[0] is a function, which JSON cannot represent",
  });
});

Deno.test("serializeMessage reports exactly the documented reason for a nested function", () => {
  assert.deepEqual(serializeMessage({ f: () => 1 }), {
    ok: false,
    reason: "message.f is a function, which JSON cannot represent",
  });
});

Deno.test("serializeMessage: a refusal in the second of two shared references is still found", () => {
  const bad = { n: 1n };
  const result = serializeMessage({ a: shared, b: bad });
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, /^message\.b\.n is a bigint/);
});

Deno.test({
  name: "serializeMessage returns a refusal (never throws) when toJSON yields a BigInt",
  fn() {
    for (const value of [{ toJSON: () => 1n }, { a: { toJSON: () => ({ b: 2n }) } }]) {
      let result: ReturnType<typeof serializeMessage> | undefined;
      assert.doesNotThrow(() => {
        result = serializeMessage(value);
      });
      assert.equal(result?.ok, false);
    }
  },
});

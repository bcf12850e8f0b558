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

/** An array nested `depth` deep: `[[[…]]]`. */
function deepArray(depth: number, innermost: unknown = []): unknown {
  let value: unknown = innermost;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

Deno.test("serializeMessage writes a 100,000-deep array without overflowing the stack", () => {
  const result = serializeMessage(deepArray(100_000));
  assert.deepEqual(result, { ok: true, json: `${"[".repeat(100_001)}${"]".repeat(100_001)}` });
});

Deno.test("serializeMessage writes deep nesting with a toJSON at the bottom (where JSON.stringify overflows)", () => {
  const value = deepArray(100_000, { at: { toJSON: () => "1970-01-01T00:00:00.000Z" } });
  assert.throws(() => JSON.stringify(value), RangeError);
  const result = serializeMessage(value);
  assert.equal(result.ok, true);
  if (result.ok) assert.ok(result.json.includes('{"at":"1970-01-01T00:00:00.000Z"}'));
});

Deno.test("serializeMessage stops as soon as the JSON is longer than maxLength, naming the limit", () => {
  const result = serializeMessage(deepArray(100_000), "message", 32768);
  assert.deepEqual(result, {
    ok: false,
    reason:
      "message is too large: its JSON is longer than 32768 characters, the most that can be sent",
  });
  // An array of 2^32 - 1 holes would take minutes to write out in full: it stops at the limit.
  assert.equal(serializeMessage(new Array(2 ** 32 - 1), "message", 1000).ok, false);
  assert.equal(serializeMessage("x".repeat(1001), "message", 1000).ok, false);
  assert.deepEqual(serializeMessage("x".repeat(998), "message", 1000), {
    ok: true,
    json: `"${"x".repeat(998)}"`,
  });
});

Deno.test("serializeMessage: a throwing getter is a refusal naming its path, with the thrown error as cause", () => {
  const thrown = new Error("no access");
  const value = {
    a: {
      get secret(): unknown {
        throw thrown;
      },
    },
  };
  const result = serializeMessage(value);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(
    result.reason,
    "message.a.secret could not be serialised: reading it threw Error: no access",
  );
  assert.equal(result.cause, thrown);
});

Deno.test("serializeMessage: a throwing toJSON, deep in an array, is a refusal with the cause", () => {
  const thrown = new TypeError("bad toJSON");
  const result = serializeMessage({
    list: [1, {
      toJSON() {
        throw thrown;
      },
    }],
  });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.match(
    result.reason,
    /^message\.list\[1\]\.toJSON\(\) could not be serialised: .*TypeError: bad toJSON/,
  );
  assert.equal(result.cause, thrown);
});

Deno.test("serializeMessage: a proxy whose traps throw is a refusal with the cause", () => {
  const thrown = new Error("trap");
  const hostile = new Proxy({}, {
    ownKeys() {
      throw thrown;
    },
  });
  const result = serializeMessage({ p: hostile });
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.cause, thrown);
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  assert.equal(serializeMessage([proxy]).ok, false);
});

Deno.test("serializeMessage reads each property once and calls each toJSON once: what is checked is sent", () => {
  let reads = 0;
  let calls = 0;
  const value = {
    get flaky(): unknown {
      // A getter that would turn into a function on a second read: JSON.stringify would drop it.
      return reads++ === 0 ? "first" : () => 1;
    },
    at: {
      toJSON: () => (calls++ === 0 ? 1 : () => 1),
    },
  };
  assert.deepEqual(serializeMessage(value), { ok: true, json: '{"flaky":"first","at":1}' });
  assert.equal(reads, 1);
  assert.equal(calls, 1);
});

Deno.test("serializeMessage writes exactly what JSON.stringify writes for what it accepts", () => {
  const values: unknown[] = [
    { s: 'é😀\n"\\', lone: "\uD800", n: -0, f: 1.5e300, t: true, z: null },
    [undefined, 1, [2, [3]], {}],
    { nested: { toJSON: (key: string) => `key:${key}` } },
    [{ toJSON: (key: string) => `index:${key}` }],
    { toJSON: (key: string) => ({ rootKey: key }) },
    { boxed: [new Number(3), new String("s"), new Boolean(false)] },
    { "__proto__key": 1, "": 2, "a\u0000b": 3 },
  ];
  for (const value of values) {
    assert.deepEqual(serializeMessage(value), { ok: true, json: JSON.stringify(value) });
  }
});

Deno.test("serializeMessage: a toJSON that serialises another message leaves the outer one's name, limit and path intact", () => {
  const inner: string[] = [];
  const reentrant = {
    toJSON() {
      const result = serializeMessage({ a: [1, () => 1] }, "inner", 5);
      inner.push(result.ok ? result.json : result.reason);
      return { deep: [NaN] };
    },
  };
  assert.deepEqual(serializeMessage({ x: "y".repeat(20), r: reentrant }, "outer", 1000), {
    ok: false,
    reason: "outer.r.toJSON().deep[0] is NaN, which JSON cannot represent",
  });
  assert.deepEqual(inner, [
    "inner is too large: its JSON is longer than 5 characters, the most that can be sent",
  ]);
  // At the top, before anything is written: the outer limit still holds for what it returns.
  const top = { toJSON: () => serializeMessage("z", "inner").ok && "z".repeat(20) };
  assert.deepEqual(serializeMessage(top, "outer", 10), {
    ok: false,
    reason: "outer is too large: its JSON is longer than 10 characters, the most that can be sent",
  });
});

import assert from "node:assert/strict";
import { describeValue } from "./describe_value.ts";

Deno.test("describeValue shows primitives and names the kind of everything else", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const cases: [unknown, string][] = [
    ["abc", '"abc"'],
    ["x".repeat(50), `"${"x".repeat(40)}…"`],
    [1.5, "1.5"],
    [NaN, "NaN"],
    [true, "true"],
    [undefined, "undefined"],
    [null, "null"],
    [10n, "10n"],
    [Symbol("s"), "a symbol"],
    [() => 1, "a function"],
    [[1], "an array"],
    [cyclic, "an object"],
  ];
  for (const [value, description] of cases) assert.equal(describeValue(value), description);
});

Deno.test("describeValue never throws, whatever it is given", () => {
  const hostile = [
    {
      toString() {
        throw new Error("toString");
      },
    },
    new Proxy({}, {
      get() {
        throw new Error("get");
      },
    }),
    (() => {
      const { proxy, revoke } = Proxy.revocable([], {});
      revoke();
      return proxy;
    })(),
  ];
  assert.deepEqual(hostile.map(describeValue), [
    "an object",
    "an object",
    "a value that cannot be shown",
  ]);
});

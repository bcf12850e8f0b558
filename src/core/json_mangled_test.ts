import assert from "node:assert/strict";
import { serializeMessage } from "./json.ts";

class Point {
  constructor(readonly x: number, readonly y: number) {}
}
class Stamp {
  toJSON() {
    return { at: 1 };
  }
}
class Wrapped {
  toJSON() {
    return new Map([["a", 1]]);
  }
}

const REFUSED: ReadonlyArray<[string, unknown, string, RegExp]> = [
  ["a Date", new Date(0), "message", /is a Date, which JSON would send as a string/],
  ["a nested Date", { at: new Date(0) }, "message.at", /is a Date/],
  ["a Map", new Map([["a", 1]]), "message", /is a Map, which JSON would send as \{\}/],
  ["a Set in an array", [1, new Set([1])], "message[1]", /is a Set, which JSON would send as \{\}/],
  [
    "a WeakMap",
    { w: new WeakMap() },
    "message.w",
    /is an instance of WeakMap with no toJSON\(\), .*fields only/,
  ],
  ["a Uint8Array", { bytes: new Uint8Array([1]) }, "message.bytes", /is a Uint8Array, .*indices/],
  ["a Float64Array", new Float64Array(2), "message", /is a Float64Array/],
  ["a DataView", new DataView(new ArrayBuffer(2)), "message", /is a DataView, .*\{\}/],
  ["an ArrayBuffer", new ArrayBuffer(4), "message", /is an ArrayBuffer/],
  ["a class instance with no toJSON", { p: new Point(1, 2) }, "message.p", /instance of Point/],
  ["a RegExp", /x/, "message", /instance of RegExp/],
  ["an Error", { e: new Error("x") }, "message.e", /instance of Error/],
  [
    "an object with an inherited prototype",
    Object.create({ inherited: 1 }),
    "message",
    /an object with a prototype with no toJSON/,
  ],
  ["a Map returned by a toJSON", { w: new Wrapped() }, "message.w.toJSON()", /is a Map/],
];

for (const [name, value, path, what] of REFUSED) {
  Deno.test(`serializeMessage refuses ${name} (JSON would mangle it), naming ${path}`, () => {
    const result = serializeMessage(value);
    assert.equal(result.ok, false, `${name} was accepted`);
    if (result.ok) return;
    assert.ok(result.reason.startsWith(`${path} is `), result.reason);
    assert.match(result.reason, what);
    assert.match(result.reason, /instead/, "the reason says what to send instead");
  });
}

Deno.test("serializeMessage still accepts what JSON represents: plain, null-prototype, boxed, toJSON", () => {
  const bare = Object.assign(Object.create(null), { a: 1 });
  const values: unknown[] = [
    { a: [1, { b: null }] },
    bare,
    [new Number(1), new String("s"), new Boolean(true)],
    new Stamp(),
    { s: new Stamp() },
    { toJSON: () => [1, 2] },
  ];
  for (const value of values) {
    assert.deepEqual(serializeMessage(value), { ok: true, json: JSON.stringify(value) });
  }
});

Deno.test("serializeMessage accepts a plain object made in another realm", () => {
  // Another realm's (an iframe's, a vm context's) plain object has that realm's
  // Object.prototype: a root prototype whose constructor is named Object. Built here by hand.
  function ForeignObject() {}
  Object.defineProperty(ForeignObject, "name", { value: "Object" });
  const foreignProto = Object.create(null, { constructor: { value: ForeignObject } });
  const foreign = Object.assign(Object.create(foreignProto), { a: 1 });
  assert.deepEqual(serializeMessage(foreign), { ok: true, json: '{"a":1}' });
});

/**
 * `serializeMessage` against `JSON.stringify` on seeded random values: whatever it accepts it
 * must write exactly as `JSON.stringify` does, and it must refuse exactly the values JSON would
 * silently lose or cannot hold (functions, symbols, BigInts, non-finite numbers, cycles, an
 * undefined result, instances of classes with no toJSON). The generator tracks which values those are; a failure prints the seed.
 */
import assert from "node:assert/strict";
import { serializeMessage } from "./json.ts";

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated value and whether `serializeMessage` must refuse it. */
interface Generated {
  value: unknown;
  refused: boolean;
}

const CHARACTERS = [
  "a",
  "Z",
  "0",
  " ",
  '"',
  "\\",
  "/",
  "\n",
  "\t",
  "\u0000",
  "\u001f",
  "\u007f",
  "é",
  "\u2028",
  "\u2029",
  "😀",
  "\uD800",
  "\uDFFF",
  "\uDBFF\uDC00",
  "\uFEFF",
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  42,
  1.5,
  -2.25,
  1e21,
  1e-7,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MIN_VALUE,
  0.1 + 0.2,
  123456789.125,
];

class Point {
  x = 1;
  constructor(readonly y: unknown) {}
  get ignored(): number {
    return 5; // on the prototype: JSON never sees it
  }
}

function generator(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const chance = (p: number) => random() < p;

  function text(long = chance(0.02)): string {
    if (long) return CHARACTERS[int(CHARACTERS.length)].repeat(5000 + int(30000));
    let s = "";
    for (let i = int(12); i > 0; i--) s += CHARACTERS[int(CHARACTERS.length)];
    return s;
  }

  function key(): string {
    const shapes = [() => text(false), () => String(int(20)), () => `0${int(9)}`, () => "-1"];
    return shapes[int(shapes.length)]();
  }

  function primitive(): Generated {
    switch (int(12)) {
      case 0:
        return { value: null, refused: false };
      case 1:
        return { value: chance(0.5), refused: false };
      case 2:
      case 3:
        return { value: NUMBERS[int(NUMBERS.length)], refused: false };
      case 4:
        return { value: (random() - 0.5) * 10 ** (int(40) - 20), refused: false };
      case 5: {
        // What JSON cannot hold or would drop: always refused, wherever it is.
        const lost = [NaN, Infinity, -Infinity, () => 1, Symbol("s"), 7n];
        return { value: lost[int(lost.length)], refused: true };
      }
      default:
        return { value: text(), refused: false };
    }
  }

  /** A value `depth` levels from the bottom; `ancestors` are the containers above it. */
  function value(depth: number, ancestors: object[]): Generated {
    if (depth === 0 || chance(0.3)) return primitive();
    switch (int(10)) {
      case 0:
      case 1:
      case 2:
        return array(depth, ancestors);
      case 3:
        return withToJSON(depth, ancestors);
      case 4:
        return boxed();
      case 5:
        if (ancestors.length > 0 && chance(0.3)) {
          return { value: ancestors[int(ancestors.length)], refused: true }; // a cycle
        }
        return object(depth, ancestors);
      default:
        return object(depth, ancestors);
    }
  }

  function array(depth: number, ancestors: object[]): Generated {
    const list: unknown[] = [];
    let refused = false;
    const length = int(6);
    const holes = chance(0.3);
    for (let i = 0; i < length; i++) {
      if (holes && chance(0.4)) continue; // a hole: null, as for undefined
      if (chance(0.1)) {
        list[i] = undefined; // written as null in an array
        continue;
      }
      const item = value(depth - 1, [...ancestors, list]);
      list[i] = item.value;
      refused ||= item.refused;
    }
    list.length = length;
    if (chance(0.1)) Object.assign(list, { extra: "not an index: never written" });
    return { value: list, refused };
  }

  function object(depth: number, ancestors: object[]): Generated {
    const kind = int(4);
    const target: Record<string, unknown> = kind === 0
      ? Object.create(null)
      : kind === 1
      ? new Point(null) as unknown as Record<string, unknown>
      : {};
    // A class instance with no toJSON is refused: JSON would send its own fields only.
    let refused = kind === 1;
    for (let i = int(6); i > 0; i--) {
      const k = key();
      if (Object.prototype.hasOwnProperty.call(target, k)) continue; // each key once
      if (chance(0.1)) {
        target[k] = undefined; // dropped from an object
        continue;
      }
      const item = value(depth - 1, [...ancestors, target]);
      refused ||= item.refused;
      if (chance(0.15)) {
        // An enumerable getter: read like a property.
        const v = item.value;
        Object.defineProperty(target, k, { get: () => v, enumerable: true, configurable: true });
      } else if (!item.refused && chance(0.1)) {
        // Not enumerable: never written.
        Object.defineProperty(target, k, { value: item.value, enumerable: false });
      } else {
        target[k] = item.value;
      }
    }
    if (chance(0.1)) (target as Record<symbol, unknown>)[Symbol("hidden")] = () => "never written";
    return { value: target, refused };
  }

  function withToJSON(depth: number, ancestors: object[]): Generated {
    const holder: Record<string, unknown> = chance(0.2)
      ? [] as unknown as Record<string, unknown>
      : {};
    switch (int(5)) {
      case 0:
        // Depends on its key: "" at the top, the property name, or the array index.
        holder.toJSON = (k: string) => `key:${k}`;
        return { value: holder, refused: false };
      case 1:
        // Undefined: dropped in an object, null in an array, refused at the top (tracked below).
        holder.toJSON = () => undefined;
        return { value: holder, refused: false };
      case 2: {
        // Its result's own toJSON is not called again: it is a function-valued property there,
        // which JSON would drop silently, so it is refused like any other.
        const inner = { toJSON: () => "inner toJSON: never called", x: 1 };
        holder.toJSON = () => inner;
        return { value: holder, refused: true };
      }
      default: {
        const item = value(depth - 1, ancestors);
        holder.toJSON = () => item.value;
        // A result with a toJSON of its own carries a function-valued property (see case 2).
        const nested = typeof item.value === "object" && item.value !== null &&
          Object.prototype.hasOwnProperty.call(item.value, "toJSON");
        return { value: holder, refused: item.refused || nested };
      }
    }
  }

  function boxed(): Generated {
    switch (int(4)) {
      case 0:
        return { value: new String(text(false)), refused: false };
      case 1:
        return { value: new Number(NUMBERS[int(NUMBERS.length)]), refused: false };
      case 2:
        return { value: new Boolean(chance(0.5)), refused: false };
      default:
        return { value: new Number(NaN), refused: true }; // null to JSON: a loss
    }
  }

  return (depth: number) => value(depth, []);
}

Deno.test("serializeMessage matches JSON.stringify on 3000 seeded random values, and refuses exactly what JSON loses", () => {
  for (let seed = 1; seed <= 3000; seed++) {
    const generated = generator(seeded(seed))(1 + (seed % 6));
    const { value } = generated;
    let expected: string | undefined;
    let threw = false;
    try {
      expected = JSON.stringify(value);
    } catch {
      threw = true;
    }
    const refused = generated.refused || threw || expected === undefined;
    const result = serializeMessage(value);
    if (refused) {
      assert.equal(result.ok, false, `seed ${seed}: accepted ${result.ok && result.json}`);
    } else {
      assert.deepEqual(result, { ok: true, json: expected }, `seed ${seed}`);
    }
  }
});

Deno.test("serializeMessage writes what JSON.stringify writes for a function with toJSON and for boxed primitives told by their internal slot", () => {
  const overridden = Object.assign(new String("x"), { toString: () => "over" });
  const values: unknown[] = [
    // JSON asks a function for its toJSON too: the result is what is sent, nothing is lost.
    { f: Object.assign(() => 1, { toJSON: () => 5 }) },
    // Objects that only inherit from a box's prototype are plain objects to JSON.
    Object.create(String.prototype),
    { a: Object.create(Number.prototype), b: [Object.create(Boolean.prototype)] },
    // A String object is written by its string conversion (toString), a Number by valueOf.
    overridden,
    Object.assign(new Number(3), { valueOf: () => 7 }),
  ];
  for (const value of values) {
    assert.deepEqual(serializeMessage(value), { ok: true, json: JSON.stringify(value) });
  }
});

Deno.test("serializeMessage finds a cycle, and tells a shared reference from one, shallow and deep", () => {
  for (const depth of [1, 31, 32, 33, 200]) {
    const root: { next?: unknown } = {};
    let inner: { next?: unknown } = root;
    for (let i = 0; i < depth; i++) inner = (inner.next = {}) as { next?: unknown };
    const shared = { leaf: true };
    inner.next = [shared, shared, { again: shared }];
    assert.deepEqual(serializeMessage(root), { ok: true, json: JSON.stringify(root) }, `${depth}`);
    inner.next = [shared, root];
    const result = serializeMessage(root);
    assert.equal(result.ok, false, `${depth}`);
    if (!result.ok) assert.match(result.reason, /\[1\] refers back to itself \(a cycle\)/);
  }
});

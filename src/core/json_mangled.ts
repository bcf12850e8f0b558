/**
 * Says what JSON would silently turn `value` into, when it is an object JSON does not represent
 * as itself: a `Date` (a string), a `Map`, `Set`, `ArrayBuffer` (`{}`), a typed array (an object
 * of indices), a `DataView` (`{}`), or an instance of a class with no `toJSON()` (its own
 * enumerable fields only: `WeakMap`, `RegExp`, `Error`, `Promise`, the app's classes).
 * `undefined` for an array, a plain object (from any realm, or with a `null` prototype), a boxed
 * primitive, and, when `toJSONCounts`, an object with a `toJSON()` method (JSON sends what it
 * returns). `proto` is `value`'s prototype, read once by the caller.
 *
 * @example
 * ```ts
 * import { mangledBy } from "./json_mangled.ts";
 * const map = new Map([["a", 1]]);
 * mangledBy(map, Object.getPrototypeOf(map), true);
 * // "a Map, which JSON would send as {}; send Object.fromEntries(map) or [...map] instead"
 * mangledBy({ a: 1 }, Object.prototype, true); // undefined
 * ```
 */
export function mangledBy(
  value: object,
  proto: object | null,
  toJSONCounts: boolean,
): string | undefined {
  if (proto === null || proto === Object.prototype || Array.isArray(value)) return undefined;
  for (const [kind, what, sentAs, instead] of MANGLED) {
    if (value instanceof kind) {
      return `${what}, which JSON would send as ${sentAs}; send ${instead} instead`;
    }
  }
  if (ArrayBuffer.isView(value)) {
    return `a ${
      constructorName(proto) ?? "typed array"
    }, which JSON would send as an object of indices; send Array.from(...) or a base64 string instead`;
  }
  if (
    value instanceof Number || value instanceof String || value instanceof Boolean ||
    value instanceof BigInt ||
    (toJSONCounts && typeof (value as { toJSON?: unknown }).toJSON === "function")
  ) return undefined;
  // A plain object of another realm (an iframe, a vm context): its prototype is that realm's
  // Object.prototype, the root of its chain.
  const name = constructorName(proto);
  if (name === "Object" && Object.getPrototypeOf(proto) === null) return undefined;
  const what = name && name !== "Object" ? `an instance of ${name}` : "an object with a prototype";
  return `${what} with no toJSON(), which JSON would send as its own enumerable fields only; ` +
    `send a plain object instead (or give the class a toJSON())`;
}

/** Kinds JSON sends as something else: what one is, what JSON makes of it, what to send. */
const MANGLED: readonly [
  // deno-lint-ignore no-explicit-any
  kind: abstract new (...args: any[]) => object,
  what: string,
  sentAs: string,
  instead: string,
][] = /* @__PURE__ */ (() => [
  [Date, "a Date", "a string", "date.toISOString() or date.getTime()"],
  [Map, "a Map", "{}", "Object.fromEntries(map) or [...map]"],
  [Set, "a Set", "{}", "[...set]"],
  [DataView, "a DataView", "{}", "Array.from(...) or a base64 string"],
  [ArrayBuffer, "an ArrayBuffer", "{}", "Array.from(new Uint8Array(buffer)) or a base64 string"],
])();

function constructorName(proto: object): string | undefined {
  const ctor = Object.hasOwn(proto, "constructor")
    ? (proto as { constructor?: unknown }).constructor
    : undefined;
  return typeof ctor === "function" && ctor.name ? ctor.name : undefined;
}

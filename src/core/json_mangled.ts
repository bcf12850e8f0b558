/**
 * Says what JSON would silently turn `value` into, when it is an object JSON does not represent
 * as itself: a `Date` (a string), a `Map`, `Set`, `WeakMap`, `WeakSet`, `ArrayBuffer` (`{}`), a
 * typed array (an object of indices), a `DataView` (`{}`), or an instance of a class with no
 * `toJSON()` (its own enumerable fields only: `RegExp`, `Error`, `Promise`, the app's classes).
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
  if (value instanceof Date) {
    return "a Date, which JSON would send as a string; send date.toISOString() or date.getTime() instead";
  }
  if (value instanceof Map) {
    return "a Map, which JSON would send as {}; send Object.fromEntries(map) or [...map] instead";
  }
  if (value instanceof Set) return "a Set, which JSON would send as {}; send [...set] instead";
  if (value instanceof WeakMap || value instanceof WeakSet) {
    const name = value instanceof WeakMap ? "WeakMap" : "WeakSet";
    return `a ${name}, which JSON would send as {}; send a plain object or an array instead`;
  }
  if (ArrayBuffer.isView(value)) {
    const name = value instanceof DataView ? "DataView" : constructorName(proto) ?? "typed array";
    return `a ${name}, which JSON would send as ${
      value instanceof DataView ? "{}" : "an object of indices"
    }; send Array.from(...) or a base64 string instead`;
  }
  if (
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)
  ) {
    return "an ArrayBuffer, which JSON would send as {}; send Array.from(new Uint8Array(buffer)) or a base64 string instead";
  }
  if (
    value instanceof Number || value instanceof String || value instanceof Boolean ||
    value instanceof BigInt
  ) return undefined;
  if (toJSONCounts && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return undefined;
  }
  // A plain object of another realm (an iframe, a vm context): its prototype is that realm's
  // Object.prototype, the root of its chain.
  const name = constructorName(proto);
  if (name === "Object" && Object.getPrototypeOf(proto) === null) return undefined;
  const what = name && name !== "Object" ? `an instance of ${name}` : "an object with a prototype";
  return `${what} with no toJSON(), which JSON would send as its own enumerable fields only; ` +
    `send a plain object instead (or give the class a toJSON())`;
}

function constructorName(proto: object): string | undefined {
  const ctor = Object.hasOwn(proto, "constructor")
    ? (proto as { constructor?: unknown }).constructor
    : undefined;
  return typeof ctor === "function" && ctor.name ? ctor.name : undefined;
}

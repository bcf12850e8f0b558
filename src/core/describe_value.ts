/**
 * A short description of any value for an error message, that never throws: a symbol, a BigInt,
 * a cycle, a proxy or an object whose `toString` throws would each make a template string or
 * `JSON.stringify` throw, turning a clear validation error into a raw one.
 *
 * @example
 * ```ts
 * import { describeValue } from "./describe_value.ts";
 * describeValue("abc"); // '"abc"'
 * describeValue(Symbol("s")); // "a symbol"
 * describeValue(10n); // "10n"
 * ```
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case "string":
        return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      case "number":
      case "boolean":
      case "undefined":
        return String(value);
      case "bigint":
        return `${value}n`;
      case "symbol":
        return "a symbol";
      case "function":
        return "a function";
    }
    if (value === null) return "null";
    return Array.isArray(value) ? "an array" : "an object";
  } catch {
    // Array.isArray throws on a revoked proxy.
    return "a value that cannot be shown";
  }
}

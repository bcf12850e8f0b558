/**
 * The outcome of {@link serializeMessage}: the JSON text, or what made the value unserialisable.
 *
 * @example
 * ```ts
 * import type { SerializeResult } from "./json.ts";
 * const ok: SerializeResult = { ok: true, json: "1" };
 * ```
 */
export type SerializeResult = { ok: true; json: string } | { ok: false; reason: string };

/**
 * Serialises a message to JSON, refusing what JSON would silently lose or cannot hold: functions,
 * symbols, BigInts, cycles, non-finite numbers anywhere, and `undefined` at the top level.
 * The reason names the path of the offending value.
 *
 * @example
 * ```ts
 * import { serializeMessage } from "./json.ts";
 * serializeMessage({ a: [1, 2] }); // { ok: true, json: '{"a":[1,2]}' }
 * serializeMessage({ f: () => 1 }); // { ok: false, reason: "message.f is a function, which JSON cannot represent" }
 * ```
 */
export function serializeMessage(value: unknown, name = "message"): SerializeResult {
  const problem = findUnserializable(value, name, new Set());
  if (problem) return { ok: false, reason: problem };
  const json = JSON.stringify(value);
  if (json === undefined) {
    return { ok: false, reason: `${name} is undefined, which JSON cannot represent` };
  }
  return { ok: true, json };
}

function findUnserializable(value: unknown, path: string, seen: Set<object>): string | undefined {
  switch (typeof value) {
    case "function":
    case "symbol":
    case "bigint":
      return `${path} is a ${typeof value}, which JSON cannot represent`;
    case "number":
      return Number.isFinite(value)
        ? undefined
        : `${path} is ${value}, which JSON cannot represent`;
    case "undefined":
      return seen.size === 0 ? `${path} is undefined, which JSON cannot represent` : undefined;
    case "object": {
      if (value === null) return undefined;
      if (seen.has(value)) {
        return `${path} refers back to itself (a cycle), which JSON cannot represent`;
      }
      // Values with toJSON (Date and friends) define their own JSON form: check that instead.
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") {
        let replacement: unknown;
        try {
          replacement = toJSON.call(value, path.slice(path.lastIndexOf(".") + 1));
        } catch (error) {
          return `${path}.toJSON() threw: ${
            error instanceof Error ? error.message : String(error)
          }`;
        }
        if (replacement === value) return undefined;
        seen.add(value);
        try {
          return findUnserializable(replacement, `${path}.toJSON()`, seen);
        } finally {
          seen.delete(value);
        }
      }
      seen.add(value);
      try {
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            const p = findUnserializable(value[i], `${path}[${i}]`, seen);
            if (p) return p;
          }
        } else {
          for (const key of Object.keys(value)) {
            const p = findUnserializable(
              (value as Record<string, unknown>)[key],
              `${path}.${key}`,
              seen,
            );
            if (p) return p;
          }
        }
      } finally {
        seen.delete(value);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

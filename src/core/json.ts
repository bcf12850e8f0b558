import { describeValue } from "./describe_value.ts";
import { mangledBy } from "./json_mangled.ts";

/**
 * The outcome of {@link serializeMessage}: the JSON text, or what made the value unserialisable
 * (with what was thrown, when reading the value threw).
 *
 * @example
 * ```ts
 * import type { SerializeResult } from "./json.ts";
 * const ok: SerializeResult = { ok: true, json: "1" };
 * ```
 */
export type SerializeResult =
  | { ok: true; json: string }
  | { ok: false; reason: string; cause?: unknown };

/**
 * Serialises a message to JSON, refusing what JSON would silently lose or cannot hold: functions,
 * symbols, BigInts, cycles, non-finite numbers anywhere, `undefined` at the top level, and
 * objects JSON would turn into something else (`Date`, `Map`, `Set`, typed arrays, instances
 * of classes with no `toJSON()`), each named with what to send instead.
 * The reason names the path of the offending value.
 *
 * The app's value is hostile ground: a getter or a `toJSON` may throw (the reason says where,
 * and `cause` is what was thrown), nesting may be arbitrarily deep (the walk is iterative, so
 * no depth overflows the stack), and a value may be huge (writing stops once the text is longer
 * than `maxLength`). Each property is read once and each `toJSON` called once, so what is
 * checked is what is sent.
 *
 * @example
 * ```ts
 * import { serializeMessage } from "./json.ts";
 * serializeMessage({ a: [1, 2] }); // { ok: true, json: '{"a":[1,2]}' }
 * serializeMessage({ f: () => 1 }); // { ok: false, reason: "message.f is a function, which JSON cannot represent" }
 * ```
 */
export function serializeMessage(
  value: unknown,
  name = "message",
  maxLength = Infinity,
): SerializeResult {
  const out: string[] = [];
  let length = 0;
  // The containers being written, innermost last; one met again among them is a cycle.
  const stack: Frame[] = [];
  const open = new Set<object>();
  // The path segment of the value being read now.
  let segment = "";
  const path = () => name + stack.map((frame) => frame.segment).join("") + segment;
  const push = (text: string) => {
    out.push(text);
    length += text.length;
  };
  const tooLong = () =>
    `${name} is too large: its JSON is longer than ${maxLength} characters, the most that can be sent`;

  /** What JSON writes in place of `value`: its `toJSON()` result, or the primitive in a box. */
  const resolve = (value: unknown, key: string): unknown => {
    if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
      // What JSON would mangle (a Date, a Map, a typed array, …) is refused before its toJSON.
      const mangled = typeof value === "object" ? refusal(value as object, true) : undefined;
      if (mangled) return mangled;
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") {
        segment += ".toJSON()";
        value = toJSON.call(value, key);
        // JSON does not call a second toJSON: what the first returned is checked as it is.
        if (typeof value === "object" && value !== null) {
          const returned = refusal(value, false);
          if (returned) return returned;
        }
      }
    }
    if (value instanceof Number || value instanceof String || value instanceof BigInt) {
      return value.valueOf();
    }
    return value instanceof Boolean ? value.valueOf() : value;
  };

  /** Writes a resolved value, or opens its container; returns the problem, if any. */
  const write = (value: unknown): string | undefined => {
    const type = typeof value;
    if (type === "string") {
      if ((value as string).length > maxLength) return tooLong();
      push(JSON.stringify(value));
    } else if (type === "number") {
      if (!Number.isFinite(value)) return `${path()} is ${value}, which JSON cannot represent`;
      push(String(value));
    } else if (type === "boolean" || value === null) {
      push(String(value));
    } else if (type !== "object") {
      return `${path()} is a ${type}, which JSON cannot represent`;
    } else if (value instanceof Refusal) {
      return `${path()} is ${value.what}`;
    } else {
      const container = value as object;
      if (open.has(container)) {
        return `${path()} refers back to itself (a cycle), which JSON cannot represent`;
      }
      const keys = Array.isArray(container) ? undefined : Object.keys(container);
      push(keys ? "{" : "[");
      open.add(container);
      stack.push({
        value: container,
        keys,
        length: keys ? keys.length : (container as unknown[]).length,
        next: 0,
        segment,
      });
      segment = "";
    }
    return undefined;
  };

  try {
    const top = resolve(value, "");
    if (top === undefined) {
      return { ok: false, reason: `${path()} is undefined, which JSON cannot represent` };
    }
    let problem = write(top);
    while (problem === undefined && stack.length > 0) {
      const frame = stack[stack.length - 1];
      const { keys } = frame;
      if (frame.next >= frame.length) {
        push(keys ? "}" : "]");
        open.delete(frame.value);
        stack.pop();
        segment = "";
        continue;
      }
      const index = frame.next++;
      const key = keys ? keys[index] : String(index);
      segment = keys ? `.${key}` : `[${index}]`;
      const child = resolve((frame.value as Record<string, unknown>)[key], key);
      // Undefined is dropped from an object and written as null in an array, as JSON does.
      if (keys) {
        if (child === undefined) continue;
        // The last token is "{" only when nothing has been written in this object yet.
        push(`${out[out.length - 1] === "{" ? "" : ","}${JSON.stringify(key)}:`);
      } else if (index > 0) push(",");
      if (child === undefined) push("null");
      else problem = write(child);
      if (problem === undefined && length > maxLength) problem = tooLong();
    }
    return problem === undefined
      ? { ok: true, json: out.join("") }
      : { ok: false, reason: problem };
  } catch (error) {
    // A getter, a toJSON or a proxy trap threw, or the text outgrew what a string can hold.
    return {
      ok: false,
      reason: `${path()} could not be serialised: reading it threw ${
        error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error)
      }`,
      cause: error,
    };
  }
}

/** A value refused before it was written: what it is, and what JSON would have made of it. */
class Refusal {
  constructor(readonly what: string) {}
}

/** A {@link Refusal} when JSON would mangle `value`; one prototype read on the hot path. */
function refusal(value: object, toJSONCounts: boolean): Refusal | undefined {
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === Array.prototype) return undefined;
  const what = mangledBy(value, proto, toJSONCounts);
  return what === undefined ? undefined : new Refusal(what);
}

/** An object or array being written: where it is, and how far its entries have been written. */
interface Frame {
  value: object;
  /** The keys to write, or `undefined` for an array. */
  keys: string[] | undefined;
  length: number;
  next: number;
  /** This container's part of the path: `.key`, `[3]`, with `.toJSON()` when it came from one. */
  segment: string;
}

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
  // The walk's state lives in this module, its stack kept for the next call: a publish makes no
  // closures and no stack for its message. A toJSON, a getter or a proxy trap that serialises
  // a message meanwhile has the outer walk's state set aside and given back. Between walks the
  // state is clean (see finally).
  const outer = walking && [rootName, limit, out, stack, open, at, viaToJSON] as const;
  if (outer) {
    stack = [];
    out = "";
    open = at = undefined;
    viaToJSON = false;
  }
  walking = true;
  rootName = name;
  limit = maxLength;
  try {
    const top = resolve(value, "");
    if (top === undefined) {
      return { ok: false, reason: `${path()} is undefined, which JSON cannot represent` };
    }
    let problem = write(top);
    while (problem === undefined && stack.length > 0) {
      const frame = stack[stack.length - 1];
      const { keys } = frame;
      const container = frame.value as Record<string, unknown>;
      if (frame.next >= frame.length) {
        out += keys ? "}" : "]";
        open?.delete(container);
        stack.pop();
        continue;
      }
      const index = frame.next++;
      const key = keys ? keys[index] : String(index);
      at = keys ? key : index;
      viaToJSON = false;
      const child = resolve(container[key], key);
      // Undefined is dropped from an object and written as null in an array, as JSON does.
      if (keys) {
        if (child === undefined) continue;
        out += `${frame.written ? "," : ""}${JSON.stringify(key)}:`;
        frame.written = true;
      } else if (index > 0) out += ",";
      if (child === undefined) out += "null";
      else problem = write(child);
      if (problem === undefined && out.length > limit) problem = tooLong();
    }
    return problem === undefined ? { ok: true, json: out } : { ok: false, reason: problem };
  } catch (error) {
    // A getter, a toJSON or a proxy trap threw, or the text outgrew what a string can hold.
    return {
      ok: false,
      reason: `${path()} could not be serialised: reading it threw ${
        error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error)
      }`,
      cause: error,
    };
  } finally {
    // Nothing of the app's is held on to between calls (a refusal leaves frames behind).
    if (stack.length) stack.length = 0;
    out = "";
    open = at = undefined;
    viaToJSON = false;
    if (outer) [rootName, limit, out, stack, open, at, viaToJSON] = outer;
    else walking = false;
  }
}

/** Whether a walk is in progress (a toJSON, a getter or a proxy may start another). */
let walking = false;
/** The name the paths start with, and the longest JSON that may be written. */
let rootName = "message";
let limit = Infinity;
/** The text so far: appending to one string is cheaper than collecting parts to join. */
let out = "";
/**
 * The containers being written, innermost last; one met again among them is a cycle. A Set
 * of them is kept only once nesting is deep (a short scan of the stack is cheaper until then).
 */
let stack: Frame[] = [];
let open: Set<object> | undefined;
/**
 * Where the value being read now sits in its container, and whether it came from a toJSON:
 * the path is only spelled out when something is wrong.
 */
let at: string | number | undefined;
let viaToJSON = false;

/** Nesting from which open containers are kept in a Set rather than found on the stack. */
const DEEP = 32;

/** What JSON writes in place of `value`: its `toJSON()` result, or the primitive in a box. */
function resolve(value: unknown, key: string): unknown {
  const type = typeof value;
  if ((type === "object" && value !== null) || type === "function" || type === "bigint") {
    // What JSON would mangle (a Date, a Map, a typed array, …) is refused before its toJSON.
    const mangled = type === "object" ? refusal(value as object, true) : undefined;
    if (mangled) return new Refusal(mangled);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") {
      viaToJSON = true;
      value = toJSON.call(value, key);
      // JSON does not call a second toJSON: what the first returned is checked as it is.
      if (typeof value === "object" && value !== null) {
        const returned = refusal(value, false);
        if (returned) return new Refusal(returned);
      }
    }
  }
  if (typeof value !== "object" || value === null) return value;
  // A box is told by its internal slot, as JSON does: inheriting from String.prototype is
  // not enough. Strings and numbers are converted as JSON converts them (toString, valueOf).
  if (value instanceof String && hasSlot(String.prototype.valueOf, value)) return String(value);
  if (value instanceof Number && hasSlot(Number.prototype.valueOf, value)) return Number(value);
  if (value instanceof Boolean && hasSlot(Boolean.prototype.valueOf, value)) {
    return Boolean.prototype.valueOf.call(value);
  }
  if (value instanceof BigInt && hasSlot(BigInt.prototype.valueOf, value)) {
    return BigInt.prototype.valueOf.call(value);
  }
  return value;
}

/** Writes a resolved value, or opens its container; returns the problem, if any. */
function write(value: unknown): string | undefined {
  const type = typeof value;
  if (type === "string") {
    if ((value as string).length > limit) return tooLong();
    out += JSON.stringify(value);
  } else if (type === "number") {
    if (!Number.isFinite(value)) return `${path()} is ${value}, which JSON cannot represent`;
    out += String(value);
  } else if (type === "boolean" || value === null) {
    out += String(value);
  } else if (type !== "object") {
    return `${path()} is a ${type}, which JSON cannot represent`;
  } else if (value instanceof Refusal) {
    return `${path()} is ${value.what}`;
  } else {
    const container = value as object;
    if (isOpen(container)) {
      return `${path()} refers back to itself (a cycle), which JSON cannot represent`;
    }
    const keys = Array.isArray(container) ? undefined : Object.keys(container);
    out += keys ? "{" : "[";
    if (open) open.add(container);
    else if (stack.length >= DEEP) open = new Set([...stack.map((f) => f.value), container]);
    stack.push({
      value: container,
      keys,
      length: keys ? keys.length : (container as unknown[]).length,
      next: 0,
      written: false,
      segment: segment(),
    });
  }
  return undefined;
}

function isOpen(container: object): boolean {
  if (open) return open.has(container);
  for (let i = 0; i < stack.length; i++) if (stack[i].value === container) return true;
  return false;
}

/** Where the value being read sits: the name, each open container's place, then its own. */
function path(): string {
  return rootName + stack.map((frame) => frame.segment).join("") + segment();
}

/** The place of the value being read: `.key` or `[3]`, with `.toJSON()` when it came from one. */
function segment(): string {
  return (at === undefined ? "" : typeof at === "number" ? `[${at}]` : `.${at}`) +
    (viaToJSON ? ".toJSON()" : "");
}

function tooLong(): string {
  return `${rootName} is too large: its JSON is longer than ${limit} characters, the most that can be sent`;
}

/** A value refused before it was written: what it is, and what JSON would have made of it. */
class Refusal {
  constructor(readonly what: string) {}
}

/** What JSON would mangle `value` into, if anything (see `mangledBy`). */
function refusal(value: object, toJSONCounts: boolean): string | undefined {
  return mangledBy(value, Object.getPrototypeOf(value), toJSONCounts);
}

/** Whether `value` really is a box of the kind `valueOf` belongs to (it throws otherwise). */
function hasSlot(valueOf: () => unknown, value: object): boolean {
  try {
    valueOf.call(value);
    return true;
  } catch {
    return false;
  }
}

/** An object or array being written: where it is, and how far its entries have been written. */
interface Frame {
  value: object;
  /** The keys to write, or `undefined` for an array. */
  keys: string[] | undefined;
  length: number;
  next: number;
  /** Whether an entry of this object has been written (a comma goes before the next one). */
  written: boolean;
  /** This container's part of the path: `.key`, `[3]`, with `.toJSON()` when it came from one. */
  segment: string;
}

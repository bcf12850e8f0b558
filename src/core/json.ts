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
 * symbols, BigInts, cycles, non-finite numbers anywhere, and `undefined` at the top level.
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
  const writer = new JsonWriter(name, maxLength);
  try {
    return writer.write(value);
  } catch (error) {
    // A getter, a toJSON or a proxy trap threw, or the text outgrew what a string can hold.
    return {
      ok: false,
      reason: `${writer.path()} could not be serialised: reading it threw ${describeError(error)}`,
      cause: error,
    };
  }
}

/** An object or array being written: where it is, and how far its entries have been written. */
interface Frame {
  value: object;
  /** The keys to write, or `undefined` for an array. */
  keys: string[] | undefined;
  length: number;
  next: number;
  wroteEntry: boolean;
  /** This container's part of the path: `.key`, `[3]`, with `.toJSON()` when it came from one. */
  segment: string;
}

/** Writes JSON with an explicit stack: depth costs heap, never call stack. */
class JsonWriter {
  readonly #name: string;
  readonly #maxLength: number;
  readonly #out: string[] = [];
  #length = 0;
  readonly #stack: Frame[] = [];
  /** The containers being written (a value met again among them is a cycle). */
  readonly #open = new Set<object>();
  /** The path segment of the value being read now. */
  #segment = "";

  constructor(name: string, maxLength: number) {
    this.#name = name;
    this.#maxLength = maxLength;
  }

  /** The path of the value being read now, for reasons. */
  path(): string {
    let path = this.#name;
    for (const frame of this.#stack) path += frame.segment;
    return path + this.#segment;
  }

  write(root: unknown): SerializeResult {
    const top = this.#resolve(root, "");
    if (top === undefined) {
      return { ok: false, reason: `${this.path()} is undefined, which JSON cannot represent` };
    }
    let problem = this.#value(top);
    while (problem === undefined && this.#stack.length > 0) {
      const frame = this.#stack[this.#stack.length - 1];
      if (frame.next >= frame.length) {
        this.#push(frame.keys ? "}" : "]");
        this.#open.delete(frame.value);
        this.#stack.pop();
        this.#segment = "";
        continue;
      }
      problem = frame.keys ? this.#property(frame, frame.keys) : this.#element(frame);
      if (problem === undefined && this.#length > this.#maxLength) problem = this.#tooLong();
    }
    if (problem !== undefined) return { ok: false, reason: problem };
    return { ok: true, json: this.#out.join("") };
  }

  #property(frame: Frame, keys: string[]): string | undefined {
    const key = keys[frame.next++];
    this.#segment = `.${key}`;
    const value = this.#resolve((frame.value as Record<string, unknown>)[key], key);
    if (value === undefined) return undefined; // dropped, as JSON does
    this.#push(`${frame.wroteEntry ? "," : ""}${JSON.stringify(key)}:`);
    frame.wroteEntry = true;
    return this.#value(value);
  }

  #element(frame: Frame): string | undefined {
    const index = frame.next++;
    this.#segment = `[${index}]`;
    const value = this.#resolve((frame.value as unknown[])[index], String(index));
    if (index > 0) this.#push(",");
    if (value === undefined) {
      this.#push("null"); // as JSON does
      return undefined;
    }
    return this.#value(value);
  }

  /** What JSON writes in place of `value`: its `toJSON()` result, or the primitive in a box. */
  #resolve(value: unknown, key: string): unknown {
    if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") {
        this.#segment += ".toJSON()";
        value = toJSON.call(value, key);
      }
    }
    if (typeof value !== "object" || value === null) return value;
    if (value instanceof Number) return Number(value);
    if (value instanceof String) return String(value);
    if (value instanceof Boolean) return value.valueOf();
    if (value instanceof BigInt) return value.valueOf();
    return value;
  }

  /** Writes a resolved value, or opens its container; returns the problem, if any. */
  #value(value: unknown): string | undefined {
    switch (typeof value) {
      case "string":
        if (value.length > this.#maxLength) return this.#tooLong();
        this.#push(JSON.stringify(value));
        return undefined;
      case "number":
        if (!Number.isFinite(value)) {
          return `${this.path()} is ${value}, which JSON cannot represent`;
        }
        this.#push(String(value));
        return undefined;
      case "boolean":
        this.#push(value ? "true" : "false");
        return undefined;
      case "function":
      case "symbol":
      case "bigint":
      case "undefined":
        return `${this.path()} is a ${typeof value}, which JSON cannot represent`;
    }
    if (value === null) {
      this.#push("null");
      return undefined;
    }
    const container = value as object;
    if (this.#open.has(container)) {
      return `${this.path()} refers back to itself (a cycle), which JSON cannot represent`;
    }
    const keys = Array.isArray(container) ? undefined : Object.keys(container);
    const length = keys ? keys.length : (container as unknown[]).length;
    this.#push(keys ? "{" : "[");
    this.#open.add(container);
    this.#stack.push({
      value: container,
      keys,
      length,
      next: 0,
      wroteEntry: false,
      segment: this.#segment,
    });
    this.#segment = "";
    return undefined;
  }

  #push(text: string): void {
    this.#out.push(text);
    this.#length += text.length;
  }

  #tooLong(): string {
    return `${this.#name} is too large: its JSON is longer than ${this.#maxLength} characters, the most that can be sent`;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return "a value that cannot be shown";
  }
}

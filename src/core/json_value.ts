/**
 * A JSON primitive: what JSON writes as itself.
 *
 * @example
 * ```ts
 * import type { JsonPrimitive } from "./json_value.ts";
 * const values: JsonPrimitive[] = ["text", 1.5, true, null];
 * ```
 */
export type JsonPrimitive = string | number | boolean | null;

/**
 * A JSON object: string keys, JSON values (an `undefined` property is left out, as JSON does).
 *
 * @example
 * ```ts
 * import type { JsonObject } from "./json_value.ts";
 * const chat: JsonObject = { text: "hi", tags: ["a"], replyTo: null };
 * ```
 */
export type JsonObject = { [key: string]: JsonValue | undefined };

/**
 * A JSON array.
 *
 * @example
 * ```ts
 * import type { JsonArray } from "./json_value.ts";
 * const list: JsonArray = [1, "two", { three: 3 }];
 * ```
 */
export type JsonArray = JsonValue[];

/**
 * Any value JSON represents exactly: what `publish()`, `signal()` and `fire()` send.
 *
 * @example
 * ```ts
 * import type { JsonValue } from "./json_value.ts";
 * const message: JsonValue = { text: "hi", at: 1_700_000_000, tags: ["greeting"] };
 * ```
 */
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

/**
 * Built-in objects JSON silently turns into something else (`{}`, a string, an object of
 * indices): never a message, whatever they hold.
 *
 * @example
 * ```ts
 * import type { JsonMangledObject } from "./json_value.ts";
 * const refused: JsonMangledObject[] = [new Date(), new Map(), new Uint8Array(2)];
 * ```
 */
export type JsonMangledObject =
  | Date
  | RegExp
  | Error
  | Promise<unknown>
  | ReadonlyMap<unknown, unknown>
  | ReadonlySet<unknown>
  | WeakMap<object, unknown>
  | WeakSet<object>
  | ArrayBuffer
  | SharedArrayBuffer
  | ArrayBufferView;

/**
 * `T` itself when JSON represents it exactly, `never` otherwise: how the message setters refuse,
 * at compile time, a `Map`, a `Set`, a `Date`, a typed array, a function, a symbol, a bigint or
 * `undefined`, anywhere in the value. Interfaces and classes with a `toJSON()` are accepted
 * (what `toJSON()` returns is what is sent, and it is checked when sending).
 *
 * @example
 * ```ts
 * import type { JsonCompatible } from "./json_value.ts";
 * interface Chat { text: string; sentAt?: number }
 * const ok: JsonCompatible<Chat> = { text: "hi" };
 * type Refused = JsonCompatible<{ when: Date }>; // { when: never }
 * ```
 */
export type JsonCompatible<T> = [T] extends [JsonValue] ? T // typed JSON: no need to recurse
  : T extends unknown // each member of a union on its own
    ? T extends JsonPrimitive ? T
    : T extends undefined | symbol | bigint | ((...args: never[]) => unknown) | JsonMangledObject
      ? never
    : T extends { toJSON(): unknown } ? T
    : T extends readonly unknown[] ? { [K in keyof T]: JsonCompatible<T[K]> }
    : T extends object ? {
        // An undefined property is left out by JSON, so it may be undefined.
        [K in keyof T]: JsonCompatible<Exclude<T[K], undefined>> | Extract<T[K], undefined>;
      }
    : never
  : never;

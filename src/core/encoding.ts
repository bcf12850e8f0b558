/**
 * Percent-encodes a path segment or query value the way PubNub's SDKs do: `encodeURIComponent`
 * plus `!~*'()` as uppercase `%XX`, so only `A-Za-z0-9-_.` stay literal.
 *
 * @example
 * ```ts
 * import { encodeComponent } from "./encoding.ts";
 * encodeComponent("a b!"); // "a%20b%21"
 * ```
 */
export function encodeComponent(value: string): string {
  // Most values (timetokens, regions, ids, names) are already literal: one scan, no copies.
  if (!NEEDS_ENCODING.test(value)) return value;
  const encoded = encodeURIComponent(value);
  // Only when one is there: a replace allocates even when it finds nothing.
  return LEFT_BY_ENCODE_URI.test(encoded)
    ? encoded.replace(
      /[!~*'()]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    )
    : encoded;
}

/** What `encodeURIComponent` leaves literal and the service wants escaped. */
const LEFT_BY_ENCODE_URI = /[!~*'()]/;

/** A character that {@link encodeComponent} does not leave literal. */
const NEEDS_ENCODING = /[^A-Za-z0-9\-_.]/;

/**
 * Encodes a list of channel names for a path: each name encoded, joined with a literal `,`.
 * An empty list is the single segment `,`, as the service expects for "groups only".
 *
 * @example
 * ```ts
 * import { encodeChannelList } from "./encoding.ts";
 * encodeChannelList(["a b", "c"]); // "a%20b,c"
 * encodeChannelList([]); // ","
 * ```
 */
export function encodeChannelList(names: readonly string[]): string {
  return names.length === 0 ? "," : names.map(encodeComponent).join(",");
}

/**
 * Serialises query parameters in insertion order, each value encoded with {@link encodeComponent}.
 *
 * @example
 * ```ts
 * import { encodeQuery } from "./encoding.ts";
 * encodeQuery({ store: "1", meta: '{"a":1}' }); // "store=1&meta=%7B%22a%22%3A1%7D"
 * ```
 */
export function encodeQuery(query: Readonly<Record<string, string>>): string {
  let text = "";
  for (const key of Object.keys(query)) {
    text += `${text ? "&" : ""}${key}=${encodeComponent(query[key])}`;
  }
  return text;
}

/**
 * Serialises query parameters sorted by name, the form request signatures are computed over.
 *
 * @example
 * ```ts
 * import { encodeSortedQuery } from "./encoding.ts";
 * encodeSortedQuery({ uuid: "u", auth: "k" }); // "auth=k&uuid=u"
 * ```
 */
export function encodeSortedQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query).sort().map((key) => `${key}=${encodeComponent(query[key])}`).join("&");
}

/**
 * Decodes a percent-encoded component, returning `undefined` instead of throwing on bad escapes.
 *
 * @example
 * ```ts
 * import { decodeComponent } from "./encoding.ts";
 * decodeComponent("a%20b"); // "a b"
 * decodeComponent("%E0%A4%A"); // undefined
 * ```
 */
export function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

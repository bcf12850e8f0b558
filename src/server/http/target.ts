import { decodeComponent } from "../../core/encoding.ts";

/**
 * A request target split without normalising it: raw path segments (still encoded, so a `,`
 * inside a channel name stays `%2C`) and decoded query parameters (form encoding: `+` is a
 * space there, never in the path). `new URL()` is avoided on
 * purpose: it resolves `.`/`..` segments, which are legal channel names here.
 *
 * @example
 * ```ts
 * import { parseTarget } from "./target.ts";
 * const t = parseTarget("http://h/v2/subscribe/demo/a,b/0?tt=1&uuid=u%201");
 * t?.segments; // ["v2", "subscribe", "demo", "a,b", "0"]
 * t?.query.get("uuid"); // "u 1"
 * ```
 */
export interface Target {
  /** Path segments, raw. */
  segments: string[];
  /** Query parameters, decoded (the last value wins). */
  query: Map<string, string>;
  /** Length of path plus query, for the URI limit. */
  length: number;
}

/**
 * Splits a request URL (absolute or origin-form); `undefined` when the query has a bad escape.
 *
 * @example
 * ```ts
 * import { parseTarget } from "./target.ts";
 * parseTarget("/time/0")?.segments; // ["time", "0"]
 * parseTarget("/time/0?x=%E0%A4%A"); // undefined
 * ```
 */
export function parseTarget(url: string): Target | undefined {
  let rest = url;
  const scheme = rest.indexOf("://");
  if (scheme >= 0) {
    const slash = rest.indexOf("/", scheme + 3);
    rest = slash >= 0 ? rest.slice(slash) : "/";
  }
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const mark = rest.indexOf("?");
  const path = mark >= 0 ? rest.slice(0, mark) : rest;
  const rawQuery = mark >= 0 ? rest.slice(mark + 1) : "";
  const query = new Map<string, string>();
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    // Form encoding, as the service reads queries: a `+` is a space (a plus is sent as %2B).
    const key = decodeComponent((eq >= 0 ? pair.slice(0, eq) : pair).replaceAll("+", " "));
    const value = decodeComponent((eq >= 0 ? pair.slice(eq + 1) : "").replaceAll("+", " "));
    if (key === undefined || value === undefined) return undefined;
    query.set(key, value);
  }
  const segments = path.split("/").filter((s, i) => i > 0 || s !== "");
  if (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  return { segments, query, length: rest.length };
}

/**
 * The path of a request URL (absolute or origin-form) as sent, still encoded, without the query.
 *
 * @example
 * ```ts
 * import { rawPath } from "./target.ts";
 * rawPath("http://h/console/app.js?v=1"); // "/console/app.js"
 * rawPath("/time/0"); // "/time/0"
 * ```
 */
export function rawPath(url: string): string {
  let rest = url;
  const scheme = rest.indexOf("://");
  if (scheme >= 0) {
    const slash = rest.indexOf("/", scheme + 3);
    rest = slash >= 0 ? rest.slice(slash) : "/";
  }
  const mark = rest.search(/[?#]/);
  return mark >= 0 ? rest.slice(0, mark) : rest;
}

/**
 * Decodes a path list segment (`a,b%2Cc` → `["a", "b,c"]`; `,` → `[]`); `undefined` on a bad escape.
 *
 * @example
 * ```ts
 * import { decodeList } from "./target.ts";
 * decodeList("a,b%2Cc"); // ["a", "b,c"]
 * decodeList(","); // []
 * ```
 */
export function decodeList(segment: string): string[] | undefined {
  const names: string[] = [];
  for (const raw of segment.split(",")) {
    if (raw === "") continue;
    const name = decodeComponent(raw);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

/**
 * Splits an already-decoded comma list from a query value (`channel-group=a,b`).
 *
 * @example
 * ```ts
 * import { splitList } from "./target.ts";
 * splitList("b,a,"); // ["b", "a"]
 * splitList(undefined); // []
 * ```
 */
export function splitList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(",").filter((s) => s !== "");
}

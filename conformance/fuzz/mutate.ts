/**
 * The mutations: truncation, wrong types, missing fields, huge numbers, invalid UTF-8, timetokens
 * going backwards, changed status codes and headers.
 *
 * @module
 */
import { parseJson } from "../../src/core/classify.ts";
import type { Random } from "./random.ts";
import type { Seed } from "./seeds.ts";
/** Values that replace a field of a recorded answer, each hostile to some parser. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  "x",
  "17000000000000000",
  "00000000000000001",
  "-17000000000000000",
  "1e400",
  [],
  {},
  [[]],
  { t: "1" },
  "\u0000",
  "\ud800",
];

/**
 * A mutated answer: body bytes, status and headers.
 *
 * @example
 * ```ts
 * import type { Mutant } from "./mutate.ts";
 * const m: Mutant = { status: 200, headers: {}, body: new TextEncoder().encode("[1"), mutation: "truncate" };
 * ```
 */
export interface Mutant {
  /** HTTP status. */
  status: number;
  /** Response headers (null: not sent). */
  headers: Record<string, string | null>;
  /** Body bytes. */
  body: Uint8Array<ArrayBuffer>;
  /** What was done, for reports. */
  mutation: string;
}

/**
 * Mutates one recorded answer in one or two ways chosen by `random`.
 *
 * @example
 * ```ts
 * import { mutate } from "./mutate.ts";
 * import { Random } from "./random.ts";
 * const m = mutate(new Random(1), { kind: "time", response: { status: 200, body: "[17000000000000000]" } });
 * typeof m.mutation; // "string"
 * ```
 */
export function mutate(random: Random, seed: Seed): Mutant {
  let text = seed.response.body ?? "";
  let status = seed.response.status;
  const headers: Record<string, string | null> = { ...seed.response.headers };
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  const done: string[] = [];
  const rounds = 1 + random.int(2);
  for (let round = 0; round < rounds; round++) {
    switch (random.int(10)) {
      case 0: {
        const at = random.int(text.length + 1);
        text = text.slice(0, at);
        done.push(`truncate@${at}`);
        break;
      }
      case 1:
      case 2: {
        const json = parseJson(text);
        if (!json.ok) break;
        const value = structuredClone(json.value);
        const changed = changeAt(random, value, random.pick(HOSTILE_VALUES), "replace");
        text = JSON.stringify(changed.root) ?? "null";
        done.push(`wrong-type ${changed.path}`);
        break;
      }
      case 3: {
        const json = parseJson(text);
        if (!json.ok) break;
        const changed = changeAt(random, structuredClone(json.value), undefined, "delete");
        text = JSON.stringify(changed.root) ?? "null";
        done.push(`missing ${changed.path}`);
        break;
      }
      case 4: {
        // Huge numbers, written as JSON numbers so JSON.parse rounds or overflows them.
        text = text.replace(
          /"(\d{10,})"/g,
          (_m, digits: string) =>
            random.next() < 0.5 ? `${digits}${digits}` : `1${"0".repeat(400)}`,
        );
        text = text.replace(
          /:(\d+)/g,
          () => `:${random.pick(["1e309", "-0", "18446744073709551616"])}`,
        );
        done.push("huge-numbers");
        break;
      }
      case 5: {
        // Timetokens going backwards: every 17-digit timetoken replaced by a smaller one.
        text = text.replace(/\b1\d{16}\b/g, (tt) => {
          const back = BigInt(tt) - BigInt(1 + random.int(1_000_000_000));
          return (back > 0n ? back : 1n).toString().padStart(17, "0");
        });
        done.push("timetokens-backwards");
        break;
      }
      case 6: {
        const encoded = new TextEncoder().encode(text);
        const at = random.int(encoded.length + 1);
        const junk = random.pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80]]);
        bytes = new Uint8Array([...encoded.slice(0, at), ...junk, ...encoded.slice(at)]);
        done.push(`invalid-utf8@${at}`);
        break;
      }
      case 7:
        status = random.pick([
          0,
          100,
          101,
          204,
          301,
          304,
          400,
          401,
          403,
          404,
          413,
          414,
          429,
          481,
          500,
          502,
          503,
          599,
          999,
        ]);
        if (status < 200 || status > 599) status = random.pick([200, 500]);
        done.push(`status ${status}`);
        break;
      case 8: {
        const name = random.pick(["content-type", "retry-after", "content-type"]);
        headers[name] = random.pick([
          null,
          "",
          "text/html",
          "application/octet-stream",
          "-1",
          "abc",
          "1e309",
          "999999999",
          "application/json; charset=latin1",
        ]);
        done.push(`header ${name}=${headers[name]}`);
        break;
      }
      default: {
        const at = random.int(text.length + 1);
        text = text.slice(0, at) + random.pick(["{", "]", '"', "\\", ",", "\u0000", "\ud83d"]) +
          text.slice(at);
        done.push(`junk@${at}`);
      }
    }
  }
  return {
    status,
    headers,
    body: bytes ?? new TextEncoder().encode(text),
    mutation: done.join(", ") || "none",
  };
}

function changeAt(
  random: Random,
  root: unknown,
  replacement: unknown,
  mode: "replace" | "delete",
): { root: unknown; path: string } {
  const path: string[] = [];
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  let node = root;
  // Walk down a random path; stop at a random depth or at a leaf.
  for (let depth = 0; depth < 6; depth++) {
    if (node === null || typeof node !== "object") break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0 || (depth > 0 && random.next() < 0.3)) break;
    key = random.pick(keys as (string | number)[]);
    parent = node as Record<string, unknown>;
    path.push(String(key));
    node = (node as Record<string, unknown>)[key as string];
  }
  if (parent === undefined || key === undefined) {
    return { root: mode === "delete" ? undefined : replacement, path: "(root)" };
  }
  if (mode === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, unknown>)[key as string];
  } else {
    (parent as Record<string, unknown>)[key as string] = replacement;
  }
  return { root, path: path.join(".") };
}

/**
 * The shell hands statuses on, it never makes them: every status comes from the engines' tables
 * (`EMIT_STATUS`) or from a pure core function (`core/response_status.ts`,
 * `core/subscribe/gap_fill_reasons.ts`, `core/classify.ts`). This reads every non-test file of
 * `src/shell/` and fails on the ways a status is built or altered there.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

/** What building or altering a status looks like in code (comments are left out first). */
const CONSTRUCTION: readonly { name: string; pattern: RegExp }[] = [
  { name: "new PNStatus(", pattern: /\bnew\s+PNStatus\s*\(/ },
  { name: "a status category set in an object literal", pattern: /\bcategory\s*:\s*["'`]PN/ },
  {
    name: "a status copied to be changed (...x.toJSON())",
    pattern: /\.\.\.\s*[\w.#]+\.toJSON\(\)/,
  },
  {
    name: "PNStatus imported as a value (only its type may be)",
    pattern: /import\s*\{[^}]*(?<!type\s)\bPNStatus\b[^}]*\}\s*from/,
  },
];

/** The code of a file without its comments, so JSDoc examples may show how statuses look. */
function codeOf(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.replace(/(^|[^:"'`])\/\/.*$/, "$1"))
    .join("\n");
}

function violations(source: string): string[] {
  const code = codeOf(source);
  return CONSTRUCTION.filter(({ pattern }) => pattern.test(code)).map(({ name }) => name);
}

async function* shellFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* shellFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) yield path;
  }
}

Deno.test("the check recognises each way of building a status, and not a comment or a type", () => {
  assert.deepEqual(violations(`const s = new PNStatus({ x });`), ["new PNStatus("]);
  assert.deepEqual(violations(`emit({ category: "PNTimeoutCategory" });`), [
    "a status category set in an object literal",
  ]);
  assert.deepEqual(violations(`f({ ...outcome.status.toJSON(), operation });`), [
    "a status copied to be changed (...x.toJSON())",
  ]);
  assert.deepEqual(violations(`import { PNStatus } from "../core/status.ts";`), [
    "PNStatus imported as a value (only its type may be)",
  ]);
  assert.deepEqual(violations(`import type { PNStatus } from "../core/status.ts";`), []);
  assert.deepEqual(violations(`/** new PNStatus({ category: "PNX" }) */\n// new PNStatus(`), []);
  assert.deepEqual(violations(`if (status.category === "PNValidationErrorCategory") {}`), []);
});

Deno.test("src/shell/ contains no status construction outside tests", async () => {
  const root = fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");
  const found: string[] = [];
  let files = 0;
  for await (const path of shellFiles(root)) {
    files++;
    for (const name of violations(await Deno.readTextFile(path))) {
      found.push(`${path.slice(root.length + 1)}: ${name}`);
    }
  }
  assert.ok(files > 10, `read the shell's files (${files})`);
  assert.deepEqual(found, []);
});

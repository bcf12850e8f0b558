/**
 * The naming rule for runtime-specific files: a module with one implementation per runtime is a
 * pair of siblings, `name_deno.ts` (what Deno runs, and what every other module imports) and
 * `name_node.ts` (what the npm build puts in its place), and the build's swap table maps exactly
 * such pairs. These tests read the repository and fail when a file or a swap entry breaks it.
 *
 * @module
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", "npm"]);
const RUNTIME_FILE = /^(.+)_(deno|node)\.ts$/;

/** Every `.ts` file under the repository root that is not a test, relative to it. */
async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    for await (const entry of Deno.readDir(new URL(dir, ROOT))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(`${path}/`);
      else if (entry.isFile && path.endsWith(".ts") && !path.endsWith("_test.ts")) {
        files.push(path);
      }
    }
  }
  await walk("");
  return files.sort();
}

Deno.test("runtime files: every name_deno.ts has its name_node.ts sibling and the reverse", async () => {
  const files = new Set(await sourceFiles());
  const runtimeFiles = [...files].filter((file) => RUNTIME_FILE.test(file));
  const unpaired = runtimeFiles.filter((file) => {
    const [, stem, runtime] = RUNTIME_FILE.exec(file)!;
    return !files.has(`${stem}_${runtime === "deno" ? "node" : "deno"}.ts`);
  });
  assert.deepEqual(unpaired, [], `runtime files without their sibling: ${unpaired.join(", ")}`);
  assert.ok(runtimeFiles.length >= 4, `only ${runtimeFiles.length} runtime files found`);
});

/**
 * Test children and the benchmark and attack harnesses run each listener under Deno on purpose,
 * to compare them: they may name the Node side directly.
 */
const BOTH_RUNTIME_HARNESSES = /(^|\/)testdata\/|^scripts\/(bench|attack)\//;

Deno.test("runtime files: only tests, harnesses and the Node side itself import a name_node.ts", async () => {
  const offenders: string[] = [];
  for (const file of await sourceFiles()) {
    if (file.endsWith("_node.ts") || BOTH_RUNTIME_HARNESSES.test(file)) continue;
    const text = await Deno.readTextFile(new URL(file, ROOT));
    for (const [index, line] of text.split("\n").entries()) {
      if (/^\s*(import|export)\b.*from\s+["'][^"']*_node\.ts["']/.test(line)) {
        offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      }
    }
  }
  assert.deepEqual(offenders, [], "import the _deno.ts side; the npm build swaps in the Node one");
});

Deno.test("runtime files: each swap of the npm build maps name_deno.ts to name_node.ts", async () => {
  const entries: Array<[string, string]> = [];
  for (const file of await sourceFiles()) {
    if (!file.startsWith("scripts/")) continue;
    const text = await Deno.readTextFile(new URL(file, ROOT));
    // Swap table rows: `"from.ts": "to_node.ts",`.
    for (const match of text.matchAll(/^\s*"([^"\n]+\.ts)":\s*"([^"\n]+_node\.ts)",?\s*$/gm)) {
      entries.push([match[1], match[2]]);
    }
  }
  const misnamed = entries.filter(([from, to]) => from !== to.replace(/_node\.ts$/, "_deno.ts"));
  assert.deepEqual(misnamed, [], "a runtime swap replaces name_deno.ts by name_node.ts");
  assert.ok(entries.length >= 2, `only ${entries.length} runtime swaps found under scripts/`);
});

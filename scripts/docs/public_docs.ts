/**
 * What users read: the package's entries, the source files that declare what they export (as
 * `deno doc` finds them), and README. The doc-example run and the wording test both start here.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** The repository root, as a path. */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

/** The package's entries, read from `deno.json` exports so that a new entry is never missed. */
export const ENTRIES: readonly string[] = Object.values(
  (JSON.parse(Deno.readTextFileSync(new URL("../../deno.json", import.meta.url))) as {
    exports: Record<string, string>;
  }).exports,
).map((path) => path.replace(/^\.\//, ""));

/** Words that belong to the project's working notes, never to what a user reads. */
export const INTERNAL_WORDS: readonly RegExp[] = [
  /\bthe seed\b/i,
  /protocol(\.md)? §/i,
  /\bapi\.md\b/i,
  /\bdesign\.md\b/i,
  /\bseams?\b/i,
];

/** Runs `deno doc` with `args` over the entries and returns what it printed. */
async function denoDoc(args: string[]): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["doc", ...args, ...ENTRIES],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if (!output.success) {
    throw new Error(`deno doc ${args.join(" ")} failed: ${decode(output.stderr)}`);
  }
  return decode(output.stdout);
}

/**
 * The repository's files (relative paths, sorted) that declare a symbol the entries export,
 * the entries included: the files whose JSDoc is the package's documentation.
 *
 * @example
 * ```ts ignore
 * import { publicSourceFiles } from "./public_docs.ts";
 * console.log(await publicSourceFiles()); // ["compat.ts", "mod.ts", …, "src/shell/pubnub.ts", …]
 * ```
 */
export async function publicSourceFiles(): Promise<string[]> {
  const files = new Set<string>(ENTRIES);
  const root = new URL("../../", import.meta.url).href;
  (function collect(value: unknown): void {
    if (Array.isArray(value)) return value.forEach(collect);
    if (typeof value !== "object" || value === null) return;
    const { location } = value as { location?: { filename?: unknown } };
    const filename = location?.filename;
    if (typeof filename === "string" && filename.startsWith(root)) {
      files.add(filename.slice(root.length));
    }
    Object.values(value).forEach(collect);
  })(JSON.parse(await denoDoc(["--json"])));
  return [...files].sort();
}

/**
 * The package's documentation as `deno doc` prints it (every exported symbol with its members
 * and examples), without terminal colours.
 *
 * @example
 * ```ts ignore
 * import { publicDocText } from "./public_docs.ts";
 * console.log((await publicDocText()).includes("class PubNub")); // true
 * ```
 */
export async function publicDocText(): Promise<string> {
  // deno-lint-ignore no-control-regex
  return (await denoDoc([])).replace(/\x1b\[[0-9;]*m/g, "");
}

/**
 * The lines of `text` that use an internal word, each with its line number.
 *
 * @example
 * ```ts
 * import { internalWordsIn } from "./public_docs.ts";
 * internalWordsIn("ok\nas the seed does"); // ["2: as the seed does"]
 * ```
 */
export function internalWordsIn(text: string): string[] {
  return text.split("\n").flatMap((line, index) =>
    INTERNAL_WORDS.some((word) => word.test(line)) ? [`${index + 1}: ${line.trim()}`] : []
  );
}

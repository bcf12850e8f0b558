/**
 * Walks a module graph with `deno info`, applies the runtime swaps and stages the files it
 * reaches; {@linkcode collectAndStage} does so for the package entries.
 *
 * @module
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BIN, ENTRIES, ROOT } from "./config.ts";
import { checkSwapsApplied, INLINED_JSON, RUNTIME_SWAPS, swapsApplied } from "./swaps.ts";
import { fail, info, run, SPECIFIER_PATTERN, toPosix } from "./util.ts";

export interface DenoInfoDependency {
  specifier: string;
  code?: { specifier?: string };
  type?: { specifier?: string };
}

export interface DenoInfoModule {
  specifier: string;
  kind?: string;
  error?: string;
  dependencies?: DenoInfoDependency[];
}

/** A graph to stage: where it starts, what it may reach, what stays outside it. */
export interface GraphSpec {
  /** Entry files, relative to ROOT. */
  roots: string[];
  /** Refuses a file the graph reaches (returns why), or accepts it (undefined). */
  refuse(file: string): string | undefined;
  /** Bare specifiers left for Node to resolve (the package's own name, for the harness). */
  external?: (specifier: string) => boolean;
}

/**
 * Walks the module graph of `spec.roots` as `deno info` resolves it, following each runtime swap
 * (an import of a key of RUNTIME_SWAPS leads to its value; the key itself is never reached), and
 * copies the files it reaches to `dest`, with the swapped imports rewritten. Returns the staged
 * files (relative to ROOT) and the `node:` builtins and external specifiers they use.
 */
export async function stageGraph(
  spec: GraphSpec,
  dest: string,
): Promise<{ files: string[]; builtins: Set<string>; externals: Set<string> }> {
  const modules = new Map<string, DenoInfoModule>();
  const infoRoots = [...spec.roots, ...Object.values(RUNTIME_SWAPS)];
  for (const root of infoRoots) {
    const { stdout } = await run(Deno.execPath(), ["info", "--json", root]);
    for (const module of (JSON.parse(stdout) as { modules: DenoInfoModule[] }).modules) {
      modules.set(module.specifier, module);
    }
  }
  const fileOf = (specifier: string) => toPosix(relative(ROOT, fileURLToPath(specifier)));
  const urlOf = (file: string) => pathToFileURL(join(ROOT, file)).href;
  const files = new Set<string>();
  const builtins = new Set<string>();
  const externals = new Set<string>();
  const queue = [...spec.roots];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (files.has(file)) continue;
    const why = spec.refuse(file);
    if (why) fail(why);
    if (!file.endsWith(".ts") || file.endsWith(".d.ts")) fail(`unexpected module type: ${file}`);
    files.add(file);
    const module = modules.get(urlOf(file));
    if (!module) fail(`deno info did not list ${file}`);
    if (module.error) fail(`${file}: ${module.error}`);
    for (const dependency of module.dependencies ?? []) {
      if (spec.external?.(dependency.specifier)) {
        externals.add(dependency.specifier);
        continue;
      }
      const target = dependency.code?.specifier ?? dependency.type?.specifier;
      if (target === undefined) fail(`${file}: cannot resolve ${dependency.specifier}`);
      if (target.startsWith("node:")) {
        builtins.add(target);
      } else if (target.startsWith("file://")) {
        const reached = fileOf(target);
        if (Object.hasOwn(INLINED_JSON, reached)) continue;
        queue.push(RUNTIME_SWAPS[reached] ?? reached);
      } else {
        fail(`${file} reaches ${target}: the package must have no runtime dependencies`);
      }
    }
  }
  const staged = [...files].sort();
  for (const file of staged) {
    let text = await Deno.readTextFile(join(ROOT, file));
    text = await inlineJsonImports(file, text);
    text = text.replace(SPECIFIER_PATTERN, (match, lead, quote, specifier: string) => {
      if (!specifier.startsWith(".")) return match;
      const target = toPosix(join(dirname(file), specifier));
      const replacement = RUNTIME_SWAPS[target];
      if (replacement === undefined) return match;
      swapsApplied.set(target, (swapsApplied.get(target) ?? 0) + 1);
      let rewritten = toPosix(relative(dirname(file), replacement));
      if (!rewritten.startsWith(".")) rewritten = `./${rewritten}`;
      info(`swap in ${file}: ${specifier} -> ${rewritten}`);
      return `${lead}${quote}${rewritten}${quote}`;
    });
    await Deno.mkdir(join(dest, dirname(file)), { recursive: true });
    await Deno.writeTextFile(join(dest, file), text);
  }
  return { files: staged, builtins, externals };
}

/**
 * The files of `src/testing/` the ./testing entry ships: they run on Node (the scripted server
 * through the local server's listener, which the Node swap replaces).
 */
export const SHIPPED_TESTING_HELPERS = [
  "src/testing/local_clients.ts",
  "src/testing/scripted_server.ts",
  "src/testing/until.ts",
];

export async function collectAndStage(staging: string): Promise<string[]> {
  const { files, builtins } = await stageGraph({
    roots: [...Object.values(ENTRIES), ...Object.values(BIN)],
    refuse: (file) =>
      // The ./testing entry's runtime-neutral helpers are shipped; the rest of src/testing/ is not.
      /_test\.ts$/.test(file) ||
        (file.startsWith("src/testing/") && !SHIPPED_TESTING_HELPERS.includes(file)) ||
        /(^|\/)_testing\.ts$/.test(file)
        ? `the package graph reaches test code: ${file}`
        : file.startsWith("conformance/")
        ? `the package graph reaches the conformance harness: ${file}`
        : undefined,
  }, staging);
  checkSwapsApplied(Object.keys(RUNTIME_SWAPS).filter((key) => !key.startsWith("conformance/")));
  info(
    `${files.length} modules staged; node builtins: ${[...builtins].sort().join(", ") || "none"}`,
  );
  return files;
}

/** Replaces each import of an {@linkcode INLINED_JSON} module by a constant with its fields. */
async function inlineJsonImports(file: string, text: string): Promise<string> {
  const pattern =
    /^import\s+(\w+)\s+from\s*(["'])([^"'\n]+\.json)\2\s+with\s*\{\s*type:\s*["']json["']\s*\};?$/gm;
  for (const [statement, name, , specifier] of [...text.matchAll(pattern)]) {
    const target = toPosix(join(dirname(file), specifier));
    if (!Object.hasOwn(INLINED_JSON, target)) {
      fail(`${file} imports ${target}: not in INLINED_JSON`);
    }
    const json = JSON.parse(await Deno.readTextFile(join(ROOT, target)));
    const kept: Record<string, unknown> = {};
    for (const field of INLINED_JSON[target]) {
      if (json[field] === undefined) fail(`${target} has no ${field} for ${file}`);
      kept[field] = json[field];
    }
    text = text.replace(statement, `const ${name} = ${JSON.stringify(kept)};`);
    info(`inline in ${file}: ${specifier} as ${JSON.stringify(kept)}`);
  }
  return text;
}

/**
 * Builds the npm package from the same sources Deno runs (`deno task build:npm`), in the spirit
 * of dnt but from the npm registry only:
 *
 * 1. walks the module graph of `mod.ts` and `server.ts` (`deno info`), refusing test code,
 *    `src/testing/` and any non-`node:` dependency, and copies it to a staging directory where
 *    the runtime-specific files are swapped (the `Deno.serve` listener for the `node:http` one:
 *    see {@linkcode RUNTIME_SWAPS});
 * 2. compiles the staged sources with the TypeScript compiler (`rewriteRelativeImportExtensions`
 *    turns `.ts` imports into `.js`) into `npm/` as ES modules with `.d.ts` files, then checks
 *    the output: every relative import resolves to an emitted `.js`, `node:` imports only in
 *    Node-only files, no `Deno.` anywhere;
 * 3. writes `npm/package.json` and copies README.md and LICENSE;
 * 4. bundles the SDK for browsers with esbuild (`npm/browser/pubnub.min.js`) and prints a size
 *    report for the full SDK and a publish-only import, minified and gzipped;
 * 5. smoke-tests the package in Node: imports both entries by path, runs a publish/subscribe
 *    round trip through the local server and checks the process exits by itself; then
 *    `npm pack`s it, installs the tarball into a throwaway project, runs the same smoke test
 *    through the package name and type-checks a consumer against the shipped `.d.ts` files;
 * 6. replays every conformance fixture under Node against the installed tarball: stages the
 *    harness (`conformance/replay.ts` and what it reaches) with its own runtime swaps — the
 *    `node:http` loopback server, and the package in place of the sources — into the throwaway
 *    project, compiles it with the same tsc against the shipped `.d.ts` files, and runs it with
 *    `scripts/npm_smoke/conformance.mjs` (one line per fixture, a summary, exit by itself).
 *
 * The tools (typescript, @types/node, esbuild) are installed with npm at pinned versions into the
 * staging directory, so the build needs Node 20+ and npm, and nothing but the npm registry.
 *
 * Flags: `--size-budget` fails the build when a bundle misses its gzip target (default: report
 * only); `--jsr` also runs `deno publish --dry-run` and `deno doc --lint` on the entries;
 * `--keep` leaves the staging and smoke directories in place and prints where they are.
 *
 * @example
 * ```sh
 * deno task build:npm            # = deno run -A scripts/build_npm.ts
 * deno run -A scripts/build_npm.ts --size-budget --jsr
 * ```
 *
 * @module
 */
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** Pinned tool versions, installed from the npm registry into the staging directory. */
const TOOLS: Record<string, string> = {
  "typescript": "5.9.3",
  "@types/node": "20.19.43",
  "esbuild": "0.25.12",
};

/**
 * Runtime-specific files: the Deno source (key) is replaced by its Node counterpart (value)
 * wherever the build stages code for Node. Each pair implements one interface; every import of
 * the key is rewritten to the value, and the key is not copied, so nothing can still reach it.
 */
const RUNTIME_SWAPS: Record<string, string> = {
  // The package: the local server's listener (`src/server/listener.ts`), Deno.serve → node:http.
  "src/server/listen_deno.ts": "src/server/listen_node.ts",
  // The transport's timeout watchdog must not hold the process open: Deno.unrefTimer → unref().
  "src/shell/unref_timer_deno.ts": "src/shell/unref_timer_node.ts",
  // The conformance harness replayed under Node (step 10): the loopback server
  // (`conformance/loopback.ts`), Deno.serve → node:http…
  "conformance/loopback_deno.ts": "conformance/loopback_node.ts",
  // …and the SDK under test, the sources (mod.ts) → the installed package.
  "conformance/sdk.ts": "conformance/sdk_npm.ts",
};

/**
 * JSON modules the package imports (`with { type: "json" }`), inlined when staged: the import
 * becomes a constant holding only the listed fields, so the npm output has no JSON imports (which
 * Node before 20.10 and many browsers cannot load) and ships nothing of deno.json but its version.
 */
const INLINED_JSON: Record<string, string[]> = { "deno.json": ["version"] };

/**
 * The conformance harness modules the Node runner (`scripts/npm_smoke/conformance.mjs`) imports;
 * they are staged with everything they reach (after the swaps), which must stay in
 * `conformance/`: under Node the fixtures exercise the built package, never the sources.
 */
const HARNESS_ROOTS = ["conformance/replay.ts"];

/** Emitted files that may import `node:` builtins: reached only through the `./server` entry. */
const NODE_ONLY_OUTPUTS = new Set(["src/server/listen_node.js"]);

/** The package entries: `exports` key → source file. */
const ENTRIES: Record<string, string> = { ".": "mod.ts", "./server": "server.ts" };

/** Gzip targets for the browser bundles, in bytes. */
const BUDGET = { full: 12 * 1024, publishOnly: 4 * 1024 };

/** How long a smoke process may take to exit after it printed `smoke: done`. */
const EXIT_GRACE_MS = 5_000;
/** How long a whole smoke process may run. */
const SMOKE_TIMEOUT_MS = 60_000;
/** How long the conformance replay under Node may run (it takes a few seconds). */
const CONFORMANCE_TIMEOUT_MS = 180_000;

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = join(ROOT, "npm");
const SMOKE_SCRIPT = join(ROOT, "scripts", "npm_smoke", "smoke.mjs");
const INSPECT_SCRIPT = join(ROOT, "scripts", "npm_smoke", "inspect_output.mjs");
const CONFORMANCE_SCRIPT = join(ROOT, "scripts", "npm_smoke", "conformance.mjs");
const FLAGS = new Set(Deno.args);
for (const flag of FLAGS) {
  if (!["--size-budget", "--jsr", "--keep"].includes(flag)) {
    console.error(`build:npm: unknown flag ${flag} (known: --size-budget, --jsr, --keep)`);
    Deno.exit(2);
  }
}

class BuildError extends Error {}

function fail(message: string): never {
  throw new BuildError(message);
}

const STEPS = 10 + (FLAGS.has("--jsr") ? 1 : 0);
let stepNumber = 0;
async function step<T>(title: string, body: () => Promise<T>): Promise<T> {
  stepNumber++;
  console.log(`\n==> [${stepNumber}/${STEPS}] ${title}`);
  const started = performance.now();
  const value = await body();
  console.log(`    ok (${((performance.now() - started) / 1000).toFixed(1)}s)`);
  return value;
}

function info(line: string): void {
  console.log(`    ${line}`);
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; fails the build (with its output) when it exits non-zero. */
async function run(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<RunResult> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 300_000);
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(command, {
      args,
      cwd: options.cwd ?? ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal,
      env: { NO_COLOR: "1", npm_config_update_notifier: "false" },
    }).output();
  } catch (error) {
    fail(`could not run ${command}: ${error instanceof Error ? error.message : error}`);
  }
  const decoder = new TextDecoder();
  const result = {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
  if (signal.aborted) fail(`${command} ${args.join(" ")} timed out`);
  if (result.code !== 0 && !options.allowFailure) {
    fail(
      `${command} ${args.join(" ")} exited with ${result.code}\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

/** Files under `dir` (recursive), as paths relative to it, with `/` separators. */
async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(sub: string): Promise<void> {
    for await (const entry of Deno.readDir(join(dir, sub))) {
      const path = sub === "" ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) files.push(path);
    }
  }
  await walk("");
  return files.sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Static imports/exports and dynamic `import("…")` in JS or TS text. */
const SPECIFIER_PATTERN =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bexport\s+\*\s+from\s*)(["'])([^"'\n]+)\2/g;

function toPosix(path: string): string {
  return path.replaceAll("\\", "/");
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(2)} KB`;
}

// ---------------------------------------------------------------------------------------------

interface DenoInfoDependency {
  specifier: string;
  code?: { specifier?: string };
  type?: { specifier?: string };
}

interface DenoInfoModule {
  specifier: string;
  kind?: string;
  error?: string;
  dependencies?: DenoInfoDependency[];
}

/** How many times each {@linkcode RUNTIME_SWAPS} entry was applied, over every staged graph. */
const swapsApplied = new Map(Object.keys(RUNTIME_SWAPS).map((key) => [key, 0]));

/** A graph to stage: where it starts, what it may reach, what stays outside it. */
interface GraphSpec {
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
async function stageGraph(
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

/** Fails on a RUNTIME_SWAPS entry no staged graph applied (the import it replaces is gone). */
function checkSwapsApplied(keys: string[]): void {
  for (const key of keys) {
    if ((swapsApplied.get(key) ?? 0) === 0) {
      fail(
        `runtime swap ${key} was not applied: nothing imports it any more; update RUNTIME_SWAPS`,
      );
    }
  }
}

async function collectAndStage(staging: string): Promise<string[]> {
  const { files, builtins } = await stageGraph({
    roots: Object.values(ENTRIES),
    refuse: (file) =>
      /_test\.ts$/.test(file) || file.startsWith("src/testing/") ||
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

async function installTools(staging: string): Promise<void> {
  const packageJson = {
    name: "build-npm-staging",
    private: true,
    type: "module", // the staged .ts files are ES modules under module: NodeNext
    devDependencies: TOOLS,
  };
  await Deno.writeTextFile(join(staging, "package.json"), JSON.stringify(packageJson, null, 2));
  await run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--no-package-lock",
    "--prefer-offline",
    "--loglevel=error",
  ], { cwd: staging });
  info(Object.entries(TOOLS).map(([name, version]) => `${name}@${version}`).join(", "));
}

async function compile(staging: string): Promise<void> {
  const denoJson = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const tsconfig = {
    compilerOptions: {
      // The strictness the Deno sources are checked with…
      ...(denoJson.compilerOptions ?? {}),
      // …and the output: ESM for Node 20+ and current browsers.
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2024", "DOM", "DOM.Iterable"],
      types: ["node"], // for the Node listener's node:http; the rest uses web APIs only
      rewriteRelativeImportExtensions: true,
      declaration: true,
      rootDir: ".",
      outDir: OUT,
      newLine: "lf",
      noEmitOnError: true,
      skipLibCheck: true,
      isolatedModules: true,
      forceConsistentCasingInFileNames: true,
    },
    files: Object.values(ENTRIES),
  };
  await Deno.writeTextFile(join(staging, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const tsc = join(staging, "node_modules", "typescript", "bin", "tsc");
  const result = await run("node", [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: staging,
    allowFailure: true,
  });
  if (result.code !== 0) fail(`tsc reported errors:\n${result.stdout}${result.stderr}`);
}

async function verifyOutput(staging: string, staged: string[]): Promise<void> {
  const files = await listFiles(OUT);
  const expected = new Set(
    staged.flatMap((f) => [f.replace(/\.ts$/, ".js"), f.replace(/\.ts$/, ".d.ts")]),
  );
  const missing = [...expected].filter((f) => !files.includes(f));
  if (missing.length > 0) fail(`tsc did not emit: ${missing.join(", ")}`);
  const extra = files.filter((f) => !expected.has(f));
  if (extra.length > 0) fail(`unexpected files in npm/: ${extra.join(", ")}`);
  // Parsed with the TypeScript compiler, so comments (JSDoc examples) do not count.
  await Deno.copyFile(INSPECT_SCRIPT, join(staging, "inspect_output.mjs"));
  const { stdout } = await run("node", ["inspect_output.mjs", OUT, ...files], { cwd: staging });
  const inspected = JSON.parse(stdout) as {
    rewritten: number;
    files: Record<string, { imports: string[]; deno: number[] }>;
  };
  const problems: string[] = [];
  for (const [file, { imports, deno }] of Object.entries(inspected.files)) {
    for (const line of deno) problems.push(`${file}:${line}: uses the Deno global`);
    for (const specifier of imports) {
      if (specifier.startsWith(".")) {
        const target = toPosix(join(dirname(file), specifier));
        if (!specifier.endsWith(".js")) {
          problems.push(`${file}: import ${specifier} is not a .js path`);
        } else if (!expected.has(target)) {
          problems.push(`${file}: import ${specifier} resolves to nothing emitted`);
        }
      } else if (specifier.startsWith("node:")) {
        const js = file.replace(/\.d\.ts$/, ".js");
        if (!NODE_ONLY_OUTPUTS.has(js)) {
          problems.push(`${file}: imports ${specifier} but is not a Node-only file`);
        }
      } else {
        problems.push(`${file}: imports ${specifier}: the package has no dependencies`);
      }
    }
  }
  if (problems.length > 0) fail(`the npm output is not clean:\n  ${problems.join("\n  ")}`);
  const js = files.filter((f) => f.endsWith(".js"));
  info(`${js.length} .js + ${files.length - js.length} .d.ts emitted`);
  info(`${inspected.rewritten} .d.ts files had their ./x.ts imports rewritten to ./x.js`);
  info("every relative import resolves to an emitted .js; node: only in Node-only files; no Deno");
}

async function writePackageFiles(): Promise<{ name: string; version: string }> {
  const denoJson = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const { name, version } = denoJson as { name?: string; version?: string };
  if (!name || !version) fail("deno.json needs name and version");
  if (!(await exists(join(ROOT, "LICENSE")))) fail("LICENSE is missing at the repository root");
  const exportsField: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(ENTRIES)) {
    const base = `./${source.replace(/\.ts$/, "")}`;
    exportsField[key] = { types: `${base}.d.ts`, default: `${base}.js` };
  }
  exportsField["./package.json"] = "./package.json";
  const packageJson = {
    name,
    version,
    description: "A PubNub-protocol publish/subscribe SDK for TypeScript with a pure core, " +
      "zero dependencies, and a local PubNub-compatible server for tests.",
    license: denoJson.license ?? "MIT",
    type: "module",
    main: "./mod.js",
    types: "./mod.d.ts",
    exports: exportsField,
    sideEffects: false,
    engines: { node: ">=20" },
    files: [
      ...Object.values(ENTRIES).flatMap((
        s,
      ) => [s.replace(/\.ts$/, ".js"), s.replace(/\.ts$/, ".d.ts")]),
      "src/",
      "browser/",
      "README.md",
      "LICENSE",
    ],
    keywords: ["pubnub", "pubsub", "realtime", "publish", "subscribe", "presence", "deno"],
  };
  await Deno.writeTextFile(join(OUT, "package.json"), JSON.stringify(packageJson, null, 2) + "\n");
  // The README's examples import the Deno entry files; on npm they are the package's entries.
  const readme = (await Deno.readTextFile(join(ROOT, "README.md")))
    .replaceAll(`from "./mod.ts"`, `from "${name}"`)
    .replaceAll(`from "./server.ts"`, `from "${name}/server"`);
  await Deno.writeTextFile(join(OUT, "README.md"), readme);
  await Deno.copyFile(join(ROOT, "LICENSE"), join(OUT, "LICENSE"));
  info(`${name}@${version}: package.json, README.md, LICENSE`);
  return { name, version };
}

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

interface BundleReport {
  label: string;
  minified: number;
  gzipped: number;
  budget: number;
  inputs: Array<[string, number]>;
}

async function bundle(
  staging: string,
  label: string,
  entry: string,
  outfile: string,
  budget: number,
): Promise<BundleReport> {
  const metafile = join(staging, `${label.replace(/\W+/g, "_").replace(/_$/, "")}.meta.json`);
  await run(join(staging, "node_modules", ".bin", "esbuild"), [
    entry,
    "--bundle",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    "--minify",
    "--legal-comments=none",
    "--log-level=warning",
    `--metafile=${metafile}`,
    `--outfile=${outfile}`,
  ], { cwd: staging });
  const meta = JSON.parse(await Deno.readTextFile(metafile)) as Metafile;
  const inputs = Object.values(meta.outputs)
    .flatMap((o) => Object.entries(o.inputs))
    .map(([path, { bytesInOutput }]) =>
      [toPosix(relative(OUT, resolve(staging, path))), bytesInOutput] as [string, number]
    )
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  const serverInputs = inputs.filter(([path]) =>
    path.startsWith("src/server/") || path === "server.js"
  );
  if (serverInputs.length > 0) {
    fail(
      `${label}: the server is in the browser bundle: ${serverInputs.map(([p]) => p).join(", ")}`,
    );
  }
  const code = await Deno.readFile(outfile);
  const text = new TextDecoder().decode(code);
  if (/\bDeno\s*\./.test(text)) fail(`${label}: the browser bundle mentions Deno.*`);
  if (/["']node:/.test(text)) fail(`${label}: the browser bundle imports a node: builtin`);
  return {
    label,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    budget,
    inputs,
  };
}

async function browserBundles(staging: string): Promise<BundleReport[]> {
  await Deno.mkdir(join(OUT, "browser"), { recursive: true });
  const full = await bundle(
    staging,
    "full SDK",
    join(OUT, "mod.js"),
    join(OUT, "browser", "pubnub.min.js"),
    BUDGET.full,
  );
  // What an app that only publishes pays: import the publish-only client, call publish().
  // Tree shaking drops the subscribe and presence machinery it does not reach.
  const entry = join(staging, "publish_only.mjs");
  await Deno.writeTextFile(
    entry,
    `import { PubNubPublisher } from ${JSON.stringify(toPosix(join(OUT, "mod.js")))};\n` +
      `export function publish(config, channel, message) {\n` +
      `  return new PubNubPublisher(config).publish().channel(channel).message(message).future();\n` +
      `}\n`,
  );
  const publishOnly = await bundle(
    staging,
    "publish-only",
    entry,
    join(staging, "publish_only.min.js"),
    BUDGET.publishOnly,
  );
  const reports = [full, publishOnly];
  console.log("");
  console.log("    bundle           minified     gzip -9     target (gzip)");
  for (const r of reports) {
    const verdict = r.gzipped <= r.budget ? "met" : "MISSED";
    console.log(
      `    ${r.label.padEnd(16)} ${formatBytes(r.minified).padStart(9)}  ${
        formatBytes(r.gzipped).padStart(10)
      }     <= ${formatBytes(r.budget)}: ${verdict}`,
    );
  }
  const subscribeParts = publishOnly.inputs.filter(([p]) =>
    /src\/core\/(subscribe|presence)\/|src\/shell\/(subscribe_loop|presence_loop|engine_runner|message_stream|reconnect)\./
      .test(p)
  );
  if (subscribeParts.length > 0) {
    const bytes = subscribeParts.reduce((sum, [, b]) => sum + b, 0);
    console.log(
      `    publish-only still contains the subscribe/presence engines: ${subscribeParts.length} ` +
        `modules, ${formatBytes(bytes)} minified (the PubNub class constructs their loops)`,
    );
  }
  console.log("    largest modules in the publish-only bundle (minified bytes):");
  for (const [path, bytes] of publishOnly.inputs.slice(0, 10)) {
    console.log(`      ${String(bytes).padStart(6)}  ${path}`);
  }
  const missed = [full, publishOnly].filter((r) => r.gzipped > r.budget);
  if (missed.length > 0 && FLAGS.has("--size-budget")) {
    fail(`size budget missed: ${missed.map((r) => r.label).join(", ")}`);
  }
  return reports;
}

/**
 * Runs a Node script, echoing its output lines; fails if it exits non-zero, if it runs longer
 * than `timeoutMs`, or if it is still alive EXIT_GRACE_MS after it printed a line starting with
 * `doneMarker` (something holds the event loop). Returns its output lines.
 */
async function runNodeScript(
  cwd: string,
  args: string[],
  options: { doneMarker: string; timeoutMs: number; what: string },
): Promise<string[]> {
  const { doneMarker, timeoutMs, what } = options;
  const child = new Deno.Command("node", {
    args,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  let doneAt: number | undefined;
  const stdoutLines: string[] = [];
  const readStdout = (async () => {
    let buffered = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        stdoutLines.push(line);
        info(`| ${line}`);
        if (line.startsWith(doneMarker)) doneAt = performance.now();
      }
    }
    if (buffered) {
      stdoutLines.push(buffered);
      info(`| ${buffered}`);
    }
  })();
  const stderrText = new Response(child.stderr).text();
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    child.status.then((status) => ({ status })),
    new Promise<{ status?: undefined; reason: string }>((resolveTimer) => {
      const poll = () => {
        const now = performance.now();
        if (doneAt !== undefined && now - doneAt > EXIT_GRACE_MS) {
          resolveTimer({
            reason: `the Node process did not exit by itself within ${EXIT_GRACE_MS} ms after ` +
              `"${doneMarker}": something still holds the event loop`,
          });
        } else if (now - started > timeoutMs) {
          resolveTimer({ reason: `${what} did not finish within ${timeoutMs} ms` });
        } else {
          timer = setTimeout(poll, 50);
        }
      };
      poll();
    }),
  ]);
  clearTimeout(timer);
  if (outcome.status === undefined) {
    child.kill("SIGKILL");
    await child.status;
    await readStdout;
    fail(`${"reason" in outcome ? outcome.reason : ""}\n${await stderrText}`);
  }
  await readStdout;
  const stderr = await stderrText;
  if (!outcome.status.success) {
    const last = stdoutLines.at(-1);
    fail(`${what} exited with ${outcome.status.code}${last ? `: ${last}` : ""}\n${stderr}`);
  }
  if (doneAt === undefined) fail(`${what} exited without printing "${doneMarker}"\n${stderr}`);
  if (stderr.trim()) info(`stderr: ${stderr.trim()}`);
  info(`process exited by itself ${Math.round(performance.now() - doneAt)} ms after ${doneMarker}`);
  return stdoutLines;
}

/** Runs the smoke script with Node (see {@linkcode runNodeScript}). */
async function nodeSmoke(cwd: string, sdk: string, server: string): Promise<void> {
  await runNodeScript(cwd, ["smoke.mjs", sdk, server], {
    doneMarker: "smoke: done",
    timeoutMs: SMOKE_TIMEOUT_MS,
    what: "node smoke.mjs",
  });
}

async function checkNode(): Promise<void> {
  const { stdout } = await run("node", ["--version"]);
  const major = Number(/^v(\d+)/.exec(stdout.trim())?.[1]);
  if (!(major >= 20)) fail(`Node ${stdout.trim()} is too old: the package needs Node 20+`);
  const npm = await run("npm", ["--version"]);
  info(`node ${stdout.trim()}, npm ${npm.stdout.trim()}`);
}

async function smokeByPath(work: string): Promise<void> {
  const dir = join(work, "by-path");
  await Deno.mkdir(dir, { recursive: true });
  await Deno.copyFile(SMOKE_SCRIPT, join(dir, "smoke.mjs"));
  const server = pathToFileURL(join(OUT, "server.js")).href;
  info("npm/mod.js + npm/server.js:");
  await nodeSmoke(dir, pathToFileURL(join(OUT, "mod.js")).href, server);
  // The browser bundle uses web APIs only, which Node 20 has: the same round trip through it.
  info("npm/browser/pubnub.min.js + npm/server.js:");
  await nodeSmoke(dir, pathToFileURL(join(OUT, "browser", "pubnub.min.js")).href, server);
}

const CONSUMER_TS = (name: string) =>
  `import { PNStatusCategory, PubNub, PubNubError, SubscribeListener } from "${name}";
import type { PNMessageResult, PNStatus } from "${name}";
import { startServer, type RunningServer } from "${name}/server";

const server: RunningServer = await startServer({ hostname: "127.0.0.1", port: 0 });
const pubnub = new PubNub({
  publishKey: "demo",
  subscribeKey: "demo",
  userId: "consumer",
  origin: server.origin,
  ssl: false,
});
const listener = new SubscribeListener();
pubnub.addListener(listener);
pubnub.addListener({
  status(_p: PubNub, status: PNStatus) {
    if (status.category === PNStatusCategory.PNConnectedCategory) console.log("connected");
  },
  message(_p: PubNub, m: PNMessageResult) {
    const text: unknown = m.message;
    console.log(text, m.channel, m.timetoken.length);
  },
});
pubnub.subscribe().channels(["a"]).execute();
try {
  const { result } = await pubnub.publish().channel("a").message({ text: "hi" }).future();
  const timetoken: string = result.timetoken;
  console.log(timetoken);
} catch (error) {
  if (error instanceof PubNubError) console.log(error.status.category);
}
await pubnub.stop();
await server.close();
`;

async function packAndInstall(work: string, name: string): Promise<void> {
  const packDir = join(work, "pack");
  await Deno.mkdir(packDir, { recursive: true });
  const packed = await run("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: OUT });
  const [pack] = JSON.parse(packed.stdout) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: Array<{ path: string }>;
  }>;
  const paths = pack.files.map((f) => f.path);
  const leaked = paths.filter((p) =>
    (p.endsWith(".ts") && !p.endsWith(".d.ts")) || /_test\.|src\/testing\//.test(p)
  );
  if (leaked.length > 0) fail(`the tarball contains sources or tests: ${leaked.join(", ")}`);
  for (
    const required of [
      "package.json",
      "README.md",
      "LICENSE",
      "mod.js",
      "server.js",
      "browser/pubnub.min.js",
    ]
  ) {
    if (!paths.includes(required)) fail(`the tarball lacks ${required}`);
  }
  const tarball = join(packDir, pack.filename);
  info(
    `${pack.filename}: ${pack.entryCount} files, ${formatBytes(pack.size)} packed, ` +
      `${formatBytes(pack.unpackedSize)} unpacked`,
  );

  const consumer = join(work, "consumer");
  await Deno.mkdir(consumer, { recursive: true });
  await Deno.writeTextFile(
    join(consumer, "package.json"),
    JSON.stringify({ name: "throwaway-consumer", private: true, type: "module" }, null, 2),
  );
  await run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    "--loglevel=error",
    tarball,
  ], { cwd: consumer });
  const installed = JSON.parse(
    await Deno.readTextFile(join(consumer, "node_modules", ...name.split("/"), "package.json")),
  );
  const deps = await listFiles(join(consumer, "node_modules"));
  const foreign = deps.filter((p) => !p.startsWith(`${name}/`) && !p.startsWith(".package-lock"));
  if (foreign.length > 0) fail(`installing the tarball brought other packages: ${foreign[0]} …`);
  info(
    `installed ${installed.name}@${installed.version} into a throwaway project (no other packages)`,
  );
  await Deno.copyFile(SMOKE_SCRIPT, join(consumer, "smoke.mjs"));
  await nodeSmoke(consumer, name, `${name}/server`);
}

async function typeCheckConsumer(work: string, staging: string, name: string): Promise<void> {
  const consumer = join(work, "consumer");
  await Deno.writeTextFile(join(consumer, "consumer.ts"), CONSUMER_TS(name));
  const configs: Record<string, Record<string, unknown>> = {
    nodenext: { module: "NodeNext", moduleResolution: "NodeNext" },
    bundler: { module: "ESNext", moduleResolution: "Bundler" },
  };
  const tsc = join(staging, "node_modules", "typescript", "bin", "tsc");
  for (const [label, resolution] of Object.entries(configs)) {
    const file = `tsconfig.${label}.json`;
    await Deno.writeTextFile(
      join(consumer, file),
      JSON.stringify({
        compilerOptions: {
          ...resolution,
          target: "ES2022",
          lib: ["ES2024", "DOM", "DOM.Iterable"],
          types: [], // no @types/node: the shipped .d.ts must stand on their own
          strict: true,
          noEmit: true,
          skipLibCheck: false, // check the shipped .d.ts too…
          skipDefaultLibCheck: true, // …but not TypeScript's own lib files
        },
        files: ["consumer.ts"],
      }),
    );
    const result = await run("node", [tsc, "-p", file, "--pretty", "false"], {
      cwd: consumer,
      allowFailure: true,
    });
    if (result.code !== 0) {
      fail(`a TypeScript consumer (${label} resolution) does not type-check:\n${result.stdout}`);
    }
    info(`consumer.ts type-checks against the installed .d.ts (moduleResolution ${label})`);
  }
}

/**
 * Replays every fixture under Node against the installed tarball: stages the harness
 * (HARNESS_ROOTS and what they reach, with the runtime swaps: the node:http loopback, and the
 * package in place of the sources) into the throwaway consumer project, compiles it with the
 * same tsc against the package's shipped `.d.ts`, and runs `scripts/npm_smoke/conformance.mjs`.
 */
async function conformanceUnderNode(work: string, staging: string, name: string): Promise<void> {
  const consumer = join(work, "consumer");
  const harness = join(consumer, "conformance-harness");
  const isPackage = (specifier: string) => specifier === name || specifier.startsWith(`${name}/`);
  const { files, builtins, externals } = await stageGraph({
    roots: HARNESS_ROOTS,
    refuse: (file) =>
      file.startsWith("conformance/")
        ? undefined
        : `the harness under Node reaches ${file}: it must exercise the built package, ` +
          `not the sources (import the SDK through conformance/sdk.ts)`,
    external: isPackage,
  }, harness);
  checkSwapsApplied(Object.keys(RUNTIME_SWAPS).filter((key) => key.startsWith("conformance/")));
  if (![...externals].some(isPackage)) fail(`the staged harness does not import ${name}`);
  info(
    `${files.length} harness modules staged; imports ${[...externals].sort().join(", ")} and ` +
      `${[...builtins].sort().join(", ") || "no builtins"}`,
  );

  const denoJson = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const tsconfig = {
    compilerOptions: {
      ...(denoJson.compilerOptions ?? {}),
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2024", "DOM", "DOM.Iterable"],
      typeRoots: [join(staging, "node_modules", "@types")],
      types: ["node"],
      rewriteRelativeImportExtensions: true,
      rootDir: ".",
      outDir: "out",
      newLine: "lf",
      noEmitOnError: true,
      skipLibCheck: true,
      isolatedModules: true,
    },
    files: HARNESS_ROOTS,
  };
  await Deno.writeTextFile(join(harness, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const tsc = join(staging, "node_modules", "typescript", "bin", "tsc");
  const compiled = await run("node", [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: harness,
    allowFailure: true,
  });
  if (compiled.code !== 0) {
    fail(
      `the harness does not compile against the installed package:\n${compiled.stdout}${compiled.stderr}`,
    );
  }
  info(`compiled with tsc against ${name}'s shipped .d.ts into ${relative(work, harness)}/out/`);

  await Deno.copyFile(CONFORMANCE_SCRIPT, join(harness, "conformance.mjs"));
  await runNodeScript(
    harness,
    ["conformance.mjs", join("out", "conformance", "replay.js"), join(ROOT, "fixtures")],
    {
      doneMarker: "conformance under node:",
      timeoutMs: CONFORMANCE_TIMEOUT_MS,
      what: "node conformance.mjs",
    },
  );
}

async function jsrChecks(): Promise<void> {
  const publish = await run(Deno.execPath(), ["publish", "--dry-run", "--allow-dirty"], {
    allowFailure: true,
  });
  if (publish.code !== 0) {
    fail(`deno publish --dry-run failed:\n${publish.stdout}${publish.stderr}`);
  }
  info("deno publish --dry-run --allow-dirty: passed");
  const doc = await run(Deno.execPath(), ["doc", "--lint", ...Object.values(ENTRIES)], {
    allowFailure: true,
  });
  if (doc.code !== 0) fail(`deno doc --lint failed:\n${doc.stdout}${doc.stderr}`);
  info("deno doc --lint: clean");
}

async function main(): Promise<void> {
  const staging = await Deno.makeTempDir({ prefix: "build_npm_staging_" });
  const work = await Deno.makeTempDir({ prefix: "build_npm_smoke_" });
  const started = performance.now();
  let ok = false;
  try {
    await step("check node and npm", checkNode);
    const staged = await step(
      "collect the module graph and stage it (runtime swaps)",
      () => collectAndStage(staging),
    );
    await step("install build tools from npm", () => installTools(staging));
    await step("compile with tsc into npm/", async () => {
      await Deno.remove(OUT, { recursive: true }).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
      await compile(staging);
      await verifyOutput(staging, staged);
    });
    const { name } = await step("write package.json, README.md, LICENSE", writePackageFiles);
    await step("browser bundles and size report", () => browserBundles(staging));
    await step("Node smoke test: npm/ and the browser bundle by path", () => smokeByPath(work));
    await step(
      "npm pack, install the tarball, smoke test by package name",
      () => packAndInstall(work, name),
    );
    await step(
      "type-check a TypeScript consumer of the tarball",
      () => typeCheckConsumer(work, staging, name),
    );
    await step(
      "conformance fixtures under Node against the installed tarball",
      () => conformanceUnderNode(work, staging, name),
    );
    if (FLAGS.has("--jsr")) await step("JSR readiness", jsrChecks);
    ok = true;
  } finally {
    if (FLAGS.has("--keep")) {
      console.log(`\nkept: staging ${staging}, smoke ${work}`);
    } else {
      await Deno.remove(staging, { recursive: true }).catch(() => {});
      await Deno.remove(work, { recursive: true }).catch(() => {});
    }
    if (ok) {
      console.log(
        `\nbuild:npm: ok in ${((performance.now() - started) / 1000).toFixed(1)}s: ${
          relative(Deno.cwd(), OUT) || "."
        }/`,
      );
    }
  }
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    const message = error instanceof BuildError
      ? error.message
      : error instanceof Error
      ? error.stack ?? error.message
      : String(error);
    console.error(`\nbuild:npm: FAILED at step ${stepNumber}: ${message}`);
    Deno.exit(1);
  }
}

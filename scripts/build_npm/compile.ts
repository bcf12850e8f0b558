/**
 * Installs the build tools, compiles the staged sources with tsc into `npm/` and checks the
 * output (imports resolve, `node:` only in Node-only files, no `Deno`).
 *
 * @module
 */
import { dirname, join } from "node:path";
import { BIN, ENTRIES, INSPECT_SCRIPT, NODE_ONLY_OUTPUTS, OUT, ROOT, TOOLS } from "./config.ts";
import { fail, info, listFiles, npmInstall, run, toPosix } from "./util.ts";

export async function installTools(staging: string): Promise<void> {
  const packageJson = {
    name: "build-npm-staging",
    private: true,
    type: "module", // the staged .ts files are ES modules under module: NodeNext
    devDependencies: TOOLS,
  };
  await Deno.writeTextFile(join(staging, "package.json"), JSON.stringify(packageJson, null, 2));
  await npmInstall(staging, "--no-package-lock");
  info(Object.entries(TOOLS).map(([name, version]) => `${name}@${version}`).join(", "));
}

export async function compile(staging: string): Promise<void> {
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
    files: [...Object.values(ENTRIES), ...Object.values(BIN)],
  };
  await Deno.writeTextFile(join(staging, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const tsc = join(staging, "node_modules", "typescript", "bin", "tsc");
  const result = await run("node", [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: staging,
    allowFailure: true,
  });
  if (result.code !== 0) fail(`tsc reported errors:\n${result.stdout}${result.stderr}`);
  // The bin files run as programs: npm links them, and the shell needs to know they are Node's.
  for (const source of Object.values(BIN)) {
    const file = join(OUT, source.replace(/\.ts$/, ".js"));
    await Deno.writeTextFile(file, `#!/usr/bin/env node\n${await Deno.readTextFile(file)}`);
  }
}

export async function verifyOutput(staging: string, staged: string[]): Promise<void> {
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

/**
 * The conformance fixtures replayed under Node against the installed tarball, and the JSR
 * readiness checks.
 *
 * @module
 */
import { join, relative } from "node:path";
import {
  CONFORMANCE_SCRIPT,
  CONFORMANCE_TIMEOUT_MS,
  ENTRIES,
  HARNESS_ROOTS,
  ROOT,
} from "./config.ts";
import { stageGraph } from "./graph.ts";
import { runNodeScript } from "./node_script.ts";
import { checkSwapsApplied, RUNTIME_SWAPS } from "./swaps.ts";
import { fail, info, run } from "./util.ts";

/**
 * Replays every fixture under Node against the installed tarball: stages the harness
 * (HARNESS_ROOTS and what they reach, with the runtime swaps: the node:http loopback, and the
 * package in place of the sources) into the throwaway consumer project, compiles it with the
 * same tsc against the package's shipped `.d.ts`, and runs `scripts/npm_smoke/conformance.mjs`.
 */
export async function conformanceUnderNode(
  work: string,
  staging: string,
  name: string,
): Promise<void> {
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

export async function jsrChecks(): Promise<void> {
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

/**
 * One script of the sources bundled for Node the way the npm package runs them: esbuild, with the
 * Deno-only files (`*_deno.ts`) replaced by their Node counterparts from {@linkcode RUNTIME_SWAPS}.
 * For the benchmarks and tests that run our code under `node` without building the package.
 *
 * @module
 */
import * as esbuild from "npm:esbuild@0.25.12";
import { RUNTIME_SWAPS } from "./swaps.ts";

const ROOT = new URL("../../", import.meta.url);

/** Resolves each `*_deno.ts` import under `root` that has a runtime swap to its Node counterpart. */
function runtimeSwaps(root: URL): esbuild.Plugin {
  return {
    name: "runtime-swaps",
    setup(build) {
      // `file:` URLs too (esbuild reads only paths), as Deno-style scripts import by URL.
      build.onResolve({ filter: /^file:|_deno\.ts$/ }, (args) => {
        const absolute = new URL(args.path, `file://${args.resolveDir}/`);
        const swap = RUNTIME_SWAPS[absolute.pathname.slice(root.pathname.length)];
        if (swap) return { path: new URL(swap, root).pathname };
        return args.path.startsWith("file:") ? { path: absolute.pathname } : undefined;
      });
    },
  };
}

/**
 * Bundles `entry` (a file path) into `outfile` (ESM for Node 20), runtime swaps applied to the
 * sources under `root` (this checkout by default; another for a before/after comparison).
 *
 * @example
 * ```ts ignore
 * import { bundleForNode } from "./node_bundle.ts";
 * await bundleForNode("/tmp/script.ts", "/tmp/script.mjs");
 * ```
 */
export async function bundleForNode(
  entry: string,
  outfile: string,
  root: URL = ROOT,
): Promise<void> {
  try {
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      outfile,
      allowOverwrite: true,
      logLevel: "error",
      plugins: [runtimeSwaps(root)],
    });
  } finally {
    await esbuild.stop();
  }
}

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
 *    through the package name, runs the `pubnub-ts` bin with npx (serve, publish, the console,
 *    SIGTERM) and type-checks a consumer against the shipped `.d.ts` files;
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
import { relative } from "node:path";
import { browserBundles } from "./build_npm/bundle.ts";
import { compile, installTools, verifyOutput } from "./build_npm/compile.ts";
import { OUT } from "./build_npm/config.ts";
import { conformanceUnderNode, jsrChecks } from "./build_npm/conformance.ts";
import { redisSmoke } from "./build_npm/redis_smoke.ts";
import { collectAndStage } from "./build_npm/graph.ts";
import { writePackageFiles } from "./build_npm/package_files.ts";
import {
  binSmoke,
  checkNode,
  packAndInstall,
  smokeByPath,
  typeCheckConsumer,
} from "./build_npm/smoke.ts";
import { BuildError } from "./build_npm/util.ts";

const FLAGS = new Set(Deno.args);
for (const flag of FLAGS) {
  if (!["--size-budget", "--jsr", "--keep"].includes(flag)) {
    console.error(`build:npm: unknown flag ${flag} (known: --size-budget, --jsr, --keep)`);
    Deno.exit(2);
  }
}

const STEPS = 12 + (FLAGS.has("--jsr") ? 1 : 0);
let stepNumber = 0;
async function step<T>(title: string, body: () => Promise<T>): Promise<T> {
  stepNumber++;
  console.log(`\n==> [${stepNumber}/${STEPS}] ${title}`);
  const started = performance.now();
  const value = await body();
  console.log(`    ok (${((performance.now() - started) / 1000).toFixed(1)}s)`);
  return value;
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
    await step(
      "browser bundles and size report",
      () => browserBundles(staging, FLAGS.has("--size-budget")),
    );
    await step("Node smoke test: npm/ and the browser bundle by path", () => smokeByPath(work));
    await step(
      "npm pack, install the tarball, smoke test by package name",
      () => packAndInstall(work, name),
    );
    await step("the pubnub-ts bin from the tarball (npx, Node)", () => binSmoke(work));
    await step(
      "type-check a TypeScript consumer of the tarball",
      () => typeCheckConsumer(work, staging, name),
    );
    await step(
      "the Redis store under Node: without ioredis, then two servers on one redis-server",
      () => redisSmoke(work, name),
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

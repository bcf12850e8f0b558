/**
 * What the npm build builds: the pinned tools, the package entries, the size targets, the time
 * limits and where things live.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Pinned tool versions, installed from the npm registry into the staging directory. */
export const TOOLS: Record<string, string> = {
  "typescript": "5.9.3",
  "@types/node": "20.19.43",
  "esbuild": "0.25.12",
};

/**
 * The conformance harness modules the Node runner (`scripts/npm_smoke/conformance.mjs`) imports;
 * they are staged with everything they reach (after the swaps), which must stay in
 * `conformance/`: under Node the fixtures exercise the built package, never the sources.
 */
export const HARNESS_ROOTS = ["conformance/replay.ts"];

/**
 * Emitted files that may import `node:` builtins: reached only through the `./server` entry (and
 * `./testing`, whose scripted server runs on the server's listener).
 */
export const NODE_ONLY_OUTPUTS = new Set([
  "src/server/listen_node.js",
  "src/server/listen_node_h2.js",
  "src/cli/runtime_node.js", // the CLI (bin) only
]);

/** The package entries: `exports` key → source file. */
export const ENTRIES: Record<string, string> = {
  ".": "mod.ts",
  "./server": "server.ts",
  "./compat": "compat.ts",
  "./testing": "testing.ts",
  "./modular": "modular.ts",
};

/** The package's commands: `bin` name → source file (not an export). */
export const BIN: Record<string, string> = { "pubnub-ts": "cli.ts" };

/** Gzip targets for the browser bundles, in bytes. */
export const BUDGET = { full: 12 * 1024, publishOnly: 4 * 1024 };

/** How long a smoke process may take to exit after it printed `smoke: done`. */
export const EXIT_GRACE_MS = 5_000;
/** How long a whole smoke process may run. */
export const SMOKE_TIMEOUT_MS = 60_000;
/** How long the conformance replay under Node may run (it takes a few seconds). */
export const CONFORMANCE_TIMEOUT_MS = 180_000;

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const OUT = join(ROOT, "npm");
export const SMOKE_SCRIPT = join(ROOT, "scripts", "npm_smoke", "smoke.mjs");
export const MODULAR_SMOKE_SCRIPT = join(ROOT, "scripts", "npm_smoke", "modular_smoke.mjs");
export const INSPECT_SCRIPT = join(ROOT, "scripts", "npm_smoke", "inspect_output.mjs");
export const CONFORMANCE_SCRIPT = join(ROOT, "scripts", "npm_smoke", "conformance.mjs");

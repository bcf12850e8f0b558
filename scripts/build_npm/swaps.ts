/**
 * The runtime swaps: which Deno-only source files are replaced by their Node counterparts
 * wherever the build stages code for Node, and a count of where each was applied.
 *
 * @module
 */
import { fail } from "./util.ts";

/**
 * Runtime-specific files: the Deno source (key) is replaced by its Node counterpart (value)
 * wherever the build stages code for Node. Each pair implements one interface; every import of
 * the key is rewritten to the value, and the key is not copied, so nothing can still reach it.
 */
export const RUNTIME_SWAPS: Record<string, string> = {
  // The package: the local server's listener (`src/server/listener.ts`), Deno.serve → node:http.
  "src/server/listen_deno.ts": "src/server/listen_node.ts",
  // The Redis store's client: npm:ioredis under Deno, the optional ioredis package under Node.
  "src/server/store/redis_client_deno.ts": "src/server/store/redis_client_node.ts",
  // The CLI's runtime services (args, signals, stdin, exit): Deno.* → process.
  "src/cli/runtime_deno.ts": "src/cli/runtime_node.ts",
  // The transport's timeout watchdog must not hold the process open: Deno.unrefTimer → unref().
  "src/shell/unref_timer_deno.ts": "src/shell/unref_timer_node.ts",
  // The conformance harness replayed under Node (step 10): the loopback server
  // (`conformance/loopback.ts`), Deno.serve → node:http…
  "conformance/loopback_deno.ts": "conformance/loopback_node.ts",
  // …and the SDK under test, the sources (mod.ts) → the installed package.
  "conformance/sdk.ts": "conformance/sdk_npm.ts",
};

/** How many times each {@linkcode RUNTIME_SWAPS} entry was applied, over every staged graph. */
export const swapsApplied = new Map(Object.keys(RUNTIME_SWAPS).map((key) => [key, 0]));
/** Fails on a RUNTIME_SWAPS entry no staged graph applied (the import it replaces is gone). */
export function checkSwapsApplied(keys: string[]): void {
  for (const key of keys) {
    if ((swapsApplied.get(key) ?? 0) === 0) {
      fail(
        `runtime swap ${key} was not applied: nothing imports it any more; update RUNTIME_SWAPS`,
      );
    }
  }
}

/**
 * JSON modules the package imports (`with { type: "json" }`), inlined when staged: the import
 * becomes a constant holding only the listed fields, so the npm output has no JSON imports (which
 * Node before 20.10 and many browsers cannot load) and ships nothing of deno.json but its version.
 */
export const INLINED_JSON: Record<string, string[]> = { "deno.json": ["version"] };

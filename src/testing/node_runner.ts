/**
 * Runs a TypeScript script under Node, where the npm package runs: bundled for Node as the
 * package's build does (the runtime swaps applied), then run by `node` from the PATH. For tests of what only Node does (its
 * fetch, its warnings); a missing `node` fails the test and says so.
 *
 * @module
 */
import { bundleForNode } from "../../scripts/build_npm/node_bundle.ts";

/**
 * What a script run by {@link runUnderNode} left: its exit code and output.
 *
 * @example
 * ```ts
 * import type { NodeRun } from "./node_runner.ts";
 * const clean = (run: NodeRun) => run.code === 0 && run.stderr === "";
 * ```
 */
export interface NodeRun {
  /** Exit code. */
  code: number;
  /** What it printed. */
  stdout: string;
  /** What it printed on stderr (Node's warnings go there). */
  stderr: string;
}

/**
 * Bundles `script` (TypeScript; imports by absolute `file:` URL) for Node and runs it there,
 * with `args` on its command line. Throws when bundling fails or `node` cannot be started.
 *
 * @example
 * ```ts ignore
 * import { runUnderNode } from "./node_runner.ts";
 * const run = await runUnderNode(`console.log(process.version);`);
 * run.stdout; // "v20.…\n"
 * ```
 */
export async function runUnderNode(script: string, args: string[] = []): Promise<NodeRun> {
  const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "under-node-" });
  try {
    await Deno.writeTextFile(`${dir}/script.ts`, script);
    await bundleForNode(`${dir}/script.ts`, `${dir}/script.mjs`);
    return await output("node", [`${dir}/script.mjs`, ...args]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function output(command: string, args: string[]): Promise<NodeRun> {
  let result: Deno.CommandOutput;
  try {
    result = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (error) {
    throw new Error(`cannot run ${command} (this test needs it on the PATH): ${error}`);
  }
  const decoder = new TextDecoder();
  return {
    code: result.code,
    stdout: decoder.decode(result.stdout),
    stderr: decoder.decode(result.stderr),
  };
}

/**
 * What the CLI needs from the runtime, for Deno (`runtime_node.ts` is the Node twin the npm
 * build swaps in): arguments, environment, stdin, files, signals, exit, and running a program.
 *
 * @module
 */

import type { CliRuntime } from "./cli_runtime.ts";

/**
 * The Deno runtime.
 *
 * @example
 * ```ts
 * import { runtime } from "./runtime_deno.ts";
 * Array.isArray(runtime.args); // true
 * ```
 */
export const runtime: CliRuntime = {
  args: Deno.args,
  env(name) {
    try {
      return Deno.env.get(name);
    } catch {
      return undefined; // no --allow-env: as if unset
    }
  },
  readStdin: () => new Response(Deno.stdin.readable).text(),
  readTextFile: (path) => Deno.readTextFile(path),
  onTerminate(handler) {
    const onInt = () => handler("SIGINT");
    const onTerm = () => handler("SIGTERM");
    Deno.addSignalListener("SIGINT", onInt);
    Deno.addSignalListener("SIGTERM", onTerm);
    return () => {
      Deno.removeSignalListener("SIGINT", onInt);
      Deno.removeSignalListener("SIGTERM", onTerm);
    };
  },
  exit: (code) => Deno.exit(code),
  async exec(command, args) {
    const { code, stderr } = await new Deno.Command(command, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    return { code, stderr: new TextDecoder().decode(stderr) };
  },
  makeTempDir: (prefix) => Deno.makeTempDir({ prefix }),
  removeDir: (path) => Deno.remove(path, { recursive: true }),
};

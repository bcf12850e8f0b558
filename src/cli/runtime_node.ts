/**
 * The Node twin of `runtime_deno.ts`, swapped in by the npm build for the package's `pubnub-ts` bin.
 *
 * @module
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { CliRuntime } from "./cli_runtime.ts";

/**
 * The Node runtime.
 *
 * @example
 * ```ts
 * import { runtime } from "./runtime_node.ts";
 * Array.isArray(runtime.args); // true
 * ```
 */
export const runtime: CliRuntime = {
  args: process.argv.slice(2),
  env: (name) => process.env[name],
  async readStdin() {
    let text = "";
    process.stdin.setEncoding("utf8");
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
  readTextFile: (path) => readFile(path, "utf8"),
  onTerminate(handler) {
    const onInt = () => handler("SIGINT");
    const onTerm = () => handler("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    return () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    };
  },
  exit: (code) => process.exit(code),
  exec: (command, args) =>
    new Promise((resolve) => {
      execFile(command, args, (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 127) : 0;
        resolve({ code, stderr: error && !stderr ? error.message : String(stderr) });
      });
    }),
  makeTempDir: (prefix) => mkdtemp(join(tmpdir(), prefix)),
  removeDir: (path) => rm(path, { recursive: true, force: true }),
};

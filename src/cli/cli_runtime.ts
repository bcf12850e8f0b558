/**
 * The runtime services the CLI needs (arguments, environment, stdin, files, signals, exit,
 * running a program), implemented for Deno in `runtime_deno.ts` and for Node in `runtime_node.ts`.
 *
 * @module
 */

/**
 * The runtime services the CLI uses.
 *
 * @example
 * ```ts
 * import type { CliRuntime } from "./cli_runtime.ts";
 * const home = (r: CliRuntime) => r.env("HOME");
 * ```
 */
export interface CliRuntime {
  /** The command-line arguments after the program name. */
  args: string[];
  /** An environment variable, or undefined when unset or not readable. */
  env(name: string): string | undefined;
  /** All of standard input, as text. */
  readStdin(): Promise<string>;
  /** A file's text. */
  readTextFile(path: string): Promise<string>;
  /** Calls `handler` on SIGINT or SIGTERM; returns a function that stops listening. */
  onTerminate(handler: (signal: "SIGINT" | "SIGTERM") => void): () => void;
  /** Ends the process with `code`. */
  exit(code: number): never;
  /** Runs a program to completion. */
  exec(command: string, args: string[]): Promise<{ code: number; stderr: string }>;
  /** A fresh temporary directory. */
  makeTempDir(prefix: string): Promise<string>;
  /** Deletes a directory and what it holds. */
  removeDir(path: string): Promise<void>;
}

/**
 * Small helpers of the npm build: failing with a message, logging a step's detail, running a
 * command, listing files.
 *
 * @module
 */
import { join } from "node:path";
import { ROOT } from "./config.ts";

export class BuildError extends Error {}

export function fail(message: string): never {
  throw new BuildError(message);
}

export function info(line: string): void {
  console.log(`    ${line}`);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; fails the build (with its output) when it exits non-zero. */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<RunResult> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 300_000);
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(command, {
      args,
      cwd: options.cwd ?? ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal,
      env: { NO_COLOR: "1", npm_config_update_notifier: "false" },
    }).output();
  } catch (error) {
    fail(`could not run ${command}: ${error instanceof Error ? error.message : error}`);
  }
  const decoder = new TextDecoder();
  const result = {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
  if (signal.aborted) fail(`${command} ${args.join(" ")} timed out`);
  if (result.code !== 0 && !options.allowFailure) {
    fail(
      `${command} ${args.join(" ")} exited with ${result.code}\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

/** `npm install` in `cwd`, quiet and offline-first, with `args` (packages or more flags). */
export function npmInstall(cwd: string, ...args: string[]): Promise<RunResult> {
  return run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    "--loglevel=error",
    ...args,
  ], { cwd });
}

/** Files under `dir` (recursive), as paths relative to it, with `/` separators. */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(sub: string): Promise<void> {
    for await (const entry of Deno.readDir(join(dir, sub))) {
      const path = sub === "" ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) files.push(path);
    }
  }
  await walk("");
  return files.sort();
}

export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Static imports/exports and dynamic `import("…")` in JS or TS text. */
export const SPECIFIER_PATTERN =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bexport\s+\*\s+from\s*)(["'])([^"'\n]+)\2/g;

export function toPosix(path: string): string {
  return path.replaceAll("\\", "/");
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(2)} KB`;
}

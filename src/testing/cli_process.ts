/**
 * Runs the real `pubnub-ts` CLI (`cli.ts`) as a subprocess for tests: to completion, or as a
 * long-running child whose output lines a test can wait for. Test-only; not part of the SDK.
 */
import { until } from "./local_clients.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
/** The permissions `deno task cli` grants. */
const PERMISSIONS = [
  "--allow-net",
  "--allow-env",
  "--allow-read",
  "--allow-run=openssl",
  "--allow-write",
];

/**
 * What a finished CLI run printed, and its exit code.
 *
 * @example
 * ```ts
 * import type { CliResult } from "./cli_process.ts";
 * const ok = (r: CliResult) => r.code === 0;
 * ```
 */
export interface CliResult {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/**
 * Runs the CLI with `args` to completion (killed after `timeoutMs`), feeding `stdin` if given.
 *
 * @example
 * ```ts
 * import { runCliProcess } from "./cli_process.ts";
 * const { code } = await runCliProcess(["--help"]);
 * ```
 */
export async function runCliProcess(
  args: string[],
  options: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, CLI, ...args],
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...options.env },
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  try {
    const { code, stdout, stderr } = await child.output();
    const decoder = new TextDecoder();
    return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A running CLI process: its output so far, a wait for a line, signals, and its end.
 *
 * @example
 * ```ts
 * import { spawnCli } from "./cli_process.ts";
 * const serve = spawnCli(["serve", "--port", "0"]);
 * await serve.waitFor(/^listening on/, "stdout");
 * serve.kill("SIGTERM");
 * await serve.finished;
 * ```
 */
export interface CliChild {
  /** Lines written to stdout so far. */
  readonly stdout: string[];
  /** Lines written to stderr so far. */
  readonly stderr: string[];
  /** Resolves to the first line of `stream` matching `pattern`; fails after `timeoutMs`. */
  waitFor(pattern: RegExp, stream: "stdout" | "stderr", timeoutMs?: number): Promise<string>;
  /** Sends a signal. */
  kill(signal: Deno.Signal): void;
  /** Resolves to the exit code once the process ended and its output was read. */
  readonly finished: Promise<number>;
}

/**
 * Starts the CLI with `args`; the test must end it (`kill`) and await `finished`. A watchdog
 * kills it after `timeoutMs` so no test can hang.
 *
 * @example
 * ```ts
 * import { spawnCli } from "./cli_process.ts";
 * const child = spawnCli(["subscribe", "room"]);
 * child.kill("SIGTERM");
 * await child.finished;
 * ```
 */
export function spawnCli(
  args: string[],
  timeoutMs = 30_000,
  env: Record<string, string> = {},
): CliChild {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, CLI, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).spawn();
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const pump = async (stream: ReadableStream<Uint8Array>, into: string[]) => {
    let buffered = "";
    for await (
      const chunk of stream.pipeThrough(
        new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>,
      )
    ) {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      into.push(...parts);
    }
    if (buffered) into.push(buffered);
  };
  const pumps = Promise.all([pump(child.stdout, lines.stdout), pump(child.stderr, lines.stderr)]);
  const watchdog = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  let exited = false;
  const finished = (async () => {
    const status = await child.status;
    await pumps;
    exited = true;
    clearTimeout(watchdog);
    return status.code;
  })();
  return {
    stdout: lines.stdout,
    stderr: lines.stderr,
    async waitFor(pattern, stream, waitMs = 10_000) {
      await until(
        () => exited || lines[stream].some((l) => pattern.test(l)),
        `${pattern} on ${stream}`,
        waitMs,
      );
      const line = lines[stream].find((l) => pattern.test(l));
      if (line === undefined) {
        throw new Error(
          `the CLI exited before printing ${pattern}:\n${lines.stdout.join("\n")}\n${
            lines.stderr.join("\n")
          }`,
        );
      }
      return line;
    },
    kill(signal) {
      try {
        child.kill(signal);
      } catch {
        // already exited
      }
    },
    finished,
  };
}

/**
 * What a subcommand is (its declaration and its `run`), and the helpers the client subcommands
 * share: reading a JSON message argument, making a client, and turning failures into exit codes.
 *
 * @module
 */
import { PubNubError } from "../core/error.ts";
import { PubNub } from "../shell/pubnub.ts";
import { type CommandSpec, type ParsedArgs, UsageError } from "./args.ts";
import { clientConfig } from "./connection.ts";
import type { CliRuntime } from "./cli_runtime.ts";

/** Exit codes: 0 done, 1 the service (or the network) refused, 2 bad usage. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/**
 * Where a subcommand writes: `out` for results (stdout), `err` for progress and errors (stderr).
 *
 * @example
 * ```ts
 * import type { CommandContext } from "./command.ts";
 * import { runtime } from "./runtime_deno.ts";
 * const context: CommandContext = { runtime, out: console.log, err: console.error };
 * ```
 */
export interface CommandContext {
  /** The runtime services. */
  runtime: CliRuntime;
  /** Writes one line of result. */
  out(line: string): void;
  /** Writes one line of progress or error. */
  err(line: string): void;
}

/**
 * A subcommand: its declaration, whether it takes the connection flags, and its body, which
 * resolves to the exit code.
 *
 * @example
 * ```ts
 * import type { Command } from "./command.ts";
 * const hello: Command = {
 *   spec: { name: "hello", summary: "says hello", positionals: [], flags: [] },
 *   connection: false,
 *   run: (_args, context) => { context.out("hello"); return Promise.resolve(0); },
 * };
 * ```
 */
export interface Command {
  /** Its declaration. */
  spec: CommandSpec;
  /** Whether it talks to a service (and so takes the connection flags). */
  connection: boolean;
  /** Runs it; resolves to the exit code. */
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

/**
 * The flag every client subcommand has: print results as JSON.
 *
 * @example
 * ```ts
 * import { JSON_FLAG } from "./command.ts";
 * JSON_FLAG.name; // "json"
 * ```
 */
export const JSON_FLAG = {
  name: "json",
  kind: "boolean",
  help: "print results as JSON, one object per line",
} as const;

/**
 * Parses a message argument as JSON; `-` reads it from stdin.
 *
 * @example
 * ```ts
 * import { readJsonArgument } from "./command.ts";
 * import { runtime } from "./runtime_deno.ts";
 * await readJsonArgument('{"text":"hi"}', "message", runtime); // { text: "hi" }
 * ```
 */
export async function readJsonArgument(
  text: string,
  what: string,
  runtime: CliRuntime,
): Promise<unknown> {
  const source = text === "-" ? (await runtime.readStdin()).trim() : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new UsageError(
      `the ${what} is not JSON (${(error as Error).message}): quote text as JSON, ` +
        `e.g. '"hello"' or '{"text":"hello"}'`,
    );
  }
}

/**
 * A client configured from the connection flags (and `PUBNUB_*` variables).
 *
 * @example
 * ```ts
 * import { makeClient } from "./command.ts";
 * import { runtime } from "./runtime_deno.ts";
 * const pubnub = makeClient({ positionals: [], flags: {}, help: false }, runtime);
 * await pubnub.stop();
 * ```
 */
export function makeClient(
  args: ParsedArgs,
  runtime: CliRuntime,
  extra: { heartbeatInterval?: number; presenceTimeout?: number } = {},
): PubNub {
  const config = clientConfig(args, (name) => runtime.env(name));
  try {
    return new PubNub({ ...config, ...extra }, { onError: () => {} });
  } catch (error) {
    if (error instanceof PubNubError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Reports a failed call on stderr and returns its exit code: 2 for input the SDK refused before
 * sending, 1 for a refusal by the service or a network failure.
 *
 * @example
 * ```ts
 * import { reportFailure } from "./command.ts";
 * reportFailure(new Error("boom"), "127.0.0.1:8090", console.error); // 1
 * ```
 */
export function reportFailure(error: unknown, origin: string, err: (line: string) => void): number {
  if (error instanceof UsageError) throw error;
  if (error instanceof PubNubError) {
    const { category, statusCode } = error.status;
    if (category === "PNValidationErrorCategory") {
      err(`error: ${error.message}`);
      return EXIT.usage;
    }
    const code = statusCode ? ` (HTTP ${statusCode})` : "";
    if (category === "PNNetworkIssuesCategory" || category === "PNTimeoutCategory") {
      err(`error: cannot reach ${origin}: ${error.message}`);
      err(`  is the server running? start one with: pubnub-ts serve (or pass --origin)`);
      return EXIT.refused;
    }
    err(`error: the service refused: ${error.message}${code} [${category}]`);
    return EXIT.refused;
  }
  err(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.refused;
}

/**
 * Runs `body` with a client, stops the client afterwards and maps failures to exit codes.
 *
 * @example
 * ```ts
 * import { withClient } from "./command.ts";
 * import { runtime } from "./runtime_deno.ts";
 * const context = { runtime, out: console.log, err: console.error };
 * await withClient({ positionals: [], flags: {}, help: false }, context, async () => {});
 * ```
 */
export async function withClient(
  args: ParsedArgs,
  context: CommandContext,
  body: (pubnub: PubNub) => Promise<void>,
): Promise<number> {
  const pubnub = makeClient(args, context.runtime);
  try {
    await body(pubnub);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, pubnub.config.origin, context.err);
  } finally {
    await pubnub.stop();
  }
}

/**
 * The `pubnub-ts` command line: picks the subcommand, parses its arguments, runs it and maps
 * what happened to an exit code (0 done, 1 the service refused, 2 bad usage).
 *
 * @module
 */
import { helpText, parseArgs, UsageError, usageLine } from "./args.ts";
import { type Command, type CommandContext, EXIT } from "./command.ts";
import { CONNECTION_FLAGS } from "./connection.ts";
import { hereNowCommand } from "./here_now.ts";
import { historyCommand } from "./history.ts";
import { fireCommand, publishCommand } from "./publish.ts";
import { serveCommand } from "./serve.ts";
import { signalCommand } from "./signal.ts";
import { subscribeCommand } from "./subscribe.ts";
import { timeCommand } from "./time.ts";
import { whereNowCommand } from "./where_now.ts";

/**
 * Every subcommand, in the order `--help` lists them.
 *
 * @example
 * ```ts
 * import { COMMANDS } from "./main.ts";
 * COMMANDS.map((c) => c.spec.name).includes("serve"); // true
 * ```
 */
export const COMMANDS: Command[] = [
  serveCommand,
  publishCommand,
  signalCommand,
  fireCommand,
  subscribeCommand,
  hereNowCommand,
  whereNowCommand,
  historyCommand,
  timeCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    "pubnub-ts: the local PubNub-compatible server, and a client for it or for the service",
    "",
    "usage: pubnub-ts <command> [arguments] [flags]",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    "",
    "`pubnub-ts <command> --help` for its arguments and flags.",
    "Client commands talk to 127.0.0.1:8090 (pubnub-ts serve) with the demo keys unless told",
    "otherwise: --origin, --publish-key, --subscribe-key, --user-id, or PUBNUB_ORIGIN,",
    "PUBNUB_PUBLISH_KEY, PUBNUB_SUBSCRIBE_KEY, PUBNUB_USER_ID, PUBNUB_AUTH_KEY, PUBNUB_SSL.",
    "exit codes: 0 done, 1 the service (or the network) refused, 2 bad usage.",
  ].join("\n");
}

/**
 * Runs the CLI with `argv` (the arguments after the program name); resolves to the exit code.
 *
 * @example
 * ```ts
 * import { runCli } from "./main.ts";
 * import { runtime } from "./runtime_deno.ts";
 * const context = { runtime, out: console.log, err: console.error };
 * await runCli(["--help"], context); // 0, after printing the overview
 * ```
 */
export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? COMMANDS.find((c) => c.spec.name === rest[0]) : undefined;
    if (topic) context.out(helpText(topic.spec, topic.connection ? CONNECTION_FLAGS : []));
    else (name === undefined ? context.err : context.out)(overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    context.err(`pubnub-ts: unknown command "${name}"`);
    context.err(`  commands: ${COMMANDS.map((c) => c.spec.name).join(", ")}; see pubnub-ts --help`);
    return EXIT.usage;
  }
  const spec = command.connection
    ? { ...command.spec, flags: [...command.spec.flags, ...CONNECTION_FLAGS] }
    : command.spec;
  try {
    const args = parseArgs(spec, rest);
    if (args.help) {
      context.out(helpText(command.spec, command.connection ? CONNECTION_FLAGS : []));
      return EXIT.ok;
    }
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.err(`pubnub-ts ${name}: ${error.message}`);
      context.err(`  usage: ${usageLine(command.spec)}   (see pubnub-ts ${name} --help)`);
      return EXIT.usage;
    }
    context.err(`pubnub-ts ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.refused;
  }
}

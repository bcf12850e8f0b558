/**
 * `pubnub-ts history <channel> [--count N]`: a channel's stored messages, oldest first.
 *
 * @module
 */
import { UsageError } from "./args.ts";
import { type Command, JSON_FLAG, withClient } from "./command.ts";

/**
 * The `history` subcommand.
 *
 * @example
 * ```ts
 * import { historyCommand } from "./history.ts";
 * historyCommand.spec.name; // "history"
 * ```
 */
export const historyCommand: Command = {
  connection: true,
  spec: {
    name: "history",
    summary: "prints a channel's stored messages, oldest first",
    positionals: [{ name: "channel", required: true }],
    flags: [
      {
        name: "count",
        kind: "integer",
        value: "N",
        help: "how many, the newest (1-100; default 25)",
      },
      JSON_FLAG,
    ],
  },
  run(args, context) {
    const [channel] = args.positionals;
    const count = (args.flags.count ?? 25) as number;
    if (count < 1 || count > 100) throw new UsageError(`--count must be 1-100, not ${count}`);
    return withClient(args, context, async (pubnub) => {
      const { result } = await pubnub.fetchMessages().channels([channel]).count(count)
        .includeMeta(true).includeUuid(true).future();
      const messages = result.channels[channel] ?? [];
      for (const m of messages) {
        context.out(
          args.flags.json
            ? JSON.stringify({ channel, ...m })
            : `${m.timetoken} ${m.uuid ?? "-"}: ${JSON.stringify(m.message)}`,
        );
      }
      if (!args.flags.json) {
        context.out(`${messages.length} message${messages.length === 1 ? "" : "s"} on ${channel}`);
      }
    });
  },
};

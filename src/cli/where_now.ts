/**
 * `pubnub-ts where-now [user-id]`: the channels a user is present on.
 *
 * @module
 */
import { type Command, JSON_FLAG, withClient } from "./command.ts";

/**
 * The `where-now` subcommand.
 *
 * @example
 * ```ts
 * import { whereNowCommand } from "./where_now.ts";
 * whereNowCommand.spec.name; // "where-now"
 * ```
 */
export const whereNowCommand: Command = {
  connection: true,
  spec: {
    name: "where-now",
    summary: "lists the channels a user is present on (default: --user-id)",
    positionals: [{ name: "user-id", required: false }],
    flags: [JSON_FLAG],
  },
  run(args, context) {
    return withClient(args, context, async (pubnub) => {
      const uuid = args.positionals[0] ?? pubnub.config.userId;
      const { result } = await pubnub.whereNow().uuid(uuid).future();
      if (args.flags.json) {
        context.out(JSON.stringify({ uuid, channels: result.channels }));
      } else {
        context.out(
          result.channels.length
            ? `${uuid} is present on: ${result.channels.join(", ")}`
            : `${uuid} is present on no channel`,
        );
      }
    });
  },
};

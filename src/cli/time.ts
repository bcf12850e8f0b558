/**
 * `pubnub-ts time`: the service's current timetoken (also a quick "is it up?" check).
 *
 * @module
 */
import { type Command, JSON_FLAG, withClient } from "./command.ts";

/**
 * The `time` subcommand.
 *
 * @example
 * ```ts
 * import { timeCommand } from "./time.ts";
 * timeCommand.spec.name; // "time"
 * ```
 */
export const timeCommand: Command = {
  connection: true,
  spec: {
    name: "time",
    summary: "prints the service's current timetoken",
    positionals: [],
    flags: [JSON_FLAG],
  },
  run(args, context) {
    return withClient(args, context, async (pubnub) => {
      const { result } = await pubnub.time().future();
      context.out(args.flags.json ? JSON.stringify(result) : String(result.timetoken));
    });
  },
};

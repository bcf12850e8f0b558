/**
 * `pubnub-ts signal <channel> <json|->`: a small, unstored message, printing its timetoken.
 *
 * @module
 */
import { type Command, JSON_FLAG, readJsonArgument, withClient } from "./command.ts";
import type { JsonValue } from "../core/json_value.ts";

/**
 * The `signal` subcommand.
 *
 * @example
 * ```ts
 * import { signalCommand } from "./signal.ts";
 * signalCommand.spec.name; // "signal"
 * ```
 */
export const signalCommand: Command = {
  connection: true,
  spec: {
    name: "signal",
    summary: "sends a signal (small, not stored) to a channel and prints its timetoken",
    positionals: [{ name: "channel", required: true }, { name: "json|-", required: true }],
    flags: [
      { name: "type", kind: "string", value: "TYPE", help: "custom message type" },
      JSON_FLAG,
    ],
    notes: [`example: pubnub-ts signal room '{"typing":true}'`],
  },
  async run(args, context) {
    const [channel, text] = args.positionals;
    const message = await readJsonArgument(text, "signal", context.runtime);
    return withClient(args, context, async (pubnub) => {
      const builder = pubnub.signal().channel(channel).message(message as JsonValue);
      if (typeof args.flags.type === "string") builder.customMessageType(args.flags.type);
      const { result } = await builder.future();
      context.out(
        args.flags.json
          ? JSON.stringify({ channel, timetoken: result.timetoken })
          : `signalled ${channel} at ${result.timetoken}`,
      );
    });
  },
};

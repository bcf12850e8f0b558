/**
 * `pubnub-ts here-now [channels...]`: who is present, per channel (every channel when none is
 * named).
 *
 * @module
 */
import { type Command, JSON_FLAG, withClient } from "./command.ts";

/**
 * The `here-now` subcommand.
 *
 * @example
 * ```ts
 * import { hereNowCommand } from "./here_now.ts";
 * hereNowCommand.spec.name; // "here-now"
 * ```
 */
export const hereNowCommand: Command = {
  connection: true,
  spec: {
    name: "here-now",
    summary: "lists who is present on channels (all channels when none is named)",
    positionals: [{ name: "channel", required: false, variadic: true }],
    flags: [
      { name: "group", kind: "list", value: "GROUP", help: "a channel group (repeatable)" },
      { name: "state", kind: "boolean", help: "include each occupant's state" },
      JSON_FLAG,
    ],
  },
  run(args, context) {
    return withClient(args, context, async (pubnub) => {
      const builder = pubnub.hereNow().channels(args.positionals).includeUuids(true);
      const groups = (args.flags.group ?? []) as string[];
      if (groups.length) builder.channelGroups(groups);
      if (args.flags.state === true) builder.includeState(true);
      const { result } = await builder.future();
      if (args.flags.json) {
        context.out(JSON.stringify(result));
        return;
      }
      const channels = Object.values(result.channels);
      for (const channel of channels) {
        const who = channel.occupants.map((o) =>
          args.flags.state === true && o.state != null
            ? `${o.uuid} ${JSON.stringify(o.state)}`
            : o.uuid
        );
        context.out(
          `${channel.channelName}: ${channel.occupancy} present${
            who.length ? `: ${who.join(", ")}` : ""
          }`,
        );
      }
      context.out(
        `total: ${result.totalOccupancy} present on ${result.totalChannels} channel${
          result.totalChannels === 1 ? "" : "s"
        }`,
      );
    });
  },
};

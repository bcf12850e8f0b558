/**
 * `pubnub-ts publish <channel> <json|->` and `pubnub-ts fire`: one message, stored (publish) or
 * not (fire), printing its timetoken.
 *
 * @module
 */
import { UsageError } from "./args.ts";
import { type Command, JSON_FLAG, readJsonArgument, withClient } from "./command.ts";
import type { JsonValue } from "../core/json_value.ts";

function publishLike(name: "publish" | "fire"): Command {
  const storeFlags = name === "publish"
    ? [
      {
        name: "store",
        kind: "boolean",
        help: "keep it in history (default); --no-store to skip",
      } as const,
      { name: "ttl", kind: "integer", value: "HOURS", help: "hours history keeps it" } as const,
    ]
    : [];
  return {
    connection: true,
    spec: {
      name,
      summary: name === "publish"
        ? "publishes a JSON message to a channel and prints its timetoken"
        : "sends a message to the service's functions only: not delivered, not stored",
      positionals: [{ name: "channel", required: true }, { name: "json|-", required: true }],
      flags: [
        { name: "meta", kind: "string", value: "JSON", help: "metadata object (for filters)" },
        { name: "post", kind: "boolean", help: "send the message in a POST body" },
        ...storeFlags,
        { name: "type", kind: "string", value: "TYPE", help: "custom message type" },
        JSON_FLAG,
      ],
      notes: [
        `example: pubnub-ts ${name} room '{"text":"hello"}'`,
        `         echo '"hi"' | pubnub-ts ${name} room -`,
      ],
    },
    async run(args, context) {
      const [channel, text] = args.positionals;
      const message = await readJsonArgument(text, "message", context.runtime);
      let meta: unknown;
      if (typeof args.flags.meta === "string") {
        meta = await readJsonArgument(args.flags.meta, "--meta value", context.runtime);
        if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
          throw new UsageError(`--meta must be a JSON object, not ${args.flags.meta}`);
        }
      }
      return withClient(args, context, async (pubnub) => {
        const builder = (name === "fire" ? pubnub.fire() : pubnub.publish())
          .channel(channel)
          .message(message as JsonValue);
        if (meta) builder.meta(meta as Record<string, unknown>);
        if (args.flags.post === true) builder.usePost(true);
        if (args.flags.store === false) builder.shouldStore(false);
        if (typeof args.flags.ttl === "number") builder.ttl(args.flags.ttl);
        if (typeof args.flags.type === "string") builder.customMessageType(args.flags.type);
        const { result } = await builder.future();
        context.out(
          args.flags.json
            ? JSON.stringify({ channel, timetoken: result.timetoken })
            : `${name === "fire" ? "fired" : "published"} to ${channel} at ${result.timetoken}`,
        );
      });
    },
  };
}

/**
 * The `publish` subcommand.
 *
 * @example
 * ```ts
 * import { publishCommand } from "./publish.ts";
 * publishCommand.spec.name; // "publish"
 * ```
 */
export const publishCommand: Command = publishLike("publish");

/**
 * The `fire` subcommand.
 *
 * @example
 * ```ts
 * import { fireCommand } from "./publish.ts";
 * fireCommand.spec.name; // "fire"
 * ```
 */
export const fireCommand: Command = publishLike("fire");

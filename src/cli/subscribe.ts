/**
 * `pubnub-ts subscribe <channels...>`: streams messages, signals and (with `--presence`)
 * presence events, one line each, until Ctrl-C or SIGTERM.
 *
 * @module
 */
import { isTimetoken } from "../core/wire/timetoken.ts";
import type { PNStatus } from "../core/status.ts";
import type { PNMessageResult, PNPresenceEventResult } from "../core/subscribe/envelope.ts";
import { UsageError } from "./args.ts";
import { type Command, EXIT, JSON_FLAG, makeClient, reportFailure } from "./command.ts";

/** Categories after which the subscription cannot go on by itself. */
const FATAL = new Set([
  "PNAccessDeniedCategory",
  "PNBadRequestCategory",
  "PNMalformedResponseCategory",
  "PNConnectionErrorCategory",
]);

/** The fields of any presence event, each optional (one function formats every kind). */
interface PresenceFields {
  event?: PNPresenceEventResult["event"];
  uuid?: string;
  occupancy?: number;
  joined?: string[];
  left?: string[];
  timedout?: string[];
}

/**
 * One event as a line of text.
 *
 * @example
 * ```ts
 * import { formatEvent } from "./subscribe.ts";
 * formatEvent("message", { channel: "room", publisher: "alice", timetoken: "1", message: { t: 1 } });
 * // '[room] alice: {"t":1}'
 * ```
 */
export function formatEvent(
  type: "message" | "signal" | "presence",
  event: Partial<PNMessageResult> & PresenceFields,
): string {
  if (type === "presence") {
    const who = event.uuid ?? [
      ...(event.joined ?? []).map((u) => `+${u}`),
      ...(event.left ?? []).map((u) => `-${u}`),
      ...(event.timedout ?? []).map((u) => `~${u}`),
    ].join(" ");
    const occupancy = event.occupancy === undefined ? "" : ` (occupancy ${event.occupancy})`;
    return `[${event.channel}] presence: ${event.event} ${who}${occupancy}`.replace(/ +\(/, " (");
  }
  const from = event.publisher ?? "?";
  const label = type === "signal" ? `signal from ${from}` : from;
  return `[${event.channel}] ${label}: ${JSON.stringify(event.message)}`;
}

/**
 * The `subscribe` subcommand.
 *
 * @example
 * ```ts
 * import { subscribeCommand } from "./subscribe.ts";
 * subscribeCommand.spec.name; // "subscribe"
 * ```
 */
export const subscribeCommand: Command = {
  connection: true,
  spec: {
    name: "subscribe",
    summary: "prints messages, signals and presence events as they arrive, until Ctrl-C",
    positionals: [{ name: "channel", required: false, variadic: true }],
    flags: [
      { name: "group", kind: "list", value: "GROUP", help: "a channel group (repeatable)" },
      { name: "presence", kind: "boolean", help: "also print presence events" },
      { name: "timetoken", kind: "string", value: "TT", help: "start from this timetoken" },
      JSON_FLAG,
    ],
    notes: [
      "progress (subscribed, reconnecting) goes to stderr; events to stdout",
      "example: pubnub-ts subscribe room lobby --presence --json",
    ],
  },
  async run(args, context) {
    const channels = args.positionals;
    const groups = (args.flags.group ?? []) as string[];
    if (channels.length === 0 && groups.length === 0) {
      throw new UsageError("name at least one <channel> or --group");
    }
    const timetoken = args.flags.timetoken as string | undefined;
    if (timetoken !== undefined && !isTimetoken(timetoken)) {
      throw new UsageError(`--timetoken must be a decimal timetoken, not "${timetoken}"`);
    }
    const json = args.flags.json === true;
    const pubnub = makeClient(args, context.runtime);
    // The SDK retries a failing handshake quietly; a first call says at once when nobody is there.
    try {
      await pubnub.time().future();
    } catch (error) {
      await pubnub.stop();
      return reportFailure(error, pubnub.config.origin, context.err);
    }
    return new Promise<number>((resolve) => {
      let finished = false;
      const finish = async (code: number) => {
        if (finished) return;
        finished = true;
        stopListening();
        await pubnub.stop();
        resolve(code);
      };
      const stopListening = context.runtime.onTerminate((signal) => {
        context.err(`${signal}: unsubscribing`);
        void finish(EXIT.ok);
      });
      const print = (type: "message" | "signal" | "presence", event: object) => {
        context.out(
          json
            ? JSON.stringify({ type, ...event })
            : formatEvent(type, event as Partial<PNMessageResult>),
        );
      };
      pubnub.addListener({
        message: (_p, m) => print("message", m),
        signal: (_p, s) => print("signal", s),
        presence: (_p, p) => print("presence", p),
        status: (_p, status: PNStatus) => {
          const names = [...channels, ...groups.map((g) => `group ${g}`)].join(", ");
          if (status.category === "PNConnectedCategory") {
            context.err(`subscribed to ${names} on ${pubnub.config.origin} (Ctrl-C to stop)`);
          } else if (status.category === "PNReconnectedCategory") {
            context.err(`reconnected to ${names}`);
          } else if (FATAL.has(status.category) && status.isError()) {
            const code = status.statusCode ? ` (HTTP ${status.statusCode})` : "";
            const detail = (status.errorData as { message?: string } | undefined)?.message;
            context.err(
              `error: the subscription stopped: ${status.category}${code}${
                detail ? `: ${detail}` : ""
              }`,
            );
            void finish(EXIT.refused);
          } else if (status.isError()) {
            const detail = (status.errorData as { message?: string } | undefined)?.message;
            const what = status.category === "PNNetworkIssuesCategory"
              ? `cannot reach ${pubnub.config.origin} (is the server running? pubnub-ts serve)`
              : status.category;
            context.err(`${what}${detail ? `: ${detail}` : ""}; retrying (Ctrl-C to stop)`);
          }
        },
      });
      const subscribe = pubnub.subscribe().channels(channels).channelGroups(groups);
      if (args.flags.presence === true) subscribe.withPresence();
      if (timetoken !== undefined) subscribe.withTimetoken(timetoken);
      subscribe.execute();
    });
  },
};

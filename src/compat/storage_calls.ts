/**
 * The official SDK's storage and message action calls on top of our builders: `fetchMessages`,
 * `history`, `messageCounts`, `deleteMessages`, `addMessageAction`, `getMessageActions`,
 * `removeMessageAction`.
 *
 * @module
 */
import type { PNFetchMessagesResult } from "../core/requests/fetch_messages.ts";
import type { PNHistoryResult } from "../core/requests/history.ts";
import type { PNGetMessageActionsResult } from "../core/requests/message_actions.ts";
import { addCalls } from "./call.ts";
import type * as Calls from "./call_types.ts";
import { PubNubCalls } from "./calls.ts";
import { defined } from "./events.ts";

/**
 * The storage and message action calls of the compat client.
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: "127.0.0.1:9", ssl: false });
 * await pubnub.fetchMessages({ channels: ["a"], count: 10 }).catch((e) => console.log(e.status));
 * pubnub.destroy();
 * ```
 */
export class PubNubStorageCalls extends PubNubCalls {
  /** Messages stored on channels, oldest first; `count` per channel. */
  declare fetchMessages: Calls.Call<Calls.FetchMessagesParameters, Calls.FetchMessagesResponse>;
  /** One channel's stored messages (the older storage call). */
  declare history: Calls.Call<Calls.HistoryParameters, Calls.HistoryResponse>;
  /** How many messages each channel stored since a timetoken (one for all, or one each). */
  declare messageCounts: Calls.Call<Calls.MessageCountsParameters, Calls.MessageCountsResponse>;
  /** Deletes a channel's stored messages in a range (all of them without one). */
  declare deleteMessages: Calls.Call<Calls.DeleteMessagesParameters, Record<string, unknown>>;
  /** Adds an action (a reaction, a receipt) to a stored message. */
  declare addMessageAction: Calls.Call<
    Calls.AddMessageActionParameters,
    { data: Calls.MessageAction }
  >;
  /** A channel's message actions, oldest first, within a range. */
  declare getMessageActions: Calls.Call<
    Calls.GetMessageActionsParameters,
    Calls.GetMessageActionsResponse
  >;
  /** Removes a message action. */
  declare removeMessageAction: Calls.Call<
    Calls.RemoveMessageActionParameters,
    { data: Record<string, unknown> }
  >;
}

addCalls(PubNubStorageCalls, {
  // Our defaults are the official ones: `includeUUID` (or `includeUuid`) and `includeMessageType`
  // on, `includeMeta` and `includeMessageActions` off.
  fetchMessages: [fetched],
  // The official SDK sends a larger count or limit; the service gives 100 at most.
  history: [historyResponse, (builder, p) => {
    builder.includeTimetoken(true);
    if (p.count > 100) builder.count(100);
  }],
  messageCounts: [
    "channels",
    (builder, p: Calls.MessageCountsParameters) => {
      const each = p.channelTimetokens ?? [];
      if (each.length > 1) builder.channelsTimetoken(each);
      else builder.timetoken(each[0] ?? p.timetoken ?? "");
    },
  ],
  deleteMessages: [],
  addMessageAction: [(action) => ({ data: action })],
  getMessageActions: [actionsResponse, (builder, p) => p.limit > 100 && builder.limit(100)],
  removeMessageAction: [() => ({ data: {} })],
});

function fetched(
  r: PNFetchMessagesResult,
  p: Calls.FetchMessagesParameters,
): Calls.FetchMessagesResponse {
  const channels: Calls.FetchMessagesResponse["channels"] = {};
  for (const [channel, messages] of Object.entries(r.channels)) {
    channels[channel] = messages.map((m) =>
      defined({
        ...m,
        channel,
        // The official SDK numbers a message -1 where we (as the subscribe envelope) say 0.
        messageType: p.includeMessageType === false ? undefined : m.messageType || -1,
        customMessageType: p.includeCustomMessageType ? m.customMessageType : undefined,
        meta: m.meta === "" ? undefined : m.meta,
        // The official SDK gives the actions under both names.
        data: m.actions,
      }) as Calls.FetchedMessage
    );
  }
  return { channels };
}

/** As the official SDK: timetokens are numbers unless `stringifiedTimeToken`. */
function historyResponse(r: PNHistoryResult, p: Calls.HistoryParameters): Calls.HistoryResponse {
  return {
    messages: r.messages.map((m) =>
      defined({
        ...m,
        timetoken: p.stringifiedTimeToken ? m.timetoken ?? "0" : Number(m.timetoken ?? "0"),
      }) as Calls.HistoryResponse["messages"][number]
    ),
    startTimeToken: Number(r.startTimetoken),
    endTimeToken: Number(r.endTimetoken),
  };
}

function actionsResponse(r: PNGetMessageActionsResult): Calls.GetMessageActionsResponse {
  const data = r.actions;
  const response: Calls.GetMessageActionsResponse = {
    data,
    start: data[0]?.actionTimetoken ?? null,
    end: data.at(-1)?.actionTimetoken ?? null,
  };
  if (r.more?.url !== undefined) {
    response.more = { start: "", end: "", limit: 100, ...defined(r.more) } as typeof response.more;
  }
  return response;
}

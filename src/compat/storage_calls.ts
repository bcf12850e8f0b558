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
import { send, settle } from "./call.ts";
import type * as Calls from "./call_types.ts";
import { nativeOf, PubNubCalls } from "./calls.ts";
import type * as T from "./types.ts";

/**
 * The storage and message action calls of the compat client.
 *
 * @example
 * ```ts
 * import PubNub from "../../compat.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: "127.0.0.1:9", ssl: false });
 * await pubnub.fetchMessages({ channels: ["a"], count: 10 }).catch((e) => console.log(e.status));
 * pubnub.destroy();
 * ```
 */
export class PubNubStorageCalls extends PubNubCalls {
  /** Messages stored on channels, oldest first; `count` per channel. */
  fetchMessages(parameters: Calls.FetchMessagesParameters): Promise<Calls.FetchMessagesResponse>;
  /** Stored messages, callback style. */
  fetchMessages(
    parameters: Calls.FetchMessagesParameters,
    callback: T.ResultCallback<Calls.FetchMessagesResponse>,
  ): void;
  fetchMessages(
    p: Calls.FetchMessagesParameters,
    callback?: T.ResultCallback<Calls.FetchMessagesResponse>,
  ): Promise<Calls.FetchMessagesResponse> | void {
    return settle(
      () =>
        send(
          nativeOf(this).fetchMessages().channels(p.channels)
            .includeMeta(p.includeMeta ?? false)
            .includeUuid(p.includeUUID ?? p.includeUuid ?? true)
            .includeMessageType(p.includeMessageType ?? true)
            .includeMessageActions(p.includeMessageActions ?? false),
          p,
          "count start end",
        ),
      (r) => fetched(r, p),
      callback,
    );
  }

  /** One channel's stored messages (the older storage call). */
  history(parameters: Calls.HistoryParameters): Promise<Calls.HistoryResponse>;
  /** One channel's stored messages, callback style. */
  history(
    parameters: Calls.HistoryParameters,
    callback: T.ResultCallback<Calls.HistoryResponse>,
  ): void;
  history(
    p: Calls.HistoryParameters,
    callback?: T.ResultCallback<Calls.HistoryResponse>,
  ): Promise<Calls.HistoryResponse> | void {
    return settle(
      () =>
        send(
          nativeOf(this).history().channel(p.channel).includeTimetoken(true)
            .includeMeta(p.includeMeta ?? false),
          p,
          "count start end reverse",
        ),
      (r) => historyResponse(r, p.stringifiedTimeToken ?? false),
      callback,
    );
  }

  /** How many messages each channel stored since a timetoken (one for all, or one each). */
  messageCounts(parameters: Calls.MessageCountsParameters): Promise<Calls.MessageCountsResponse>;
  /** Message counts, callback style. */
  messageCounts(
    parameters: Calls.MessageCountsParameters,
    callback: T.ResultCallback<Calls.MessageCountsResponse>,
  ): void;
  messageCounts(
    p: Calls.MessageCountsParameters,
    callback?: T.ResultCallback<Calls.MessageCountsResponse>,
  ): Promise<Calls.MessageCountsResponse> | void {
    return settle(
      () => {
        const builder = nativeOf(this).messageCounts().channels(p.channels);
        const each = p.channelTimetokens ?? [];
        if (each.length > 1) builder.channelsTimetoken(each);
        else builder.timetoken(each[0] ?? p.timetoken ?? "");
        return builder.future();
      },
      (r) => ({ channels: r.channels }),
      callback,
    );
  }

  /** Deletes a channel's stored messages in a range (all of them without one). */
  deleteMessages(parameters: Calls.DeleteMessagesParameters): Promise<Record<string, unknown>>;
  /** Deletes stored messages, callback style. */
  deleteMessages(
    parameters: Calls.DeleteMessagesParameters,
    callback: T.ResultCallback<Record<string, unknown>>,
  ): void;
  deleteMessages(
    p: Calls.DeleteMessagesParameters,
    callback?: T.ResultCallback<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> | void {
    return settle(
      () => send(nativeOf(this).deleteMessages().channel(p.channel), p, "start end"),
      () => ({}),
      callback,
    );
  }

  /** Adds an action (a reaction, a receipt) to a stored message. */
  addMessageAction(
    parameters: Calls.AddMessageActionParameters,
  ): Promise<{ data: Calls.MessageAction }>;
  /** Adds a message action, callback style. */
  addMessageAction(
    parameters: Calls.AddMessageActionParameters,
    callback: T.ResultCallback<{ data: Calls.MessageAction }>,
  ): void;
  addMessageAction(
    p: Calls.AddMessageActionParameters,
    callback?: T.ResultCallback<{ data: Calls.MessageAction }>,
  ): Promise<{ data: Calls.MessageAction }> | void {
    return settle(
      () =>
        nativeOf(this).addMessageAction().channel(p.channel).messageTimetoken(p.messageTimetoken)
          .action(p.action).future(),
      (action) => ({ data: { ...action } }),
      callback,
    );
  }

  /** A channel's message actions, oldest first, within a range. */
  getMessageActions(
    parameters: Calls.GetMessageActionsParameters,
  ): Promise<Calls.GetMessageActionsResponse>;
  /** A channel's message actions, callback style. */
  getMessageActions(
    parameters: Calls.GetMessageActionsParameters,
    callback: T.ResultCallback<Calls.GetMessageActionsResponse>,
  ): void;
  getMessageActions(
    p: Calls.GetMessageActionsParameters,
    callback?: T.ResultCallback<Calls.GetMessageActionsResponse>,
  ): Promise<Calls.GetMessageActionsResponse> | void {
    return settle(
      () => send(nativeOf(this).getMessageActions().channel(p.channel), p, "start end limit"),
      actionsResponse,
      callback,
    );
  }

  /** Removes a message action. */
  removeMessageAction(
    parameters: Calls.RemoveMessageActionParameters,
  ): Promise<{ data: Record<string, unknown> }>;
  /** Removes a message action, callback style. */
  removeMessageAction(
    parameters: Calls.RemoveMessageActionParameters,
    callback: T.ResultCallback<{ data: Record<string, unknown> }>,
  ): void;
  removeMessageAction(
    p: Calls.RemoveMessageActionParameters,
    callback?: T.ResultCallback<{ data: Record<string, unknown> }>,
  ): Promise<{ data: Record<string, unknown> }> | void {
    return settle(
      () =>
        nativeOf(this).removeMessageAction().channel(p.channel)
          .messageTimetoken(p.messageTimetoken).actionTimetoken(p.actionTimetoken).future(),
      () => ({ data: {} }),
      callback,
    );
  }
}

function fetched(
  r: PNFetchMessagesResult,
  p: Calls.FetchMessagesParameters,
): Calls.FetchMessagesResponse {
  const channels: Calls.FetchMessagesResponse["channels"] = {};
  for (const [channel, messages] of Object.entries(r.channels)) {
    channels[channel] = messages.map((m) => {
      const out: Calls.FetchedMessage = {
        channel,
        timetoken: m.timetoken,
        message: m.message as T.Payload,
      };
      if (p.includeMessageType !== false) out.messageType = m.messageType ?? -1;
      if (m.customMessageType !== undefined && p.includeCustomMessageType) {
        out.customMessageType = m.customMessageType;
      }
      if (m.uuid !== undefined) out.uuid = m.uuid;
      if (m.meta !== undefined && m.meta !== "") out.meta = m.meta as T.Payload;
      // The official SDK gives the actions under both names.
      if (m.actions !== undefined) out.actions = out.data = m.actions;
      if (m.error !== undefined) out.error = m.error;
      return out;
    });
  }
  return { channels };
}

/** As the official SDK: timetokens are numbers unless `stringifiedTimeToken`. */
function historyResponse(r: PNHistoryResult, stringified: boolean): Calls.HistoryResponse {
  const tt = (t: string) => stringified ? t : Number(t);
  return {
    messages: r.messages.map((m) => {
      const out: Calls.HistoryResponse["messages"][number] = {
        entry: m.entry as T.Payload,
        timetoken: tt(m.timetoken ?? "0"),
      };
      if (m.meta !== undefined) out.meta = m.meta as T.Payload;
      if (m.error !== undefined) out.error = m.error;
      return out;
    }),
    startTimeToken: Number(r.startTimetoken),
    endTimeToken: Number(r.endTimetoken),
  };
}

function actionsResponse(r: PNGetMessageActionsResult): Calls.GetMessageActionsResponse {
  const data = r.actions.map((a) => ({ ...a }));
  const response: Calls.GetMessageActionsResponse = {
    data,
    start: data[0]?.actionTimetoken ?? null,
    end: data.at(-1)?.actionTimetoken ?? null,
  };
  if (r.more?.url !== undefined) {
    response.more = {
      url: r.more.url,
      start: r.more.start ?? "",
      end: r.more.end ?? "",
      limit: r.more.limit ?? 100,
    };
  }
  return response;
}

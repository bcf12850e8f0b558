/**
 * The official SDK's storage calls on top of our builders: `fetchMessages` (and, with the
 * storage API, `history`, `messageCounts`, `deleteMessages` and the message action calls).
 *
 * @module
 */
import type { PNFetchMessagesResult } from "../core/requests/fetch_messages.ts";
import { invalid, settle } from "./call.ts";
import type * as Calls from "./call_types.ts";
import { nativeOf, PubNubCalls } from "./calls.ts";
import type * as T from "./types.ts";

/**
 * The storage calls of the compat client.
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
  /** Messages stored on channels, newest last; `count` per channel. */
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
      () => {
        if (p.includeMessageActions && p.channels.length > 1) {
          invalid("PNFetchMessagesOperation", "Actions are fetched for one channel at a time");
        }
        const builder = nativeOf(this).fetchMessages().channels(p.channels)
          .includeMeta(p.includeMeta ?? false)
          .includeUuid(p.includeUUID ?? p.includeUuid ?? true)
          .includeMessageType(p.includeMessageType ?? true);
        if (p.count !== undefined) builder.count(p.count);
        if (p.start !== undefined) builder.start(p.start);
        if (p.end !== undefined) builder.end(p.end);
        return builder.future();
      },
      (r) => fetched(r, p),
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
      if (m.messageType !== undefined || p.includeMessageType !== false) {
        out.messageType = m.messageType ?? -1;
      }
      if (m.customMessageType !== undefined && p.includeCustomMessageType) {
        out.customMessageType = m.customMessageType;
      }
      if (m.uuid !== undefined) out.uuid = m.uuid;
      if (m.meta !== undefined && m.meta !== "") out.meta = m.meta as T.Payload;
      if (m.error !== undefined) out.error = m.error;
      return out;
    });
  }
  return { channels };
}

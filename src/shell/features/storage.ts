/**
 * The `storage` feature: the other storage calls, as on `PubNub`: one channel's history (v2),
 * message counts and deleting messages.
 *
 * @module
 */
import { DeleteMessagesBuilder } from "../builders/delete_messages.ts";
import { HistoryBuilder } from "../builders/history.ts";
import { MessageCountsBuilder } from "../builders/message_counts.ts";
import type { DeleteMessages, History, MessageCounts } from "../builders/storage_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `storage` adds.
 *
 * @example
 * ```ts
 * import type { StorageCalls } from "@pubnub-ts/pubsub/modular";
 * const count = (pubnub: StorageCalls) => pubnub.messageCounts().channels(["a"]).timetoken("1");
 * ```
 */
export interface StorageCalls {
  /** Reads one channel's history (v2): `history().channel("a").count(100)`. */
  history(): History;
  /** Counts stored messages after a timetoken: `messageCounts().channels([...]).timetoken(t)`. */
  messageCounts(): MessageCounts;
  /** Deletes stored messages: `deleteMessages().channel("a").start(t1).end(t2)`. */
  deleteMessages(): DeleteMessages;
}

/**
 * Storage: history (v2), message counts, deletes.
 *
 * @example
 * ```ts
 * import { createPubNub, storage } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [storage]);
 * const call = pubnub.history().channel("room").count(10);
 * await pubnub.stop();
 * ```
 */
export const storage: Feature<StorageCalls> = /* @__PURE__ */ defineFeature<StorageCalls>({
  name: "storage",
  install: (host) => ({
    history: () =>
      new HistoryBuilder(host.sender, host.config, { decode: host.cipher?.decodePayload }),
    messageCounts: () => new MessageCountsBuilder(host.sender, host.config),
    deleteMessages: () => new DeleteMessagesBuilder(host.sender, host.config),
  }),
});

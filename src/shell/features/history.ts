/**
 * The `history` feature: `fetchMessages()`, as on `PubNub`.
 *
 * @module
 */
import { FetchMessagesBuilder } from "../builders/fetch_messages.ts";
import type { FetchMessages } from "../builders/storage_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `history` adds.
 *
 * @example
 * ```ts
 * import type { HistoryCalls } from "@pubnub-ts/pubsub/modular";
 * const last = (pubnub: HistoryCalls) => pubnub.fetchMessages().channels(["room"]).count(25);
 * ```
 */
export interface HistoryCalls {
  /**
   * Reads history: `fetchMessages().channels([...]).count(25)` → `{ channels: { a: [...] } }`.
   * With the `encryption` feature and a `cipherKey` messages are decrypted.
   */
  fetchMessages<M = unknown>(): FetchMessages<M>;
}

/**
 * Reading stored messages.
 *
 * @example
 * ```ts
 * import { createPubNub, history } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [history]);
 * const call = pubnub.fetchMessages().channels(["room"]).count(10);
 * await pubnub.stop();
 * ```
 */
export const history: Feature<HistoryCalls> = /* @__PURE__ */ defineFeature<HistoryCalls>({
  name: "history",
  install: (host) => ({
    fetchMessages: <M>() =>
      new FetchMessagesBuilder<M>(host.sender, host.config, { decode: host.cipher?.decodePayload }),
  }),
});

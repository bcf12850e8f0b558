/**
 * The `messageStreams` feature: messages and message action events as async iterators, as on
 * `PubNub` (with `subscribing`).
 *
 * @module
 */
import type { PNMessageActionResult, PNMessageResult } from "../../core/subscribe/envelope.ts";
import { checkStreamNames, checkStreamOptions, messageStream } from "../message_stream.ts";
import { streamSourceOf } from "../stream_source.ts";
import { defineFeature, type Feature, requireFeature } from "./client.ts";

/**
 * What a stream is asked for: names, and a signal that ends it.
 *
 * @example
 * ```ts
 * import type { StreamOptions } from "@pubnub-ts/pubsub/modular";
 * const options: StreamOptions = { channels: ["room"] };
 * ```
 */
export interface StreamOptions {
  /** Channels to receive on. */
  channels?: string[];
  /** Channel groups to receive on. */
  channelGroups?: string[];
  /** Ends the stream when it aborts. */
  signal?: AbortSignal;
}

/**
 * The calls `messageStreams` adds.
 *
 * @example
 * ```ts
 * import type { MessageStreamCalls } from "@pubnub-ts/pubsub/modular";
 * const stream = (pubnub: MessageStreamCalls) => pubnub.messages({ channels: ["room"] });
 * ```
 */
export interface MessageStreamCalls {
  /**
   * Messages on `channels` (and `channelGroups`) as an async iterator: subscribes on the first
   * pull; ends when `signal` aborts or the client stops; unsubscribes only what nobody else uses.
   */
  messages<M = unknown>(options: StreamOptions): AsyncIterableIterator<PNMessageResult<M>>;
  /** Message action events on `channels` (and `channelGroups`) as an async iterator. */
  messageActions(options: StreamOptions): AsyncIterableIterator<PNMessageActionResult>;
}

/**
 * Async iterators over messages and message actions.
 *
 * @example
 * ```ts
 * import { createPubNub, messageStreams, subscribing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [subscribing, messageStreams]);
 * const abort = new AbortController();
 * const stream = pubnub.messages({ channels: ["room"], signal: abort.signal });
 * abort.abort();
 * await pubnub.stop();
 * ```
 */
export const messageStreams: Feature<MessageStreamCalls> = /* @__PURE__ */ defineFeature<
  MessageStreamCalls
>({
  name: "messageStreams",
  prepare: (host) => requireFeature(host, "messageStreams", "subscribing"),
  install: (host) => ({
    messages: <M>(options: StreamOptions) => {
      checkStreamOptions(options);
      checkStreamNames(options);
      // Typed as the app says its messages are: nothing checks the payload.
      return messageStream(
        streamSourceOf(host.subscriber!.subscription),
        options,
      ) as AsyncIterableIterator<PNMessageResult<M>>;
    },
    messageActions: (options: StreamOptions) => {
      checkStreamNames(options);
      return messageStream(streamSourceOf(host.subscriber!.subscription), options, "messageAction");
    },
  }),
});

import type { PNDeleteMessagesResult } from "../../core/requests/delete_messages.ts";
import type { PNFetchMessagesResult } from "../../core/requests/fetch_messages.ts";
import type { PNHistoryResult } from "../../core/requests/history.ts";
import type { PNMessageCountsResult } from "../../core/requests/message_counts.ts";
import type { PNEnvelope } from "../endpoint.ts";
import type { PNRequest } from "./request_api.ts";

/**
 * The fetch-messages builder, from `pubnub.fetchMessages()`: stored messages of some channels,
 * oldest first. Resolves to `{ channels: { a: [{ message, timetoken, uuid, meta }] } }`. `count`
 * defaults to (and is capped at) 100 for one channel, 25 for several. With a cipher key,
 * messages are decrypted; one that cannot be is returned as stored with `error` saying why
 * (nothing is dropped). `M` types the messages as the app knows them: `fetchMessages<Chat>()`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.publish().channel("a").message({ text: "hi" }).meta({ lang: "en" });
 * const { result } = await pubnub.fetchMessages<{ text: string }>().channels(["a"]).count(25).includeMeta(true);
 * for (const item of result.channels.a ?? []) console.log(item.timetoken, item.message.text);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface FetchMessages<M = unknown> extends PNRequest<PNFetchMessagesResult<M>> {
  /** Channels to read (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this;
  /** Messages per channel, at most (a whole number ≥ 1; lowered to the maximum). */
  count(count: number): this;
  /** Only messages older than this timetoken (exclusive). */
  start(timetoken: string | bigint): this;
  /** Only messages at or newer than this timetoken (inclusive). */
  end(timetoken: string | bigint): this;
  /** Include each message's publish meta (default `false`). */
  includeMeta(include: boolean): this;
  /** Include each message's publisher (default `true`). */
  includeUuid(include: boolean): this;
  /** Include each message's type number (default `true`). */
  includeMessageType(include: boolean): this;
  /** Include each message's custom type, as its publisher set it (default `false`). */
  includeCustomMessageType(include: boolean): this;
  /**
   * Include each message's actions (default `false`): one channel only, at most 25 messages;
   * several channels are refused before anything is sent.
   */
  includeMessageActions(include: boolean): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNFetchMessagesResult<M>>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNFetchMessagesResult<M>>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNFetchMessagesResult<M>>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The history builder, from `pubnub.history()`: one channel's stored messages (the v2 history
 * call). Resolves to `{ messages: [{ entry, timetoken?, meta? }], startTimetoken, endTimetoken }`.
 * `count` is at most 100 (the default). With a cipher key, entries are decrypted; one that
 * cannot be is returned as stored with `error` saying why.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.publish().channel("a").message("hello");
 * const { result } = await pubnub.history().channel("a").count(10).includeTimetoken(true);
 * for (const item of result.messages) console.log(item.timetoken, item.entry);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface History extends PNRequest<PNHistoryResult> {
  /** The channel to read. */
  channel(channel: string): this;
  /** How many messages, at most (a whole number from 1 to 100; default 100). */
  count(count: number): this;
  /** Only messages older than this timetoken (exclusive). */
  start(timetoken: string | bigint): this;
  /** Only messages at or newer than this timetoken (inclusive). */
  end(timetoken: string | bigint): this;
  /** `true`: read from the oldest end of the range instead of the newest. */
  reverse(reverse: boolean): this;
  /** Include each message's timetoken (default `false`). */
  includeTimetoken(include: boolean): this;
  /** Include each message's publish meta (default `false`). */
  includeMeta(include: boolean): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNHistoryResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNHistoryResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNHistoryResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The message-counts builder, from `pubnub.messageCounts()`: how many messages are stored on
 * channels after a timetoken, given as one `timetoken` for all or as `channelsTimetoken` with one
 * per channel, in the same order. Resolves to `{ channels: { a: 3, b: 0 } }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.messageCounts().channels(["a", "b"])
 *   .channelsTimetoken(["17000000000000000", "17000000000000001"]);
 * console.log(result.channels.a);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface MessageCounts extends PNRequest<PNMessageCountsResult> {
  /** Channels to count (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this;
  /** One timetoken (exclusive) for every channel. */
  timetoken(timetoken: string | bigint): this;
  /** One timetoken (exclusive) per channel, in the channels' order. */
  channelsTimetoken(timetokens: readonly (string | bigint)[]): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNMessageCountsResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNMessageCountsResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNMessageCountsResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The delete-messages builder, from `pubnub.deleteMessages()`: deletes a channel's stored
 * messages between `start` (exclusive) and `end` (inclusive); without either, all of them.
 * Resolves to `{}`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.deleteMessages().channel("a").start("17000000000000009").end("17000000000000001");
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface DeleteMessages extends PNRequest<PNDeleteMessagesResult> {
  /** The channel. */
  channel(channel: string): this;
  /** Timetoken (exclusive) where deleting starts. */
  start(timetoken: string | bigint): this;
  /** Timetoken (inclusive) where deleting ends. */
  end(timetoken: string | bigint): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNDeleteMessagesResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNDeleteMessagesResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNDeleteMessagesResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

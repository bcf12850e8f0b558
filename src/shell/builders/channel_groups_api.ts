import type {
  PNChannelGroupAckResult,
  PNChannelGroupChannelsResult,
  PNChannelGroupsResult,
} from "../../core/requests/channel_groups.ts";
import type { PNEnvelope } from "../endpoint.ts";
import type { PNRequest } from "./request_api.ts";

/**
 * The add-channels-to-group builder, from `pubnub.addChannelToChannelGroup()`. Resolves to `{}`
 * once the service has added them (creating the group if needed).
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.addChannelToChannelGroup().channels(["a", "b"]).channelGroup("g");
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface AddChannelToChannelGroup extends PNRequest<PNChannelGroupAckResult> {
  /** Channels to add (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this;
  /** The group. */
  channelGroup(group: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNChannelGroupAckResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNChannelGroupAckResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNChannelGroupAckResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The remove-channels-from-group builder, from `pubnub.removeChannelFromChannelGroup()`.
 * Resolves to `{}` once the service has removed them.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.addChannelToChannelGroup().channels(["a", "b"]).channelGroup("g");
 * await pubnub.removeChannelFromChannelGroup().channels("b").channelGroup("g");
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface RemoveChannelFromChannelGroup extends PNRequest<PNChannelGroupAckResult> {
  /** Channels to remove (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this;
  /** The group. */
  channelGroup(group: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNChannelGroupAckResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNChannelGroupAckResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNChannelGroupAckResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The list-channels-of-a-group builder, from `pubnub.listChannelsForChannelGroup()`. Resolves
 * to `{ channels: string[] }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.addChannelToChannelGroup().channels(["a"]).channelGroup("g");
 * const { result } = await pubnub.listChannelsForChannelGroup().channelGroup("g");
 * console.log(result.channels); // ["a"]
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface ListChannelsForChannelGroup extends PNRequest<PNChannelGroupChannelsResult> {
  /** The group. */
  channelGroup(group: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNChannelGroupChannelsResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNChannelGroupChannelsResult>, R2 = never>(
    onfulfilled?:
      | ((envelope: PNEnvelope<PNChannelGroupChannelsResult>) => R1 | PromiseLike<R1>)
      | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The delete-a-group builder, from `pubnub.removeChannelGroup()`. Resolves to `{}` once the
 * group is gone.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.removeChannelGroup().channelGroup("g");
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface RemoveChannelGroup extends PNRequest<PNChannelGroupAckResult> {
  /** The group. */
  channelGroup(group: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNChannelGroupAckResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNChannelGroupAckResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNChannelGroupAckResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The list-groups builder, from `pubnub.listChannelGroups()`: the keyset's channel groups.
 * Resolves to `{ groups: string[] }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.listChannelGroups();
 * console.log(result.groups);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface ListChannelGroups extends PNRequest<PNChannelGroupsResult> {
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNChannelGroupsResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNChannelGroupsResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNChannelGroupsResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

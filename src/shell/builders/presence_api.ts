import type { PNHereNowResult } from "../../core/requests/here_now.ts";
import type { PNGetStateResult, PNSetStateResult } from "../../core/requests/state.ts";
import type { PNWhereNowResult } from "../../core/requests/where_now.ts";
import type { PNEnvelope } from "../endpoint.ts";
import type { PNRequest } from "./request_api.ts";

/**
 * The here-now builder, from `pubnub.hereNow()`: who is present on some channels, some groups,
 * or (naming neither) the whole keyset. Resolves to
 * `{ totalChannels, totalOccupancy, channels: { a: { channelName, occupancy, occupants: [{ uuid, state }] } } }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.hereNow().channels(["a"]).includeUuids(true).includeState(true);
 * console.log(result.channels.a?.occupants);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface HereNow extends PNRequest<PNHereNowResult> {
  /** Channels to ask about (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this;
  /** Channel groups to ask about (a name or a list; added to earlier ones). */
  channelGroups(groups: string | readonly string[]): this;
  /** List the occupants (default `true`); `false` asks for occupancy only. */
  includeUuids(include: boolean): this;
  /** Include each occupant's state (default `false`). */
  includeState(include: boolean): this;
  /** Occupants per channel, at most (default 1000; ignored for the global form). */
  limit(limit: number): this;
  /** Skip this many occupants per channel (paging; ignored for the global form). */
  offset(offset: number): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNHereNowResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNHereNowResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNHereNowResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The where-now builder, from `pubnub.whereNow()`: the channels a user is present on (default:
 * this client's `userId`). Resolves to `{ channels: string[] }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.whereNow().userId("u2");
 * console.log(result.channels);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface WhereNow extends PNRequest<PNWhereNowResult> {
  /** The user asked about: the same as `uuid(...)`, named as in the configuration. */
  userId(userId: string): this;
  /**
   * The user asked about (default this client's `userId`). `uuid` is the service's (wire) name for
   * a user id; `userId(...)` is the same setter under the configuration's name.
   */
  uuid(uuid: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNWhereNowResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNWhereNowResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNWhereNowResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The set-state builder, from `pubnub.setState()`: a user's presence state on some channels and
 * groups (default user: this client). The state of the client's own user id is also remembered
 * and sent with every subscribe and heartbeat until it leaves those channels. Resolves to
 * `{ state }`, the state the service stored.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.setState().channels(["a"]).state({ typing: true });
 * console.log(result.state);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface SetState extends PNRequest<PNSetStateResult> {
  /** Channels the state applies to (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this;
  /** Channel groups the state applies to (a name or a list; added to earlier ones). */
  channelGroups(groups: string | readonly string[]): this;
  /** The state: a plain JSON object. */
  state(state: Record<string, unknown>): this;
  /** Whose state: the same as `uuid(...)`, named as in the configuration. */
  userId(userId: string): this;
  /**
   * Whose state (default this client's `userId`; only the client's own is remembered). `uuid` is
   * the service's (wire) name for a user id; `userId(...)` is the same setter under the
   * configuration's name.
   */
  uuid(uuid: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNSetStateResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNSetStateResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNSetStateResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The get-state builder, from `pubnub.getState()`: a user's presence state on some channels and
 * groups (default user: this client). Resolves to `{ channels: { a: {...state} } }` whichever of
 * its two answer shapes the service uses.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.getState().channels(["a", "b"]).userId("u2");
 * console.log(result.channels.a);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface GetState extends PNRequest<PNGetStateResult> {
  /** Channels asked about (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this;
  /** Channel groups asked about (a name or a list; added to earlier ones). */
  channelGroups(groups: string | readonly string[]): this;
  /** Whose state: the same as `uuid(...)`, named as in the configuration. */
  userId(userId: string): this;
  /**
   * Whose state (default this client's `userId`). `uuid` is the service's (wire) name for a user
   * id; `userId(...)` is the same setter under the configuration's name.
   */
  uuid(uuid: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNGetStateResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNGetStateResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNGetStateResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

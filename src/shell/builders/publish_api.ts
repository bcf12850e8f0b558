import type { JsonCompatible } from "../../core/json_value.ts";
import type { PNPublishResult } from "../../core/requests/publish.ts";
import type { PNTimeResult } from "../../core/requests/time.ts";
import type { PNEnvelope } from "../endpoint.ts";
import type { PNRequest } from "./request_api.ts";

/**
 * The publish builder, from `pubnub.publish()` (and `pubnub.fire()`): set the channel and the
 * message, then `await` it or call `.future()`; it resolves to `{ result: { timetoken }, status }`.
 * Bad input (no channel, a message JSON cannot carry, a message over the size limit) rejects
 * with a validation `PubNubError` and nothing is sent.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.publish().channel("ch").message({ text: "hi" }).meta({ lang: "en" });
 * console.log(result.timetoken);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface Publish extends PNRequest<PNPublishResult> {
  /** The channel to publish to. */
  channel(channel: string): this;
  /**
   * The message: a JSON value (not pre-serialised JSON). What JSON would change or lose is
   * refused: at compile time by its type (`undefined`, a `Map`, a `Set`, a `Date`, a typed
   * array, a function), and when sending with a validation error, nothing sent (the same,
   * anywhere in the value, and instances of classes with no `toJSON()`).
   */
  message<M>(message: M & JsonCompatible<M>): this;
  /** Meta object, sent beside the message (used by filter expressions). */
  meta(meta: Record<string, unknown>): this;
  /** Store in history (`true`) or not; unset: the keyset's default. */
  shouldStore(store: boolean): this;
  /** Hours to keep the message in history. */
  ttl(hours: number): this;
  /** Send the message in a POST body instead of the URL. */
  usePost(usePost: boolean): this;
  /**
   * `false`: deliver only in the region that received it, not replicated (`norep=true`).
   * Independent of `shouldStore`. Fire never replicates.
   */
  replicate(replicate: boolean): this;
  /** Publish with this timetoken (a string of digits) instead of the service's clock (`ptto`). */
  ptto(timetoken: string | bigint): this;
  /** A custom message type label. */
  customMessageType(type: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNPublishResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNPublishResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNPublishResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The signal builder, from `pubnub.signal()`: a small (at most 64 bytes as JSON), unstored,
 * unencrypted message. Resolves to `{ result: { timetoken }, status }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.signal().channel("ch").message("typing");
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface Signal extends PNRequest<PNPublishResult> {
  /** The channel to signal on. */
  channel(channel: string): this;
  /**
   * The payload: a JSON value of at most 64 bytes as JSON. Non-JSON values are refused as
   * `publish().message()` refuses them.
   */
  message<M>(message: M & JsonCompatible<M>): this;
  /** A custom message type label. */
  customMessageType(type: string): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNPublishResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNPublishResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNPublishResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The time call, from `pubnub.time()`: the service's current timetoken. Resolves to
 * `{ result: { timetoken }, status }`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { result } = await pubnub.time();
 * console.log(result.timetoken);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface Time extends PNRequest<PNTimeResult> {
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNTimeResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNTimeResult>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNTimeResult>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

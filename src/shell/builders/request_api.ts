import type { PNEnvelope } from "../endpoint.ts";

/**
 * What every call builder that ends in `.future()` is: a promise of `{ result, status }` that
 * is sent once. `await builder` and `builder.future()` send the call on first use and share
 * the outcome afterwards (make a new builder to send again); nothing is sent until one of them
 * is asked for. A failure rejects with a `PubNubError` whose `status` says what failed.
 *
 * @example
 * ```ts
 * import { PubNub, type PNRequest } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * // Any call, with a deadline: abortSignal cancels it if the service is slow.
 * function within<T>(call: PNRequest<T>, ms: number): Promise<T> {
 *   return call.abortSignal(AbortSignal.timeout(ms)).future().then(({ result }) => result);
 * }
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const { timetoken } = await within(pubnub.time(), 5000);
 * console.log(timetoken);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface PNRequest<T> extends PromiseLike<PNEnvelope<T>> {
  /**
   * Sends the call. Resolves to `{ result, status }`; rejects with a `PubNubError` whose
   * `status` says what failed (category, status code, error data). Sent once: calling it again
   * (or awaiting the builder) returns the same outcome.
   */
  future(): Promise<PNEnvelope<T>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /**
   * Makes the builder awaitable: `await builder` is `await builder.future()`, and sends the
   * call once however many times it is awaited.
   */
  then<R1 = PNEnvelope<T>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

import { failed } from "../core/classify.ts";
import { PubNubError } from "../core/error.ts";
import type { ParseResult } from "../core/parse_result.ts";
import type { RequestDescription } from "../core/request.ts";
import type { PNStatus } from "../core/status.ts";
import { acknowledgment } from "../core/response_status.ts";
import type { TransportOutcome } from "./transport.ts";

/**
 * What `.future()` resolves to: the call's result and its (successful) status.
 *
 * @example
 * ```ts
 * import type { PNEnvelope } from "@pubnub-ts/pubsub";
 * import type { PNPublishResult } from "@pubnub-ts/pubsub";
 * function timetokenOf(envelope: PNEnvelope<PNPublishResult>): string {
 *   return envelope.result.timetoken;
 * }
 * ```
 */
export interface PNEnvelope<T> {
  /** The call's result. */
  result: T;
  /** The status of the call: `PNAcknowledgmentCategory`, not an error. */
  status: PNStatus;
}

/**
 * What an endpoint needs from its client: a way to send a request that the client can cancel
 * when it stops.
 *
 * @example
 * ```ts
 * import type { RequestSender } from "./endpoint.ts";
 * const sender: RequestSender = { send: async () => ({ ok: true, data: [1], body: "[1]", statusCode: 200 }) };
 * ```
 */
export interface RequestSender {
  /** Sends one request; never throws. */
  send(request: RequestDescription, signal?: AbortSignal): Promise<TransportOutcome>;
}

/**
 * The base of every builder: collects parameters through chained setters, then `.future()` builds
 * the request (refusing bad input before anything is sent), sends it and parses the answer.
 *
 * A builder is also a promise of that same outcome: `await pubnub.publish().channel(c)
 * .message(m)` sends it, exactly as `.future()` would. A builder is one call: it is sent once,
 * on the first `.future()` or `await`, and every later `.future()` or `await` gets that same
 * outcome without sending again (make a new builder to send again). Nothing is sent until one
 * of them is asked for.
 *
 * @example
 * ```ts
 * import { Endpoint } from "./endpoint.ts";
 * import { buildTimeRequest, parseTimeResponse, type PNTimeResult } from "../core/requests/time.ts";
 * class Time extends Endpoint<PNTimeResult> {
 *   protected override prepare() { return buildTimeRequest(); }
 *   protected override parse(_data: unknown, body: string) { return parseTimeResponse(body); }
 * }
 * ```
 */
export abstract class Endpoint<T> implements PromiseLike<PNEnvelope<T>> {
  /** The client this call is sent through. */
  protected readonly sender: RequestSender;
  #signal: AbortSignal | undefined;
  /** The one send of this call, once `.future()` or `await` asked for it. */
  #sent: Promise<PNEnvelope<T>> | undefined;

  /** Binds the builder to a client. */
  constructor(sender: RequestSender) {
    this.sender = sender;
  }

  /** Builds the request; throws a validation `PubNubError` on bad input. */
  protected abstract prepare(): RequestDescription | Promise<RequestDescription>;

  /** Reads the result out of a successful answer. */
  protected abstract parse(data: unknown, body: string): ParseResult<T>;

  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this {
    this.#signal = signal;
    return this;
  }

  /**
   * Sends the call. Resolves to `{ result, status }`; rejects with a `PubNubError` whose `status`
   * says what failed (category, status code, error data). Sent once: calling it again (or
   * awaiting the builder) returns the same outcome.
   */
  future(): Promise<PNEnvelope<T>> {
    return this.#sent ??= this.perform();
  }

  /**
   * Makes the builder awaitable: `await builder` is `await builder.future()`, and sends the
   * call once however many times it is awaited.
   */
  then<R1 = PNEnvelope<T>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.future().then(onfulfilled, onrejected);
  }

  /**
   * The one send behind `.future()`: builds, sends and parses. Subclasses that add a step
   * (decrypting, remembering state) override this, never `future()`, so the step runs once.
   */
  protected async perform(): Promise<PNEnvelope<T>> {
    const request = await this.prepare();
    const outcome = await this.sender.send(request, this.#signal);
    if (!outcome.ok) throw new PubNubError(outcome.message, outcome.status);
    const result = this.parse(outcome.data, outcome.body);
    if (!result.ok) {
      const refused = failed(
        request,
        "PNMalformedResponseCategory",
        `unexpected response: ${result.reason}`,
        outcome.statusCode,
        { message: result.reason },
      );
      throw new PubNubError(refused.message, refused.status);
    }
    return {
      result: result.value,
      status: acknowledgment(request, outcome.statusCode),
    };
  }
}

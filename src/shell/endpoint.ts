import { operationName } from "../core/classify.ts";
import { PubNubError } from "../core/error.ts";
import type { ParseResult } from "../core/parse_result.ts";
import type { RequestDescription } from "../core/request.ts";
import type { PNStatus } from "../core/status.ts";
import { acknowledgment, malformedResponse } from "../core/response_status.ts";
import type { TransportOutcome } from "./transport.ts";

/**
 * What `.future()` resolves to: the call's result and its (successful) status.
 *
 * @example
 * ```ts
 * import type { PNEnvelope } from "./endpoint.ts";
 * import type { PNPublishResult } from "../core/requests/publish.ts";
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
export abstract class Endpoint<T> {
  /** The client this call is sent through. */
  protected readonly sender: RequestSender;
  #signal: AbortSignal | undefined;

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
   * says what failed (category, status code, error data).
   */
  async future(): Promise<PNEnvelope<T>> {
    const request = await this.prepare();
    const outcome = await this.sender.send(request, this.#signal);
    if (!outcome.ok) throw new PubNubError(outcome.message, outcome.status);
    const result = this.parse(outcome.data, outcome.body);
    if (!result.ok) {
      const what = operationName(request.operation);
      const message = `${what} failed: unexpected response: ${result.reason}`;
      throw new PubNubError(
        message,
        malformedResponse(request, outcome.statusCode, result.reason),
      );
    }
    return {
      result: result.value,
      status: acknowledgment(request, outcome.statusCode),
    };
  }
}

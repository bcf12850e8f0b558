/**
 * The transport's book of requests in flight: each one's deadline and what ends it, and the
 * batches of requests that share one abort signal.
 *
 * @module
 */
/**
 * A request in flight: when it times out, whether it did, and what ends it (its own controller,
 * or its batch's shared one and `expire`, which answers its caller at once).
 *
 * @example
 * ```ts
 * import type { InFlight } from "./in_flight.ts";
 * const entry: InFlight = {
 *   deadline: 10_000, timedOut: false, controller: new AbortController(), batch: undefined, expire: undefined,
 * };
 * ```
 */
export interface InFlight {
  /** When it times out (ms on the clock's monotonic reading). */
  deadline: number;
  /** Set by the watchdog when the deadline passed. */
  timedOut: boolean;
  /** Its own controller (the caller gave a signal), or `undefined`. */
  controller: AbortController | undefined;
  /** The batch whose signal it shares (no signal of the caller's), or `undefined`. */
  batch: Batch | undefined;
  /** Answers the caller with a timeout at once (a batch request: nothing else can end it). */
  expire: (() => void) | undefined;
}

/**
 * Requests sharing one signal, and how many of them are still waiting for their answer.
 *
 * @example
 * ```ts
 * import { Batch } from "./in_flight.ts";
 * const batch = new Batch();
 * batch.live++; // a request joins
 * ```
 */
export class Batch {
  /** Ends every request of the batch. */
  readonly controller: AbortController = new AbortController();
  /** Requests of the batch whose caller still waits. */
  live = 0;
  /** Requests that joined the batch (see {@link MAX_BATCH_REQUESTS}). */
  joined = 0;
}

/**
 * How many requests share one batch's signal. Node's fetch adds an abort listener per request
 * to the signal and removes it only when the request is garbage collected; past 1,500 on one
 * signal it prints a leak warning for every further request.
 *
 * @example
 * ```ts
 * import { MAX_BATCH_REQUESTS } from "./in_flight.ts";
 * MAX_BATCH_REQUESTS < 1500; // true
 * ```
 */
export const MAX_BATCH_REQUESTS = 1000;

/**
 * `exchange`, or a rejection as soon as the watchdog calls the entry's `expire`.
 *
 * @example
 * ```ts
 * import { Batch, type InFlight, untilExpired } from "./in_flight.ts";
 * const entry: InFlight = {
 *   deadline: 0, timedOut: false, controller: undefined, batch: new Batch(), expire: undefined,
 * };
 * const answer = untilExpired(new Promise(() => {}), entry);
 * entry.expire?.(); // answer rejects now
 * await answer.catch(() => "timed out");
 * ```
 */
export function untilExpired<T>(exchange: Promise<T>, entry: InFlight): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    entry.expire = () => reject(new Error("timed out"));
    exchange.then(resolve, reject);
  });
}

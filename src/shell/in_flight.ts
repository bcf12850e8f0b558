/**
 * The transport's book of requests in flight: each one's deadline and what ends it, and the
 * batches of requests that share one abort signal.
 *
 * @module
 */
/**
 * A request in flight: when it times out, whether it did, and what ends it: the signal of its
 * batch, which it has alone (`solo`: the caller gave a signal) or shares, and then `expire`,
 * which answers its caller at once.
 *
 * @example
 * ```ts
 * import { Batch, type InFlight } from "./in_flight.ts";
 * const entry: InFlight = {
 *   deadline: 10_000, timedOut: false, batch: new Batch(), solo: true, expire: undefined,
 * };
 * ```
 */
export interface InFlight {
  /** When it times out (ms on the clock's monotonic reading). */
  deadline: number;
  /** Set by the watchdog when the deadline passed. */
  timedOut: boolean;
  /** The batch whose signal its fetch was given. */
  batch: Batch;
  /** The batch serves this request alone: aborting it ends only this one. */
  solo: boolean;
  /** Answers the caller with a timeout at once (a shared batch: nothing else can end it). */
  expire: (() => void) | undefined;
}

/**
 * Requests one signal serves before a fresh one takes over. Node's fetch leaves a listener on
 * the signal it is given until the request is garbage-collected, walks that list on every
 * request given the signal, and past 1,500 warns of a leak: a short run per signal keeps it short.
 *
 * @example
 * ```ts
 * import { USES_PER_SIGNAL } from "./in_flight.ts";
 * console.log(USES_PER_SIGNAL); // 8
 * ```
 */
export const USES_PER_SIGNAL = 8;

/**
 * Requests sharing one signal, in turn or at once, and how many of them are still waiting.
 *
 * @example
 * ```ts
 * import { Batch } from "./in_flight.ts";
 * const batch = new Batch();
 * batch.live++; // a request joins
 * batch.uses++;
 * ```
 */
export class Batch {
  /** Ends every request of the batch. */
  readonly controller: AbortController = new AbortController();
  /** Requests of the batch whose caller still waits. */
  live = 0;
  /** Requests that were given the signal. */
  uses = 0;
  /** A request of it was answered while its fetch may still run: aborting it ends that fetch. */
  late = false;
}

/**
 * `exchange`, or a rejection as soon as the watchdog calls the entry's `expire`.
 *
 * @example
 * ```ts
 * import { Batch, type InFlight, untilExpired } from "./in_flight.ts";
 * const entry: InFlight = {
 *   deadline: 0, timedOut: false, batch: new Batch(), solo: false, expire: undefined,
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

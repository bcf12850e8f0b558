/**
 * Time as the shell and the server use it: the wall clock, a monotonic reading, and timers,
 * injected so tests and replays can run timeouts, reconnect delays and heartbeat waits without
 * waiting in real time. Only the type lives in the core, which never reads the clock itself.
 *
 * @example
 * ```ts
 * import type { Clock } from "./clock.ts";
 * const elapsed = (clock: Clock, since: number) => clock.monotonic() - since;
 * ```
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (for timetokens and signatures). */
  now(): number;
  /** Milliseconds on a clock that never goes back (for timeouts and durations). */
  monotonic(): number;
  /** Runs `callback` after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a pending `setTimeout`. */
  clearTimeout(handle: unknown): void;
  /** Lets the process exit while this timer waits (a real clock's timers only). */
  unref?(handle: unknown): void;
}

import { unrefTimer } from "./unref_timer_deno.ts";

/**
 * Time as the shell and the server use it: the wall clock, a monotonic reading, and timers,
 * injected so tests and replays can run timeouts, reconnect delays and heartbeat waits without
 * waiting in real time. The pure core never sees a clock: it is given times as values.
 *
 * @example
 * ```ts
 * import type { Clock } from "@pubnub-ts/pubsub/testing";
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

/**
 * The real clock.
 *
 * @example
 * ```ts
 * import { systemClock } from "@pubnub-ts/pubsub/testing";
 * systemClock.now() > 0; // true
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
  unref: (handle) => unrefTimer(handle as ReturnType<typeof setTimeout>),
};

/**
 * Waits `ms` on `clock`; resolves `false` at once (and clears the timer) if `signal` aborts.
 *
 * @example
 * ```ts
 * import { sleep, systemClock } from "./clock.ts";
 * const completed = await sleep(systemClock, 5, new AbortController().signal); // true
 * ```
 */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A clock for tests and replays: time moves only when `advance` is called, firing due timers in
 * order.
 *
 * @example
 * ```ts
 * import { ManualClock } from "@pubnub-ts/pubsub/testing";
 * const clock = new ManualClock(0);
 * let fired = false;
 * clock.setTimeout(() => fired = true, 1000);
 * await clock.advance(1000);
 * fired; // true
 * ```
 */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();
  /** Timers marked with `unref`: they fire, but keep nothing busy (a request's timeout). */
  readonly #background = new Set<number>();

  /** Starts at `start` milliseconds since the epoch. */
  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  /** The current simulated time. */
  now(): number {
    return this.#now;
  }

  /** The simulated time too: it only moves forward. */
  monotonic(): number {
    return this.#now;
  }

  /** Schedules a callback at `now + ms` of simulated time. */
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), callback });
    return id;
  }

  /** Cancels a scheduled callback. */
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
    this.#background.delete(handle as number);
  }

  /**
   * Marks a timer as background, as a real clock's unref'd timer (a request's timeout): it is
   * not counted as pending, and when its delay passes in real time the clock advances to it, so
   * a request that hangs is never waited on for ever by a test that does not advance the clock.
   */
  unref(handle: unknown): void {
    const id = handle as number;
    const timer = this.#timers.get(id);
    if (!timer) return;
    this.#background.add(id);
    const real = setTimeout(() => {
      if (this.#timers.get(id) !== timer) return; // fired on advance, or cleared
      // Simulated time catches up with the deadline, firing whatever falls due, in order.
      void this.advance(Math.max(0, timer.at - this.#now));
    }, Math.max(0, timer.at - this.#now));
    unrefTimer(real);
  }

  /** Number of timers still scheduled (background ones left out). */
  get pending(): number {
    return this.#foreground().length;
  }

  /** Delays of the scheduled timers from now, soonest first (background ones left out). */
  pendingDelays(): number[] {
    return this.#foreground().map((t) => t.at - this.#now).sort((a, b) => a - b);
  }

  #foreground(): { at: number; callback: () => void }[] {
    return [...this.#timers].filter(([id]) => !this.#background.has(id)).map(([, t]) => t);
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due, in order, and letting the
   * promise chains they start settle between timers.
   */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) {
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      }
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#background.delete(next[0]);
      this.#now = next[1].at;
      next[1].callback();
    }
    this.#now = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  // A macrotask turn lets pending promise chains (and loopback I/O callbacks) run.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

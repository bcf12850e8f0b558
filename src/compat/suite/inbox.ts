/**
 * Collects listener events and lets a test wait for one that matches. Test-only.
 *
 * @module
 */

type Waiter<T> = { match: (value: T) => boolean; resolve: (value: T) => void };

/**
 * Events seen so far, and waiters for the next matching one.
 *
 * @example
 * ```ts
 * import { Inbox } from "./inbox.ts";
 * const inbox = new Inbox<number>();
 * inbox.push(3);
 * await inbox.next((n) => n === 3, "three");
 * ```
 */
export class Inbox<T> {
  /** Every event pushed, in order. */
  readonly seen: T[] = [];
  #waiters: Waiter<T>[] = [];

  /** Records an event and wakes the waiters it matches. */
  push(value: T): void {
    this.seen.push(value);
    this.#waiters = this.#waiters.filter((
      w,
    ) => (w.match(value) ? (w.resolve(value), false) : true));
  }

  /** The first event (seen or to come) that matches; rejects naming `what` after `ms`. */
  next(match: (value: T) => boolean, what: string, ms = 5000): Promise<T> {
    const already = this.seen.find(match);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      this.#waiters.push({
        match,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
    });
  }
}

/**
 * A min-heap of deadlines: what is due comes out in time order, and a sweep costs what is due,
 * not what is waiting. Items that became stale (renewed, removed) are the owner's to skip when
 * they come out.
 *
 * @example
 * ```ts
 * import { DeadlineQueue } from "./deadline_queue.ts";
 * const queue = new DeadlineQueue<string>();
 * queue.push(20, "b");
 * queue.push(10, "a");
 * queue.takeDue(15); // ["a"]
 * queue.size; // 1
 * ```
 */
export class DeadlineQueue<T> {
  readonly #at: number[] = [];
  readonly #items: T[] = [];

  /**
   * Adds an item due at `at`.
   *
   * @example
   * ```ts
   * import { DeadlineQueue } from "./deadline_queue.ts";
   * new DeadlineQueue<number>().push(5, 1);
   * ```
   */
  push(at: number, item: T): void {
    const at_ = this.#at;
    const items = this.#items;
    let i = at_.length;
    at_.push(at);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (at_[parent] <= at) break;
      at_[i] = at_[parent];
      items[i] = items[parent];
      i = parent;
    }
    at_[i] = at;
    items[i] = item;
  }

  /**
   * Removes and returns every item due at or before `now`, earliest first.
   *
   * @example
   * ```ts
   * import { DeadlineQueue } from "./deadline_queue.ts";
   * new DeadlineQueue<number>().takeDue(0); // []
   * ```
   */
  takeDue(now: number): T[] {
    const due: T[] = [];
    while (this.#at.length > 0 && this.#at[0] <= now) due.push(this.#pop());
    return due;
  }

  /** Number of items waiting. */
  get size(): number {
    return this.#at.length;
  }

  #pop(): T {
    const at_ = this.#at;
    const items = this.#items;
    const top = items[0];
    const lastAt = at_.pop()!;
    const lastItem = items.pop()!;
    const n = at_.length;
    if (n > 0) {
      let i = 0;
      while (true) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && at_[right] < at_[left] ? right : left;
        if (at_[child] >= lastAt) break;
        at_[i] = at_[child];
        items[i] = items[child];
        i = child;
      }
      at_[i] = lastAt;
      items[i] = lastItem;
    }
    return top;
  }
}

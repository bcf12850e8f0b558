/**
 * Lets a timer run without keeping the process alive: Node's `Timeout.unref()`. In a browser a
 * timer handle is a number and nothing needs doing. Swapped in for `unref_timer_deno.ts` by the npm
 * build.
 *
 * @example
 * ```ts
 * import { unrefTimer } from "./unref_timer_node.ts";
 * unrefTimer(setTimeout(() => {}, 1000));
 * ```
 */
export function unrefTimer(handle: ReturnType<typeof setTimeout>): void {
  const timer = handle as unknown as { unref?: () => void };
  if (typeof timer === "object" && timer !== null && typeof timer.unref === "function") {
    timer.unref();
  }
}

/**
 * Lets a timer run without keeping the process alive (Deno). The npm build swaps in
 * `unref_timer_node.ts`, which does the same for Node and is harmless in browsers.
 *
 * @example
 * ```ts
 * import { unrefTimer } from "./unref_timer_deno.ts";
 * unrefTimer(setTimeout(() => {}, 1000));
 * ```
 */
export function unrefTimer(handle: ReturnType<typeof setTimeout>): void {
  Deno.unrefTimer(handle as unknown as number);
}

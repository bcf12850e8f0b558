/**
 * Polls `condition` in real time, every couple of milliseconds (loopback I/O needs a few event
 * loop turns), until it holds; throws `timed out waiting for <what>` after `timeoutMs`. The one
 * polling helper of the tests: on a manual clock, advance the clock instead.
 *
 * @example
 * ```ts
 * import { until } from "./until.ts";
 * await until(() => true, "nothing");
 * ```
 */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Calls a function the app gave the SDK (a listener, an observer) so that nothing it does can
 * reach the SDK's loops or end the process: a throw is passed to `report`, and so is the
 * rejection of a promise it returns (an async callback), which would otherwise be an unhandled
 * rejection. `report` itself must not throw; if it does, the last resort is `console.error`.
 *
 * @example
 * ```ts
 * import { callSafely } from "./call_safely.ts";
 * callSafely(async () => { throw new Error("bug"); }, (error) => console.warn("reported:", error));
 * ```
 */
export function callSafely(call: () => unknown, report: (error: unknown) => void): void {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    return reportSafely(report, error);
  }
  watchResult(result, report);
}

/**
 * The second half of {@link callSafely}, for a caller that made the call in its own `try`: when
 * `result` is a thenable, its rejection (or a throwing `then`) goes to `report`. Nothing is
 * allocated for a plain result, which is what the delivery path sees for every message.
 *
 * @example
 * ```ts
 * import { watchResult } from "./call_safely.ts";
 * watchResult(Promise.reject(new Error("late")), (error) => console.warn("reported:", error));
 * ```
 */
export function watchResult(result: unknown, report: (error: unknown) => void): void {
  if ((typeof result !== "object" && typeof result !== "function") || result === null) return;
  try {
    // Any thenable, not only a native promise: its `then` (or reading it) may throw too.
    const then = (result as { then?: unknown }).then;
    if (typeof then === "function") {
      then.call(result, undefined, (error: unknown) => reportSafely(report, error));
    }
  } catch (error) {
    reportSafely(report, error);
  }
}

/**
 * Passes `error` to `report`; if `report` itself throws, the last resort is `console.error`.
 *
 * @example
 * ```ts
 * import { reportSafely } from "./call_safely.ts";
 * reportSafely((error) => console.warn(error), new Error("bug"));
 * ```
 */
export function reportSafely(report: (error: unknown) => void, error: unknown): void {
  try {
    report(error);
  } catch (reportError) {
    console.error("PubNub: the error handler threw", reportError, "while reporting", error);
  }
}

/**
 * The app's error handler made safe to call from a loop: one that throws (or is not a function)
 * falls back to `console.error`, which is also the default when there is none.
 *
 * @example
 * ```ts
 * import { reportingSafely } from "./call_safely.ts";
 * const report = reportingSafely(() => { throw new Error("broken handler"); });
 * report(new Error("listener bug"), "message"); // both end up on the console
 * ```
 */
export function reportingSafely(
  onError: ((error: unknown, callback?: string) => void) | undefined,
): (error: unknown, callback?: string) => void {
  const fallback = (error: unknown, callback?: string) =>
    console.error(callback ? `PubNub: the app's ${callback} callback failed:` : "PubNub:", error);
  if (!onError) return fallback;
  return (error, callback) => {
    try {
      onError(error, callback);
    } catch (handlerError) {
      fallback(handlerError, "onError");
      fallback(error, callback);
    }
  };
}

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
  const reportSafely = (error: unknown) => {
    try {
      report(error);
    } catch (reportError) {
      console.error("PubNub: the error handler threw", reportError, "while reporting", error);
    }
  };
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    return reportSafely(error);
  }
  if ((typeof result !== "object" && typeof result !== "function") || result === null) return;
  try {
    // Any thenable, not only a native promise: its `then` (or reading it) may throw too.
    const then = (result as { then?: unknown }).then;
    if (typeof then === "function") then.call(result, undefined, reportSafely);
  } catch (error) {
    reportSafely(error);
  }
}

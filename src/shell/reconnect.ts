import type { PNConfiguration } from "../core/config.ts";
import { retryConfigFrom, retryDecision } from "../core/retry_policy.ts";
import type { PNStatus } from "../core/status.ts";
import { withErrorData } from "../core/response_status.ts";
import { type Clock, sleep } from "./clock.ts";

/**
 * What to do after a failure, once the retry policy has been asked and its delay waited:
 * try again, give up (with the reason, explained), or nothing (cancelled while waiting).
 *
 * @example
 * ```ts
 * import type { RetryOutcome } from "./reconnect.ts";
 * const next: RetryOutcome = { kind: "retry" };
 * ```
 */
export type RetryOutcome = { kind: "retry" } | { kind: "give-up"; reason: PNStatus } | {
  kind: "cancelled";
};

/**
 * Asks the configured retry policy about a failure and, when it says retry, tells `onDelay` the
 * delay and waits it on `clock` (cancellable through `signal`). Shared by the subscribe and
 * heartbeat loops.
 *
 * @example
 * ```ts
 * import { waitForRetry } from "./reconnect.ts";
 * import { systemClock } from "@pubnub-ts/pubsub/testing";
 * import { PNConfiguration } from "@pubnub-ts/pubsub";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const config = new PNConfiguration({ subscribeKey: "s", userId: "u", reconnectionPolicy: "NONE" });
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * const outcome = await waitForRetry({ config, clock: systemClock, random: Math.random }, 0, reason, new AbortController().signal);
 * outcome.kind; // "give-up"
 * ```
 */
export async function waitForRetry(
  context: { config: PNConfiguration; clock: Clock; random: () => number },
  attempts: number,
  reason: PNStatus,
  signal: AbortSignal,
  onDelay?: (delayMs: number) => void,
): Promise<RetryOutcome> {
  const decision = retryDecision(
    retryConfigFrom(context.config),
    attempts,
    reason,
    context.random(),
  );
  if (!decision.retry) {
    return { kind: "give-up", reason: withErrorData(reason, { reconnection: decision.why }) };
  }
  onDelay?.(decision.delayMs);
  return await sleep(context.clock, decision.delayMs, signal)
    ? { kind: "retry" }
    : { kind: "cancelled" };
}

import type { PNStatusCategoryName } from "./categories.ts";
import type { PNReconnectionPolicyName } from "./config.ts";
import type { PNStatus } from "./status.ts";

/**
 * What the retry policy needs from the configuration.
 *
 * @example
 * ```ts
 * import type { RetryConfig } from "./retry_policy.ts";
 * const config: RetryConfig = { policy: "LINEAR", maximumReconnectionRetries: -1 };
 * ```
 */
export interface RetryConfig {
  /** NONE, LINEAR or EXPONENTIAL. */
  policy: PNReconnectionPolicyName;
  /** Retries before giving up; -1 unlimited; absent: the policy's default (LINEAR 10, EXPONENTIAL 6). */
  maximumReconnectionRetries?: number;
  /** LINEAR's delay and EXPONENTIAL's first one, ms; absent: 2000. */
  minimumDelayMs?: number;
  /** EXPONENTIAL's longest delay, ms; absent: 150000. */
  maximumDelayMs?: number;
}

/**
 * The policy's answer: retry after `delayMs`, or give up and say `why`.
 *
 * @example
 * ```ts
 * import type { RetryDecision } from "./retry_policy.ts";
 * const decision: RetryDecision = { retry: false, why: "the reconnection policy is NONE" };
 * ```
 */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; why: string };

/**
 * LINEAR waits this long before every retry (plus jitter).
 *
 * @example
 * ```ts
 * import { LINEAR_DELAY_MS } from "./retry_policy.ts";
 * console.log(LINEAR_DELAY_MS);
 * ```
 */
export const LINEAR_DELAY_MS = 2_000;
/**
 * EXPONENTIAL waits this long before the first retry, doubling each time (plus jitter).
 *
 * @example
 * ```ts
 * import { EXPONENTIAL_BASE_DELAY_MS } from "./retry_policy.ts";
 * console.log(EXPONENTIAL_BASE_DELAY_MS);
 * ```
 */
export const EXPONENTIAL_BASE_DELAY_MS = 2_000;
/**
 * EXPONENTIAL never waits longer than this (plus jitter).
 *
 * @example
 * ```ts
 * import { EXPONENTIAL_MAX_DELAY_MS } from "./retry_policy.ts";
 * console.log(EXPONENTIAL_MAX_DELAY_MS);
 * ```
 */
export const EXPONENTIAL_MAX_DELAY_MS = 150_000;
/**
 * The longest `Retry-After` honoured: one hour. Longer asks wait this long.
 *
 * @example
 * ```ts
 * import { MAX_RETRY_AFTER_MS } from "./retry_policy.ts";
 * console.log(MAX_RETRY_AFTER_MS); // 3600000
 * ```
 */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Random extra delay, up to this much, so clients that failed together do not retry together.
 *
 * @example
 * ```ts
 * import { MAX_JITTER_MS } from "./retry_policy.ts";
 * console.log(MAX_JITTER_MS);
 * ```
 */
export const MAX_JITTER_MS = 1_000;

/**
 * Retries before giving up when `maximumReconnectionRetries` is not set.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAXIMUM_RETRIES } from "./retry_policy.ts";
 * DEFAULT_MAXIMUM_RETRIES.LINEAR; // 10
 * ```
 */
export const DEFAULT_MAXIMUM_RETRIES: Readonly<Record<PNReconnectionPolicyName, number>> =
  /* @__PURE__ */ Object.freeze({ NONE: 0, LINEAR: 10, EXPONENTIAL: 6 });

/** The caller's or the request's own fault: asking again gives the same answer. */
const NEVER_RETRIED_CODES: readonly number[] = [400, 403, 404];
const NEVER_RETRIED_CATEGORIES: readonly PNStatusCategoryName[] = [
  "PNCancelledCategory",
  "PNAccessDeniedCategory",
  "PNBadRequestCategory",
  "PNValidationErrorCategory",
];
/** Passing trouble: the network, the server, a truncated answer. */
const RETRIED_CATEGORIES: readonly PNStatusCategoryName[] = [
  "PNTimeoutCategory",
  "PNNetworkIssuesCategory",
  "PNMalformedResponseCategory",
  "PNServerErrorCategory",
];

/**
 * Why a failure is not worth retrying, or `undefined` when it is. Never retried: HTTP 400, 403,
 * 404 and cancelled, access-denied, bad-request and validation failures. Retried: 429, 5xx,
 * timeouts, network errors and malformed responses. Anything else is not retried, so an
 * unknown failure cannot loop forever.
 *
 * @example
 * ```ts
 * import { notRetryableBecause } from "./retry_policy.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * notRetryableBecause(new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true }));
 * // undefined
 * ```
 */
export function notRetryableBecause(reason: PNStatus): string | undefined {
  const code = reason.statusCode;
  const what = code === undefined ? reason.category : `HTTP ${code} (${reason.category})`;
  if (code !== undefined && NEVER_RETRIED_CODES.includes(code)) {
    return `${what} is not retried: the same request would fail the same way`;
  }
  // The status code speaks first: a 429 is classified PNBadRequestCategory, yet it is passing.
  if (code !== undefined && (code === 429 || code >= 500)) return undefined;
  if (NEVER_RETRIED_CATEGORIES.includes(reason.category)) {
    return `${what} is not retried: the same request would fail the same way`;
  }
  if (RETRIED_CATEGORIES.includes(reason.category)) return undefined;
  return `${what} is not a failure that retrying can fix`;
}

/**
 * Decides whether the subscribe loop retries after a failure, and after how long. Pure: the
 * randomness (for jitter) comes in as `random`, a number in [0, 1).
 *
 * - `attempts`: retries that already failed (0 before the first retry).
 * - NONE never retries. LINEAR waits `minimumDelayMs` (2 s), EXPONENTIAL
 *   min(minimum·2^attempts, `maximumDelayMs` (150 s)); both add `random` × 1 s of jitter. A `retryAfter` (seconds) in the reason's `errorData` (a 429's
 *   `Retry-After`) replaces the policy's wait; jitter is still added, so never sooner than asked.
 * - Gives up once `attempts` reaches `maximumReconnectionRetries` (-1: never).
 *
 * @example
 * ```ts
 * import { retryDecision } from "./retry_policy.ts";
 * import { PNStatus } from "@pubnub-ts/pubsub";
 * const reason = new PNStatus({ category: "PNTimeoutCategory", operation: "PNSubscribeOperation", error: true });
 * retryDecision({ policy: "EXPONENTIAL" }, 2, reason, 0.5); // { retry: true, delayMs: 8500 }
 * retryDecision({ policy: "NONE" }, 0, reason, 0.5); // { retry: false, why: "the reconnection policy is NONE" }
 * ```
 */
export function retryDecision(
  config: RetryConfig,
  attempts: number,
  reason: PNStatus,
  random: number,
): RetryDecision {
  const { policy } = config;
  if (policy !== "LINEAR" && policy !== "EXPONENTIAL") {
    return { retry: false, why: "the reconnection policy is NONE" };
  }
  const notRetryable = notRetryableBecause(reason);
  if (notRetryable) return { retry: false, why: notRetryable };

  const done = Number.isFinite(attempts) && attempts > 0 ? Math.floor(attempts) : 0;
  const maximum = config.maximumReconnectionRetries ?? DEFAULT_MAXIMUM_RETRIES[policy];
  if (maximum >= 0 && done >= maximum) {
    return {
      retry: false,
      why: `gave up after ${done} ${done === 1 ? "retry" : "retries"} (${policy} policy, ` +
        `maximumReconnectionRetries ${maximum}); the last failure was ${describe(reason)}`,
    };
  }

  const minimum = config.minimumDelayMs ??
    (policy === "LINEAR" ? LINEAR_DELAY_MS : EXPONENTIAL_BASE_DELAY_MS);
  const base = retryAfterMs(reason) ??
    (policy === "LINEAR"
      ? minimum
      : Math.min(minimum * 2 ** done, config.maximumDelayMs ?? EXPONENTIAL_MAX_DELAY_MS));
  return { retry: true, delayMs: base + jitterMs(random) };
}

/**
 * The retry settings of a client configuration.
 *
 * @example
 * ```ts
 * import { retryConfigFrom } from "./retry_policy.ts";
 * retryConfigFrom({ reconnectionPolicy: "LINEAR", maximumReconnectionRetries: 3 });
 * // { policy: "LINEAR", maximumReconnectionRetries: 3 }
 * ```
 */
export function retryConfigFrom(
  config: {
    reconnectionPolicy: PNReconnectionPolicyName;
    maximumReconnectionRetries: number;
    minimumReconnectionDelay?: number;
    maximumReconnectionDelay?: number;
  },
): RetryConfig {
  const retry: RetryConfig = {
    policy: config.reconnectionPolicy,
    maximumReconnectionRetries: config.maximumReconnectionRetries,
  };
  if (config.minimumReconnectionDelay !== undefined) {
    retry.minimumDelayMs = config.minimumReconnectionDelay * 1000;
  }
  if (config.maximumReconnectionDelay !== undefined) {
    retry.maximumDelayMs = config.maximumReconnectionDelay * 1000;
  }
  return retry;
}

function retryAfterMs(reason: PNStatus): number | undefined {
  const data = reason.errorData;
  if (typeof data !== "object" || data === null) return undefined;
  const seconds = (data as { retryAfter?: unknown }).retryAfter;
  // Capped: a server asking for days would overflow a timer, which then fires at once.
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0
    ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS)
    : undefined;
}

/** Whole milliseconds in [0, 1000) from a random number in [0, 1); out-of-range input is clamped. */
function jitterMs(random: number): number {
  if (!Number.isFinite(random) || random <= 0) return 0;
  return Math.min(Math.floor(random * MAX_JITTER_MS), MAX_JITTER_MS - 1);
}

function describe(reason: PNStatus): string {
  const code = reason.statusCode === undefined ? "" : `HTTP ${reason.statusCode} `;
  const data = reason.errorData;
  const message = typeof data === "object" && data !== null &&
      typeof (data as { message?: unknown }).message === "string"
    ? `: ${(data as { message: string }).message}`
    : "";
  return `${code}${reason.category}${message}`;
}

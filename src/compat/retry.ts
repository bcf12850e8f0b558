/**
 * The official SDK's retry policy constructors (`PubNub.LinearRetryPolicy`, …). They return a
 * description the compat client turns into our reconnection policy, with its delays (up to the
 * service's 150 s, plus jitter); a longer delay, or excluded endpoints, are reported once when the
 * client is created.
 *
 * @module
 */
import type { EndpointName } from "./enums.ts";

/**
 * A retry policy as `retryConfiguration` takes it.
 *
 * @example
 * ```ts
 * import { RetryPolicy } from "@pubnub-ts/pubsub/compat";
 * const policy = RetryPolicy.LinearRetryPolicy({ delay: 2, maximumRetry: 5 });
 * policy.kind; // "LINEAR"
 * ```
 */
export type RequestRetryPolicy = {
  /** Which of our reconnection policies it becomes. */
  readonly kind: "NONE" | "LINEAR" | "EXPONENTIAL";
  /** Linear: seconds between attempts. */
  readonly delay?: number;
  /** Exponential: first delay, seconds. */
  readonly minimumDelay?: number;
  /** Exponential: longest delay, seconds. */
  readonly maximumDelay?: number;
  /** Attempts before giving up. */
  readonly maximumRetry?: number;
  /** Endpoint groups never retried. */
  readonly excluded?: EndpointName[];
  /** Checks the configuration; throws a `TypeError` naming the bad field. */
  validate(): void;
};

/**
 * `LinearRetryPolicy` configuration.
 *
 * @example
 * ```ts
 * import type { LinearRetryPolicyConfiguration } from "@pubnub-ts/pubsub/compat";
 * const c: LinearRetryPolicyConfiguration = { delay: 2, maximumRetry: 10 };
 * ```
 */
export type LinearRetryPolicyConfiguration = {
  delay: number;
  maximumRetry: number;
  excluded?: EndpointName[];
};

/**
 * `ExponentialRetryPolicy` configuration.
 *
 * @example
 * ```ts
 * import type { ExponentialRetryPolicyConfiguration } from "@pubnub-ts/pubsub/compat";
 * const c: ExponentialRetryPolicyConfiguration = { minimumDelay: 2, maximumDelay: 150, maximumRetry: 6 };
 * ```
 */
export type ExponentialRetryPolicyConfiguration = {
  minimumDelay: number;
  maximumDelay: number;
  maximumRetry: number;
  excluded?: EndpointName[];
};

function whole(name: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new TypeError(`${name} must be a number of at least ${min}, got ${String(value)}`);
  }
}

/**
 * The retry policy constructors.
 *
 * @example
 * ```ts
 * import { RetryPolicy } from "@pubnub-ts/pubsub/compat";
 * RetryPolicy.None().kind; // "NONE"
 * ```
 */
export const RetryPolicy: {
  None(): RequestRetryPolicy;
  LinearRetryPolicy(
    configuration: LinearRetryPolicyConfiguration,
  ): RequestRetryPolicy & LinearRetryPolicyConfiguration;
  ExponentialRetryPolicy(
    configuration: ExponentialRetryPolicyConfiguration,
  ): RequestRetryPolicy & ExponentialRetryPolicyConfiguration;
} = {
  /** No retries. */
  None(): RequestRetryPolicy {
    return { kind: "NONE", validate() {} };
  },
  /** A fixed delay between attempts. */
  LinearRetryPolicy(
    configuration: LinearRetryPolicyConfiguration,
  ): RequestRetryPolicy & LinearRetryPolicyConfiguration {
    return {
      kind: "LINEAR",
      ...configuration,
      validate() {
        whole("delay", configuration.delay, 2);
        whole("maximumRetry", configuration.maximumRetry, 0);
      },
    };
  },
  /** A delay that doubles after each attempt. */
  ExponentialRetryPolicy(
    configuration: ExponentialRetryPolicyConfiguration,
  ): RequestRetryPolicy & ExponentialRetryPolicyConfiguration {
    return {
      kind: "EXPONENTIAL",
      ...configuration,
      validate() {
        whole("minimumDelay", configuration.minimumDelay, 2);
        whole("maximumDelay", configuration.maximumDelay, configuration.minimumDelay);
        whole("maximumRetry", configuration.maximumRetry, 0);
      },
    };
  },
};

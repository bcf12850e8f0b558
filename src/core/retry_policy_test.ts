import assert from "node:assert/strict";
import type { PNStatusCategoryName } from "./categories.ts";
import {
  DEFAULT_MAXIMUM_RETRIES,
  notRetryableBecause,
  retryConfigFrom,
  retryDecision,
} from "./retry_policy.ts";
import { PNStatus } from "./status.ts";
import { PNConfiguration } from "./config.ts";

function failure(
  category: PNStatusCategoryName,
  statusCode?: number,
  errorData?: unknown,
): PNStatus {
  return new PNStatus({
    category,
    operation: "PNSubscribeOperation",
    error: true,
    statusCode,
    errorData,
  });
}

const TIMEOUT = failure("PNTimeoutCategory", undefined, { message: "no response within 310 s" });
/** The largest double below 1: the top of `random`'s range. */
const ALMOST_ONE = 1 - Number.EPSILON / 2;

Deno.test("retryDecision: NONE never retries, even a retryable failure on the first attempt", () => {
  const decision = retryDecision({ policy: "NONE" }, 0, TIMEOUT, 0);
  assert.deepStrictEqual(decision, { retry: false, why: "the reconnection policy is NONE" });
  assert.equal(
    retryDecision({ policy: "NONE", maximumReconnectionRetries: -1 }, 0, TIMEOUT, 0).retry,
    false,
  );
});

Deno.test("retryDecision: LINEAR waits 2 s plus up to 1 s of jitter", () => {
  assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 0, TIMEOUT, 0), {
    retry: true,
    delayMs: 2000,
  });
  assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 5, TIMEOUT, 0.5), {
    retry: true,
    delayMs: 2500,
  });
  assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 9, TIMEOUT, ALMOST_ONE), {
    retry: true,
    delayMs: 2999,
  });
});

Deno.test("retryDecision: EXPONENTIAL waits min(2·2^attempt, 150) s plus jitter", () => {
  const delays = [0, 1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map((attempt) => {
    const d = retryDecision(
      { policy: "EXPONENTIAL", maximumReconnectionRetries: -1 },
      attempt,
      TIMEOUT,
      0,
    );
    return d.retry ? d.delayMs : -1;
  });
  assert.deepStrictEqual(delays, [
    2000,
    4000,
    8000,
    16000,
    32000,
    64000,
    128000,
    150000,
    150000,
    150000,
    150000,
  ]);
  assert.deepStrictEqual(retryDecision({ policy: "EXPONENTIAL" }, 1, TIMEOUT, 0.25), {
    retry: true,
    delayMs: 4250,
  });
});

Deno.test("retryDecision: LINEAR gives up after its default 10 retries", () => {
  assert.equal(DEFAULT_MAXIMUM_RETRIES.LINEAR, 10);
  assert.equal(retryDecision({ policy: "LINEAR" }, 9, TIMEOUT, 0).retry, true);
  const decision = retryDecision({ policy: "LINEAR" }, 10, TIMEOUT, 0);
  assert.equal(decision.retry, false);
  assert.match(
    !decision.retry ? decision.why : "",
    /gave up after 10 retries \(LINEAR policy, maximumReconnectionRetries 10\); the last failure was PNTimeoutCategory: no response within 310 s/,
  );
});

Deno.test("retryDecision: EXPONENTIAL gives up after its default 6 retries", () => {
  assert.equal(retryDecision({ policy: "EXPONENTIAL" }, 5, TIMEOUT, 0).retry, true);
  assert.equal(retryDecision({ policy: "EXPONENTIAL" }, 6, TIMEOUT, 0).retry, false);
});

Deno.test("retryDecision: maximumReconnectionRetries overrides the default; -1 is unlimited; 0 never retries", () => {
  assert.equal(
    retryDecision({ policy: "LINEAR", maximumReconnectionRetries: 2 }, 1, TIMEOUT, 0).retry,
    true,
  );
  assert.equal(
    retryDecision({ policy: "LINEAR", maximumReconnectionRetries: 2 }, 2, TIMEOUT, 0).retry,
    false,
  );
  assert.equal(
    retryDecision({ policy: "LINEAR", maximumReconnectionRetries: 0 }, 0, TIMEOUT, 0).retry,
    false,
  );
  assert.deepStrictEqual(
    retryDecision({ policy: "LINEAR", maximumReconnectionRetries: -1 }, 1_000_000, TIMEOUT, 0),
    { retry: true, delayMs: 2000 },
  );
});

Deno.test("retryDecision: 400, 403, 404, cancelled, access denied, bad request and validation are never retried", () => {
  const never = [
    failure("PNBadRequestCategory", 400),
    failure("PNAccessDeniedCategory", 403),
    failure("PNBadRequestCategory", 404),
    failure("PNUnknownCategory", 404),
    failure("PNCancelledCategory"),
    failure("PNAccessDeniedCategory"),
    failure("PNBadRequestCategory"),
    failure("PNValidationErrorCategory"),
    failure("PNBadRequestCategory", 414),
    failure("PNBadRequestCategory", 481),
  ];
  for (const reason of never) {
    const decision = retryDecision(
      { policy: "LINEAR", maximumReconnectionRetries: -1 },
      0,
      reason,
      0,
    );
    assert.equal(decision.retry, false, `${reason.category} ${reason.statusCode}`);
  }
  const forbidden = retryDecision(
    { policy: "EXPONENTIAL" },
    0,
    failure("PNAccessDeniedCategory", 403),
    0,
  );
  assert.deepStrictEqual(forbidden, {
    retry: false,
    why:
      "HTTP 403 (PNAccessDeniedCategory) is not retried: the same request would fail the same way",
  });
});

Deno.test("retryDecision: 429, 5xx, timeouts, network issues and malformed responses are retried", () => {
  const retried = [
    failure("PNBadRequestCategory", 429),
    failure("PNServerErrorCategory", 500),
    failure("PNServerErrorCategory", 503),
    failure("PNUnknownCategory", 502),
    failure("PNTimeoutCategory"),
    failure("PNNetworkIssuesCategory"),
    failure("PNMalformedResponseCategory", 200),
  ];
  for (const reason of retried) {
    assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 0, reason, 0), {
      retry: true,
      delayMs: 2000,
    });
  }
});

Deno.test("retryDecision: an unknown failure without a status code is not retried", () => {
  assert.equal(
    retryDecision({ policy: "LINEAR" }, 0, failure("PNUnknownCategory"), 0).retry,
    false,
  );
  assert.match(
    notRetryableBecause(failure("PNUnknownCategory")) ?? "",
    /not a failure that retrying can fix/,
  );
});

Deno.test("retryDecision: a 429's retryAfter (seconds) replaces the policy's wait, jitter still added", () => {
  const limited = failure("PNBadRequestCategory", 429, {
    message: "Too Many Requests",
    retryAfter: 7,
  });
  assert.deepStrictEqual(retryDecision({ policy: "EXPONENTIAL" }, 0, limited, 0), {
    retry: true,
    delayMs: 7000,
  });
  assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 3, limited, 0.5), {
    retry: true,
    delayMs: 7500,
  });
  // Still bounded by the retry count.
  assert.equal(retryDecision({ policy: "LINEAR" }, 10, limited, 0).retry, false);
  // A retryAfter that is not a number of seconds is ignored.
  const odd = failure("PNBadRequestCategory", 429, { retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT" });
  assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 0, odd, 0), {
    retry: true,
    delayMs: 2000,
  });
  const negative = failure("PNBadRequestCategory", 429, { retryAfter: -5 });
  assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 0, negative, 0), {
    retry: true,
    delayMs: 2000,
  });
});

Deno.test("retryDecision: random outside [0, 1) is clamped, never a negative or ≥ 1 s jitter", () => {
  for (
    const [random, jitter] of [[-1, 0], [Number.NaN, 0], [1, 999], [42, 999], [0.0001, 0]] as const
  ) {
    assert.deepStrictEqual(retryDecision({ policy: "LINEAR" }, 0, TIMEOUT, random), {
      retry: true,
      delayMs: 2000 + jitter,
    });
  }
});

Deno.test("retryConfigFrom: reads the configuration's policy, retry count and delays", () => {
  const config = new PNConfiguration({
    subscribeKey: "s",
    userId: "u",
    reconnectionPolicy: "LINEAR",
  });
  assert.deepStrictEqual(retryConfigFrom(config), {
    policy: "LINEAR",
    maximumReconnectionRetries: 10,
    minimumDelayMs: 2000,
    maximumDelayMs: 150000,
  });
  const tuned = new PNConfiguration({
    subscribeKey: "s",
    userId: "u",
    minimumReconnectionDelay: 5,
    maximumReconnectionDelay: 20,
  });
  assert.deepStrictEqual(retryConfigFrom(tuned), {
    policy: "EXPONENTIAL",
    maximumReconnectionRetries: 6,
    minimumDelayMs: 5000,
    maximumDelayMs: 20000,
  });
});

Deno.test("retryDecision: configured delays bound EXPONENTIAL and set LINEAR's wait", () => {
  const reason = new PNStatus({
    category: "PNTimeoutCategory",
    operation: "PNSubscribeOperation",
    error: true,
  });
  const exponential = {
    policy: "EXPONENTIAL" as const,
    minimumDelayMs: 3000,
    maximumDelayMs: 10000,
  };
  const delays = [0, 1, 2, 3].map((n) => retryDecision(exponential, n, reason, 0));
  assert.deepStrictEqual(delays.map((d) => d.retry && d.delayMs), [3000, 6000, 10000, 10000]);
  const linear = retryDecision({ policy: "LINEAR", minimumDelayMs: 7000 }, 4, reason, 0);
  assert.deepStrictEqual(linear, { retry: true, delayMs: 7000 });
});

Deno.test("retryDecision: a Retry-After of days is capped at an hour (a timer could not hold it)", () => {
  const reason = new PNStatus({
    category: "PNBadRequestCategory",
    operation: "PNSubscribeOperation",
    error: true,
    statusCode: 429,
    errorData: { retryAfter: 5 * 24 * 3600 },
  });
  assert.deepEqual(retryDecision({ policy: "LINEAR" }, 0, reason, 0), {
    retry: true,
    delayMs: 3_600_000,
  });
});

/**
 * The checks a configuration's options go through: each reads one option and throws a validation
 * `PubNubError` that names it, its range and what it got.
 *
 * @module
 */
import { describeValue } from "./describe_value.ts";
import { PubNubError } from "./error.ts";
import type { PNConfigurationOptions } from "./config_options.ts";

/**
 * The options, each read once; a getter or proxy that throws is a configuration error.
 *
 * @example
 * ```ts
 * import { readOptions } from "./config_checks.ts";
 * readOptions({ subscribeKey: "demo" }).subscribeKey; // "demo"
 * ```
 */
export function readOptions(options: PNConfigurationOptions | object): PNConfigurationOptions {
  if (typeof options !== "object" || options === null) {
    throw invalid(`the configuration must be an object, got ${describeValue(options)}`);
  }
  try {
    return { ...options } as PNConfigurationOptions;
  } catch (error) {
    throw invalid(
      `reading the options threw ${error instanceof Error ? error.message : describeValue(error)}`,
      { cause: error },
    );
  }
}

/**
 * A configuration error (`options.cause`: what was thrown while reading the configuration).
 *
 * @example
 * ```ts
 * import { invalid } from "./config_checks.ts";
 * invalid("origin is empty").message; // "Invalid configuration: origin is empty"
 * ```
 */
export function invalid(message: string, options?: ErrorOptions): PubNubError {
  return PubNubError.validation(
    "PNSubscribeOperation",
    `Invalid configuration: ${message}`,
    options,
  );
}

/**
 * A whole number from `min` to `max`.
 *
 * @example
 * ```ts
 * import { integer } from "./config_checks.ts";
 * integer("presenceTimeout", 300, 20, 320); // 300
 * ```
 */
export function integer(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw invalid(`${name} must be a whole number ${range}, got ${describeValue(value)}`);
  }
  return value;
}

/** The longest delay timers can hold (2^31 - 1 ms); longer ones fire at once in every runtime. */
const MAX_TIMER_SECONDS = 2_147_483;

/**
 * A positive number of seconds a timer can hold.
 *
 * @example
 * ```ts
 * import { positive } from "./config_checks.ts";
 * positive("nonSubscribeRequestTimeout", 10); // 10
 * ```
 */
export function positive(name: string, value: unknown): number {
  if (
    typeof value !== "number" || !(value > 0) || !Number.isFinite(value) ||
    value > MAX_TIMER_SECONDS
  ) {
    throw invalid(
      `${name} must be a positive number of seconds up to ${MAX_TIMER_SECONDS}, got ${
        describeValue(value)
      }`,
    );
  }
  return value;
}

/**
 * `true` or `false`, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { flag } from "./config_checks.ts";
 * flag("ssl", undefined, true); // true
 * ```
 */
export function flag(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw invalid(`${name} must be true or false, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A string that can be sent in a URL, or `undefined` when absent or empty.
 *
 * @example
 * ```ts
 * import { text } from "./config_checks.ts";
 * text("filterExpression", ""); // undefined
 * ```
 */
export function text(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw invalid(`${name} must be a string, got ${typeof value}`);
  if (!value.isWellFormed()) {
    throw invalid(`${name} contains an unpaired UTF-16 surrogate, which cannot be sent in a URL`);
  }
  return value;
}

/**
 * The reconnection delays the service allows a client to configure, in seconds: no shorter than
 * 2 s between attempts, no longer than 150 s.
 *
 * @example
 * ```ts
 * import { RECONNECTION_DELAY_BOUNDS } from "./config_checks.ts";
 * RECONNECTION_DELAY_BOUNDS.minimum; // 2
 * ```
 */
export const RECONNECTION_DELAY_BOUNDS: Readonly<{ minimum: number; maximum: number }> =
  /* @__PURE__ */ Object.freeze({ minimum: 2, maximum: 150 });

/**
 * A reconnection delay, within the bounds the service documents.
 *
 * @example
 * ```ts
 * import { delaySeconds } from "./config_checks.ts";
 * delaySeconds("minimumReconnectionDelay", 2); // 2
 * ```
 */
export function delaySeconds(name: string, value: unknown): number {
  const { minimum, maximum } = RECONNECTION_DELAY_BOUNDS;
  if (typeof value !== "number" || !(value >= minimum && value <= maximum)) {
    throw invalid(
      `${name} must be a number of seconds from ${minimum} to ${maximum} (the service's bounds), got ${
        describeValue(value)
      }`,
    );
  }
  return value;
}

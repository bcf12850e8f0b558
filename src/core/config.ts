import { PubNubError } from "./error.ts";
import { describeValue } from "./describe_value.ts";

/**
 * How the subscribe loop retries after a failure.
 *
 * @example
 * ```ts
 * import { PNReconnectionPolicy } from "@pubnub-ts/pubsub";
 * const policy = PNReconnectionPolicy.LINEAR; // "LINEAR"
 * ```
 */
export const PNReconnectionPolicy = {
  NONE: "NONE",
  LINEAR: "LINEAR",
  EXPONENTIAL: "EXPONENTIAL",
} as const;

/**
 * One of the {@link PNReconnectionPolicy} values.
 *
 * @example
 * ```ts
 * import type { PNReconnectionPolicyName } from "@pubnub-ts/pubsub";
 * const policy: PNReconnectionPolicyName = "EXPONENTIAL";
 * ```
 */
export type PNReconnectionPolicyName =
  typeof PNReconnectionPolicy[keyof typeof PNReconnectionPolicy];

/**
 * How much the client logs, from nothing to everything: each level includes the ones before it.
 * `debug` adds a line per request (method, path, status, milliseconds) and per engine
 * transition; `trace` adds request and response bodies. Keys, auth, tokens and signatures are
 * never logged, at any level.
 *
 * @example
 * ```ts
 * import type { PNLogLevel } from "@pubnub-ts/pubsub";
 * const level: PNLogLevel = "debug";
 * ```
 */
export type PNLogLevel = "none" | "error" | "warn" | "info" | "debug" | "trace";

/**
 * The log levels, quietest first.
 *
 * @example
 * ```ts
 * import { PN_LOG_LEVELS } from "./config.ts";
 * PN_LOG_LEVELS.indexOf("debug") > PN_LOG_LEVELS.indexOf("info"); // true
 * ```
 */
export const PN_LOG_LEVELS: readonly PNLogLevel[] = /* @__PURE__ */ Object.freeze([
  "none",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
]);

/**
 * The reconnection delays the service allows a client to configure, in seconds: no shorter than
 * 2 s between attempts, no longer than 150 s.
 *
 * @example
 * ```ts
 * import { RECONNECTION_DELAY_BOUNDS } from "./config.ts";
 * RECONNECTION_DELAY_BOUNDS.minimum; // 2
 * ```
 */
export const RECONNECTION_DELAY_BOUNDS: Readonly<{ minimum: number; maximum: number }> =
  /* @__PURE__ */ Object.freeze({ minimum: 2, maximum: 150 });

/**
 * The options a client is configured with; every field but the keys and the user id has a default.
 *
 * @example
 * ```ts
 * import type { PNConfigurationOptions } from "@pubnub-ts/pubsub";
 * const options: PNConfigurationOptions = { subscribeKey: "demo", publishKey: "demo", userId: "u1" };
 * ```
 */
export interface PNConfigurationOptions {
  /** Key used to publish; required only for publish, fire and signal. */
  publishKey?: string;
  /** Key of the keyset; required. */
  subscribeKey?: string;
  /** The client's identity; required (alias `uuid`). */
  userId?: string;
  /**
   * Older name of `userId`. `uuid` is what the service calls a user id on the wire (the `uuid`
   * parameter, presence events' `uuid`); builders take either `uuid(...)` or `userId(...)`.
   */
  uuid?: string;
  /** Host (and optional port) of the service. Default `ps.pndsn.com`. */
  origin?: string;
  /** Use `https`. Default `true`. */
  ssl?: boolean;
  /** Retry policy of the subscribe loop. Default `EXPONENTIAL`. */
  reconnectionPolicy?: PNReconnectionPolicyName;
  /** Retries before giving up; -1 for unlimited. Default: the policy's own (LINEAR 10, EXPONENTIAL 6). */
  maximumReconnectionRetries?: number;
  /**
   * Seconds before a retry: LINEAR waits this long every time, EXPONENTIAL before the first
   * retry (doubling after each). From 2 to 150. Default 2. Up to 1 s of jitter is added.
   */
  minimumReconnectionDelay?: number;
  /** Seconds EXPONENTIAL never waits longer than (before jitter). From the minimum to 150. Default 150. */
  maximumReconnectionDelay?: number;
  /** How much to log: `none` (default), `error`, `warn`, `info`, `debug` or `trace`. */
  logLevel?: PNLogLevel;
  /** Seconds the service keeps this client present without a heartbeat. Default 300 (20–320). */
  presenceTimeout?: number;
  /** Seconds between heartbeats; 0 turns the heartbeat loop off. Default 0. */
  heartbeatInterval?: number;
  /** Do not send `leave` on unsubscribe. Default `false`. */
  suppressLeaveEvents?: boolean;
  /** A subscribe response with more messages than this emits a count-exceeded status. Default 100. */
  requestMessageCountThreshold?: number;
  /** Drop messages already delivered (a bounded cache). Default `false`. */
  dedupeOnSubscribe?: boolean;
  /**
   * After a reconnect (or any subscribe response) that may have overflowed the service's
   * 100-message window on a channel, fetch the missed messages from storage and deliver them
   * first. Default `true`; `false` turns it off.
   */
  restoreGaps?: boolean;
  /** Server-side filter expression applied to subscribe. */
  filterExpression?: string;
  /** Access key sent as `auth`. */
  authKey?: string;
  /** Secret key: requests are signed with it. */
  secretKey?: string;
  /** Key for message encryption. */
  cipherKey?: string;
  /** Cryptor used to encrypt: `legacy` or `aes-cbc`. Default `legacy`. */
  cryptor?: "legacy" | "aes-cbc";
  /** Random initialisation vectors for the legacy cryptor. Default `true`. */
  useRandomIVs?: boolean;
  /** Largest publish request accepted before sending, in escaped characters. Default 32768. */
  maxMessageSize?: number;
  /** Seconds before a non-subscribe request times out. Default 10. */
  nonSubscribeRequestTimeout?: number;
  /** Seconds before a subscribe long-poll times out. Default 310. */
  subscribeRequestTimeout?: number;
}

/**
 * Default origin of the real service.
 *
 * @example
 * ```ts
 * import { DEFAULT_ORIGIN } from "./config.ts";
 * console.log(DEFAULT_ORIGIN);
 * ```
 */
export const DEFAULT_ORIGIN = "ps.pndsn.com";

/**
 * A validated configuration with every default filled in. Built once; immutable afterwards.
 *
 * @example
 * ```ts
 * import { PNConfiguration } from "@pubnub-ts/pubsub";
 * const config = new PNConfiguration({ publishKey: "demo", subscribeKey: "demo", userId: "user-1" });
 * config.origin; // "ps.pndsn.com"
 * ```
 */
export class PNConfiguration {
  /** Key used to publish. */
  readonly publishKey: string | undefined;
  /** Key of the keyset. */
  readonly subscribeKey: string;
  /** The client's identity. */
  readonly userId: string;
  /** Host (and optional port) of the service. */
  readonly origin: string;
  /** Use `https`. */
  readonly ssl: boolean;
  /** Retry policy of the subscribe loop. */
  readonly reconnectionPolicy: PNReconnectionPolicyName;
  /** Retries before giving up; -1 unlimited. */
  readonly maximumReconnectionRetries: number;
  /** Seconds before a LINEAR retry, and before the first EXPONENTIAL one. */
  readonly minimumReconnectionDelay: number;
  /** Seconds an EXPONENTIAL retry waits at most (before jitter). */
  readonly maximumReconnectionDelay: number;
  /** How much the client logs. */
  readonly logLevel: PNLogLevel;
  /** Presence timeout, seconds. */
  readonly presenceTimeout: number;
  /** Heartbeat interval, seconds; 0 = off. */
  readonly heartbeatInterval: number;
  /** Do not send `leave` on unsubscribe. */
  readonly suppressLeaveEvents: boolean;
  /** Message count that triggers the count-exceeded status. */
  readonly requestMessageCountThreshold: number;
  /** Drop messages already delivered. */
  readonly dedupeOnSubscribe: boolean;
  /** Fill catch-up gaps from storage. */
  readonly restoreGaps: boolean;
  /** Server-side filter expression. */
  readonly filterExpression: string | undefined;
  /** Access key. */
  readonly authKey: string | undefined;
  /** Secret key for request signing. */
  readonly secretKey: string | undefined;
  /** Key for message encryption. */
  readonly cipherKey: string | undefined;
  /** Cryptor used to encrypt. */
  readonly cryptor: "legacy" | "aes-cbc";
  /** Random IVs for the legacy cryptor. */
  readonly useRandomIVs: boolean;
  /** Largest publish request, escaped characters. */
  readonly maxMessageSize: number;
  /** Non-subscribe request timeout, seconds. */
  readonly nonSubscribeRequestTimeout: number;
  /** Subscribe long-poll timeout, seconds. */
  readonly subscribeRequestTimeout: number;

  /** Validates the options and fills in the defaults; throws a validation `PubNubError` on bad input. */
  constructor(options: PNConfigurationOptions | PNConfiguration) {
    const o = readOptions(options);
    const userId = o.userId ?? o.uuid;
    if (typeof o.subscribeKey !== "string" || o.subscribeKey === "") {
      throw invalid("subscribeKey is missing: a configuration needs the keyset's subscribe key");
    }
    if (typeof userId !== "string" || userId.trim() === "") {
      throw invalid("userId is missing: a configuration needs a non-empty userId (or uuid)");
    }
    for (
      const [name, value] of [
        ["publishKey", o.publishKey],
        ["subscribeKey", o.subscribeKey],
        ["userId", userId],
        ["authKey", o.authKey],
      ] as const
    ) {
      if (typeof value === "string" && !value.isWellFormed()) {
        throw invalid(
          `${name} contains an unpaired UTF-16 surrogate, which cannot be sent in a URL`,
        );
      }
    }
    this.publishKey = o.publishKey || undefined;
    this.subscribeKey = o.subscribeKey;
    this.userId = userId;
    this.origin = o.origin ?? DEFAULT_ORIGIN;
    if (typeof this.origin !== "string" || this.origin === "" || /[\s/]/.test(this.origin)) {
      throw invalid(`origin ${describeValue(this.origin)} is not a host[:port]`);
    }
    this.ssl = flag("ssl", o.ssl, true);
    const policy = o.reconnectionPolicy ?? PNReconnectionPolicy.EXPONENTIAL;
    if (typeof policy !== "string" || !Object.hasOwn(PNReconnectionPolicy, policy)) {
      throw invalid(
        `reconnectionPolicy ${describeValue(policy)} is not one of NONE, LINEAR, EXPONENTIAL`,
      );
    }
    this.reconnectionPolicy = policy;
    this.maximumReconnectionRetries = integer(
      "maximumReconnectionRetries",
      o.maximumReconnectionRetries ?? defaultRetries(policy),
      -1,
    );
    this.minimumReconnectionDelay = delaySeconds(
      "minimumReconnectionDelay",
      o.minimumReconnectionDelay ?? RECONNECTION_DELAY_BOUNDS.minimum,
    );
    this.maximumReconnectionDelay = delaySeconds(
      "maximumReconnectionDelay",
      o.maximumReconnectionDelay ?? RECONNECTION_DELAY_BOUNDS.maximum,
    );
    if (this.maximumReconnectionDelay < this.minimumReconnectionDelay) {
      throw invalid(
        `maximumReconnectionDelay (${this.maximumReconnectionDelay} s) is shorter than minimumReconnectionDelay (${this.minimumReconnectionDelay} s)`,
      );
    }
    const logLevel = o.logLevel ?? "none";
    if (typeof logLevel !== "string" || !PN_LOG_LEVELS.includes(logLevel)) {
      throw invalid(
        `logLevel ${describeValue(logLevel)} is not one of ${PN_LOG_LEVELS.join(", ")}`,
      );
    }
    this.logLevel = logLevel;
    this.presenceTimeout = integer("presenceTimeout", o.presenceTimeout ?? 300, 20, 320);
    // A heartbeat less often than the presence timeout would let the service time us out.
    this.heartbeatInterval = integer(
      "heartbeatInterval",
      o.heartbeatInterval ?? 0,
      0,
      this.presenceTimeout,
    );
    this.suppressLeaveEvents = flag("suppressLeaveEvents", o.suppressLeaveEvents, false);
    this.requestMessageCountThreshold = integer(
      "requestMessageCountThreshold",
      o.requestMessageCountThreshold ?? 100,
      1,
    );
    this.dedupeOnSubscribe = flag("dedupeOnSubscribe", o.dedupeOnSubscribe, false);
    this.restoreGaps = flag("restoreGaps", o.restoreGaps, true);
    this.filterExpression = text("filterExpression", o.filterExpression);
    this.authKey = o.authKey || undefined;
    this.secretKey = o.secretKey || undefined;
    this.cipherKey = text("cipherKey", o.cipherKey);
    const cryptor = o.cryptor ?? "legacy";
    if (cryptor !== "legacy" && cryptor !== "aes-cbc") {
      throw invalid(`cryptor ${describeValue(cryptor)} is not one of legacy, aes-cbc`);
    }
    this.cryptor = cryptor;
    this.useRandomIVs = flag("useRandomIVs", o.useRandomIVs, true);
    this.maxMessageSize = integer("maxMessageSize", o.maxMessageSize ?? 32768, 1);
    this.nonSubscribeRequestTimeout = positive(
      "nonSubscribeRequestTimeout",
      o.nonSubscribeRequestTimeout ?? 10,
    );
    this.subscribeRequestTimeout = positive(
      "subscribeRequestTimeout",
      o.subscribeRequestTimeout ?? 310,
    );
  }

  /** `http://` or `https://` followed by the origin. */
  get baseUrl(): string {
    return `${this.ssl ? "https" : "http"}://${this.origin}`;
  }
}

/** The options, each read once; a getter or proxy that throws is a configuration error. */
function readOptions(options: PNConfigurationOptions | PNConfiguration): PNConfigurationOptions {
  if (typeof options !== "object" || options === null) {
    throw invalid(`the configuration must be an object, got ${describeValue(options)}`);
  }
  try {
    return { ...options } as PNConfigurationOptions;
  } catch (error) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      `Invalid configuration: reading the options threw ${
        error instanceof Error ? error.message : describeValue(error)
      }`,
      { cause: error },
    );
  }
}

function defaultRetries(policy: PNReconnectionPolicyName): number {
  return policy === "LINEAR" ? 10 : policy === "EXPONENTIAL" ? 6 : 0;
}

function invalid(message: string): PubNubError {
  return PubNubError.validation("PNSubscribeOperation", `Invalid configuration: ${message}`);
}

function integer(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw invalid(`${name} must be a whole number ${range}, got ${describeValue(value)}`);
  }
  return value;
}

/** The longest delay timers can hold (2^31 - 1 ms); longer ones fire at once in every runtime. */
const MAX_TIMER_SECONDS = 2_147_483;

function positive(name: string, value: unknown): number {
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

/** A reconnection delay, within the bounds the service documents. */
function delaySeconds(name: string, value: unknown): number {
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

function flag(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw invalid(`${name} must be true or false, got ${describeValue(value)}`);
  }
  return value;
}

function text(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw invalid(`${name} must be a string, got ${typeof value}`);
  if (!value.isWellFormed()) {
    throw invalid(`${name} contains an unpaired UTF-16 surrogate, which cannot be sent in a URL`);
  }
  return value;
}

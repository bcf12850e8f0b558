/**
 * What a configuration is made of: the options an app passes, their named values and defaults.
 * `config.ts` re-exports all of it.
 *
 * @module
 */
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
   * first. Default `true`; `false` turns it off. A `createPubNub` client restores gaps only with
   * the `gapRestore` feature (without it the default is `false` and `true` is refused).
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

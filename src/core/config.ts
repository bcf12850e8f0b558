import { describeValue } from "./describe_value.ts";
import { DEFAULT_MAXIMUM_RETRIES } from "./retry_policy.ts";
import {
  delaySeconds,
  flag,
  integer,
  invalid,
  positive,
  readOptions,
  RECONNECTION_DELAY_BOUNDS,
  text,
} from "./config_checks.ts";

export { RECONNECTION_DELAY_BOUNDS };
export {
  DEFAULT_ORIGIN,
  PN_LOG_LEVELS,
  type PNConfigurationOptions,
  type PNLogLevel,
  PNReconnectionPolicy,
  type PNReconnectionPolicyName,
} from "./config_options.ts";
import {
  DEFAULT_ORIGIN,
  PN_LOG_LEVELS,
  type PNConfigurationOptions,
  type PNLogLevel,
  PNReconnectionPolicy,
  type PNReconnectionPolicyName,
} from "./config_options.ts";

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
  readonly publishKey!: string | undefined;
  /** Key of the keyset. */
  readonly subscribeKey!: string;
  /** The client's identity. */
  readonly userId!: string;
  /** Host (and optional port) of the service. */
  readonly origin!: string;
  /** Use `https`. */
  readonly ssl!: boolean;
  /** Retry policy of the subscribe loop. */
  readonly reconnectionPolicy!: PNReconnectionPolicyName;
  /** Retries before giving up; -1 unlimited. */
  readonly maximumReconnectionRetries!: number;
  /** Seconds before a LINEAR retry, and before the first EXPONENTIAL one. */
  readonly minimumReconnectionDelay!: number;
  /** Seconds an EXPONENTIAL retry waits at most (before jitter). */
  readonly maximumReconnectionDelay!: number;
  /** How much the client logs. */
  readonly logLevel!: PNLogLevel;
  /** Presence timeout, seconds. */
  readonly presenceTimeout!: number;
  /** Heartbeat interval, seconds; 0 = off. */
  readonly heartbeatInterval!: number;
  /** Do not send `leave` on unsubscribe. */
  readonly suppressLeaveEvents!: boolean;
  /** Message count that triggers the count-exceeded status. */
  readonly requestMessageCountThreshold!: number;
  /** Drop messages already delivered. */
  readonly dedupeOnSubscribe!: boolean;
  /** Fill catch-up gaps from storage. */
  readonly restoreGaps!: boolean;
  /** Server-side filter expression. */
  readonly filterExpression!: string | undefined;
  /** Access key. */
  readonly authKey!: string | undefined;
  /** Secret key for request signing. */
  readonly secretKey!: string | undefined;
  /** Key for message encryption. */
  readonly cipherKey!: string | undefined;
  /** Cryptor used to encrypt. */
  readonly cryptor!: "legacy" | "aes-cbc";
  /** Random IVs for the legacy cryptor. */
  readonly useRandomIVs!: boolean;
  /** Largest publish request, escaped characters. */
  readonly maxMessageSize!: number;
  /** Non-subscribe request timeout, seconds. */
  readonly nonSubscribeRequestTimeout!: number;
  /** Subscribe long-poll timeout, seconds. */
  readonly subscribeRequestTimeout!: number;

  /** Validates the options and fills in the defaults; throws a validation `PubNubError` on bad input. */
  constructor(options: PNConfigurationOptions | PNConfiguration) {
    const o = readOptions(options);
    applyClientOptions(this, o);
    applySubscribeOptions(this, o);
    applyEncryptionOptions(this, o);
    applyLoggingOptions(this, o);
    applySigningOptions(this, o);
    COMPLETE.add(this);
  }

  /** `http://` or `https://` followed by the origin. */
  get baseUrl(): string {
    return `${this.ssl ? "https" : "http"}://${this.origin}`;
  }
}

/** Configurations validated in full (every `PNConfiguration`): taken as they are. */
const COMPLETE: WeakSet<object> = /* @__PURE__ */ new WeakSet();

/**
 * A configuration being filled in by the option groups below.
 *
 * @example
 * ```ts
 * import type { ConfigurationInProgress } from "./config.ts";
 * const fill = (target: ConfigurationInProgress) => (target.ssl = false);
 * ```
 */
export type ConfigurationInProgress = {
  -readonly [K in keyof PNConfiguration]: PNConfiguration[K];
};

/**
 * One group of options: reads them from `options`, validates them and fills them in.
 *
 * @example
 * ```ts
 * import { applySubscribeOptions, type OptionGroup } from "./config.ts";
 * const group: OptionGroup = applySubscribeOptions;
 * ```
 */
export type OptionGroup = (
  target: ConfigurationInProgress,
  options: PNConfigurationOptions,
) => void;

/**
 * The options every client reads: keys, user id, origin, auth, the publish size limit and the
 * timeout of a request that is not a long-poll.
 */
function applyClientOptions(
  target: ConfigurationInProgress,
  o: PNConfigurationOptions,
): void {
  const userId = o.userId ?? o.uuid;
  if (typeof o.subscribeKey !== "string" || o.subscribeKey === "") {
    throw invalid("subscribeKey is missing: a configuration needs the keyset's subscribe key");
  }
  if (typeof userId !== "string" || userId.trim() === "") {
    throw invalid("userId is missing: a configuration needs a non-empty userId (or uuid)");
  }
  for (const [name, value] of [["subscribeKey", o.subscribeKey], ["userId", userId]] as const) {
    if (!value.isWellFormed()) {
      throw invalid(`${name} contains an unpaired UTF-16 surrogate, which cannot be sent in a URL`);
    }
  }
  // A key of another type would be sent as its String() form, which the service refuses.
  target.publishKey = text("publishKey", o.publishKey);
  target.subscribeKey = o.subscribeKey;
  target.userId = userId;
  target.origin = o.origin ?? DEFAULT_ORIGIN;
  if (typeof target.origin !== "string" || target.origin === "" || /[\s/]/.test(target.origin)) {
    throw invalid(`origin ${describeValue(target.origin)} is not a host[:port]`);
  }
  target.ssl = flag("ssl", o.ssl, true);
  target.authKey = text("authKey", o.authKey);
  target.maxMessageSize = integer("maxMessageSize", o.maxMessageSize ?? 32768, 1);
  target.nonSubscribeRequestTimeout = positive(
    "nonSubscribeRequestTimeout",
    o.nonSubscribeRequestTimeout ?? 10,
  );
}

/**
 * The options the subscribe and heartbeat loops read: the long-poll's timeout, the retry policy
 * and its delays, presence
 * timeout and heartbeat interval, leaves, the message-count threshold, dedupe, gap back-fill and
 * the filter expression.
 *
 * @example
 * ```ts
 * import { applySubscribeOptions, PNConfiguration } from "./config.ts";
 * const config = Object.create(PNConfiguration.prototype);
 * applySubscribeOptions(config, { reconnectionPolicy: "LINEAR" });
 * config.maximumReconnectionRetries; // 10
 * ```
 */
export function applySubscribeOptions(
  target: ConfigurationInProgress,
  o: PNConfigurationOptions,
): void {
  const policy = o.reconnectionPolicy ?? PNReconnectionPolicy.EXPONENTIAL;
  if (typeof policy !== "string" || !Object.hasOwn(PNReconnectionPolicy, policy)) {
    throw invalid(
      `reconnectionPolicy ${describeValue(policy)} is not one of NONE, LINEAR, EXPONENTIAL`,
    );
  }
  target.reconnectionPolicy = policy;
  // Only a long-poll (a subscribe) waits this long.
  target.subscribeRequestTimeout = positive(
    "subscribeRequestTimeout",
    o.subscribeRequestTimeout ?? 310,
  );
  target.maximumReconnectionRetries = integer(
    "maximumReconnectionRetries",
    o.maximumReconnectionRetries ?? DEFAULT_MAXIMUM_RETRIES[policy],
    -1,
  );
  target.minimumReconnectionDelay = delaySeconds(
    "minimumReconnectionDelay",
    o.minimumReconnectionDelay ?? RECONNECTION_DELAY_BOUNDS.minimum,
  );
  target.maximumReconnectionDelay = delaySeconds(
    "maximumReconnectionDelay",
    o.maximumReconnectionDelay ?? RECONNECTION_DELAY_BOUNDS.maximum,
  );
  if (target.maximumReconnectionDelay < target.minimumReconnectionDelay) {
    throw invalid(
      `maximumReconnectionDelay (${target.maximumReconnectionDelay} s) is shorter than minimumReconnectionDelay (${target.minimumReconnectionDelay} s)`,
    );
  }
  target.presenceTimeout = integer("presenceTimeout", o.presenceTimeout ?? 300, 20, 320);
  // A heartbeat less often than the presence timeout would let the service time us out.
  target.heartbeatInterval = integer(
    "heartbeatInterval",
    o.heartbeatInterval ?? 0,
    0,
    target.presenceTimeout,
  );
  target.suppressLeaveEvents = flag("suppressLeaveEvents", o.suppressLeaveEvents, false);
  target.requestMessageCountThreshold = integer(
    "requestMessageCountThreshold",
    o.requestMessageCountThreshold ?? 100,
    1,
  );
  target.dedupeOnSubscribe = flag("dedupeOnSubscribe", o.dedupeOnSubscribe, false);
  target.restoreGaps = flag("restoreGaps", o.restoreGaps, true);
  target.filterExpression = text("filterExpression", o.filterExpression);
}

/**
 * The option of logging: `logLevel` (default `"none"`).
 *
 * @example
 * ```ts
 * import { applyLoggingOptions, PNConfiguration } from "./config.ts";
 * const config = Object.create(PNConfiguration.prototype);
 * applyLoggingOptions(config, { logLevel: "debug" });
 * config.logLevel; // "debug"
 * ```
 */
export function applyLoggingOptions(
  target: ConfigurationInProgress,
  o: PNConfigurationOptions,
): void {
  const logLevel = o.logLevel ?? "none";
  if (typeof logLevel !== "string" || !PN_LOG_LEVELS.includes(logLevel)) {
    throw invalid(`logLevel ${describeValue(logLevel)} is not one of ${PN_LOG_LEVELS.join(", ")}`);
  }
  target.logLevel = logLevel;
}

/**
 * The option of request signing: `secretKey`.
 *
 * @example
 * ```ts
 * import { applySigningOptions, PNConfiguration } from "./config.ts";
 * const config = Object.create(PNConfiguration.prototype);
 * applySigningOptions(config, { secretKey: "sec" });
 * config.secretKey; // "sec"
 * ```
 */
export function applySigningOptions(
  target: ConfigurationInProgress,
  o: PNConfigurationOptions,
): void {
  // Signed as UTF-8 text: anything else would sign with its String() form, silently wrong.
  target.secretKey = text("secretKey", o.secretKey);
}

/**
 * The options of message encryption: `cipherKey`, `cryptor`, `useRandomIVs`.
 *
 * @example
 * ```ts
 * import { applyEncryptionOptions, PNConfiguration } from "./config.ts";
 * const config = Object.create(PNConfiguration.prototype);
 * applyEncryptionOptions(config, { cipherKey: "secret" });
 * config.cryptor; // "legacy"
 * ```
 */
export function applyEncryptionOptions(
  target: ConfigurationInProgress,
  o: PNConfigurationOptions,
): void {
  target.cipherKey = text("cipherKey", o.cipherKey);
  const cryptor = o.cryptor ?? "legacy";
  if (cryptor !== "legacy" && cryptor !== "aes-cbc") {
    throw invalid(`cryptor ${describeValue(cryptor)} is not one of legacy, aes-cbc`);
  }
  target.cryptor = cryptor;
  target.useRandomIVs = flag("useRandomIVs", o.useRandomIVs, true);
}

/**
 * A configuration validated by the client's options and the given groups only: a client made
 * of features reads (and refuses) only the options its features use; the others are not read
 * (`undefined`). A `PNConfiguration` is taken as it is.
 *
 * @example
 * ```ts
 * import { applySubscribeOptions, configurationOf } from "./config.ts";
 * const config = configurationOf({ subscribeKey: "demo", userId: "u1" }, [applySubscribeOptions]);
 * config.presenceTimeout; // 300
 * ```
 */
export function configurationOf(
  options: PNConfigurationOptions | PNConfiguration,
  groups: readonly OptionGroup[],
): PNConfiguration {
  if (COMPLETE.has(options)) return options as PNConfiguration;
  const o = readOptions(options);
  // A plain object, not a PNConfiguration: `new PubNub(config)` validates it again in full.
  // (Naming the class here would bring every option group into a bundle that needs one.)
  const config = {
    get baseUrl() {
      return `${this.ssl ? "https" : "http"}://${this.origin}`;
    },
  } as ConfigurationInProgress;
  applyClientOptions(config, o);
  for (const group of new Set(groups)) group(config, o);
  return config;
}

/**
 * The official SDK's configuration turned into ours. Options that have no counterpart here, or
 * values this client cannot honour, are collected with the reason, so the client can report
 * them once instead of ignoring them silently.
 *
 * @module
 */
import type { PNConfigurationOptions } from "../core/config.ts";
import type { RequestRetryPolicy } from "./retry.ts";

/**
 * The configuration `new PubNub(…)` takes (the official SDK's names).
 *
 * @example
 * ```ts
 * import type { PubNubConfiguration } from "./config.ts";
 * const config: PubNubConfiguration = { publishKey: "demo", subscribeKey: "demo", userId: "u1" };
 * ```
 */
export type PubNubConfiguration = {
  subscribeKey: string;
  subscribe_key?: string;
  publishKey?: string;
  publish_key?: string;
  secretKey?: string;
  secret_key?: string;
  userId?: string;
  uuid?: string;
  authKey?: string | null;
  logVerbosity?: boolean;
  logLevel?: number;
  loggers?: unknown[];
  ssl?: boolean;
  origin?: string | string[];
  presenceTimeout?: number;
  heartbeatInterval?: number;
  transactionalRequestTimeout?: number;
  subscribeRequestTimeout?: number;
  fileRequestTimeout?: number;
  restore?: boolean;
  useInstanceId?: boolean;
  suppressLeaveEvents?: boolean;
  requestMessageCountThreshold?: number;
  autoNetworkDetection?: boolean;
  listenToBrowserNetworkEvents?: boolean;
  enableEventEngine?: boolean;
  retryConfiguration?: RequestRetryPolicy;
  maintainPresenceState?: boolean;
  useSmartHeartbeat?: boolean;
  keepAlive?: boolean;
  keepAliveSettings?: unknown;
  sdkName?: string;
  partnerId?: string;
  cryptoModule?: { cipherKey: string; cryptor: "legacy" | "aes-cbc"; useRandomIVs?: boolean };
  cipherKey?: string;
  useRandomIVs?: boolean;
  customEncrypt?: (data: unknown) => string;
  customDecrypt?: (data: string) => string;
  filterExpression?: string | null;
  dedupeOnSubscribe?: boolean;
};

/**
 * Our configuration and what of theirs it could not honour.
 *
 * @example
 * ```ts
 * import { translateConfiguration } from "./config.ts";
 * const { options, unsupported } = translateConfiguration({ subscribeKey: "demo", userId: "u1", sdkName: "x" });
 * options.subscribeKey; // "demo"
 * unsupported; // ["sdkName (not supported)"]
 * ```
 */
export function translateConfiguration(
  config: PubNubConfiguration,
): { options: PNConfigurationOptions; unsupported: string[] } {
  const unsupported: string[] = [];
  const skip = (name: string, why: string) => unsupported.push(`${name} (${why})`);
  const options: PNConfigurationOptions = {
    subscribeKey: config.subscribeKey ?? config.subscribe_key,
    publishKey: config.publishKey ?? config.publish_key,
    secretKey: config.secretKey ?? config.secret_key,
    userId: config.userId ?? config.uuid,
    authKey: config.authKey ?? undefined,
    ssl: config.ssl ?? true,
    suppressLeaveEvents: config.suppressLeaveEvents,
    requestMessageCountThreshold: config.requestMessageCountThreshold,
    filterExpression: config.filterExpression ?? undefined,
    dedupeOnSubscribe: config.dedupeOnSubscribe,
    cipherKey: config.cryptoModule?.cipherKey ?? config.cipherKey,
    cryptor: config.cryptoModule?.cryptor,
    useRandomIVs: config.cryptoModule?.useRandomIVs ?? config.useRandomIVs,
    subscribeRequestTimeout: config.subscribeRequestTimeout,
    nonSubscribeRequestTimeout: config.transactionalRequestTimeout ?? 15,
  };
  if (Array.isArray(config.origin)) {
    options.origin = config.origin[0];
    if (config.origin.length > 1) skip("origin", "the first is used");
  } else if (config.origin !== undefined) {
    options.origin = config.origin;
  }
  let presenceTimeout = config.presenceTimeout;
  if (presenceTimeout !== undefined && presenceTimeout > 320) {
    skip("presenceTimeout", `${presenceTimeout}: 320 is used`);
    presenceTimeout = 320;
  }
  if (presenceTimeout !== undefined && presenceTimeout < 20) {
    skip("presenceTimeout", `${presenceTimeout}: 20 is used`);
    presenceTimeout = 20;
  }
  options.presenceTimeout = presenceTimeout;
  // As in the official SDK: a presence timeout sets the heartbeat to just under half of it.
  const heartbeat = config.heartbeatInterval ??
    (presenceTimeout !== undefined ? presenceTimeout / 2 - 1 : 0);
  options.heartbeatInterval = Math.max(0, Math.floor(heartbeat));
  const retry = config.retryConfiguration;
  if (retry !== undefined) {
    retry.validate();
    options.reconnectionPolicy = retry.kind;
    if (retry.maximumRetry !== undefined) options.maximumReconnectionRetries = retry.maximumRetry;
    if (retry.kind === "LINEAR" && retry.delay !== 2) {
      skip("retryConfiguration.delay", "retries wait 2 s");
    }
    if (retry.kind === "EXPONENTIAL" && (retry.minimumDelay !== 2 || retry.maximumDelay !== 150)) {
      skip("retryConfiguration delays", "2 s doubling up to 150 s");
    }
    if (retry.excluded?.length) skip("retryConfiguration.excluded", "only subscribe retries");
  }
  for (const [name, value] of Object.entries(config)) {
    if (value === undefined || APPLIED.includes(name)) continue;
    const only = NOT_APPLIED[name];
    if (only === undefined) skip(name, "unknown");
    else if (only.length === 0 || value !== only[0]) skip(name, "not supported");
  }
  return { options, unsupported };
}

/** Options applied as given (above). */
const APPLIED = ("subscribeKey subscribe_key publishKey publish_key secretKey secret_key userId " +
  "uuid authKey ssl origin presenceTimeout heartbeatInterval transactionalRequestTimeout " +
  "subscribeRequestTimeout suppressLeaveEvents requestMessageCountThreshold retryConfiguration " +
  "keepAlive cryptoModule cipherKey useRandomIVs filterExpression dedupeOnSubscribe").split(" ");

/**
 * Options with no counterpart here (the README's compat table says why), and options applied
 * only with the one value that is this client's behaviour.
 */
const NOT_APPLIED: Record<string, [unknown] | []> = {
  logVerbosity: [false],
  logLevel: [5],
  restore: [true],
  enableEventEngine: [true],
  maintainPresenceState: [true],
  loggers: [],
  customEncrypt: [],
  customDecrypt: [],
  keepAliveSettings: [],
  fileRequestTimeout: [],
  useInstanceId: [],
  autoNetworkDetection: [],
  listenToBrowserNetworkEvents: [],
  useSmartHeartbeat: [],
  sdkName: [],
  partnerId: [],
};

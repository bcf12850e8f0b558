/**
 * The official SDK's configuration turned into ours. Options that have no counterpart here, or
 * values this client cannot honour, are collected with the reason, so the client can report
 * them once instead of ignoring them silently.
 *
 * @module
 */
import {
  applyEncryptionOptions,
  applySigningOptions,
  applySubscribeOptions,
  configurationOf,
  type PNConfiguration,
  type PNConfigurationOptions,
} from "../core/config.ts";
import type { RequestRetryPolicy } from "./retry.ts";

/**
 * The configuration `new PubNub(…)` takes (the official SDK's names).
 *
 * @example
 * ```ts
 * import type { PubNubConfiguration } from "@pubnub-ts/pubsub/compat";
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

/** Our configuration's defaults: its keys are the options applied under their own name. */
let defaults: PNConfiguration | undefined;

/**
 * Our configuration and what of theirs it could not honour.
 *
 * @example
 * ```ts
 * import { translateConfiguration } from "./config.ts";
 * const { options, unsupported } = translateConfiguration({ subscribeKey: "demo", userId: "u1", sdkName: "x" });
 * options.subscribeKey; // "demo"
 * unsupported; // ["sdkName"]
 * ```
 */
export function translateConfiguration(
  config: PubNubConfiguration,
): { options: PNConfigurationOptions; unsupported: string[] } {
  const unsupported: string[] = [];
  const skip = (name: string, why: string) => unsupported.push(`${name} (${why})`);
  const options: Record<string, unknown> = {};
  // Options we share are passed on (the crypto module's over `cipherKey` and `useRandomIVs`);
  // `null` is not given.
  for (
    const [name, value] of [...Object.entries(config), ...Object.entries(config.cryptoModule ?? {})]
  ) {
    if (value != null) options[name] = value;
  }
  // The older spellings of the keys and id, when the current one is not given.
  for (const key of ["subscribe", "publish", "secret"]) {
    options[`${key}Key`] ??= options[`${key}_key`];
  }
  options.userId ??= options.uuid;
  options.logLevel = undefined;
  options.nonSubscribeRequestTimeout = config.transactionalRequestTimeout ?? 15;
  if (Array.isArray(config.origin)) {
    options.origin = config.origin[0];
    if (config.origin.length > 1) skip("origin", "the first is used");
  }
  let presenceTimeout = config.presenceTimeout;
  if (presenceTimeout !== undefined) {
    const used = Math.min(320, Math.max(20, presenceTimeout));
    if (used !== presenceTimeout) skip("presenceTimeout", `${presenceTimeout}: ${used} is used`);
    options.presenceTimeout = presenceTimeout = used;
  }
  // As in the official SDK: a presence timeout sets the heartbeat to just under half of it.
  const heartbeat = config.heartbeatInterval ??
    (presenceTimeout !== undefined ? presenceTimeout / 2 - 1 : 0);
  options.heartbeatInterval = Math.max(0, Math.floor(heartbeat));
  const retry = config.retryConfiguration;
  if (retry) {
    retry.validate();
    options.reconnectionPolicy = retry.kind;
    options.maximumReconnectionRetries = retry.maximumRetry;
    // Our delays are bounded as the service documents them: 2 to 150 s.
    options.minimumReconnectionDelay = Math.min(150, retry.delay ?? retry.minimumDelay ?? 2);
    options.maximumReconnectionDelay = Math.min(150, retry.maximumDelay ?? 150);
    if (Math.max(retry.delay ?? 0, retry.maximumDelay ?? 0) > 150) {
      skip("retryConfiguration", "150 s is the longest delay");
    }
    if (retry.excluded?.length) skip("retryConfiguration.excluded", "only subscribe retries");
  }
  defaults ??= configurationOf({ subscribeKey: "-", userId: "-" }, [
    applySubscribeOptions,
    applyEncryptionOptions,
    applySigningOptions,
  ]);
  // Not applied: what we have no option for, and what we apply only with our behaviour's value.
  for (const [name, value] of Object.entries(config)) {
    const ours = OURS_ONLY[name];
    if (
      value !== undefined &&
      (ours
        ? JSON.stringify(value) !== ours
        : !(name.replace("_k", "K") in defaults) && !APPLIED.includes(name))
    ) {
      unsupported.push(name);
    }
  }
  return { options: options as PNConfigurationOptions, unsupported };
}

/** Options applied that our configuration does not have under their name. */
const APPLIED = "uuid transactionalRequestTimeout retryConfiguration cryptoModule".split(
  " ",
);

/**
 * Official options applied only with the one value that is this client's behaviour (as JSON);
 * with another, they are reported (the README's compat table says why).
 */
const OURS_ONLY: Record<string, string | undefined> = Object.fromEntries(
  "logVerbosity=false logLevel=5 restore=true enableEventEngine=true maintainPresenceState=true keepAlive=true"
    .split(" ").map((entry) => entry.split("=")),
);

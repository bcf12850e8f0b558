import type { AccessPolicy } from "./access/policy.ts";
import type { Clock } from "../shell/clock.ts";
import type { StoreOptions } from "./store/open_handler.ts";
import type { TlsOptions } from "./tls.ts";

/**
 * Options of the request handler (everything but where to listen).
 *
 * @example
 * ```ts
 * import type { HandlerOptions } from "@pubnub-ts/pubsub/server";
 * const fast: HandlerOptions = { longPollSeconds: 2, intervalSeconds: 1, announceMax: 3 };
 * ```
 */
export interface HandlerOptions {
  /** How long a subscribe long-poll is held before an empty answer (seconds). Default 280. */
  longPollSeconds?: number;
  /** Occupancy above which presence switches to interval events. Default 20. */
  announceMax?: number;
  /** Period of interval events (seconds). Default 10. */
  intervalSeconds?: number;
  /** Whether interval events carry `join`/`leave`/`timeout` arrays. Default true. */
  presenceDeltas?: boolean;
  /** Interval events larger than this say `here_now_refresh` instead. Default 30000. */
  hereNowRefreshBytes?: number;
  /** When set, requests with other keys are refused as the service does. */
  keys?: { publishKey: string; subscribeKey: string };
  /** Publish size limit (escaped characters, channel and meta included). Default 32768. */
  maxMessageSize?: number;
  /** Catch-up window per channel (envelopes). Default 100. */
  bufferSize?: number;
  /** Longest path + query accepted (characters). Default 32768. */
  maxUriLength?: number;
  /** Largest POST body accepted, after decompression (bytes). Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Time of the model and the handler. A function gives the wall time (ms since the epoch) for
   * timetokens, presence expiry and intervals; a whole `Clock` also gives the monotonic reading
   * that expires long-polls and the timers that run the sweep. Default the real clock.
   */
  clock?: (() => number) | Clock;
  /** Period of the sweep that runs presence timeouts, intervals and long-poll expiry (ms). Default 250. */
  sweepMilliseconds?: number;
  /** Region sent in timetokens (`r`). Default 1. */
  region?: number;
  /**
   * Access policy: which auth keys may read or write which channels and groups, and whether
   * requests must be signed. Unset: everything is allowed, as before.
   */
  access?: AccessPolicy;
  /**
   * Whether the keyset has Storage & Playback: published messages are stored and the history
   * and message-action calls work. `false`: nothing is stored, and those calls are refused as
   * the service refuses them on a keyset without the add-on. Default true.
   */
  storage?: boolean;
  /**
   * Memory limits of the server state, per subscribe key unless said otherwise; each has a
   * default (see {@link ServerLimits}). A request that would pass one is refused with a 400
   * error object whose message names the limit.
   */
  limits?: Partial<ServerLimits>;
}

/**
 * Limits that bound what the server keeps, so no client can make it grow without end. Where a
 * limit is reached, live data is never dropped to make room: the request that needs more is
 * refused with an error naming the limit.
 *
 * @example
 * ```ts
 * import type { ServerLimits } from "@pubnub-ts/pubsub/server";
 * const small: Partial<ServerLimits> = { bufferChannels: 100, occupantsPerChannel: 50 };
 * ```
 */
export interface ServerLimits {
  /** Subscribe keys kept at once (idle ones are forgotten first). Default 1000. */
  keysets: number;
  /**
   * Channels with a catch-up buffer. Room for a new channel is made by dropping the least
   * recently published channel nobody is subscribed to (no uuid present within its presence
   * timeout); when every buffered channel has a subscriber, the publish to the new channel is
   * refused. Default 10000.
   */
  bufferChannels: number;
  /** A channel without messages this long loses its catch-up buffer (ms). Default 900000 (15 min). */
  bufferRetentionMillis: number;
  /** Stored messages per channel (history); the oldest go first. Default 1000. */
  historyPerChannel: number;
  /**
   * Channels with stored messages. A channel whose newest message is younger than
   * `historyRetentionMillis` is never dropped for a new one: the publish is refused. Default 1000.
   */
  historyChannels: number;
  /** How long stored history is protected from being dropped for other channels (ms). Default 3600000 (1 hour). */
  historyRetentionMillis: number;
  /** Channels per channel group. Default 2000. */
  groupChannels: number;
  /** Channel groups. Default 10000. */
  groups: number;
  /** Channels (group members included) one subscribe, heartbeat or state request may name. Default 1000. */
  presenceChannelsPerRequest: number;
  /** Uuids present on one channel. Default 10000. */
  occupantsPerChannel: number;
  /** Channels one uuid may be present on. Default 2000. */
  channelsPerUuid: number;
  /** Size of the state one uuid sets on one channel (JSON characters). Default 32768. */
  stateBytes: number;
  /** Presence entries (a uuid on a channel, a state kept). Default 200000. */
  presenceEntries: number;
}

/**
 * Options of {@link startServer}: the handler's plus the address.
 *
 * @example
 * ```ts
 * import type { ServerOptions } from "@pubnub-ts/pubsub/server";
 * const options: ServerOptions = { hostname: "127.0.0.1", port: 0 };
 * ```
 */
export interface ServerOptions extends HandlerOptions {
  /** Interface to listen on. Default "127.0.0.1". */
  hostname?: string;
  /** Keep the state in Redis, shared by every process given the same one (`docs/scale-out.md`). */
  store?: StoreOptions;
  /** Port; 0 picks a free one. Default 8090. */
  port?: number;
  /** Serve HTTPS with this certificate and key (PEM text, or paths of PEM files). */
  tls?: TlsOptions;
  /**
   * A connection that has not sent a complete request head this long after opening (or after
   * its first byte since the last answer) is closed (seconds). Default 10.
   */
  headerTimeoutSeconds?: number;
  /**
   * A keep-alive connection with no request in progress and no traffic this long is closed
   * (seconds); a long-poll waiting for messages is a request in progress. Default 60.
   */
  idleTimeoutSeconds?: number;
}

/**
 * Handler options with every default filled in.
 *
 * @example
 * ```ts
 * import { resolveHandlerOptions } from "./options.ts";
 * resolveHandlerOptions({}).longPollSeconds; // 280
 * ```
 */
export type ResolvedHandlerOptions =
  & Required<Omit<HandlerOptions, "keys" | "access">>
  & Pick<HandlerOptions, "keys" | "access">;

/**
 * Fills in defaults.
 *
 * @example
 * ```ts
 * import { resolveHandlerOptions } from "./options.ts";
 * resolveHandlerOptions({ announceMax: 3 }).announceMax; // 3
 * ```
 */
export function resolveHandlerOptions(options: HandlerOptions): ResolvedHandlerOptions {
  return {
    longPollSeconds: options.longPollSeconds ?? 280,
    announceMax: options.announceMax ?? 20,
    intervalSeconds: options.intervalSeconds ?? 10,
    presenceDeltas: options.presenceDeltas ?? true,
    hereNowRefreshBytes: options.hereNowRefreshBytes ?? 30_000,
    keys: options.keys,
    access: options.access,
    maxMessageSize: options.maxMessageSize ?? 32_768,
    bufferSize: options.bufferSize ?? 100,
    maxUriLength: options.maxUriLength ?? 32_768,
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    clock: options.clock ?? Date.now,
    sweepMilliseconds: options.sweepMilliseconds ?? 250,
    region: options.region ?? 1,
    storage: options.storage ?? true,
    limits: options.limits ?? {},
  };
}

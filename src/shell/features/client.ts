/**
 * A client made of the features an app uses: `createPubNub(config, [publishing, subscribing])`
 * has `publish()`, `subscribe()` and `addListener()`, and a bundle of that app carries only
 * their code. Each feature is a value from its own module; the client's type has a feature's
 * calls only when the feature was passed.
 *
 * @module
 */
import {
  configurationOf,
  type OptionGroup,
  type PNConfiguration,
  type PNConfigurationOptions,
} from "../../core/config.ts";
import { invalid } from "../../core/config_checks.ts";
import { describeValue } from "../../core/describe_value.ts";
import type { RequestSender } from "../endpoint.ts";
import type { LoopLog } from "../loop_log.ts";
import type { MessageEncoder, PayloadEncoder } from "../builders/encode_message.ts";
import type { DecodedPayload } from "../crypto/cryptor.ts";
import type { EnvelopeDecryption } from "../envelope_decryption.ts";
import type { PresenceLoop, PresenceLoopContext } from "../presence_loop.ts";
import type { Subscriber } from "../subscriber.ts";
import type { GapRestorer } from "../gap_restorer.ts";
import { TransportCore, type TransportOptions, type TransportParts } from "../transport_core.ts";

/**
 * Options of a client made by `createPubNub`: the transport's options (timeouts, a fetch of your own), and for the subscribing
 * features the random source and the error sink (as `PubNub` takes them).
 *
 * @example
 * ```ts
 * import type { ClientOptions } from "@pubnub-ts/pubsub/modular";
 * const options: ClientOptions = { onError: (e) => console.warn(e) };
 * ```
 */
export interface ClientOptions extends TransportOptions {
  /** A number in [0, 1) for retry jitter; default `Math.random`. */
  random?: () => number;
  /** Receives what the app's callbacks threw, and other non-fatal trouble; default `console.error`. */
  onError?: (error: unknown, callback?: string) => void;
}

/**
 * What every client has, whatever its features: its configuration and `stop()`.
 *
 * @example
 * ```ts
 * import { createPubNub, publishing, type PubNubClient } from "@pubnub-ts/pubsub/modular";
 * const client: PubNubClient = createPubNub({ subscribeKey: "demo", userId: "u1" }, [publishing]);
 * await client.stop();
 * ```
 */
export interface PubNubClient {
  /**
   * The configuration this client runs with, validated for its features: the options of
   * features not passed are not read (`undefined`). Given a `PNConfiguration`, that one.
   */
  readonly config: PNConfiguration;
  /**
   * Unsubscribes from everything (sending leave, given a second to complete), cancels every
   * request and timer; afterwards nothing keeps the process alive.
   */
  stop(): Promise<void>;
}

/**
 * What a feature sees of the client it is installed on: the transport, the configuration and
 * the parts other features set up (the cipher, the subscribing half). Internal to the SDK.
 */
export interface FeatureHost {
  /** The client being built (what listeners receive as their first argument). */
  readonly client: PubNubClient;
  /** The validated configuration. */
  readonly config: PNConfiguration;
  /** The client's transport: requests sent through it are cancelled by `stop()`. */
  readonly sender: RequestSender;
  /** The options the client was created with. */
  readonly options: ClientOptions;
  /** The names of the features passed. */
  readonly features: ReadonlySet<string>;
  /** Encrypts and decrypts payloads; set by the `encryption` feature. */
  cipher?: {
    encodePayload: PayloadEncoder;
    decodePayload: (payload: unknown) => Promise<DecodedPayload>;
  };
  /** Encodes a message to publish, refusing what fails; set by the `encryption` feature. */
  encodeMessage?: MessageEncoder;
  /** Decrypts what subscribe receives; set by the `encryption` feature (with a cipher key). */
  decryption?: EnvelopeDecryption;
  /** Makes the heartbeat loop; set by the `heartbeats` feature. */
  heartbeats?: (context: PresenceLoopContext) => PresenceLoop;
  /** Makes the gap back-fill; set by the `gapRestore` feature. */
  gapRestorer?: () => GapRestorer;
  /** The loops' log; set by the `logging` feature. */
  log?: LoopLog;
  /** The subscribing half; set by the `subscribing` feature. */
  subscriber?: Subscriber;
  /** Runs when the client stops: `before` the transport cancels its requests, `after` it did. */
  onStop(before: () => Promise<void>, after: () => Promise<void>): void;
}

/**
 * A feature to pass to `createPubNub`: `Calls` are the calls it adds to the client. Features
 * are the SDK's values (`publishing`, `subscribing`, …); their workings are not part of the API.
 *
 * @example
 * ```ts
 * import { type Feature, publishing, type PublishingCalls } from "@pubnub-ts/pubsub/modular";
 * const feature: Feature<PublishingCalls> = publishing;
 * console.log(feature.name); // "publishing"
 * ```
 */
export interface Feature<Calls extends object = object> {
  /** The feature's name, as error messages say it. */
  readonly name: string;
  /** Type only, never set: the calls the feature adds. */
  readonly calls?: Calls;
}

/** How a feature works: `prepare` runs for every feature first, then `install` adds the calls. */
interface FeatureDefinition<Calls extends object> extends Feature<Calls> {
  /** The configuration options the feature reads, validated when the client is made. */
  readonly options?: OptionGroup;
  /** The transport parts the feature adds (the logger, the signer), made before any `prepare`. */
  readonly transport?: (config: PNConfiguration, options: ClientOptions) => TransportParts;
  /** Sets up what other features use (the cipher, the heartbeat loop). */
  readonly prepare?: (host: FeatureHost) => void;
  /** Returns the calls the client gains; getters are kept as getters. */
  readonly install: (host: FeatureHost) => Calls;
}

/**
 * Makes a feature of its workings (the SDK's features are made with it).
 *
 * @example
 * ```ts ignore
 * const time = defineFeature({ name: "time", install: (host) => ({ time: () => new Time(host.sender) }) });
 * ```
 */
export function defineFeature<Calls extends object>(
  definition: FeatureDefinition<Calls>,
): Feature<Calls> {
  return definition;
}

/**
 * The calls a list of features adds, intersected: `CallsOf<[typeof publishing, typeof
 * subscribing]>` has `publish()` and `subscribe()`.
 *
 * @example
 * ```ts
 * import type { CallsOf, Feature } from "@pubnub-ts/pubsub/modular";
 * type Both = CallsOf<[Feature<{ a(): void }>, Feature<{ b(): void }>]>; // { a(): void } & { b(): void }
 * ```
 */
export type CallsOf<F extends readonly Feature[]> =
  // Each feature's calls as a parameter type, so that inferring one parameter intersects them.
  (F[number] extends infer One ? One extends Feature<infer Calls> ? (calls: Calls) => void : never
    : never) extends (calls: infer All) => void ? All : never;

/**
 * Creates a client with the calls of `features` (and nothing else): one transport, one
 * configuration, each feature's calls attached. Throws a validation `PubNubError` for a bad
 * configuration, and for one that asks for what no feature passed can do (a `cipherKey` without
 * `encryption`, a `heartbeatInterval` without `heartbeats`, `restoreGaps: true` without
 * `gapRestore`, a `logLevel` other than `"none"` without `logging`, a `secretKey` without
 * `signing`).
 *
 * @example
 * ```ts
 * import { createPubNub, publishing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" }, [publishing]);
 * const publishing_ = pubnub.publish().channel("news").message({ headline: "hi" });
 * await pubnub.stop();
 * ```
 */
export function createPubNub<const F extends readonly Feature[]>(
  config: PNConfiguration | PNConfigurationOptions,
  features: F,
  options: ClientOptions = {},
): PubNubClient & CallsOf<F> {
  const given = features as readonly Feature[] as readonly FeatureDefinition<object>[];
  if (!Array.isArray(given) || given.some((f) => typeof f?.install !== "function")) {
    throw invalid("createPubNub takes a list of features, such as [publishing, subscribing]");
  }
  // A feature passed twice is installed once (one subscribe loop, not two).
  const definitions = [...new Set(given)];
  // Each feature validates the options it reads; the others are not read at all.
  const resolved = configurationOf(
    config,
    definitions.flatMap((f) => f.options ? [f.options] : []),
  );
  const raw = config as PNConfigurationOptions;
  const names = new Set(definitions.map((feature) => feature.name));
  const asIs = resolved === config;
  for (const [option, feature, companions, off] of ASKED_OF_FEATURES) {
    const value = raw[option];
    // A `PNConfiguration` given is taken as it is: its `restoreGaps` is `PubNub`'s default.
    if (names.has(feature) || off.includes(value) || (asIs && option === "restoreGaps")) continue;
    // A key is named, never shown.
    const asked = option.endsWith("Key") ? `a ${option}` : `${option} ${describeValue(value)}`;
    throw invalid(
      `${asked} needs the ${feature} feature: createPubNub(config, [${companions}${feature}, …])`,
    );
  }
  // Without the gapRestore feature the default (on for `PubNub`) is off. A `PNConfiguration`
  // given is taken as it is (its default is `PubNub`'s; the loop still restores nothing).
  if (!names.has("gapRestore") && !asIs && resolved.restoreGaps) {
    (resolved as { restoreGaps: boolean }).restoreGaps = false;
  }
  const parts: TransportParts = {};
  for (const feature of definitions) Object.assign(parts, feature.transport?.(resolved, options));
  const transport = new TransportCore(resolved, options, parts);
  const before: (() => Promise<void>)[] = [];
  const after: (() => Promise<void>)[] = [];
  const client: PubNubClient = {
    config: resolved,
    async stop() {
      for (const step of before) await step();
      transport.abortAll();
      for (const step of after) await step();
    },
  };
  const host: FeatureHost = {
    client,
    config: resolved,
    sender: transport,
    options,
    features: names,
    onStop(first, then) {
      before.push(first);
      after.push(then);
    },
  };
  for (const feature of definitions) feature.prepare?.(host);
  for (const feature of definitions) {
    Object.defineProperties(client, Object.getOwnPropertyDescriptors(feature.install(host)));
  }
  return client as PubNubClient & CallsOf<F>;
}

/**
 * What a configuration can ask for that only a feature does, in the order it is checked: the
 * option, the feature, the features it is passed with, and the option's values that ask for
 * nothing. A client made without the feature refuses any other value rather than ignore it.
 * Each option has its own off values: `"none"` is no logging, but a real cipher or secret key.
 */
const ASKED_OF_FEATURES: readonly [
  option: keyof PNConfigurationOptions,
  feature: string,
  companions: string,
  off: readonly unknown[],
][] = [
  ["cipherKey", "encryption", "", [undefined, null, ""]],
  ["heartbeatInterval", "heartbeats", "subscribing, ", [undefined, null, 0]],
  ["restoreGaps", "gapRestore", "subscribing, ", [undefined, null, false]],
  ["logLevel", "logging", "", [undefined, null, "none"]],
  ["secretKey", "signing", "", [undefined, null, ""]],
];

/** Refuses a feature whose companion is missing (`heartbeats` without `subscribing`). */
export function requireFeature(host: FeatureHost, feature: string, needed: string): void {
  if (!host.features.has(needed)) {
    throw invalid(`the ${feature} feature needs the ${needed} feature: pass both to createPubNub`);
  }
}

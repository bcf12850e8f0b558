/**
 * Bundle profiles: what an app pays in its browser bundle for the SDK calls it makes. Three apps
 * (a chat app on the modular entry, a publish-only app on the lightest entry, the same chat app
 * on the full `PubNub` class; for the size budget also a pub/sub app on the native API and on
 * `./compat`), each bundled with esbuild (`--bundle --minify --format=esm
 * --platform=browser`), then gzipped at level 9, as the npm package ships the sources (of
 * `deno.json` only the version). The metafile says which modules cost what.
 *
 * @example
 * ```ts ignore
 * import { measureProfiles } from "./bundle_profiles.ts";
 * const sizes = await measureProfiles();
 * console.log(sizes.chatModular.gzip);
 * ```
 *
 * @module
 */
import * as esbuild from "npm:esbuild@0.25.12";
import { gzipSync } from "node:zlib";
import denoJson from "../../deno.json" with { type: "json" };
import { INLINED_JSON } from "../build_npm/swaps.ts";
import type { Row } from "./report.ts";
import { BROWSER_BUNDLE } from "./size.ts";

const ROOT = new URL("../../", import.meta.url);
const MOD = JSON.stringify(new URL("mod.ts", ROOT).pathname);
const MODULAR = JSON.stringify(new URL("modular.ts", ROOT).pathname);
const COMPAT = JSON.stringify(new URL("compat.ts", ROOT).pathname);

/** The chat app's calls, written once for both entries. */
const CHAT_CALLS = [
  `pubnub.addListener({`,
  `  message: (_p, m) => console.log(m.channel, m.message),`,
  `  presence: (_p, e) => console.log(e.event, e.uuid),`,
  `  signal: (_p, s) => console.log(s.message),`,
  `  status: (_p, s) => console.log(s.category),`,
  `});`,
  `pubnub.subscribe().channels(["room"]).withPresence().execute();`,
  `await pubnub.publish().channel("room").message({ text: "hi" });`,
  `await pubnub.signal().channel("room").message("typing");`,
  `console.log((await pubnub.hereNow().channels(["room"]).includeUuids(true)).result);`,
  `console.log((await pubnub.fetchMessages().channels(["room"]).count(10)).result);`,
  `await pubnub.stop();`,
];

const CONFIG = `{ publishKey: "demo", subscribeKey: "demo", userId: "u" }`;

/** One pub/sub app written twice: on our native API and on the official API via `./compat`. */
const PUBSUB_APP = {
  native: [
    `import { PubNub } from ${MOD};`,
    `const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u" });`,
    `pubnub.addListener({`,
    `  message: (_p, m) => console.log(m.channel, m.message),`,
    `  presence: (_p, e) => console.log(e.event, e.uuid),`,
    `  signal: (_p, s) => console.log(s.message),`,
    `  status: (_p, s) => console.log(s.category),`,
    `});`,
    `pubnub.subscribe().channels(["room"]).withPresence().execute();`,
    `await pubnub.publish().channel("room").message({ text: "hi" }).meta({ a: 1 }).future();`,
    `await pubnub.signal().channel("room").message("typing").future();`,
    `console.log((await pubnub.hereNow().channels(["room"]).includeUuids(true).future()).result);`,
    `console.log((await pubnub.whereNow().future()).result);`,
    `await pubnub.setState().channels(["room"]).state({ mood: "ok" }).future();`,
    `await pubnub.addChannelToChannelGroup().channelGroup("g").channels(["room"]).future();`,
    `console.log((await pubnub.fetchMessages().channels(["room"]).count(10).future()).result);`,
    `pubnub.unsubscribe().channels(["room"]).execute();`,
    `await pubnub.stop();`,
  ],
  compat: [
    `import PubNub from ${COMPAT};`,
    `const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u" });`,
    `pubnub.addListener({`,
    `  message: (m) => console.log(m.channel, m.message),`,
    `  presence: (e) => console.log(e.action, "uuid" in e ? e.uuid : ""),`,
    `  signal: (s) => console.log(s.message),`,
    `  status: (s) => console.log(s.category),`,
    `});`,
    `pubnub.subscribe({ channels: ["room"], withPresence: true });`,
    `await pubnub.publish({ channel: "room", message: { text: "hi" }, meta: { a: 1 } });`,
    `await pubnub.signal({ channel: "room", message: "typing" });`,
    `console.log(await pubnub.hereNow({ channels: ["room"], includeUUIDs: true }));`,
    `console.log(await pubnub.whereNow({}));`,
    `await pubnub.setState({ channels: ["room"], state: { mood: "ok" } });`,
    `await pubnub.channelGroups.addChannels({ channelGroup: "g", channels: ["room"] });`,
    `console.log(await pubnub.fetchMessages({ channels: ["room"], count: 10 }));`,
    `pubnub.unsubscribe({ channels: ["room"] });`,
    `pubnub.destroy();`,
  ],
};

/** One profile: an app's source and the issue's target for it (bytes, gzipped). */
export interface Profile {
  /** Key in the size budget. */
  key: ProfileKey;
  /** What the app is, for the report. */
  title: string;
  /** The app's source. */
  source: string;
  /** The target (bytes gzipped; 1 KB = 1000 bytes), if the issue sets one. */
  targetBytes?: number;
  /** Not a profile row of its own: the pub/sub pair, reported as one row of `./compat`'s cost. */
  budgetOnly?: true;
}

/** The profiles' keys. */
export type ProfileKey =
  | "chatModular"
  | "publishOnly"
  | "chatFull"
  | "pubsubNative"
  | "pubsubCompat";

/** The apps measured: three profiles, and the pub/sub app on the native and the official API. */
export const PROFILES: readonly Profile[] = [
  {
    key: "chatModular",
    title:
      "chat app (subscribe + presence, listeners, publish, signal, hereNow, fetchMessages) on `./modular`",
    source: [
      `import { createPubNub, history, presence, publishing, signals, subscribing } from ${MODULAR};`,
      `const pubnub = createPubNub(${CONFIG}, [publishing, signals, subscribing, presence, history]);`,
      ...CHAT_CALLS,
    ].join("\n"),
    targetBytes: 12_000,
  },
  {
    key: "publishOnly",
    title: "publish-only app on `./modular` (`createPubNub(config, [publishing])`)",
    source: [
      `import { createPubNub, publishing } from ${MODULAR};`,
      `const pubnub = createPubNub(${CONFIG}, [publishing]);`,
      `await pubnub.publish().channel("ch").message({ text: "hi" });`,
    ].join("\n"),
    targetBytes: 4_000,
  },
  {
    key: "chatFull",
    title: "the same chat app on the full `PubNub` class",
    source: [
      `import { PubNub } from ${MOD};`,
      `const pubnub = new PubNub(${CONFIG});`,
      ...CHAT_CALLS,
    ].join("\n"),
  },
  {
    key: "pubsubNative",
    title: "pub/sub app on the native API",
    source: PUBSUB_APP.native.join("\n"),
    budgetOnly: true,
  },
  {
    key: "pubsubCompat",
    title: "the same pub/sub app on `./compat` (the official API)",
    source: PUBSUB_APP.compat.join("\n"),
    budgetOnly: true,
  },
];

/** One bundle's sizes and its costliest modules. */
export interface ProfileSize {
  /** Minified bytes. */
  minified: number;
  /** Minified, then gzipped at level 9. */
  gzip: number;
  /** Modules by minified bytes in the bundle, largest first. */
  modules: { path: string; bytes: number }[];
}

/** Inlines JSON imports as the npm build does: only the fields it keeps. */
const inlineJson: esbuild.Plugin = {
  name: "inline-json-as-npm",
  setup(build) {
    build.onLoad({ filter: /deno\.json$/ }, () => {
      const kept = Object.fromEntries(
        INLINED_JSON["deno.json"].map((
          field,
        ) => [field, (denoJson as Record<string, unknown>)[field]]),
      );
      return { contents: JSON.stringify(kept), loader: "json" };
    });
  },
};

/** Bundles one app and measures it. */
async function measure(source: string, name: string): Promise<ProfileSize> {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: ROOT.pathname, sourcefile: `${name}.ts`, loader: "ts" },
    ...BROWSER_BUNDLE,
    metafile: true,
    plugins: [inlineJson],
  });
  const code = result.outputFiles![0].contents;
  const output = Object.values(result.metafile!.outputs)[0];
  const modules = Object.entries(output.inputs)
    .map(([path, input]) => ({
      path: path.startsWith(ROOT.pathname) ? path.slice(ROOT.pathname.length) : path,
      bytes: input.bytesInOutput,
    }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, modules };
}

/** Measures every profile (esbuild is stopped afterwards). */
export async function measureProfiles(): Promise<Record<ProfileKey, ProfileSize>> {
  try {
    const sizes = {} as Record<ProfileKey, ProfileSize>;
    for (const profile of PROFILES) sizes[profile.key] = await measure(profile.source, profile.key);
    return sizes;
  } finally {
    await esbuild.stop();
  }
}

/** Each feature with one call of it, as an app would make it (features without calls: none). */
const FEATURE_CALLS: Record<string, string> = {
  publishing: `await pubnub.publish().channel("a").message(1);`,
  signals: `await pubnub.signal().channel("a").message(1);`,
  time: `await pubnub.time();`,
  subscribing: `pubnub.subscribe().channels(["a"]).execute();`,
  presence: `await pubnub.hereNow().channels(["a"]);`,
  presenceState: `await pubnub.setState().channels(["a"]).state({});`,
  channelGroups: `await pubnub.listChannelGroups();`,
  history: `await pubnub.fetchMessages().channels(["a"]);`,
  storage: `await pubnub.messageCounts().channels(["a"]).timetoken("1");`,
  messageActions: `await pubnub.getMessageActions().channel("a");`,
  encryption: ``,
};

/**
 * What each feature adds to a client with no feature (`createPubNub(config, [])`), gzipped
 * bytes; `subscribing` is also measured with `heartbeats` and `messageStreams`, which need it.
 */
export async function measureFeatureCosts(): Promise<Record<string, number>> {
  const app = (features: string[], calls: string[]) =>
    [
      `import { createPubNub${features.map((f) => `, ${f}`).join("")} } from ${MODULAR};`,
      `const pubnub = createPubNub(${CONFIG}, [${features.join(", ")}]);`,
      ...calls,
      `await pubnub.stop();`,
    ].join("\n");
  try {
    const base = (await measure(app([], []), "no_feature")).gzip;
    const costs: Record<string, number> = { "(no feature)": base };
    for (const [feature, call] of Object.entries(FEATURE_CALLS)) {
      costs[feature] = (await measure(app([feature], [call]), feature)).gzip - base;
    }
    const subscribe = FEATURE_CALLS.subscribing;
    const withSubscribing = (await measure(app(["subscribing"], [subscribe]), "s")).gzip;
    costs["heartbeats (over subscribing)"] =
      (await measure(app(["subscribing", "heartbeats"], [subscribe]), "h")).gzip - withSubscribing;
    costs["messageStreams (over subscribing)"] = (await measure(
      app(["subscribing", "messageStreams"], [subscribe, `pubnub.messages({ channels: ["b"] });`]),
      "m",
    )).gzip - withSubscribing;
    return costs;
  } finally {
    await esbuild.stop();
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The top modules of a bundle, for a row's note. */
export function topModules(size: ProfileSize, count = 6): string {
  const total = size.modules.reduce((sum, m) => sum + m.bytes, 0);
  return size.modules.slice(0, count).map((m) =>
    `${m.path.replace(/^src\//, "")} ${Math.round((m.bytes / total) * 100)}%`
  ).join(", ");
}

/** Areas of the SDK, by the first pattern a module's path matches. */
const AREAS: readonly [string, RegExp][] = [
  ["the official API (`./compat`)", /src\/compat\/|compat\.ts/],
  ["gap back-fill", /gap_fill|gaps\.ts|gap_filler|gap_restore/],
  ["encryption", /crypto/],
  ["channel groups", /channel_group/],
  ["message streams", /message_stream/],
  ["presence", /presence|here_now|where_now|heartbeat|state\.ts|get_state|set_state/],
  [
    "subscribe engine and loop",
    /subscribe|subscription|engine|listener|connected_wait|reconnect|retry_policy|leave|call_safely|dedupe/,
  ],
  ["history", /fetch_messages|history|message_counts|delete_messages|message_action/],
  ["publish, signal, JSON", /publish|signal|json|size\.ts/],
  [
    "transport, classification, errors",
    /transport|classify|status|error|log\.ts|signature|signer|uri_limit|encoding|credentials|clock|unref|describe_value|endpoint|parse_result|result\.ts|timetoken|time\.ts|names|validate|service_response|_lists/,
  ],
  ["configuration", /config/],
  ["the client (features, class)", /features\/|pubnub\.ts|publisher\.ts|mod\.ts|modular\.ts/],
];

/** A bundle's bytes by area of the SDK, largest first (the app's own code is "other"). */
export function areas(size: ProfileSize): string {
  const total = size.modules.reduce((sum, m) => sum + m.bytes, 0);
  const byArea = new Map<string, number>();
  for (const { path, bytes } of size.modules) {
    const area = AREAS.find(([, pattern]) => pattern.test(path))?.[0] ?? "other";
    byArea.set(area, (byArea.get(area) ?? 0) + bytes);
  }
  return [...byArea].sort((a, b) => b[1] - a[1])
    .map(([area, bytes]) => `${area} ${Math.round((bytes / total) * 100)}%`).join(", ");
}

/**
 * The rows: each profile against the official SDK's browser bundle (`officialGzip` bytes), with
 * the issue's target where it sets one and, when missed, the costliest modules.
 */
export async function benchBundleProfiles(officialGzip: number): Promise<Row[]> {
  const sizes = await measureProfiles();
  const costs = await measureFeatureCosts();
  const featureRow: Row = {
    section: "Size",
    name: "bundle cost of each `./modular` feature (gzip -9, over a client with no feature)",
    ours: `no feature ${costs["(no feature)"]} B`,
    note: Object.entries(costs).filter(([name]) => name !== "(no feature)")
      .map(([name, bytes]) => `${name} +${bytes} B`).join(", "),
  };
  return [
    ...PROFILES.filter((profile) => !profile.budgetOnly).map((profile) => {
      const size = sizes[profile.key];
      const missed = profile.targetBytes !== undefined && size.gzip > profile.targetBytes;
      return {
        section: "Size",
        name: `bundle profile: ${profile.title}`,
        ours: `${kib(size.gzip)} = ${size.gzip} B (min ${kib(size.minified)})`,
        reference: `official ${kib(officialGzip)} (one file)`,
        ratio: size.gzip / officialGzip,
        target: profile.targetBytes === undefined ? undefined : {
          op: "<=",
          value: profile.targetBytes / officialGzip,
          text: `≤ ${profile.targetBytes / 1000} KB gz (${
            (profile.targetBytes / officialGzip).toFixed(3)
          }×)`,
        },
        note: `${
          missed ? `by area: ${areas(size)}; top modules (min bytes): ${topModules(size, 4)}; ` : ""
        }${
          profile.key === "chatFull"
            ? `no target (the class for apps that do not count bytes); the modular entry saves ${
              Math.round((1 - sizes.chatModular.gzip / size.gzip) * 100)
            }% of it; `
            : ""
        }deterministic: the same bytes every run`,
      } satisfies Row;
    }),
    featureRow,
    compatRow(sizes.pubsubNative, sizes.pubsubCompat),
  ];
}

/** What `./compat` costs over the native API, for the same pub/sub app. */
function compatRow(native: ProfileSize, compat: ProfileSize): Row {
  const extra = compat.gzip - native.gzip;
  return {
    section: "Size",
    name: "browser bundle, pub/sub app on `./compat` (official API)",
    ours: `${kib(compat.gzip)} (min ${kib(compat.minified)})`,
    reference: `native API ${kib(native.gzip)} (min ${kib(native.minified)})`,
    ratio: compat.gzip / native.gzip,
    note: `compat costs +${kib(extra)} gzipped (target ≤ +4.0 KiB${
      extra <= 4096 ? "" : " MISSED"
    })`,
  };
}

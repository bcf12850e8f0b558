/**
 * Bundle size: this SDK built for browsers with esbuild (ESM, minified), the whole of `mod.ts` and
 * a publish-only entry (tree-shaken), against the official SDK's browser bundle
 * (`pubnub@12.0.3/dist/web/pubnub.min.js`), each minified and gzipped (level 9).
 *
 * @example
 * ```ts
 * import { benchSize } from "./size.ts";
 * const sizes = await benchSize();
 * console.log(sizes.full.gzip);
 * ```
 *
 * @module
 */
import * as esbuild from "npm:esbuild@0.25.12";
import { gzipSync } from "node:zlib";

/** Minified and gzipped sizes of one bundle (bytes). */
export interface BundleSize {
  /** Minified. */
  minified: number;
  /** Minified, then gzipped at level 9. */
  gzip: number;
}

/** The sizes measured. */
export interface SizeResult {
  /** This SDK, everything `mod.ts` exports. */
  full: BundleSize;
  /** This SDK, an entry that only creates a client and publishes. */
  publishOnly: BundleSize;
  /** A small pub/sub app on our native API. */
  pubsubNative: BundleSize;
  /** The same app on the `./compat` entry (the official SDK's API). */
  pubsubCompat: BundleSize;
  /** The official SDK's browser bundle (it is one file: not tree-shakeable). */
  official: BundleSize;
  /** Where the official bundle was read from. */
  officialSource: string;
}

const OFFICIAL_VERSION = "12.0.3";
const MOD = new URL("../../mod.ts", import.meta.url);
const COMPAT = new URL("../../compat.ts", import.meta.url);

/** One pub/sub app written twice: on our native API and on the official API via `./compat`. */
export const PUBSUB_APP = {
  native: [
    `import { PubNub } from ${JSON.stringify(MOD.pathname)};`,
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
    `import PubNub from ${JSON.stringify(COMPAT.pathname)};`,
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

function app(lines: string[], name: string): esbuild.BuildOptions {
  return {
    stdin: {
      contents: lines.join("\n"),
      resolveDir: new URL(".", MOD).pathname,
      sourcefile: name,
      loader: "ts",
    },
  };
}

function sizes(code: Uint8Array): BundleSize {
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * How every browser bundle is built here, the way the lean issue measures it (ESM, minified, for
 * browsers), so that the bench rows, the size budget and the bundle-graph tests build alike.
 *
 * @example
 * ```ts ignore
 * import * as esbuild from "npm:esbuild@0.25.12";
 * import { BROWSER_BUNDLE } from "./size.ts";
 * await esbuild.build({ ...BROWSER_BUNDLE, entryPoints: ["mod.ts"] });
 * ```
 */
export const BROWSER_BUNDLE = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  write: false,
  logLevel: "silent",
} as const satisfies esbuild.BuildOptions;

async function bundle(options: esbuild.BuildOptions): Promise<Uint8Array> {
  const result = await esbuild.build({ ...BROWSER_BUNDLE, ...options });
  return result.outputFiles![0].contents;
}

/** Finds the official bundle in Deno's npm cache, else unpacks it with `npm pack`. */
async function officialBundle(): Promise<{ code: Uint8Array; source: string }> {
  const relative = `pubnub/${OFFICIAL_VERSION}/dist/web/pubnub.min.js`;
  try {
    const info = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json"],
      stderr: "null",
    })
      .output();
    const { npmCache } = JSON.parse(new TextDecoder().decode(info.stdout)) as { npmCache: string };
    for await (const registry of Deno.readDir(npmCache)) {
      const path = `${npmCache}/${registry.name}/${relative}`;
      try {
        return { code: await Deno.readFile(path), source: path };
      } catch {
        // not in this registry's folder
      }
    }
  } catch {
    // no Deno cache to look in
  }
  const dir = await Deno.makeTempDir({ prefix: "bench-pubnub-" });
  try {
    const packed = await new Deno.Command("npm", {
      args: ["pack", `pubnub@${OFFICIAL_VERSION}`, "--silent"],
      cwd: dir,
      stdout: "piped",
      stderr: "inherit",
    }).output();
    const tarball = new TextDecoder().decode(packed.stdout).trim().split("\n").pop()!;
    await new Deno.Command("tar", {
      args: ["-xzf", tarball, "package/dist/web/pubnub.min.js"],
      cwd: dir,
    }).output();
    return {
      code: await Deno.readFile(`${dir}/package/dist/web/pubnub.min.js`),
      source: `npm pack pubnub@${OFFICIAL_VERSION}`,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Builds and measures the bundles. */
export async function benchSize(): Promise<SizeResult> {
  try {
    const full = await bundle({ entryPoints: [MOD.pathname] });
    const publishOnly = await bundle({
      stdin: {
        contents: [
          `import { PubNubPublisher } from ${JSON.stringify(MOD.pathname)};`,
          `const pubnub = new PubNubPublisher({ publishKey: "demo", subscribeKey: "demo", userId: "u" });`,
          `await pubnub.publish().channel("ch").message({ text: "hi" }).future();`,
        ].join("\n"),
        resolveDir: new URL(".", MOD).pathname,
        sourcefile: "publish_only.ts",
        loader: "ts",
      },
    });
    const pubsubNative = await bundle(app(PUBSUB_APP.native, "pubsub_native.ts"));
    const pubsubCompat = await bundle(app(PUBSUB_APP.compat, "pubsub_compat.ts"));
    const official = await officialBundle();
    return {
      full: sizes(full),
      publishOnly: sizes(publishOnly),
      pubsubNative: sizes(pubsubNative),
      pubsubCompat: sizes(pubsubCompat),
      official: sizes(official.code),
      officialSource: official.source,
    };
  } finally {
    await esbuild.stop();
  }
}

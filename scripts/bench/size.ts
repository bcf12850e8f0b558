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
  /** The official SDK's browser bundle (it is one file: not tree-shakeable). */
  official: BundleSize;
  /** Where the official bundle was read from. */
  officialSource: string;
}

const OFFICIAL_VERSION = "12.0.3";
const MOD = new URL("../../mod.ts", import.meta.url);

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
    const official = await officialBundle();
    return {
      full: sizes(full),
      publishOnly: sizes(publishOnly),
      official: sizes(official.code),
      officialSource: official.source,
    };
  } finally {
    await esbuild.stop();
  }
}

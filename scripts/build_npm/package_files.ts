/**
 * Writes `npm/package.json` and copies README.md and LICENSE.
 *
 * @module
 */
import { join } from "node:path";
import { BIN, ENTRIES, OUT, ROOT } from "./config.ts";
import { exists, fail, info } from "./util.ts";

export async function writePackageFiles(): Promise<{ name: string; version: string }> {
  const denoJson = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const { name, version } = denoJson as { name?: string; version?: string };
  if (!name || !version) fail("deno.json needs name and version");
  if (!(await exists(join(ROOT, "LICENSE")))) fail("LICENSE is missing at the repository root");
  const exportsField: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(ENTRIES)) {
    const base = `./${source.replace(/\.ts$/, "")}`;
    exportsField[key] = { types: `${base}.d.ts`, default: `${base}.js` };
  }
  exportsField["./package.json"] = "./package.json";
  const packageJson = {
    name,
    version,
    description: "A PubNub-protocol publish/subscribe SDK for TypeScript with a pure core, " +
      "zero dependencies, and a local PubNub-compatible server for tests.",
    license: denoJson.license ?? "MIT",
    type: "module",
    main: "./mod.js",
    types: "./mod.d.ts",
    exports: exportsField,
    bin: Object.fromEntries(
      Object.entries(BIN).map(([name, source]) => [name, `./${source.replace(/\.ts$/, ".js")}`]),
    ),
    sideEffects: false,
    engines: { node: ">=20" },
    // Only the Redis store (a server given a Redis URL) loads it; npm does not install it.
    peerDependencies: { ioredis: "^5.4.0" },
    peerDependenciesMeta: { ioredis: { optional: true } },
    files: [
      ...Object.values(ENTRIES).flatMap((
        s,
      ) => [s.replace(/\.ts$/, ".js"), s.replace(/\.ts$/, ".d.ts")]),
      ...Object.values(BIN).map((s) => s.replace(/\.ts$/, ".js")),
      "src/",
      "browser/",
      "README.md",
      "LICENSE",
    ],
    keywords: ["pubnub", "pubsub", "realtime", "publish", "subscribe", "presence", "deno"],
  };
  await Deno.writeTextFile(join(OUT, "package.json"), JSON.stringify(packageJson, null, 2) + "\n");
  // The README's examples import the Deno entry files; on npm they are the package's entries.
  const readme = (await Deno.readTextFile(join(ROOT, "README.md")))
    .replaceAll(`from "./mod.ts"`, `from "${name}"`)
    .replaceAll(`from "./server.ts"`, `from "${name}/server"`)
    .replaceAll(`from "./compat.ts"`, `from "${name}/compat"`);
  await Deno.writeTextFile(join(OUT, "README.md"), readme);
  await Deno.copyFile(join(ROOT, "LICENSE"), join(OUT, "LICENSE"));
  info(`${name}@${version}: package.json, README.md, LICENSE`);
  return { name, version };
}

/**
 * The browser bundles (esbuild) and their size report.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { BUDGET, OUT } from "./config.ts";
import { fail, formatBytes, run, toPosix } from "./util.ts";

export interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface BundleReport {
  label: string;
  minified: number;
  gzipped: number;
  budget: number;
  inputs: Array<[string, number]>;
}

export async function bundle(
  staging: string,
  label: string,
  entry: string,
  outfile: string,
  budget: number,
): Promise<BundleReport> {
  const metafile = join(staging, `${label.replace(/\W+/g, "_").replace(/_$/, "")}.meta.json`);
  await run(join(staging, "node_modules", ".bin", "esbuild"), [
    entry,
    "--bundle",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    "--minify",
    "--legal-comments=none",
    "--log-level=warning",
    `--metafile=${metafile}`,
    `--outfile=${outfile}`,
  ], { cwd: staging });
  const meta = JSON.parse(await Deno.readTextFile(metafile)) as Metafile;
  const inputs = Object.values(meta.outputs)
    .flatMap((o) => Object.entries(o.inputs))
    .map(([path, { bytesInOutput }]) =>
      [toPosix(relative(OUT, resolve(staging, path))), bytesInOutput] as [string, number]
    )
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  const serverInputs = inputs.filter(([path]) =>
    path.startsWith("src/server/") || path === "server.js"
  );
  if (serverInputs.length > 0) {
    fail(
      `${label}: the server is in the browser bundle: ${serverInputs.map(([p]) => p).join(", ")}`,
    );
  }
  const code = await Deno.readFile(outfile);
  const text = new TextDecoder().decode(code);
  if (/\bDeno\s*\./.test(text)) fail(`${label}: the browser bundle mentions Deno.*`);
  if (/["']node:/.test(text)) fail(`${label}: the browser bundle imports a node: builtin`);
  return {
    label,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    budget,
    inputs,
  };
}

export async function browserBundles(
  staging: string,
  enforceBudget: boolean,
): Promise<BundleReport[]> {
  await Deno.mkdir(join(OUT, "browser"), { recursive: true });
  const full = await bundle(
    staging,
    "full SDK",
    join(OUT, "mod.js"),
    join(OUT, "browser", "pubnub.min.js"),
    BUDGET.full,
  );
  // What an app that only publishes pays: import the publish-only client, call publish().
  // Tree shaking drops the subscribe and presence machinery it does not reach.
  const entry = join(staging, "publish_only.mjs");
  await Deno.writeTextFile(
    entry,
    `import { PubNubPublisher } from ${JSON.stringify(toPosix(join(OUT, "mod.js")))};\n` +
      `export function publish(config, channel, message) {\n` +
      `  return new PubNubPublisher(config).publish().channel(channel).message(message).future();\n` +
      `}\n`,
  );
  const publishOnly = await bundle(
    staging,
    "publish-only",
    entry,
    join(staging, "publish_only.min.js"),
    BUDGET.publishOnly,
  );
  const reports = [full, publishOnly];
  console.log("");
  console.log("    bundle           minified     gzip -9     target (gzip)");
  for (const r of reports) {
    const verdict = r.gzipped <= r.budget ? "met" : "MISSED";
    console.log(
      `    ${r.label.padEnd(16)} ${formatBytes(r.minified).padStart(9)}  ${
        formatBytes(r.gzipped).padStart(10)
      }     <= ${formatBytes(r.budget)}: ${verdict}`,
    );
  }
  const subscribeParts = publishOnly.inputs.filter(([p]) =>
    /src\/core\/(subscribe|presence)\/|src\/shell\/(subscribe_loop|presence_loop|engine_runner|message_stream|reconnect)\./
      .test(p)
  );
  if (subscribeParts.length > 0) {
    const bytes = subscribeParts.reduce((sum, [, b]) => sum + b, 0);
    console.log(
      `    publish-only still contains the subscribe/presence engines: ${subscribeParts.length} ` +
        `modules, ${formatBytes(bytes)} minified (the PubNub class constructs their loops)`,
    );
  }
  console.log("    largest modules in the publish-only bundle (minified bytes):");
  for (const [path, bytes] of publishOnly.inputs.slice(0, 10)) {
    console.log(`      ${String(bytes).padStart(6)}  ${path}`);
  }
  const missed = [full, publishOnly].filter((r) => r.gzipped > r.budget);
  if (missed.length > 0 && enforceBudget) {
    fail(`size budget missed: ${missed.map((r) => r.label).join(", ")}`);
  }
  return reports;
}

/**
 * The transport under Node: Node's fetch leaves a listener on the signal it is given until the
 * request is garbage-collected, so a signal shared by every request would pile them up (and warn
 * of a leak past 1,500). The sources are bundled as the package's Node build swaps them, and run
 * by `node` against a loopback server.
 */
import assert from "node:assert/strict";
import { RUNTIME_SWAPS } from "../../scripts/build_npm/swaps.ts";

const ROOT = new URL("../../", import.meta.url);
const REQUESTS = 5_000;

/** Bundles `entry` (source text importing from the repository's root) for Node; returns the file. */
async function bundleForNode(entry: string): Promise<string> {
  const esbuild = await import("npm:esbuild@0.25.12");
  const dir = await Deno.makeTempDir({ prefix: "transport_in_node_" });
  const source = `${dir}/entry.ts`;
  await Deno.writeTextFile(source, entry);
  try {
    await esbuild.build({
      entryPoints: [source],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      outfile: `${dir}/entry.mjs`,
      logLevel: "silent",
      plugins: [{
        name: "runtime-swaps",
        setup(build) {
          build.onResolve({ filter: /_deno\.ts$/ }, (args) => {
            const absolute = new URL(args.path, `file://${args.resolveDir}/`);
            const swap = RUNTIME_SWAPS[absolute.pathname.slice(ROOT.pathname.length)];
            return swap ? { path: new URL(swap, ROOT).pathname } : undefined;
          });
        },
      }],
    });
  } finally {
    await esbuild.stop();
  }
  return `${dir}/entry.mjs`;
}

Deno.test(`in Node, ${REQUESTS} requests through one transport, with and without a signal, raise no leak warning`, async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("[17000000000000000]", { headers: { "content-type": "text/javascript" } }),
  );
  const root = ROOT.pathname;
  const script = await bundleForNode(`
    import process from "node:process";
    import { PNConfiguration } from "${root}src/core/config.ts";
    import { buildTimeRequest } from "${root}src/core/requests/time.ts";
    import { Transport } from "${root}src/shell/transport.ts";
    const warnings = [];
    process.on("warning", (warning) => warnings.push(warning.name + ": " + warning.message));
    const transport = new Transport(new PNConfiguration({
      subscribeKey: "demo", userId: "u", origin: process.argv[2], ssl: false,
    }));
    const failures = [];
    const REQUESTS_WITHOUT = ${REQUESTS} - 200;
    for (let i = 0; i < ${REQUESTS}; i++) {
      const signal = i >= REQUESTS_WITHOUT ? new AbortController().signal : undefined;
      const outcome = await transport.send(buildTimeRequest(), signal);
      if (!outcome.ok) failures.push(outcome.message);
    }
    console.log(JSON.stringify({ warnings, failures: failures.slice(0, 3) }));
  `);
  try {
    const output = await new Deno.Command("node", {
      args: [script, `127.0.0.1:${server.addr.port}`],
      stdout: "piped",
      stderr: "piped",
    }).output().catch((error) => {
      throw new Error(`this test runs the transport under node, which could not start: ${error}`);
    });
    const stderr = new TextDecoder().decode(output.stderr);
    assert.ok(output.success, `node failed: ${stderr}`);
    const result = JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.warnings, []);
  } finally {
    await server.shutdown();
    await Deno.remove(script.slice(0, script.lastIndexOf("/")), { recursive: true });
  }
});

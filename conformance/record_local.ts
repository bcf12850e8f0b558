/**
 * Re-records the fixtures that come from the local server: each script in
 * `conformance/scripts/local_*.ts` is run against a fresh in-process local server (with the
 * script's `localServer` options) and written to `fixtures/<name>.json`.
 *
 * ```sh
 * deno run -A conformance/record_local.ts            # all of them
 * deno run -A conformance/record_local.ts local_subscribe_receive
 * ```
 *
 * @module
 */
import { startServer } from "../server.ts";
import { recordFixture, type RecordScript, writeFixture } from "./record.ts";

/**
 * Records one script against a fresh local server and returns the fixture's path.
 *
 * @example
 * ```ts ignore
 * import { recordLocal } from "./record_local.ts";
 * await recordLocal("local_subscribe_receive");
 * ```
 */
export async function recordLocal(name: string): Promise<string> {
  const url = new URL(`./scripts/${name}.ts`, import.meta.url);
  const script = (await import(url.href)).default as RecordScript;
  const server = await startServer({ ...script.localServer, port: 0 });
  try {
    const fixture = await recordFixture(script, {
      origin: server.origin,
      ssl: false,
      publishKey: "pub-key",
      subscribeKey: "sub-key",
      source: "recorded from the local server",
    });
    const path = new URL(`../fixtures/${fixture.name}.json`, import.meta.url);
    await writeFixture(path.pathname, fixture);
    return path.pathname;
  } finally {
    await server.close();
  }
}

if (import.meta.main) {
  const names = Deno.args.length > 0 ? Deno.args : [
    ...Deno.readDirSync(new URL("./scripts/", import.meta.url)),
  ].map((e) => e.name).filter((n) => n.startsWith("local_") && n.endsWith(".ts"))
    .map((n) => n.slice(0, -3)).sort();
  for (const name of names) console.log(`recorded ${await recordLocal(name)}`);
}

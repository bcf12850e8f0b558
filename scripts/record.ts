/**
 * Records a conformance fixture: runs a recording script's steps with a real client through a
 * recording proxy to `--origin`, and writes the exchanges and observations as a fixture.
 *
 * ```sh
 * deno run -A scripts/record.ts --origin 127.0.0.1:8090 --publish-key demo --subscribe-key demo \
 *   conformance/scripts/local_subscribe_receive.ts
 * deno run -A scripts/record.ts --origin ps.pndsn.com --ssl --publish-key pub-c-… \
 *   --subscribe-key sub-c-… --source "real service" my_script.ts --out fixtures/my_scenario.json
 * ```
 *
 * Options: `--origin host[:port]` (required), `--ssl`, `--publish-key K`, `--subscribe-key K`
 * (required), `--user-id U` (default `conformance-user`), `--source TEXT` (default
 * `recorded from <origin>`; say `real service` for PubNub itself), `--out PATH` (default
 * `fixtures/<name>.json`), `--keep-keys` (do not replace the keys by `pub-key`/`sub-key`),
 * `--stdout` (print instead of writing).
 *
 * @module
 */
import { recordFixture, type RecordScript, writeFixture } from "../conformance/record.ts";

const USAGE =
  "usage: deno run -A scripts/record.ts --origin <host[:port]> [--ssl] [--publish-key K] --subscribe-key K [--user-id U] [--source TEXT] [--out PATH] [--keep-keys] [--stdout] <script.ts>";

/**
 * Parses the command line.
 *
 * @example
 * ```ts
 * import { parseRecordArgs } from "./record.ts";
 * parseRecordArgs(["--origin", "127.0.0.1:8090", "--subscribe-key", "demo", "s.ts"]).origin; // "127.0.0.1:8090"
 * ```
 */
export function parseRecordArgs(args: readonly string[]): {
  origin: string;
  ssl: boolean;
  publishKey?: string;
  subscribeKey: string;
  userId?: string;
  source?: string;
  out?: string;
  keepKeys: boolean;
  stdout: boolean;
  script: string;
} {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (["--ssl", "--keep-keys", "--stdout"].includes(arg)) flags.add(arg);
    else if (arg.startsWith("--")) {
      const [name, inline] = arg.split("=", 2);
      const value = inline ?? args[++i];
      if (value === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      values[name] = value;
    } else positional.push(arg);
  }
  if (!values["--origin"] || !values["--subscribe-key"] || positional.length !== 1) {
    throw new Error(USAGE);
  }
  return {
    origin: values["--origin"],
    ssl: flags.has("--ssl"),
    publishKey: values["--publish-key"],
    subscribeKey: values["--subscribe-key"],
    userId: values["--user-id"],
    source: values["--source"],
    out: values["--out"],
    keepKeys: flags.has("--keep-keys"),
    stdout: flags.has("--stdout"),
    script: positional[0],
  };
}

if (import.meta.main) {
  let options;
  try {
    options = parseRecordArgs(Deno.args);
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  const url = new URL(options.script, `file://${Deno.cwd()}/`);
  const script = (await import(url.href)).default as RecordScript;
  const fixture = await recordFixture(script, {
    origin: options.origin,
    ssl: options.ssl,
    publishKey: options.publishKey,
    subscribeKey: options.subscribeKey,
    userId: options.userId,
    source: options.source,
    redactKeys: !options.keepKeys,
  });
  if (options.stdout) {
    console.log(JSON.stringify(fixture, null, 2));
  } else {
    const out = options.out ?? `fixtures/${fixture.name}.json`;
    await writeFixture(out, fixture);
    console.log(
      `wrote ${out}: ${fixture.exchanges.length} exchange(s), ${fixture.steps.length} step(s)`,
    );
  }
}

/**
 * The `pubnub-ts` command line (`deno task cli`, the compiled binary, and the npm package's
 * `bin`): `serve` runs the local server; `publish`, `signal`, `fire`, `subscribe`, `here-now`,
 * `where-now`, `history` and `time` talk to it or to any PubNub origin.
 *
 * @example
 * ```sh
 * deno task cli serve --port 0
 * deno task cli publish room '{"text":"hello"}'
 * ```
 *
 * @module
 */
import { runCli } from "./src/cli/main.ts";
import { runtime } from "./src/cli/runtime_deno.ts";

const code = await runCli(runtime.args, {
  runtime,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
runtime.exit(code);

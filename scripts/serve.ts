/**
 * Runs the local PubNub-compatible server in the foreground:
 * `deno task serve [--port N] [--host H] [--cert FILE --key FILE] [--access FILE]` prints
 * `listening on http://H:N` (`https://` with a certificate) once it accepts connections, and
 * exits cleanly on SIGINT or SIGTERM. `--access` names a JSON file holding an access policy
 * (`{"grants":[{"authKey":"k","read":["*"]}],"secretKey":"…","requireSignature":true}`).
 *
 * @example
 * ```sh
 * deno task serve --port 8090 --host 127.0.0.1
 * deno task serve --port 8443 --cert /tmp/cert.pem --key /tmp/key.pem
 * ```
 *
 * @module
 */
import { runCli } from "../src/cli/main.ts";
import { runtime } from "../src/cli/runtime_deno.ts";

/**
 * Command-line options of the serve script.
 *
 * @example
 * ```ts
 * import { parseServeArgs } from "./serve.ts";
 * parseServeArgs(["--port", "9000"]); // { hostname: "127.0.0.1", port: 9000 }
 * ```
 */
export interface ServeArgs {
  /** Interface to bind. */
  hostname: string;
  /** Port to bind. */
  port: number;
  /** Certificate file (PEM) for HTTPS; given together with `key`. */
  cert?: string;
  /** Private key file (PEM) for HTTPS. */
  key?: string;
  /** JSON file holding an access policy. */
  access?: string;
}

const VALUED = new Set(["--port", "--host", "--hostname", "--cert", "--key", "--access"]);

/**
 * Parses `--port N`, `--host H`, `--cert FILE`, `--key FILE`, `--access FILE` (also `--name=value`,
 * and `--hostname`); throws on anything else, or on a certificate without its key.
 *
 * @example
 * ```ts
 * import { parseServeArgs } from "./serve.ts";
 * parseServeArgs(["--host=0.0.0.0"]).hostname; // "0.0.0.0"
 * ```
 */
export function parseServeArgs(args: readonly string[]): ServeArgs {
  const result: ServeArgs = { hostname: "127.0.0.1", port: 8090 };
  for (let i = 0; i < args.length; i++) {
    const raw = args[i];
    let [name, value] = args[i].split(/=(.*)/s, 2) as [string, string | undefined];
    if (value === undefined && VALUED.has(name)) {
      value = args[++i];
    }
    if (value === undefined) throw new Error(`unknown or incomplete argument "${raw}"`);
    if (name === "--port") {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`invalid port "${value}"`);
      }
      result.port = port;
    } else if (name === "--host" || name === "--hostname") {
      if (value === "") throw new Error("empty host");
      result.hostname = value;
    } else if (name === "--cert" || name === "--key" || name === "--access") {
      if (value === "") throw new Error(`empty ${name}`);
      result[name.slice(2) as "cert" | "key" | "access"] = value;
    } else {
      throw new Error(`unknown argument "${name}"`);
    }
  }
  if ((result.cert === undefined) !== (result.key === undefined)) {
    throw new Error("--cert and --key go together");
  }
  return result;
}

if (import.meta.main) {
  // The same server as `pubnub-ts serve` (banner, friendly errors, summary at shutdown).
  const code = await runCli(["serve", ...Deno.args], {
    runtime,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
  Deno.exit(code);
}

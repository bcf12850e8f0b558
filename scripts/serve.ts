/**
 * Runs the local PubNub-compatible server in the foreground:
 * `deno task serve [--port N] [--host H]` prints `listening on http://H:N` once it accepts
 * connections, and exits cleanly on SIGINT or SIGTERM.
 *
 * @example
 * ```sh
 * deno task serve --port 8090 --host 127.0.0.1
 * ```
 *
 * @module
 */
import { startServer } from "../server.ts";

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
}

/**
 * Parses `--port N`, `--host H` (also `--port=N`, `--host=H`, `--hostname`); throws on anything else.
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
    if (value === undefined && (name === "--port" || name === "--host" || name === "--hostname")) {
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
    } else {
      throw new Error(`unknown argument "${name}"`);
    }
  }
  return result;
}

if (import.meta.main) {
  let args: ServeArgs;
  try {
    args = parseServeArgs(Deno.args);
  } catch (error) {
    console.error(
      `serve: ${(error as Error).message}\nusage: deno task serve [--port N] [--host H]`,
    );
    Deno.exit(2);
  }
  const server = await startServer({ hostname: args.hostname, port: args.port });
  console.log(`listening on ${server.url}`);
  const stop = async () => {
    await server.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

/**
 * The connection flags every client subcommand takes (`--origin`, `--ssl`, keys, `--user-id`),
 * with their `PUBNUB_*` environment variables, turned into a client configuration.
 *
 * @module
 */
import type { PNConfigurationOptions } from "../core/config.ts";
import { type FlagSpec, type ParsedArgs, UsageError } from "./args.ts";

/** The local server's default origin: what `pubnub-ts serve` listens on. */
export const DEFAULT_ORIGIN = "127.0.0.1:8090";

/**
 * The connection flags, shown under "connection flags" in each client subcommand's help.
 *
 * @example
 * ```ts
 * import { CONNECTION_FLAGS } from "./connection.ts";
 * CONNECTION_FLAGS.some((f) => f.name === "origin"); // true
 * ```
 */
export const CONNECTION_FLAGS: FlagSpec[] = [
  {
    name: "origin",
    kind: "string",
    value: "HOST[:PORT]|URL",
    help: `where to connect (default ${DEFAULT_ORIGIN}; env PUBNUB_ORIGIN)`,
  },
  {
    name: "ssl",
    kind: "boolean",
    help: "use TLS; --no-ssl for plain HTTP (default: the URL's scheme, else off for loopback)",
  },
  {
    name: "publish-key",
    kind: "string",
    value: "KEY",
    help: 'publish key (default "demo"; env PUBNUB_PUBLISH_KEY)',
  },
  {
    name: "subscribe-key",
    kind: "string",
    value: "KEY",
    help: 'subscribe key (default "demo"; env PUBNUB_SUBSCRIBE_KEY)',
  },
  {
    name: "user-id",
    kind: "string",
    value: "ID",
    help: 'who this client is (default "pubnub-ts-cli"; env PUBNUB_USER_ID)',
    aliases: ["uuid"],
  },
  { name: "auth-key", kind: "string", value: "KEY", help: "auth key (env PUBNUB_AUTH_KEY)" },
  {
    name: "secret-key",
    kind: "string",
    value: "KEY",
    help: "secret key, to sign requests (env PUBNUB_SECRET_KEY)",
  },
];

/**
 * Splits an `--origin` value into the SDK's `origin` (`host[:port]`) and, when it is a URL,
 * whether its scheme asks for TLS.
 *
 * @example
 * ```ts
 * import { parseOrigin } from "./connection.ts";
 * parseOrigin("https://ps.pndsn.com"); // { origin: "ps.pndsn.com", ssl: true }
 * parseOrigin("127.0.0.1:8090"); // { origin: "127.0.0.1:8090", ssl: undefined }
 * ```
 */
export function parseOrigin(value: string): { origin: string; ssl: boolean | undefined } {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (scheme !== "http" && scheme !== "https") {
      throw new UsageError(`--origin ${value}: the scheme must be http or https, not ${scheme}`);
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`--origin ${value} is not a valid URL`);
    }
    if (url.pathname !== "/" || url.search !== "") {
      throw new UsageError(`--origin ${value}: give only scheme, host and port (no path)`);
    }
    return { origin: url.host, ssl: scheme === "https" };
  }
  if (value === "" || /[\/\s?#@]/.test(value)) {
    throw new UsageError(`--origin "${value}" is not host[:port] or an http(s) URL`);
  }
  const port = /:(\d*)$/.exec(value)?.[1];
  if (port !== undefined && !value.endsWith("]") && !(Number(port) > 0 && Number(port) < 65536)) {
    throw new UsageError(`--origin ${value}: the port must be 1-65535`);
  }
  return { origin: value, ssl: undefined };
}

function isLoopback(origin: string): boolean {
  const host = origin.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/**
 * The client configuration from the connection flags, falling back to `PUBNUB_*` variables
 * (`env`) and then to the local server with the demo keys.
 *
 * @example
 * ```ts
 * import { clientConfig } from "./connection.ts";
 * const config = clientConfig({ positionals: [], flags: { origin: "https://example.com" }, help: false }, () => undefined);
 * config.ssl; // true
 * ```
 */
export function clientConfig(
  args: ParsedArgs,
  env: (name: string) => string | undefined,
): PNConfigurationOptions {
  const flag = (name: string, variable: string) => {
    const value = args.flags[name] ?? env(variable);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const { origin, ssl: schemeSsl } = parseOrigin(flag("origin", "PUBNUB_ORIGIN") ?? DEFAULT_ORIGIN);
  let ssl = args.flags.ssl as boolean | undefined;
  if (ssl === undefined) {
    const fromEnv = env("PUBNUB_SSL");
    if (fromEnv !== undefined && fromEnv !== "") {
      if (!/^(1|0|true|false|yes|no)$/i.test(fromEnv)) {
        throw new UsageError(`PUBNUB_SSL must be true or false, not "${fromEnv}"`);
      }
      ssl = /^(1|true|yes)$/i.test(fromEnv);
    }
  }
  ssl ??= schemeSsl ?? !isLoopback(origin);
  const config: PNConfigurationOptions = {
    origin,
    ssl,
    publishKey: flag("publish-key", "PUBNUB_PUBLISH_KEY") ?? "demo",
    subscribeKey: flag("subscribe-key", "PUBNUB_SUBSCRIBE_KEY") ?? "demo",
    userId: flag("user-id", "PUBNUB_USER_ID") ?? "pubnub-ts-cli",
  };
  const authKey = flag("auth-key", "PUBNUB_AUTH_KEY");
  if (authKey) config.authKey = authKey;
  const secretKey = flag("secret-key", "PUBNUB_SECRET_KEY");
  if (secretKey) config.secretKey = secretKey;
  return config;
}

/**
 * `pubnub-ts serve`: the local PubNub-compatible server in the foreground, with a banner that
 * says how to reach it, an optional request log, and a summary when it is stopped.
 *
 * @module
 */
import type { AccessPolicy } from "../server/access/policy.ts";
import { withConsole } from "../server/console/console_route.ts";
import { openHandler } from "../server/store/open_handler.ts";
import { listen } from "../server/listen_deno.ts";
import type { Listener } from "../server/listener.ts";
import type { ServerOptions } from "../server/options.ts";
import { UsageError } from "./args.ts";
import { type Command, EXIT } from "./command.ts";
import { logRequests, RequestStats } from "./request_log.ts";
import { makeThrowawayCert, type ThrowawayCert } from "./self_signed.ts";

/** Whether a listen failure means the port is taken, in Deno's and in Node's words. */
function isAddrInUse(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === "AddrInUse" || e?.code === "EADDRINUSE";
}

function isPermissionDenied(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === "PermissionDenied" || e?.code === "EACCES";
}

async function readAccess(
  path: string | undefined,
  secretKey: string | undefined,
  readTextFile: (path: string) => Promise<string>,
): Promise<AccessPolicy | undefined> {
  let policy: AccessPolicy | undefined;
  if (path !== undefined) {
    let text: string;
    try {
      text = await readTextFile(path);
    } catch (error) {
      throw new UsageError(`cannot read --access ${path}: ${(error as Error).message}`);
    }
    try {
      policy = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--access ${path} is not JSON: ${(error as Error).message}`);
    }
    if (typeof policy !== "object" || policy === null || Array.isArray(policy)) {
      throw new UsageError(`--access ${path} must hold a JSON object ({"grants":[...]})`);
    }
  }
  if (secretKey !== undefined) policy = { ...policy, secretKey, requireSignature: true };
  return policy;
}

function parseKeys(value: string | undefined): ServerOptions["keys"] {
  if (value === undefined) return undefined;
  const [publishKey, subscribeKey, ...rest] = value.split(":");
  if (!publishKey || !subscribeKey || rest.length) {
    throw new UsageError(`--keys takes PUBLISH_KEY:SUBSCRIBE_KEY, not "${value}"`);
  }
  return { publishKey, subscribeKey };
}

/**
 * The `serve` subcommand.
 *
 * @example
 * ```ts
 * import { serveCommand } from "./serve.ts";
 * serveCommand.spec.name; // "serve"
 * ```
 */
export const serveCommand: Command = {
  connection: false,
  spec: {
    name: "serve",
    summary: "runs the local PubNub-compatible server until Ctrl-C or SIGTERM",
    positionals: [],
    flags: [
      {
        name: "port",
        kind: "integer",
        value: "N",
        help: "port to bind; 0 picks a free one (default 8090)",
      },
      {
        name: "host",
        kind: "string",
        value: "HOST",
        help: "interface to bind (default 127.0.0.1)",
        aliases: ["hostname"],
      },
      {
        name: "tls-cert",
        kind: "string",
        value: "FILE",
        help: "serve HTTPS (and HTTP/2) with this PEM certificate",
        aliases: ["cert"],
      },
      {
        name: "tls-key",
        kind: "string",
        value: "FILE",
        help: "the certificate's PEM private key",
        aliases: ["key"],
      },
      {
        name: "tls-self-signed",
        kind: "boolean",
        help: "serve HTTPS with a throwaway certificate (needs openssl)",
      },
      {
        name: "keys",
        kind: "string",
        value: "PUB:SUB",
        help: "accept only this publish and subscribe key",
      },
      {
        name: "access",
        kind: "string",
        value: "FILE",
        help: 'access policy JSON ({"grants":[{"authKey":"k","read":["*"]}]})',
      },
      {
        name: "secret-key",
        kind: "string",
        value: "KEY",
        help: "require requests signed with this secret key",
      },
      {
        name: "redis",
        kind: "string",
        value: "URL",
        help: "keep the state in Redis, shared with every server given the same URL",
      },
      {
        name: "redis-prefix",
        kind: "string",
        value: "PREFIX",
        help: 'prefix of the Redis keys (default "pubnub-ts:")',
      },
      { name: "verbose", kind: "boolean", help: "log one line per request (keys redacted)" },
      { name: "quiet", kind: "boolean", help: "print only the listening line and errors" },
    ],
    notes: [
      "prints `listening on http://HOST:PORT` once it accepts connections; the live console is at /console",
      "example: pubnub-ts serve --port 0 --verbose",
    ],
  },
  async run(args, context) {
    const { out, err, runtime } = context;
    const flags = args.flags as Record<string, string | number | boolean | undefined>;
    const port = (flags.port ?? 8090) as number;
    if (port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not ${port}`);
    const hostname = (flags.host ?? "127.0.0.1") as string;
    if (hostname === "") throw new UsageError("--host is empty");
    const certFile = flags["tls-cert"] as string | undefined;
    const keyFile = flags["tls-key"] as string | undefined;
    if ((certFile === undefined) !== (keyFile === undefined)) {
      throw new UsageError("--tls-cert and --tls-key go together");
    }
    if (certFile !== undefined && flags["tls-self-signed"]) {
      throw new UsageError("--tls-self-signed or --tls-cert/--tls-key, not both");
    }
    if (flags.verbose && flags.quiet) throw new UsageError("--verbose or --quiet, not both");
    const keys = parseKeys(flags.keys as string | undefined);
    const access = await readAccess(
      flags.access as string | undefined,
      flags["secret-key"] as string | undefined,
      runtime.readTextFile,
    );
    // Signatures cover the publish key; without --keys the clients' default is "demo".
    if (access?.secretKey && !access.publishKey) {
      access.publishKey = keys?.publishKey ?? "demo";
    }

    let throwaway: ThrowawayCert | undefined;
    if (flags["tls-self-signed"]) {
      try {
        throwaway = await makeThrowawayCert(runtime, hostname);
      } catch (error) {
        err(`serve: ${(error as Error).message}`);
        return EXIT.refused;
      }
    }
    const tls = throwaway
      ? { cert: throwaway.certFile, key: throwaway.keyFile }
      : certFile && keyFile
      ? { cert: certFile, key: keyFile }
      : undefined;

    const stats = new RequestStats();
    const redis = flags.redis as string | undefined;
    const prefix = flags["redis-prefix"] as string | undefined;
    if (prefix !== undefined && redis === undefined) {
      throw new UsageError("--redis-prefix needs --redis");
    }
    let handler;
    try {
      handler = await openHandler(
        { ...(keys ? { keys } : {}), ...(access ? { access } : {}) },
        redis === undefined ? undefined : { redis, ...(prefix === undefined ? {} : { prefix }) },
      );
    } catch (error) {
      await throwaway?.remove().catch(() => {});
      err(`serve: ${(error as Error).message}`);
      return EXIT.refused;
    }
    const served = withConsole(
      logRequests(handler, stats, flags.verbose ? (line) => out(line) : undefined),
      keys ?? { publishKey: "demo", subscribeKey: "demo" },
    );
    let listener: Listener;
    try {
      listener = await listen(served, { hostname, port, ...(tls ? { tls } : {}) });
    } catch (error) {
      handler.close();
      await handler.store.close();
      await throwaway?.remove().catch(() => {});
      if (isAddrInUse(error)) {
        err(`serve: port ${port} is in use; try --port 0 (any free port) or another --port`);
      } else if (isPermissionDenied(error)) {
        err(`serve: not allowed to listen on ${hostname}:${port}; try a port above 1023`);
      } else {
        err(`serve: cannot listen on ${hostname}:${port}: ${(error as Error).message}`);
      }
      return EXIT.refused;
    }
    const started = performance.now();
    const host = hostname.includes(":") ? `[${hostname}]` : hostname;
    const origin = `${host}:${listener.port}`;
    const scheme = tls ? "https" : "http";
    out(`listening on ${scheme}://${origin}`);
    if (!flags.quiet) {
      const pub = keys?.publishKey ?? "demo";
      const sub = keys?.subscribeKey ?? "demo";
      out(`  console:  ${scheme}://${origin}/console`);
      out(
        `  SDK:      new PubNub({ origin: "${origin}", ssl: ${!!tls}, publishKey: "${pub}", ` +
          `subscribeKey: "${sub}", userId: "me" })`,
      );
      out(`  CLI:      pubnub-ts subscribe room --origin ${scheme}://${origin}`);
      if (throwaway) {
        out(`  TLS:      a throwaway certificate, ${throwaway.certFile} (removed at exit)`);
        out(`            trust it with DENO_CERT=${throwaway.certFile} or NODE_EXTRA_CA_CERTS=…`);
      }
      if (access) {
        const signing = access.secretKey
          ? `, signatures required (publish key ${access.publishKey})`
          : "";
        out(`  access:   enforced${signing}`);
      }
      if (keys) out(`  keys:     only ${pub}:${sub} accepted`);
      if (redis) {
        const shown = redis.replace(/\/\/[^@/]*@/, "//…@"); // no password on the screen
        out(`  store:    Redis at ${shown}, shared with the servers using it`);
      }
      out("  Ctrl-C to stop");
    }
    return new Promise<number>((resolve) => {
      let stopping = false;
      const stopListening = runtime.onTerminate(async (signal) => {
        if (stopping) return;
        stopping = true;
        stopListening();
        handler.close(); // answers held long-polls, so the listener can close at once
        await listener.close();
        await handler.store.close();
        await throwaway?.remove().catch(() => {});
        if (!flags.quiet) {
          out(`${signal}: stopped; served ${stats.summary(performance.now() - started)}`);
        }
        resolve(EXIT.ok);
      });
    });
  },
};

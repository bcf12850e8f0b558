/**
 * Starts {@link ./server_child.ts} as a child process and talks to it.
 *
 * @example
 * ```ts
 * import { startServerProcess } from "./server_process.ts";
 * const server = await startServerProcess();
 * console.log(server.origin, await server.rssBytes());
 * await server.close();
 * ```
 *
 * @module
 */
import { bundleForNode } from "../build_npm/node_bundle.ts";

/** What the child reports on request. */
export interface ServerStats {
  /** Subscribe long-polls the server is holding. */
  pendingLongPolls: number;
  /** The child's `Deno.memoryUsage().rss`. */
  rss: number;
}

/** A local server running in a child process. */
export interface ServerProcess {
  /** `host:port`, the SDK's `origin`. */
  origin: string;
  /** The child's process id. */
  pid: number;
  /** Held long-polls and memory, as the child sees them. */
  stats(): Promise<ServerStats>;
  /** VmRSS of the child from `/proc/<pid>/status`, in bytes (falls back to the child's own report). */
  rssBytes(): Promise<number>;
  /** User + system CPU time the server process has used so far (µs); NaN where /proc is missing. */
  cpuMicros(): Promise<number>;
  /** Closes the server and waits for the process to exit. */
  close(): Promise<void>;
  /** Whether the process has exited. */
  exited(): boolean;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux everywhere in practice). */
const USER_HZ = 100;

const CHILD = new URL("./server_child.ts", import.meta.url);

/** How to run the child: which listener, its options, a descriptor limit. */
export interface ProcessOptions {
  /** `deno` (default) or `node` (the node:http listener, under Deno). */
  listener?: "deno" | "node";
  /**
   * `deno` (default) runs `server_child.ts`; `node` runs `node_server_child.ts` (the Node
   * listener) under Node itself, bundled with esbuild first.
   */
  runtime?: "deno" | "node";
  /** Listen options (timeouts) as `listen()` takes them. */
  listen?: Record<string, unknown>;
  /** Lowers the child's open-file limit (`ulimit -n`, through bash). */
  limitFiles?: number;
  /** Where the child's stderr goes. Default inherit. */
  stderr?: "inherit" | "null";
}

/** Spawns the server process and waits until it listens. */
export async function startServerProcess(
  options: Record<string, unknown> = {},
  process: ProcessOptions = {},
): Promise<ServerProcess> {
  const line = process.runtime === "node"
    ? [
      "node",
      await nodeChild(),
      JSON.stringify(options),
      "node",
      JSON.stringify(process.listen ?? {}),
    ]
    : [
      Deno.execPath(),
      "run",
      "--allow-net=127.0.0.1",
      "--allow-read",
      "--allow-env",
      CHILD.href,
      JSON.stringify(options),
      process.listener ?? "deno",
      JSON.stringify(process.listen ?? {}),
    ];
  const [command, args] = process.limitFiles === undefined
    ? [line[0], line.slice(1)]
    : ["bash", ["-c", `ulimit -n ${process.limitFiles} && exec "$@"`, "bash", ...line]];
  const child = new Deno.Command(command, {
    args,
    stdin: "piped",
    stdout: "piped",
    stderr: process.stderr ?? "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  const lines = readLines(child.stdout);
  const first = await lines.next();
  if (first.done) throw new Error("the server process exited before listening");
  const { origin } = JSON.parse(first.value) as { origin: string };
  let queue = Promise.resolve<unknown>(undefined);
  const encoder = new TextEncoder();

  const stats = (): Promise<ServerStats> => {
    const next = queue.then(async () => {
      await writer.write(encoder.encode("stats\n"));
      const line = await lines.next();
      if (line.done) throw new Error("the server process went away");
      return JSON.parse(line.value) as ServerStats;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  let closing: Promise<void> | undefined;
  let exited = false;
  child.status.then(() => exited = true);
  return {
    origin,
    pid: child.pid,
    exited: () => exited,
    stats,
    async rssBytes() {
      try {
        const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
        const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
        if (match) return Number(match[1]) * 1024;
      } catch {
        // not Linux: ask the child
      }
      return (await stats()).rss;
    },
    async cpuMicros() {
      try {
        const stat = await Deno.readTextFile(`/proc/${child.pid}/stat`);
        // the command name may hold spaces: fields are counted after its closing parenthesis
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
        return (ticks / USER_HZ) * 1e6;
      } catch {
        return NaN;
      }
    },
    close() {
      closing ??= (async () => {
        await queue;
        await writer.close().catch(() => {});
        await child.status;
        // drain whatever is left so the pipe closes
        for await (const _ of lines) { /* nothing */ }
      })();
      return closing;
    },
  };
}

let nodeChildPath: Promise<string> | undefined;

/** Bundles `node_server_child.ts` for Node once per process; the path of the bundle. */
function nodeChild(): Promise<string> {
  nodeChildPath ??= (async () => {
    const outfile = await Deno.makeTempFile({ prefix: "pubnub-ts-bench-", suffix: ".mjs" });
    // Removed when this process ends.
    globalThis.addEventListener("unload", () => Deno.removeSync(outfile));
    await bundleForNode(new URL("./node_server_child.ts", import.meta.url).pathname, outfile);
    return outfile;
  })();
  return nodeChildPath;
}

async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    pending += decoder.decode(chunk, { stream: true });
    let newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      yield pending.slice(0, newline);
      pending = pending.slice(newline + 1);
    }
  }
  if (pending) yield pending;
}

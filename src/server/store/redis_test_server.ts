/**
 * A throwaway `redis-server` for tests: a free loopback port, a temporary directory, stopped
 * (and the directory removed) by `stop()`. When it cannot start, the error says why.
 *
 * @module
 */

/**
 * A running test Redis.
 *
 * @example
 * ```ts ignore
 * import { startRedis } from "./redis_test_server.ts";
 * const redis = await startRedis();
 * redis.url; // "redis://127.0.0.1:PORT"
 * await redis.stop();
 * ```
 */
export interface TestRedis {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  /** Its port. */
  port: number;
  /** The running redis-server's process id (undefined while it is down). */
  pid(): number | undefined;
  /** Kills it (SIGKILL when `hard`) and waits for it to exit; the data directory stays. */
  kill(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function answersPing(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      await conn.write(new TextEncoder().encode("PING\r\n"));
      const buffer = new Uint8Array(16);
      const n = await conn.read(buffer);
      return n !== null && new TextDecoder().decode(buffer.subarray(0, n)).startsWith("+PONG");
    } finally {
      conn.close();
    }
  } catch {
    return false;
  }
}

/**
 * Starts `redis-server` on a free port with a temporary directory (append-only file on, so a
 * restart keeps the data).
 *
 * @example
 * ```ts ignore
 * import { startRedis } from "./redis_test_server.ts";
 * const redis = await startRedis();
 * await redis.stop();
 * ```
 */
export async function startRedis(): Promise<TestRedis> {
  const port = freePort();
  const dir = await Deno.makeTempDir({ prefix: "pubnub-ts-redis-" });
  let child: Deno.ChildProcess | undefined;
  let output = "";
  const launch = async () => {
    try {
      child = new Deno.Command("redis-server", {
        args: [
          "--port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--dir",
          dir,
          "--save",
          "",
          "--appendonly",
          "yes",
          "--appendfsync",
          "always",
        ],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
    } catch (error) {
      throw new Error(
        `cannot start redis-server (${(error as Error).message}); ` +
          "install it with `apt-get install -y redis-server` (.ci/run does)",
      );
    }
    const decoder = new TextDecoder();
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      for await (const chunk of stream) output += decoder.decode(chunk);
    };
    collect(child.stdout).catch(() => {});
    collect(child.stderr).catch(() => {});
    const deadline = Date.now() + 5000;
    while (!(await answersPing(port))) {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`redis-server did not answer on port ${port} within 5 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const kill = async (hard = false) => {
    if (!child) return;
    const running = child;
    child = undefined;
    running.kill(hard ? "SIGKILL" : "SIGTERM");
    await running.status;
  };
  await launch();
  let stopped = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => child?.pid,
    kill,
    restart: launch,
    async stop() {
      if (stopped) return;
      stopped = true;
      await kill(true);
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

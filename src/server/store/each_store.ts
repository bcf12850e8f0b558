/**
 * Runs the same server tests on both stores. `test(name, body)`, made by {@link storeTests},
 * registers `body` as an ordinary test on the memory store, and once more as a step of one test
 * per file that starts a real `redis-server` (free port, temporary directory), gives every body
 * its own key prefix on it, and stops it at the end; when Redis cannot start, that test fails and
 * says why.
 *
 * Inside a body, {@link withServer}, {@link openTestHandler} and {@link startTestServer} use the
 * store the body runs on (tests of one file run one at a time, so the current store is simply
 * remembered while a body runs). Outside such a test they use memory.
 *
 * @module
 */
import { type RunningServer, startServer } from "../../../server.ts";
import { listen } from "../listen_deno.ts";
import type { HandlerOptions, ServerOptions } from "../options.ts";
import type { StoreHandler } from "../handler.ts";
import type { TestServer } from "../test_util.ts";
import { MemoryStore } from "./memory_store.ts";
import { openHandler, type StoreOptions } from "./open_handler.ts";
import { startRedis } from "./redis_test_server.ts";

/**
 * Registers one test body for both stores (call once per file: it owns that file's Redis).
 *
 * @example
 * ```ts ignore
 * import { storeTests, withServer } from "./each_store.ts";
 * const test = storeTests();
 * test("time answers", async () => {
 *   await withServer({}, async ({ url }) => void await fetch(`${url}/time/0`).then((r) => r.text()));
 * });
 * ```
 */
export function storeTests(): StoreTest {
  const cases: [string, () => Promise<void>][] = [];
  return (
    nameOrTest: string | { name: string; fn: () => Promise<void> },
    body?: () => Promise<void>,
  ) => {
    const name = typeof nameOrTest === "string" ? nameOrTest : nameOrTest.name;
    const fn = typeof nameOrTest === "string" ? body! : nameOrTest.fn;
    Deno.test(name, () => runOn(undefined, fn));
    cases.push([name, fn]);
    if (cases.length > 1) return;
    // Registered with the first body; it runs once the file has registered all of them.
    Deno.test("the same tests on the Redis store (one real redis-server)", async (t) => {
      const redis = await startRedis();
      try {
        let run = 0;
        for (const [caseName, caseBody] of cases) {
          const store = { redis: redis.url, prefix: `case${++run}:` };
          await t.step(caseName, () => runOn(store, caseBody));
        }
      } finally {
        await redis.stop();
      }
    });
  };
}

/**
 * Registers a test body, as `Deno.test(name, fn)` or `Deno.test({ name, fn })` do, for both
 * stores.
 *
 * @example
 * ```ts ignore
 * import { type StoreTest, storeTests } from "./each_store.ts";
 * const test: StoreTest = storeTests();
 * test({ name: "time answers", async fn() {} });
 * ```
 */
export interface StoreTest {
  /** A named body. */
  (name: string, body: () => Promise<void>): void;
  /** The object form. */
  (test: { name: string; fn: () => Promise<void> }): void;
}

interface Running {
  store: StoreOptions | undefined;
  handlers: StoreHandler[];
  servers: RunningServer[];
}

let current: Running | undefined;

async function runOn(store: StoreOptions | undefined, body: () => Promise<void>): Promise<void> {
  const running: Running = { store, handlers: [], servers: [] };
  current = running;
  try {
    await body();
  } finally {
    current = undefined;
    await Promise.all(running.servers.map((s) => s.close()));
    for (const handler of running.handlers) handler.close();
    await Promise.all(running.handlers.map((h) => h.store.close()));
  }
}

/**
 * A handler on the current test's store; closed (and its store awaited) when the test ends.
 *
 * @example
 * ```ts ignore
 * import { openTestHandler } from "./each_store.ts";
 * const handler = await openTestHandler({ longPollSeconds: 5 });
 * ```
 */
export async function openTestHandler(options: HandlerOptions = {}): Promise<StoreHandler> {
  const store = current?.store;
  const handler = await openHandler(options, store);
  if (store && handler.store instanceof MemoryStore) {
    throw new Error("asked for the Redis store, got the memory store");
  }
  current?.handlers.push(handler);
  return handler;
}

/**
 * `startServer` on the current test's store; closed when the test ends.
 *
 * @example
 * ```ts ignore
 * import { startTestServer } from "./each_store.ts";
 * const server = await startTestServer({ port: 0 });
 * ```
 */
export async function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  const store = current?.store;
  const server = await startServer({ ...options, ...(store ? { store } : {}) });
  current?.servers.push(server);
  return server;
}

/**
 * Runs `body` against a fresh server on a free port, on the current test's store, and always
 * closes it.
 *
 * @example
 * ```ts ignore
 * import { withServer } from "./each_store.ts";
 * await withServer({}, async ({ url }) => void await fetch(`${url}/time/0`).then((r) => r.text()));
 * ```
 */
export async function withServer(
  options: HandlerOptions,
  body: (server: TestServer) => Promise<void>,
): Promise<void> {
  const handler = await openTestHandler({ longPollSeconds: 5, sweepMilliseconds: 50, ...options });
  const listener = await listen(handler, { hostname: "127.0.0.1", port: 0 });
  const origin = `127.0.0.1:${listener.port}`;
  try {
    await body({ url: `http://${origin}`, origin, handler });
  } finally {
    handler.close();
    await listener.close();
    await handler.store.close();
  }
}

/**
 * The Redis client in the npm package: `ioredis`, an optional peer dependency, loaded from the
 * application's `node_modules` only when a server is given a Redis URL. Without it, a clear
 * error says what to install; the SDK and the default server never load it.
 *
 * @module
 */
import type { RedisClientClass } from "./redis_client.ts";

export type { RedisClient, RedisClientClass } from "./redis_client.ts";

// A name in a variable: bundlers and the package's own build leave the import to run time.
const PACKAGE = "ioredis";

/**
 * The client class, or an error that says to install `ioredis`.
 *
 * @example
 * ```ts ignore
 * import { loadRedisClient } from "./redis_client_node.ts";
 * const Redis = await loadRedisClient();
 * ```
 */
export async function loadRedisClient(): Promise<RedisClientClass> {
  let loaded: { Redis?: RedisClientClass; default?: RedisClientClass };
  try {
    loaded = await import(PACKAGE);
  } catch (error) {
    throw new Error(
      "the Redis store needs the ioredis package, which is not installed " +
        `(${(error as Error).message.split("\n")[0]}): npm install ioredis@5`,
    );
  }
  const Redis = loaded.Redis ?? loaded.default;
  if (typeof Redis !== "function") {
    throw new Error("the installed ioredis package exports no Redis class: npm install ioredis@5");
  }
  return Redis;
}

/**
 * The Redis client under Deno: `ioredis` from npm, fetched by Deno on first use (the npm
 * package loads it from `node_modules` instead: `redis_client_node.ts`).
 *
 * @module
 */
import { Redis } from "npm:ioredis@5.11.1";
import type { RedisClientClass } from "./redis_client.ts";

export type { RedisClient, RedisClientClass } from "./redis_client.ts";

/**
 * The client class.
 *
 * @example
 * ```ts ignore
 * import { loadRedisClient } from "./redis_client_deno.ts";
 * const Redis = await loadRedisClient();
 * ```
 */
export function loadRedisClient(): Promise<RedisClientClass> {
  return Promise.resolve(Redis as unknown as RedisClientClass);
}

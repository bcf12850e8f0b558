/**
 * The part of the `ioredis` client the Redis store uses, so that the store does not name the
 * package: under Deno it comes from `redis_client_deno.ts`, in the npm package from
 * `redis_client_node.ts` (an optional dependency, loaded only when a Redis URL is given).
 *
 * @module
 */

/**
 * One connection to Redis (an `ioredis` `Redis`).
 *
 * @example
 * ```ts
 * import type { RedisClient } from "./redis_client.ts";
 * const ready = (client: RedisClient) => client.status === "ready";
 * ```
 */
export interface RedisClient {
  /** `"ready"` while connected. */
  readonly status: string;
  /** Connects (with `lazyConnect`). */
  connect(): Promise<void>;
  /** Closes at once; pending commands fail. */
  disconnect(): void;
  /** Connection events: `error`, `close`, `ready`. */
  on(event: string, listener: (...args: never[]) => void): unknown;
  /** Removes a listener. */
  off(event: string, listener: (...args: never[]) => void): unknown;
  /** `TIME`: seconds and microseconds, as strings. */
  time(): Promise<[string, string] | (string | number)[]>;
  /** `XADD`. */
  xadd(...args: string[]): Promise<unknown>;
  /** `XRANGE`. */
  xrange(key: string, start: string, end: string, count: "COUNT", n: number): Promise<unknown>;
  /** `XLEN`. */
  xlen(key: string): Promise<number>;
  /** `XDEL`. */
  xdel(key: string, ...ids: string[]): Promise<number>;
  /** `XREAD`. */
  xread(...args: (string | number)[]): Promise<unknown>;
}

/**
 * How the store makes a client: `new Redis(url, options)`.
 *
 * @example
 * ```ts
 * import type { RedisClientClass } from "./redis_client.ts";
 * const open = (Redis: RedisClientClass) => new Redis("redis://127.0.0.1:6379", { lazyConnect: true });
 * ```
 */
export type RedisClientClass = new (url: string, options: Record<string, unknown>) => RedisClient;

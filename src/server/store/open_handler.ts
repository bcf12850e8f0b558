import { createStoreHandler, type StoreHandler } from "../handler.ts";
import { MemoryStore } from "./memory_store.ts";
import type { HandlerOptions } from "../options.ts";

/**
 * Where the server keeps its state: absent, in this process's memory; with `redis`, in Redis,
 * shared by every server process given the same URL and prefix.
 *
 * @example
 * ```ts
 * import type { StoreOptions } from "./open_handler.ts";
 * const shared: StoreOptions = { redis: "redis://127.0.0.1:6379", prefix: "staging:" };
 * ```
 */
export interface StoreOptions {
  /** `redis://host:port[/db]` of the Redis all processes share. */
  redis: string;
  /** Prefix of the keys, to keep several deployments apart on one Redis. Default `"pubnub-ts:"`. */
  prefix?: string;
}

/**
 * The request handler on the store asked for, with the store's state loaded. The Redis client
 * is loaded only here, only when `store` is given.
 *
 * @example
 * ```ts
 * import { openHandler } from "./open_handler.ts";
 * const handler = await openHandler({});
 * handler.close();
 * ```
 */
export async function openHandler(
  options: HandlerOptions,
  store?: StoreOptions,
): Promise<StoreHandler> {
  if (!store) {
    return createStoreHandler(options, (model, sink, clock) => new MemoryStore(model, clock, sink));
  }
  const { connectRedis, RedisStore } = await import("./redis_store.ts");
  const connection = await connectRedis({
    url: store.redis,
    ...(store.prefix === undefined ? {} : { prefix: store.prefix }),
  });
  const handler = createStoreHandler(
    options,
    (model, sink) => new RedisStore(connection, model, sink),
  );
  try {
    await handler.store.ready();
  } catch (error) {
    handler.close();
    throw new Error(
      `cannot load the state from Redis at ${store.redis}: ${(error as Error).message}`,
    );
  }
  return handler;
}

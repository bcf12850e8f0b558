/**
 * The npm package's stand-in for the Redis store (`redis_store_deno.ts` under Deno): the package
 * has no runtime dependencies, so its server keeps the state in memory, and asking it for
 * Redis fails with a message that says where the Redis store runs.
 *
 * @module
 */
import type { PubSubModel } from "../model/model.ts";
import type { ModelOperation, OperationResult } from "./operations.ts";
import type { EnvelopeSink, ModelStore } from "./store.ts";

const UNSUPPORTED = "the Redis store runs under Deno (`pubnub-ts serve --redis URL` from the " +
  "sources, or deno task serve --redis URL); the npm package's server keeps its state in memory";

/**
 * As under Deno (see `redis_store_deno.ts`).
 *
 * @example
 * ```ts
 * import type { RedisStoreOptions } from "./redis_store_node.ts";
 * const options: RedisStoreOptions = { url: "redis://127.0.0.1:6379" };
 * ```
 */
export interface RedisStoreOptions {
  /** `redis://host:port`. */
  url: string;
  /** Key prefix. */
  prefix?: string;
}

/**
 * Never made here.
 *
 * @example
 * ```ts
 * import type { RedisConnection } from "./redis_store_node.ts";
 * const urlOf = (c: RedisConnection) => c.url;
 * ```
 */
export interface RedisConnection {
  /** The URL. */
  url: string;
}

/**
 * Fails: no Redis client in the npm package.
 *
 * @example
 * ```ts
 * import { connectRedis } from "./redis_store_node.ts";
 * await connectRedis({ url: "redis://127.0.0.1:6379" }).catch((e) => e.message);
 * ```
 */
export function connectRedis(options: RedisStoreOptions): Promise<RedisConnection> {
  return Promise.reject(new Error(`cannot use Redis at ${options.url}: ${UNSUPPORTED}`));
}

/**
 * Never constructed ({@link connectRedis} fails first).
 *
 * @example
 * ```ts
 * import { RedisStore } from "./redis_store_node.ts";
 * typeof RedisStore; // "function"
 * ```
 */
export class RedisStore implements ModelStore {
  /** The model. */
  readonly model: PubSubModel;
  /** Never available. */
  readonly available = false;
  /**
   * @example
   * ```ts
   * import { RedisStore } from "./redis_store_node.ts";
   * RedisStore.length; // 3
   * ```
   */
  constructor(_connection: RedisConnection, model: PubSubModel, _sink: EnvelopeSink) {
    this.model = model;
    throw new Error(UNSUPPORTED);
  }
  /** @example `store.write(op)` */
  write(_operation: ModelOperation): Promise<OperationResult> {
    return Promise.reject(new Error(UNSUPPORTED));
  }
  /** @example `store.timetoken(0)` */
  timetoken(_now: number): string {
    return "0";
  }
  /** @example `store.tick(0)` */
  tick(_now: number): void {}
  /** @example `await store.ready()` */
  ready(): Promise<void> {
    return Promise.reject(new Error(UNSUPPORTED));
  }
  /** @example `await store.close()` */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

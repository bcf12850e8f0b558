/**
 * The Redis store: every change is appended to one Redis stream, and every server process
 * applies that stream, in its order and on Redis's clock, to its own copy of the model. Loaded
 * only when a server is given a Redis URL; the client (`ioredis`) comes from
 * `redis_client_deno.ts` under Deno and `redis_client_node.ts` in the npm package, where it is
 * an optional dependency: the default server has none.
 *
 * @module
 */
import { loadRedisClient, type RedisClient } from "./redis_client_deno.ts";
import type { PubSubModel } from "../model/model.ts";
import { applyOperation, type ModelOperation, type OperationResult } from "./operations.ts";
import { type EnvelopeSink, type ModelStore, StoreUnavailableError } from "./store.ts";

/**
 * Where the Redis store keeps its data and how it behaves when Redis is slow or gone.
 *
 * @example
 * ```ts
 * import type { RedisStoreOptions } from "./redis_store.ts";
 * const options: RedisStoreOptions = { url: "redis://127.0.0.1:6379", prefix: "staging:" };
 * ```
 */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** Prefix of every key. Default `"pubnub-ts:"`. */
  prefix?: string;
  /** A write not applied this long after it was sent fails with 503 (ms). Default 2000. */
  writeTimeoutMillis?: number;
  /** About how many changes the stream keeps for processes that start later. Default 100000. */
  maxLogLength?: number;
  /**
   * How long this process's clock ticks stay in the stream (ms): older ones that changed nothing
   * visible are deleted, so that an idle keyset's ticks never push real changes out of it (a
   * tick that announced a presence timeout stays). Default 10000.
   */
  tickKeepMillis?: number;
  /** Where connection changes are told. Default `console.error`. */
  log?: (line: string) => void;
}

// A pending write of this process, resolved when the stream brings it back applied.
interface Pending {
  resolve(result: OperationResult): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

// One stream entry as ioredis returns it: [id, [field, value, ...]].
type StreamEntry = [string, string[]];

/**
 * Connected clients and settings for {@link RedisStore}; made by {@link connectRedis}.
 *
 * @example
 * ```ts
 * import type { RedisConnection } from "./redis_store.ts";
 * const urlOf = (c: RedisConnection) => c.options.url;
 * ```
 */
export interface RedisConnection {
  /** Resolved options. */
  options: Required<RedisStoreOptions>;
  /** Client for writes (fails at once while disconnected). */
  writer: RedisClient;
  /** Client for the blocking stream reads. */
  reader: RedisClient;
  /** Redis's clock when connecting (ms). */
  startedAt: number;
  /** Redis's clock minus this process's (ms), measured when connecting. */
  clockOffset: number;
}

/**
 * Connects to Redis, or fails with a message naming the URL and the cause.
 *
 * @example
 * ```ts ignore
 * import { connectRedis } from "./redis_store.ts";
 * const connection = await connectRedis({ url: "redis://127.0.0.1:6379" });
 * ```
 */
export async function connectRedis(options: RedisStoreOptions): Promise<RedisConnection> {
  const resolved: Required<RedisStoreOptions> = {
    url: options.url,
    prefix: options.prefix ?? "pubnub-ts:",
    writeTimeoutMillis: options.writeTimeoutMillis ?? 2000,
    maxLogLength: options.maxLogLength ?? 100_000,
    tickKeepMillis: options.tickKeepMillis ?? 10_000,
    log: options.log ?? ((line) => console.error(line)),
  };
  const common = {
    lazyConnect: true,
    // Fail fast while disconnected instead of queueing: the request answers 503 at once.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt: number) => Math.min(100 * attempt, 1000),
  };
  const Redis = await loadRedisClient();
  const writer = new Redis(resolved.url, {
    ...common,
    commandTimeout: resolved.writeTimeoutMillis,
  });
  const reader = new Redis(resolved.url, common);
  let first: Error | undefined;
  const remember = (error: Error) => first ??= error;
  writer.on("error", remember);
  reader.on("error", remember);
  try {
    await writer.connect();
    await reader.connect();
  } catch (error) {
    writer.disconnect();
    reader.disconnect();
    const cause = (first ?? error as Error).message;
    throw new Error(`cannot connect to Redis at ${resolved.url}: ${cause}`);
  }
  writer.off("error", remember);
  reader.off("error", remember);
  const asked = Date.now();
  const [seconds, micros] = await writer.time();
  const startedAt = Number(seconds) * 1000 + Number(micros) / 1000;
  return {
    options: resolved,
    writer,
    reader,
    startedAt,
    clockOffset: startedAt - (asked + Date.now()) / 2,
  };
}

/**
 * The shared store (see the module doc and `docs/scale-out.md`).
 *
 * @example
 * ```ts ignore
 * import { connectRedis, RedisStore } from "./redis_store.ts";
 * import { PubSubModel } from "../model/model.ts";
 * const store = new RedisStore(await connectRedis({ url: "redis://127.0.0.1:6379" }), new PubSubModel({}), () => {});
 * await store.ready();
 * ```
 */
export class RedisStore implements ModelStore {
  /** This process's copy of the state. */
  readonly model: PubSubModel;
  readonly #connection: RedisConnection;
  readonly #sink: EnvelopeSink;
  readonly #key: string;
  readonly #process = crypto.randomUUID();
  readonly #pending = new Map<string, Pending>();
  #sequence = 0;
  #lastId = "0";
  #lastMillis: number;
  // Ticks: when the last one (from any process) was applied, on Redis's clock; this process's
  // own ones still in the stream; when tick() was last called (the sweep's period).
  #lastTickMillis = -Infinity;
  readonly #ownTicks: { id: string; millis: number }[] = [];
  #lastTickCall: number | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;
  #reading: Promise<void>;
  #caughtUp: Promise<void>;
  #down = false;

  /**
   * Starts applying the stream from its beginning (see {@link RedisStore.ready}).
   *
   * @example
   * ```ts ignore
   * import { connectRedis, RedisStore } from "./redis_store.ts";
   * import { PubSubModel } from "../model/model.ts";
   * new RedisStore(await connectRedis({ url: "redis://127.0.0.1:6379" }), new PubSubModel({}), () => {});
   * ```
   */
  constructor(connection: RedisConnection, model: PubSubModel, sink: EnvelopeSink) {
    this.#connection = connection;
    this.model = model;
    this.#sink = sink;
    this.#key = `${connection.options.prefix}log`;
    this.#lastMillis = connection.startedAt;
    this.#watch(connection.writer, "writes");
    this.#watch(connection.reader, "stream reads");
    this.#caughtUp = this.#catchUp();
    this.#reading = this.#caughtUp.then(() => this.#readLoop());
  }

  /**
   * Whether both connections are up.
   *
   * @example
   * ```ts ignore
   * store.available; // true while Redis answers
   * ```
   */
  get available(): boolean {
    const { writer, reader } = this.#connection;
    return !this.#closed && writer.status === "ready" && reader.status === "ready";
  }

  /**
   * Resolves once the changes already in the stream are applied.
   *
   * @example
   * ```ts ignore
   * await store.ready();
   * ```
   */
  ready(): Promise<void> {
    return this.#caughtUp;
  }

  /**
   * Appends the change and resolves with what applying it produced, once this process has
   * applied it in the stream's order.
   *
   * @example
   * ```ts ignore
   * await store.write({ op: "deleteGroup", subKey: "demo", group: "g" });
   * ```
   */
  write(operation: ModelOperation): Promise<OperationResult> {
    if (!this.available) {
      return Promise.reject(new StoreUnavailableError("Redis is unreachable"));
    }
    const id = String(++this.#sequence);
    return new Promise<OperationResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new StoreUnavailableError("Redis did not answer in time"));
      }, this.#connection.options.writeTimeoutMillis);
      this.#pending.set(id, { resolve, reject, timer });
      this.#append(operation, id).catch((error) => {
        const pending = this.#pending.get(id);
        if (!pending) return;
        clearTimeout(pending.timer);
        this.#pending.delete(id);
        pending.reject(new StoreUnavailableError(`Redis refused the write: ${error.message}`));
      });
    });
  }

  /**
   * A cursor every later change's timetoken exceeds: the newest applied, or just below the
   * last applied change's time on Redis's clock.
   *
   * @example
   * ```ts ignore
   * store.timetoken(Date.now()); // "17…"
   * ```
   */
  timetoken(_now: number): string {
    const floor = BigInt(Math.floor(this.#lastMillis)) * 10_000n - 1n;
    const last = this.model.lastTimetoken;
    return (last > floor ? last : floor).toString();
  }

  /**
   * Appends a tick: every process applies it at the same point, so a presence timeout is
   * announced once, with one timetoken, whichever processes are alive. A tick is skipped when
   * another process's was applied less than half a sweep ago (N processes tick about as often
   * as one), and this process's idle ticks older than `tickKeepMillis` are deleted from the
   * stream.
   *
   * @example
   * ```ts ignore
   * store.tick(Date.now());
   * ```
   */
  tick(now: number): void {
    const period = this.#lastTickCall === undefined ? 0 : now - this.#lastTickCall;
    this.#lastTickCall = now;
    if (!this.available) return;
    const { writer, options, clockOffset } = this.#connection;
    const redisNow = now + clockOffset;
    const old: string[] = [];
    while (
      this.#ownTicks.length > 0 &&
      this.#ownTicks[0].millis < redisNow - options.tickKeepMillis
    ) old.push(this.#ownTicks.shift()!.id);
    if (old.length > 0) writer.xdel(this.#key, ...old).catch(() => {});
    if (redisNow - this.#lastTickMillis < period / 2) return;
    this.#append({ op: "tick" }, "").catch(() => {});
  }

  /**
   * Fails pending writes, stops reading, disconnects.
   *
   * @example
   * ```ts ignore
   * await store.close();
   * ```
   */
  close(): Promise<void> {
    // The same promise every time: a second caller also waits for the read loop to end.
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new StoreUnavailableError("the server is shutting down"));
    }
    this.#pending.clear();
    this.#connection.writer.disconnect();
    this.#connection.reader.disconnect();
    await this.#reading.catch(() => {});
  }

  #append(operation: ModelOperation, request: string): Promise<unknown> {
    const { writer, options } = this.#connection;
    return writer.xadd(
      this.#key,
      "MAXLEN",
      "~",
      String(options.maxLogLength),
      "*",
      "o",
      JSON.stringify(operation),
      "p",
      this.#process,
      "w",
      request,
    );
  }

  async #catchUp(): Promise<void> {
    const { writer } = this.#connection;
    for (;;) {
      const start = this.#lastId === "0" ? "-" : `(${this.#lastId}`;
      const entries = await writer.xrange(this.#key, start, "+", "COUNT", 1000) as StreamEntry[];
      if (entries.length === 0) return;
      this.#applyAll(entries);
    }
  }

  async #readLoop(): Promise<void> {
    const { reader } = this.#connection;
    while (!this.#closed) {
      try {
        const answer = await reader.xread(
          "COUNT",
          1000,
          "BLOCK",
          1000,
          "STREAMS",
          this.#key,
          this.#lastId,
        ) as
          | [string, StreamEntry[]][]
          | null;
        if (answer) this.#applyAll(answer[0][1]);
      } catch {
        if (this.#closed) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  #applyAll(entries: StreamEntry[]): void {
    for (const [id, fields] of entries) {
      this.#lastId = id;
      const millis = Number(id.slice(0, id.indexOf("-")));
      if (millis > this.#lastMillis) this.#lastMillis = millis;
      const field = (name: string) => fields[fields.indexOf(name) + 1];
      // Only ticks carry no request number.
      const tick = field("w") === "";
      if (tick) this.#lastTickMillis = millis;
      let result: OperationResult;
      try {
        // The entry's own time (Redis's clock, never decreasing along the stream): every
        // process applies it at the same instant, so all copies stay the same.
        result = applyOperation(this.model, millis, JSON.parse(field("o")));
      } catch (error) {
        this.#connection.options.log(
          `redis store: change ${id} failed: ${(error as Error).message}`,
        );
        continue;
      }
      // Only this process's idle ticks are deleted later: one that announced something (a
      // presence timeout) stays, so a process started later announces it at the same point.
      if (tick && result.envelopes.length === 0 && field("p") === this.#process) {
        this.#ownTicks.push({ id, millis });
      }
      if (result.envelopes.length > 0) this.#sink(result.envelopes, true);
      if (field("p") !== this.#process) continue;
      const pending = this.#pending.get(field("w"));
      if (!pending) continue;
      clearTimeout(pending.timer);
      this.#pending.delete(field("w"));
      pending.resolve(result);
    }
  }

  // One clear line when a connection drops and one when it is back.
  #watch(client: RedisClient, role: string): void {
    const { url, log } = this.#connection.options;
    client.on("error", () => {}); // the close event below says it once
    client.on("close", () => {
      if (this.#closed || this.#down) return;
      this.#down = true;
      log(`redis store: lost the connection to ${url} (${role}); answering 503 until it is back`);
    });
    client.on("ready", () => {
      if (!this.#down) return;
      this.#down = false;
      log(`redis store: reconnected to ${url}`);
    });
  }
}

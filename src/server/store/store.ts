import type { Envelope } from "../model/envelope.ts";
import type { PubSubModel } from "../model/model.ts";
import type { ModelOperation, OperationResult } from "./operations.ts";

/**
 * Where the server's state lives. Reads are answered from {@link ModelStore.model}; every
 * change goes through {@link ModelStore.write}, which applies it in one order shared by every
 * server process on the same store, and hands the envelopes it produced (from this process's
 * writes and, for a shared store, the others') to the sink given at creation.
 *
 * @example
 * ```ts
 * import type { ModelStore } from "./store.ts";
 * const groupsOf = (store: ModelStore) => store.model.listGroups("demo");
 * ```
 */
export interface ModelStore {
  /** The state as this process has applied it so far. */
  readonly model: PubSubModel;
  /** Whether writes can be made now (false while a shared store is unreachable). */
  readonly available: boolean;
  /** Applies a change; rejects with {@link StoreUnavailableError} when the store is down. */
  write(operation: ModelOperation): Promise<OperationResult>;
  /** A timetoken for `/time` and handshakes: every later envelope's is greater. */
  timetoken(now: number): string;
  /** Advances time: presence timeouts and intervals, pruning (the sweep calls it). */
  tick(now: number): void;
  /** Resolves once the state is loaded (a shared store replays what is already there). */
  ready(): Promise<void>;
  /** Stops it; idempotent. */
  close(): Promise<void>;
}

/**
 * Told of envelopes a store applied: `soon` for those of requests (woken after the answer is
 * sent), not for the sweep's.
 *
 * @example
 * ```ts
 * import type { EnvelopeSink } from "./store.ts";
 * const ignore: EnvelopeSink = () => {};
 * ```
 */
export type EnvelopeSink = (envelopes: readonly Envelope[], soon: boolean) => void;

/**
 * A shared store is unreachable: the request fails fast (503) instead of waiting.
 *
 * @example
 * ```ts
 * import { StoreUnavailableError } from "./store.ts";
 * new StoreUnavailableError("Redis is unreachable").message;
 * ```
 */
export class StoreUnavailableError extends Error {
  /**
   * @example
   * ```ts
   * import { StoreUnavailableError } from "./store.ts";
   * throw new StoreUnavailableError("Redis is unreachable");
   * ```
   */
  constructor(message: string) {
    super(message);
    this.name = "StoreUnavailableError";
  }
}

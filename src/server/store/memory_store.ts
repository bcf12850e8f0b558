import { PubSubModel } from "../model/model.ts";
import { applyOperation, type ModelOperation, type OperationResult } from "./operations.ts";
import type { EnvelopeSink, ModelStore } from "./store.ts";

/**
 * The default store: the state in this process's memory, changed at once on the model's
 * clock. Nothing to set up; nothing shared.
 *
 * @example
 * ```ts
 * import { MemoryStore } from "./memory_store.ts";
 * import { PubSubModel } from "../model/model.ts";
 * const store = new MemoryStore(new PubSubModel({}), () => 0, () => {});
 * await store.write({ op: "addToGroup", subKey: "demo", group: "g", channels: ["a"] });
 * store.model.groupChannels("demo", "g"); // ["a"]
 * ```
 */
export class MemoryStore implements ModelStore {
  /** The state. */
  readonly model: PubSubModel;
  /** Always: memory does not go away. */
  readonly available = true;
  readonly #clock: () => number;
  readonly #sink: EnvelopeSink;

  /**
   * @example
   * ```ts
   * import { MemoryStore } from "./memory_store.ts";
   * import { PubSubModel } from "../model/model.ts";
   * new MemoryStore(new PubSubModel({}), Date.now, () => {});
   * ```
   */
  constructor(model: PubSubModel, clock: () => number, sink: EnvelopeSink) {
    this.model = model;
    this.#clock = clock;
    this.#sink = sink;
  }

  /**
   * Applies the change now.
   *
   * @example
   * ```ts
   * import { MemoryStore } from "./memory_store.ts";
   * import { PubSubModel } from "../model/model.ts";
   * const store = new MemoryStore(new PubSubModel({}), () => 0, () => {});
   * (await store.write({ op: "publish", input: { subKey: "demo", channel: "a", message: 1, kind: "message" } })).timetoken;
   * ```
   */
  write(operation: ModelOperation): Promise<OperationResult> {
    const result = applyOperation(this.model, this.#clock(), operation);
    if (result.envelopes.length > 0) this.#sink(result.envelopes, true);
    return Promise.resolve(result);
  }

  /**
   * The model's next timetoken.
   *
   * @example
   * ```ts
   * import { MemoryStore } from "./memory_store.ts";
   * import { PubSubModel } from "../model/model.ts";
   * new MemoryStore(new PubSubModel({}), () => 0, () => {}).timetoken(1000); // "10000000"
   * ```
   */
  timetoken(now: number): string {
    return this.model.timetoken(now);
  }

  /**
   * Runs the model's clock forward.
   *
   * @example
   * ```ts
   * import { MemoryStore } from "./memory_store.ts";
   * import { PubSubModel } from "../model/model.ts";
   * new MemoryStore(new PubSubModel({}), () => 0, () => {}).tick(1000);
   * ```
   */
  tick(now: number): void {
    const { envelopes } = this.model.tick(now);
    if (envelopes.length > 0) this.#sink(envelopes, false);
  }

  /**
   * Ready at once.
   *
   * @example
   * ```ts
   * import { MemoryStore } from "./memory_store.ts";
   * import { PubSubModel } from "../model/model.ts";
   * await new MemoryStore(new PubSubModel({}), () => 0, () => {}).ready();
   * ```
   */
  ready(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Nothing to stop.
   *
   * @example
   * ```ts
   * import { MemoryStore } from "./memory_store.ts";
   * import { PubSubModel } from "../model/model.ts";
   * await new MemoryStore(new PubSubModel({}), () => 0, () => {}).close();
   * ```
   */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

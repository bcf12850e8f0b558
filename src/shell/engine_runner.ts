/**
 * Drives a pure engine: feeds events through its `transition`, performs the invocations it returns
 * and feeds their outcomes back as events. Any {@link Engine} value runs here: the engine says
 * which invocations are long-running ("managed": started with an `AbortController`) and which
 * cancel invocation aborts each; a cancelled one dispatches nothing. Events raised while a transition is being performed (a listener that
 * unsubscribes, say) are queued and handled in order after it.
 */
import type { Engine } from "../core/engine.ts";
import { callSafely } from "./call_safely.ts";
import type { LoopLog } from "./loop_log.ts";

/** The signal of the invocations nothing can cancel: its controller is never aborted. */
const NEVER_ABORTED: AbortSignal = /* @__PURE__ */ (() => new AbortController().signal)();

/**
 * One line of the engine log that `observeEngine` reports.
 *
 * @example
 * ```ts
 * import type { EngineLogEntry } from "@pubnub-ts/pubsub";
 * const entry: EngineLogEntry = { engine: "subscribe", type: "event", name: "SUBSCRIPTION_CHANGED" };
 * ```
 */
export interface EngineLogEntry {
  /** Which engine (its `name`). */
  engine: "subscribe" | "presence";
  /** An event fed in, an invocation performed, or a retry scheduled by one. */
  type: "event" | "invocation" | "retry";
  /** The protocol name, e.g. `HANDSHAKE_SUCCESS` or `CANCEL_RECEIVE_MESSAGES`. */
  name: string;
  /** `retry`: the number of the attempt that comes next (1 for the first retry). */
  attempt?: number;
  /** `retry`: milliseconds until that attempt. */
  delayMs?: number;
}

/**
 * Runs a pure engine with real effects: a loop extends it and performs the invocations.
 *
 * @example
 * ```ts
 * import { EngineRunner } from "./engine_runner.ts";
 * import { defineEngine } from "../core/engine.ts";
 * type S = { n: number };
 * type E = { type: "INC" };
 * type I = { type: "LOG"; n: number };
 * class Counter extends EngineRunner<S, E, I> {
 *   constructor() {
 *     super(
 *       defineEngine({
 *         name: "subscribe",
 *         initial: { n: 0 },
 *         cancels: {},
 *         transition: (s) => ({ state: { n: s.n + 1 }, invocations: [{ type: "LOG", n: s.n + 1 }] }),
 *       }),
 *       (error) => console.error(error),
 *     );
 *   }
 *   protected override perform(invocation: I): void {
 *     console.log(invocation.n);
 *   }
 * }
 * new Counter().dispatch({ type: "INC" });
 * ```
 */
export abstract class EngineRunner<S, E extends { type: string }, I extends { type: string }> {
  readonly #definition: Engine<S, E, I>;
  readonly #onError: (error: unknown, callback?: string) => void;
  readonly #observers = new Set<(entry: EngineLogEntry) => void>();
  /** Observers that also asked for the `retry` entries. */
  readonly #retryObservers = new Set<(entry: EngineLogEntry) => void>();
  readonly #running = new Map<string, AbortController>();
  /**
   * The controller of the last managed invocation that finished without being aborted, for the
   * next one: a long-poll loop starts one managed invocation per poll, and a fresh controller and
   * signal each time cost Node more than the rest of the step (the transport keeps its link to a
   * signal it saw before, too).
   */
  #idle: AbortController | undefined;
  readonly #queue: E[] = [];
  #state: S;
  #dispatching = false;
  #stopped = false;
  #logger: LoopLog | undefined;

  /**
   * `onError` receives exceptions thrown by `perform`, which never break the loop, and what
   * observers throw or reject with (`callback` is then `"observeEngine"`).
   */
  constructor(engine: Engine<S, E, I>, onError: (error: unknown, callback?: string) => void) {
    this.#definition = engine;
    this.#state = engine.initial;
    this.#onError = onError;
  }

  /** The engine's current state. */
  get state(): S {
    return this.#state;
  }

  /**
   * The state the engine will be in once the events queued behind the current transition are
   * handled. A listener that changes the subscription runs inside a transition, so its events
   * wait in the queue; a second change made in the same callback must build on the first, not on
   * `state`. The transition is pure, so folding the queue over the state is free of effects.
   */
  get projectedState(): S {
    let state = this.#state;
    for (const event of this.#queue) state = this.#definition.transition(state, event).state;
    return state;
  }

  /**
   * Reports every event and invocation, in order (with `retries: true`, also each retry a
   * reconnect invocation schedules); returns a function that stops reporting.
   */
  observe(
    observer: (entry: EngineLogEntry) => void,
    options: { retries?: boolean } = {},
  ): () => void {
    this.#observers.add(observer);
    if (options.retries === true) this.#retryObservers.add(observer);
    return () => {
      this.#observers.delete(observer);
      this.#retryObservers.delete(observer);
    };
  }

  /** Tells `log` each transition and each retry. */
  logTo(log: LoopLog): void {
    this.#logger = log;
  }

  /**
   * Reports a retry that `invocation` scheduled: an engine-log entry (type `retry`) and an info
   * log line with the attempt and the delay.
   */
  protected reportRetry(invocation: string, attempt: number, delayMs: number): void {
    const engine = this.#definition.name;
    this.#logger?.retry(engine, invocation, attempt, delayMs);
    const entry: EngineLogEntry = { engine, type: "retry", name: invocation, attempt, delayMs };
    for (const observer of this.#retryObservers) {
      callSafely(() => observer(entry), (error) => this.#onError(error, "observeEngine"));
    }
  }

  /** Feeds an event in. Safe to call from inside a handler: it is queued. */
  dispatch(event: E): void {
    if (this.#stopped) return;
    this.#queue.push(event);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) this.#step(next);
    } finally {
      this.#dispatching = false;
    }
  }

  /** Cancels every managed invocation and ignores further events. */
  stop(): void {
    this.#stopped = true;
    this.#queue.length = 0;
    for (const controller of this.#running.values()) controller.abort();
    this.#running.clear();
  }

  /**
   * Performs one invocation. Managed ones get a signal that aborts on cancel and must dispatch
   * nothing once it has aborted.
   */
  protected abstract perform(
    invocation: I,
    signal: AbortSignal,
    dispatch: (event: E) => void,
  ): void | Promise<void>;

  /**
   * Called after each transition, before its invocations are performed: `state` is already
   * `after`. Subclasses override it to report derived state; it must not throw.
   */
  protected transitioned(_before: S, _event: E, _after: S): void {}

  #step(event: E): void {
    this.#log("event", event.type);
    const before = this.#state;
    const { state, invocations } = this.#definition.transition(before, event);
    this.#state = state;
    this.#logger?.step(this.#definition.name, before, event.type, state, invocations);
    if (state !== before) {
      try {
        this.transitioned(before, event, state);
      } catch (error) {
        this.#onError(error);
      }
    }
    for (const invocation of invocations) {
      this.#log("invocation", invocation.type);
      const cancelled = this.#definition.cancels.get(invocation.type);
      if (cancelled !== undefined) {
        this.#running.get(cancelled)?.abort();
        this.#running.delete(cancelled);
        continue;
      }
      this.#perform(invocation);
    }
  }

  #perform(invocation: I): void {
    // Only a managed invocation can be cancelled, so only it gets a controller of its own; the
    // others (emitting messages and statuses, once per response) share a signal nothing aborts.
    const managed = this.#definition.managed.has(invocation.type);
    let controller: AbortController | undefined;
    if (managed) {
      controller = this.#idle ?? new AbortController();
      this.#idle = undefined;
      this.#running.get(invocation.type)?.abort();
      this.#running.set(invocation.type, controller);
    }
    const signal = controller ? controller.signal : NEVER_ABORTED;
    // Once this invocation has dispatched, its controller may serve the next one: from then on
    // only a stop ends what it dispatches (as before, when nothing could abort it any more).
    let finished = false;
    const dispatch = (event: E) => {
      if (this.#stopped || (!finished && signal.aborted)) return;
      if (!finished && controller && this.#running.get(invocation.type) === controller) {
        this.#running.delete(invocation.type);
        this.#idle = controller;
      }
      finished = true;
      this.dispatch(event);
    };
    try {
      const done = this.perform(invocation, signal, dispatch);
      if (done) done.catch((error) => this.#onError(error));
    } catch (error) {
      this.#onError(error);
    }
  }

  #log(type: EngineLogEntry["type"], name: string): void {
    // Runs for every event and invocation: nothing is made when nobody observes.
    if (this.#observers.size === 0) return;
    const entry = { engine: this.#definition.name, type, name };
    for (const observer of this.#observers) {
      callSafely(() => observer(entry), (error) => this.#onError(error, "observeEngine"));
    }
  }
}

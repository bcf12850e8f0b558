/**
 * The one form of an event engine (docs/protocol.md "Subscribe engine", "Heartbeat engine"):
 * a table of rows keyed by state name then event type, the invocations each state starts when
 * entered and cancels when left, and the {@link Engine} value a runner performs. Both the
 * subscribe and the heartbeat engine are built from these pieces, so the lookup guard, the
 * exit / own / enter order and the freezing live here once.
 *
 * @module
 */

/**
 * What one transition yields: the next state and the invocations to perform, in order.
 *
 * @example
 * ```ts
 * import type { TransitionResult } from "./engine.ts";
 * const result: TransitionResult<{ name: "IDLE" }, { type: "LOG" }> = { state: { name: "IDLE" }, invocations: [] };
 * ```
 */
export interface TransitionResult<S, I> {
  /** The state after the event. */
  readonly state: S;
  /** What the shell must do, in order. */
  readonly invocations: readonly I[];
}

/**
 * One row of a table: a pure function of the current state, the event and the engine's options
 * (taken from the client's configuration), yielding the next state and the transition's own
 * invocations; the state's exit and enter invocations are added around them by {@link runTable}.
 *
 * @example
 * ```ts
 * import type { Row } from "./engine.ts";
 * const row: Row<{ name: "IDLE" }, { type: "GO" }, { type: "LOG" }> = (s) => ({ state: s, invocations: [{ type: "LOG" }] });
 * ```
 */
export type Row<S, E, I, O = undefined> = (
  state: S,
  event: E,
  options: O,
) => TransitionResult<S, I>;

/**
 * An engine's table: its rows, and what each state starts when entered and cancels when left.
 *
 * @example
 * ```ts
 * import type { EngineTable } from "./engine.ts";
 * type S = { name: "IDLE" };
 * const table: EngineTable<S, { type: "LOG" }> = {
 *   rows: { IDLE: { GO: (s) => ({ state: s, invocations: [] }) } },
 *   enter: () => [],
 *   exit: () => [],
 * };
 * ```
 */
export interface EngineTable<S extends { name: string }, I, O = undefined> {
  /**
   * Rows keyed by state name then event type; an absent row means the event is ignored. Each
   * row is typed for its own state and event; the lookup by runtime names joins the two.
   */
  readonly rows: {
    readonly [state: string]: {
      readonly [event: string]:
        | ((state: never, event: never, options: O) => TransitionResult<unknown, I>)
        | undefined;
    };
  };
  /** What a state starts when entered (its long-running invocation, if any). */
  enter(state: S): readonly I[];
  /** What a state cancels when left (the `CANCEL_<name>` of what it started). */
  exit(state: S): readonly I[];
}

const hasOwn = Object.prototype.hasOwnProperty;
const NOTHING: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/**
 * The row for `state` and `event`, own properties only: an event typed `toString` or
 * `constructor` (or a state name that is no table key) never reaches `Object.prototype`.
 *
 * @example
 * ```ts
 * import { lookupRow } from "./engine.ts";
 * lookupRow({ IDLE: { GO: 1 } }, "IDLE", "toString"); // undefined
 * lookupRow({ IDLE: { GO: 1 } }, "IDLE", "GO"); // 1
 * ```
 */
export function lookupRow<R>(
  rows: { readonly [state: string]: { readonly [event: string]: R | undefined } },
  state: string,
  event: string,
): R | undefined {
  if (!hasOwn.call(rows, state)) return undefined;
  const ofState = rows[state];
  return hasOwn.call(ofState, event) ? ofState[event] : undefined;
}

/**
 * Applies one event through a table. An event the state does not list is ignored: the very
 * same state, no invocations. Otherwise: the old state's exit invocations, then the row's own,
 * then the new state's enter invocations (a transition to the same state exits and re-enters).
 *
 * @example
 * ```ts
 * import { runTable } from "./engine.ts";
 * type S = { name: "IDLE" | "BUSY" };
 * const table = {
 *   rows: { IDLE: { GO: () => ({ state: { name: "BUSY" } as S, invocations: [] }) } },
 *   enter: (s: S) => s.name === "BUSY" ? [{ type: "WORK" }] : [],
 *   exit: () => [],
 * };
 * runTable(table, { name: "IDLE" }, { type: "GO" }, undefined).invocations; // [{ type: "WORK" }]
 * ```
 */
export function runTable<S extends { name: string }, E extends { type: string }, I, O>(
  table: EngineTable<S, I, O>,
  state: S,
  event: E,
  options: O,
): TransitionResult<S, I> {
  const row = lookupRow(table.rows, state.name, event.type);
  if (!row) return { state, invocations: NOTHING };
  const step = row(state as never, event as never, options) as TransitionResult<S, I>;
  return {
    state: step.state,
    invocations: Object.freeze([
      ...table.exit(state),
      ...step.invocations,
      ...table.enter(step.state),
    ]),
  };
}

/**
 * An engine as one value: what a runner needs to perform it. `cancels` maps each cancel
 * invocation to the long-running invocation it aborts; `managed` (the long-running ones, run
 * with an abort signal) is derived from it.
 *
 * @example
 * ```ts
 * import { defineEngine, type Engine } from "./engine.ts";
 * const counter: Engine<{ name: "N"; n: number }, { type: "INC" }, { type: "LOG" }> = defineEngine({
 *   name: "subscribe",
 *   initial: { name: "N", n: 0 },
 *   transition: (s) => ({ state: { name: "N", n: s.n + 1 }, invocations: [{ type: "LOG" }] }),
 *   cancels: {},
 * });
 * counter.managed.size; // 0
 * ```
 */
export interface Engine<S, E extends { type: string }, I extends { type: string }> {
  /** The engine's name, as the engine log reports it. */
  readonly name: "subscribe" | "presence";
  /** The state it starts in. */
  readonly initial: S;
  /** The pure transition function. */
  transition(state: S, event: E): TransitionResult<S, I>;
  /** Which long-running invocation each cancel invocation aborts. */
  readonly cancels: ReadonlyMap<string, string>;
  /** The long-running invocations: started with an abort signal, aborted by their cancel. */
  readonly managed: ReadonlySet<string>;
}

/**
 * Builds an {@link Engine} value; `cancels` pairs each cancel invocation type with the
 * long-running invocation it aborts (as the table's enter and exit invocations pair them).
 *
 * @example
 * ```ts
 * import { defineEngine } from "./engine.ts";
 * const engine = defineEngine({
 *   name: "presence",
 *   initial: { name: "IDLE" },
 *   transition: (s) => ({ state: s, invocations: [] }),
 *   cancels: { CANCEL_WAIT: "WAIT" },
 * });
 * engine.managed.has("WAIT"); // true
 * ```
 */
export function defineEngine<S, E extends { type: string }, I extends { type: string }>(spec: {
  name: Engine<S, E, I>["name"];
  initial: S;
  transition(state: S, event: E): TransitionResult<S, I>;
  cancels: Readonly<Record<string, string>>;
}): Engine<S, E, I> {
  const cancels = new Map(Object.entries(spec.cancels));
  return Object.freeze({
    name: spec.name,
    initial: spec.initial,
    transition: spec.transition,
    cancels,
    managed: new Set(cancels.values()),
  });
}

/**
 * Freezes a value and everything reachable from it (tables are data and never change).
 *
 * @example
 * ```ts
 * import { deepFreeze } from "./engine.ts";
 * Object.isFrozen(deepFreeze({ a: { b: 1 } }).a); // true
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

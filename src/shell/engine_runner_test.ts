/**
 * The engine runner with a tiny engine defined here: a pure transition written as a table, and a
 * handler that records what it was asked to do. Nothing of the SDK is mocked.
 */
import assert from "node:assert/strict";
import { defineEngine, type Engine } from "../core/engine.ts";
import { type EngineLogEntry, EngineRunner } from "./engine_runner.ts";

type Event =
  | { type: "START" }
  | { type: "STOP" }
  | { type: "DONE"; n: number }
  | {
    type: "ECHO";
  }
  | { type: "A" }
  | { type: "B" }
  | { type: "C" }
  | { type: "BOOM" }
  | { type: "ASYNC_BOOM" }
  | { type: "ODD" };
type Invocation = { type: string };
interface State {
  name: string;
  done: number[];
}

/** START enters WORKING (starts WORK); DONE re-enters it; STOP leaves it (CANCEL_WORK). */
const TABLE: Record<string, (s: State, e: Event) => { state: State; invocations: Invocation[] }> = {
  START: (s) => ({ state: { ...s, name: "WORKING" }, invocations: [{ type: "WORK" }] }),
  STOP: (s) => ({ state: { ...s, name: "IDLE" }, invocations: [{ type: "CANCEL_WORK" }] }),
  DONE: (s, e) => ({
    state: { ...s, done: [...s.done, (e as { n: number }).n] },
    invocations: [{ type: "CANCEL_WORK" }, { type: "NOTE" }, { type: "WORK" }],
  }),
  A: (s) => ({ state: s, invocations: [{ type: "ECHO" }, { type: "LATER" }] }),
  B: (s) => ({ state: s, invocations: [{ type: "NOTE" }] }),
  C: (s) => ({ state: s, invocations: [] }),
  BOOM: (s) => ({ state: s, invocations: [{ type: "THROW" }, { type: "NOTE" }] }),
  ASYNC_BOOM: (s) => ({ state: s, invocations: [{ type: "REJECT" }] }),
  ODD: (s) => ({ state: s, invocations: [{ type: "CANCEL_NOTHING_DECLARED" }] }),
};

const definition: Engine<State, Event, Invocation> = defineEngine<State, Event, Invocation>({
  name: "subscribe",
  initial: { name: "IDLE", done: [] } as State,
  transition: (state, event) => TABLE[event.type]?.(state, event) ?? { state, invocations: [] },
  cancels: { CANCEL_WORK: "WORK" },
});

type Handle = (
  invocation: Invocation,
  signal: AbortSignal,
  dispatch: (event: Event) => void,
) => void | Promise<void>;

/** A runner whose invocations `handle` performs. */
class HandledRunner extends EngineRunner<State, Event, Invocation> {
  readonly #handle: Handle;

  constructor(
    engine: Engine<State, Event, Invocation>,
    handle: Handle,
    onError: (error: unknown, callback?: string) => void,
  ) {
    super(engine, onError);
    this.#handle = handle;
  }

  protected override perform(
    invocation: Invocation,
    signal: AbortSignal,
    dispatch: (event: Event) => void,
  ): void | Promise<void> {
    return this.#handle(invocation, signal, dispatch);
  }
}

interface Started {
  signal: AbortSignal;
  dispatch: (event: Event) => void;
}

function setup() {
  const started: Started[] = [];
  const performed: string[] = [];
  const errors: unknown[] = [];
  const log: string[] = [];
  const runner = new HandledRunner(
    definition,
    (invocation, signal, dispatch) => {
      performed.push(invocation.type);
      switch (invocation.type) {
        case "WORK":
          started.push({ signal, dispatch });
          return;
        case "ECHO":
          // Raised while A's invocations are being performed: must wait its turn.
          dispatch({ type: "B" });
          dispatch({ type: "C" });
          return;
        case "THROW":
          throw new Error("handler failed");
        case "REJECT":
          return Promise.reject(new Error("async handler failed"));
        default:
          return;
      }
    },
    (error) => errors.push(error),
  );
  runner.observe((entry) => log.push(`${entry.type} ${entry.name}`));
  return { runner, started, performed, errors, log };
}

Deno.test("every event and invocation is reported in order, with the engine's name", () => {
  const entries: EngineLogEntry[] = [];
  const { runner } = setup();
  runner.observe((entry) => entries.push(entry));
  runner.dispatch({ type: "START" });
  assert.deepEqual(entries, [
    { engine: "subscribe", type: "event", name: "START" },
    { engine: "subscribe", type: "invocation", name: "WORK" },
  ]);
  assert.equal(runner.state.name, "WORKING");
  runner.stop();
});

Deno.test("a managed invocation cancelled by CANCEL_<name> is aborted and dispatches nothing", () => {
  const { runner, started, log } = setup();
  runner.dispatch({ type: "START" });
  runner.dispatch({ type: "STOP" });
  assert.equal(started.length, 1);
  assert.equal(started[0].signal.aborted, true, "CANCEL_WORK aborted it");
  const before = [...log];
  started[0].dispatch({ type: "DONE", n: 1 });
  assert.deepEqual(log, before, "its late outcome was dropped, not even logged");
  assert.deepEqual(runner.state, { name: "IDLE", done: [] });
});

Deno.test("CANCEL_<name> is logged but never performed by the handler", () => {
  const { runner, performed, log } = setup();
  runner.dispatch({ type: "START" });
  runner.dispatch({ type: "STOP" });
  assert.deepEqual(performed, ["WORK"]);
  assert.deepEqual(log, ["event START", "invocation WORK", "event STOP", "invocation CANCEL_WORK"]);
});

Deno.test("only the cancels the engine declares are the runner's: any other invocation is performed", () => {
  const { runner, performed } = setup();
  runner.dispatch({ type: "ODD" });
  assert.deepEqual(performed, ["CANCEL_NOTHING_DECLARED"], "a CANCEL_ prefix alone means nothing");
});

Deno.test("starting a managed invocation again aborts the one already running", () => {
  const { runner, started, log } = setup();
  runner.dispatch({ type: "START" });
  runner.dispatch({ type: "START" });
  assert.equal(started[0].signal.aborted, true);
  assert.equal(started[1].signal.aborted, false);
  started[0].dispatch({ type: "DONE", n: 0 });
  assert.equal(log.includes("event DONE"), false);
  started[1].dispatch({ type: "DONE", n: 1 });
  assert.deepEqual(runner.state.done, [1]);
  runner.stop();
});

Deno.test("an outcome's own exit CANCEL does not abort the invocation the same transition restarts", () => {
  const { runner, started, log } = setup();
  runner.dispatch({ type: "START" });
  started[0].dispatch({ type: "DONE", n: 1 });
  assert.deepEqual(log.slice(2), [
    "event DONE",
    "invocation CANCEL_WORK",
    "invocation NOTE",
    "invocation WORK",
  ]);
  assert.equal(started.length, 2);
  assert.equal(started[1].signal.aborted, false, "the restarted WORK is running");
  started[1].dispatch({ type: "DONE", n: 2 });
  assert.deepEqual(runner.state.done, [1, 2]);
  runner.stop();
  assert.equal(started[2].signal.aborted, true, "stop() aborts the running one");
});

Deno.test("a finished invocation's signal serves the next one: a cancel ends only that one, and the first's later outcomes still count", () => {
  const { runner, started } = setup();
  runner.dispatch({ type: "START" });
  started[0].dispatch({ type: "DONE", n: 1 });
  assert.equal(started.length, 2);
  assert.equal(started[1].signal, started[0].signal, "the finished one's controller was handed on");
  runner.dispatch({ type: "STOP" });
  assert.equal(started[1].signal.aborted, true, "CANCEL_WORK aborted the running one");
  started[1].dispatch({ type: "DONE", n: 2 });
  assert.deepEqual(runner.state.done, [1], "the cancelled one's outcome was dropped");
  // The first had finished before the cancel: what it dispatches still counts, as it always has.
  started[0].dispatch({ type: "DONE", n: 3 });
  assert.deepEqual(runner.state.done, [1, 3]);
  assert.equal(started[2].signal.aborted, false, "an aborted controller is never handed on");
  runner.stop();
});

Deno.test("events dispatched from inside a handler are queued and handled in order, after the transition", () => {
  const { runner, log } = setup();
  runner.dispatch({ type: "A" });
  assert.deepEqual(log, [
    "event A",
    "invocation ECHO",
    "invocation LATER",
    "event B",
    "invocation NOTE",
    "event C",
  ]);
});

Deno.test("a handler that throws goes to onError and the runner keeps going", async () => {
  const { runner, errors, log, performed } = setup();
  runner.dispatch({ type: "BOOM" });
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /handler failed/);
  assert.deepEqual(performed, ["THROW", "NOTE"], "the next invocation still ran");
  runner.dispatch({ type: "ASYNC_BOOM" });
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(errors.length, 2);
  assert.match(String(errors[1]), /async handler failed/);
  runner.dispatch({ type: "START" });
  assert.equal(log.at(-1), "invocation WORK", "still running");
  assert.equal(runner.state.name, "WORKING");
  runner.stop();
});

Deno.test("an observer that throws goes to onError; other observers still see every entry", () => {
  const { runner, errors, log } = setup();
  runner.observe(() => {
    throw new Error("observer failed");
  });
  runner.dispatch({ type: "C" });
  assert.deepEqual(log, ["event C"]);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /observer failed/);
});

Deno.test("observe() returns a function that stops the reporting", () => {
  const { runner } = setup();
  const seen: string[] = [];
  const stop = runner.observe((entry) => seen.push(entry.name));
  runner.dispatch({ type: "C" });
  stop();
  runner.dispatch({ type: "C" });
  assert.deepEqual(seen, ["C"]);
});

Deno.test("stop() aborts managed invocations and ignores later events and late outcomes", () => {
  const { runner, started, log } = setup();
  runner.dispatch({ type: "START" });
  runner.stop();
  assert.equal(started[0].signal.aborted, true);
  const before = [...log];
  started[0].dispatch({ type: "DONE", n: 1 });
  runner.dispatch({ type: "START" });
  assert.deepEqual(log, before);
  assert.equal(started.length, 1);
});

Deno.test("stop() from inside a handler drops the events still queued", () => {
  const log: string[] = [];
  let runner: EngineRunner<State, Event, Invocation> | undefined = undefined;
  runner = new HandledRunner(
    definition,
    (invocation, _signal, dispatch) => {
      if (invocation.type === "ECHO") {
        dispatch({ type: "B" });
        runner!.stop();
      }
    },
    (error) => {
      throw error;
    },
  );
  runner.observe((e) => log.push(e.name));
  runner.dispatch({ type: "A" });
  assert.deepEqual(log, ["A", "ECHO", "LATER"], "B was queued, then dropped by stop()");
});

Deno.test("an unknown event leaves the state as it is and performs nothing", () => {
  const { runner, performed, log } = setup();
  const state = runner.state;
  runner.dispatch({ type: "C" });
  assert.equal(runner.state, state);
  assert.deepEqual(performed, []);
  assert.deepEqual(log, ["event C"]);
});

import assert from "node:assert/strict";
import { deepFreeze, defineEngine, lookupRow, runTable } from "./engine.ts";

Deno.test("lookupRow: only the table's own rows are found, never Object.prototype members", () => {
  const rows = { IDLE: { GO: "go" } };
  assert.equal(lookupRow(rows, "IDLE", "GO"), "go");
  for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
    assert.equal(lookupRow(rows, "IDLE", name), undefined, `event ${name}`);
    assert.equal(lookupRow(rows, name, "GO"), undefined, `state ${name}`);
  }
});

type S = { name: "IDLE" | "BUSY" };
type I = { type: string };
const table = {
  rows: {
    IDLE: { GO: () => ({ state: { name: "BUSY" } as S, invocations: [{ type: "OWN" }] }) },
    BUSY: { GO: (s: S) => ({ state: s, invocations: [] }) },
  },
  enter: (s: S): I[] => s.name === "BUSY" ? [{ type: "WORK" }] : [],
  exit: (s: S): I[] => s.name === "BUSY" ? [{ type: "CANCEL_WORK" }] : [],
};

Deno.test("runTable: exit, then the row's own, then enter; an unlisted event changes nothing", () => {
  const idle: S = { name: "IDLE" };
  const first = runTable(table, idle, { type: "GO" }, undefined);
  assert.deepEqual(first.invocations.map((i) => i.type), ["OWN", "WORK"]);
  const again = runTable(table, first.state, { type: "GO" }, undefined);
  assert.deepEqual(again.invocations.map((i) => i.type), ["CANCEL_WORK", "WORK"]);
  assert.ok(Object.isFrozen(again.invocations));
  const ignored = runTable(table, idle, { type: "STOP" }, undefined);
  assert.equal(ignored.state, idle);
  assert.deepEqual(ignored.invocations, []);
});

Deno.test("defineEngine: the managed invocations are the ones a cancel aborts", () => {
  const engine = defineEngine<S, { type: string }, I>({
    name: "presence",
    initial: { name: "IDLE" },
    transition: (state, event) => runTable(table, state, event, undefined),
    cancels: { CANCEL_WORK: "WORK" },
  });
  assert.deepEqual([...engine.managed], ["WORK"]);
  assert.equal(engine.cancels.get("CANCEL_WORK"), "WORK");
  assert.equal(engine.cancels.get("WORK"), undefined);
  assert.ok(Object.isFrozen(engine));
});

Deno.test("deepFreeze: freezes nested objects and arrays", () => {
  const value = deepFreeze({ a: { b: [1, { c: 2 }] } });
  assert.ok(
    Object.isFrozen(value.a) && Object.isFrozen(value.a.b) && Object.isFrozen(value.a.b[1]),
  );
});

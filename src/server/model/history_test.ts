import assert from "node:assert/strict";
import { HistoryStore } from "./history.ts";

function filled(count: number, perChannel = 100) {
  const store = new HistoryStore({ perChannel, channels: 10 });
  for (let i = 1; i <= count; i++) {
    store.add("ch", { timetoken: BigInt(i), tt: String(i), message: i });
  }
  return store;
}

Deno.test("history returns the newest max messages, oldest first", () => {
  assert.deepEqual(filled(10).read("ch", { max: 3 }, 0).map((m) => m.message), [8, 9, 10]);
});

Deno.test("history ranges: start exclusive, end inclusive", () => {
  const store = filled(10);
  assert.deepEqual(store.read("ch", { max: 100, start: 4n }, 0).map((m) => m.message), [1, 2, 3]);
  assert.deepEqual(store.read("ch", { max: 100, end: 8n }, 0).map((m) => m.message), [8, 9, 10]);
  assert.deepEqual(store.read("ch", { max: 2, end: 3n }, 0).map((m) => m.message), [3, 4]);
  assert.deepEqual(store.read("ch", { max: 100, start: 6n, end: 4n }, 0).map((m) => m.message), [
    4,
    5,
  ]);
});

Deno.test("history is bounded per channel and in channels", () => {
  assert.deepEqual(filled(10, 4).read("ch", { max: 100 }, 0).map((m) => m.message), [7, 8, 9, 10]);
  const store = new HistoryStore({ perChannel: 10, channels: 2 });
  for (const ch of ["a", "b", "c"]) store.add(ch, { timetoken: 1n, tt: "1", message: ch });
  assert.equal(store.size, 2);
  assert.deepEqual(store.read("a", { max: 10 }, 0), []);
});

Deno.test("expired messages are not returned and are pruned", () => {
  const store = new HistoryStore({ perChannel: 10, channels: 10 });
  store.add("ch", { timetoken: 1n, tt: "1", message: "short", expiresAt: 100 });
  store.add("ch", { timetoken: 2n, tt: "2", message: "long" });
  assert.deepEqual(store.read("ch", { max: 10 }, 150).map((m) => m.message), ["long"]);
  store.prune(150);
  assert.equal(store.size, 1);
});

Deno.test("oldestFirst takes the oldest of the range (v2 reverse)", () => {
  const store = filled(10);
  assert.deepEqual(store.read("ch", { max: 3, oldestFirst: true }, 0).map((m) => m.message), [
    1,
    2,
    3,
  ]);
  assert.deepEqual(
    store.read("ch", { max: 2, start: 6n, oldestFirst: true }, 0).map((m) => m.message),
    [1, 2],
  );
});

Deno.test("find and countAfter see live messages only", () => {
  const store = new HistoryStore({ perChannel: 10, channels: 10 });
  store.add("ch", { timetoken: 1n, tt: "1", message: "gone", expiresAt: 100 });
  store.add("ch", { timetoken: 2n, tt: "2", message: "here" });
  store.add("ch", { timetoken: 3n, tt: "3", message: "too" });
  assert.equal(store.find("ch", 2n, 150)?.message, "here");
  assert.equal(store.find("ch", 1n, 150), undefined);
  assert.equal(store.find("ch", 1n, 50)?.message, "gone");
  assert.equal(store.find("other", 2n, 0), undefined);
  assert.equal(store.countAfter("ch", 0n, 50), 3);
  assert.equal(store.countAfter("ch", 0n, 150), 2);
  assert.equal(store.countAfter("ch", 2n, 150), 1);
  assert.equal(store.countAfter("ch", 3n, 150), 0);
});

Deno.test("delete: start exclusive, end inclusive, in either order; empty channels go", () => {
  const left = (store: HistoryStore) => store.read("ch", { max: 100 }, 0).map((m) => m.message);
  let store = filled(6);
  assert.equal(store.delete("ch", { start: 2n, end: 4n }), 2);
  assert.deepEqual(left(store), [1, 2, 5, 6]);
  store = filled(6);
  assert.equal(store.delete("ch", { start: 4n, end: 2n }), 2, "newer start: [end, start)");
  assert.deepEqual(left(store), [1, 4, 5, 6]);
  store = filled(6);
  store.delete("ch", { start: 4n });
  assert.deepEqual(left(store), [1, 2, 3, 4]);
  store.delete("ch", { end: 2n });
  assert.deepEqual(left(store), [3, 4]);
  assert.equal(store.delete("ch", {}), 2);
  assert.equal(store.size, 0);
  assert.equal(store.delete("none", {}), 0);
});

Deno.test("actions lists every action of a channel by action timetoken", () => {
  const store = new HistoryStore({ perChannel: 10, channels: 10 });
  const action = (value: string, t: bigint) => ({
    type: "r",
    value,
    uuid: "u",
    timetoken: t,
    tt: String(t),
  });
  store.add("ch", { timetoken: 1n, tt: "1", message: 1, actions: [action("late", 9n)] });
  store.add("ch", {
    timetoken: 2n,
    tt: "2",
    message: 2,
    actions: [action("early", 3n), action("mid", 5n)],
  });
  assert.deepEqual(store.actions("ch", 0).map((a) => [a.message.tt, a.action.value]), [
    ["2", "early"],
    ["2", "mid"],
    ["1", "late"],
  ]);
});

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

import assert from "node:assert/strict";
import { DeadlineQueue } from "./deadline_queue.ts";

Deno.test("a deadline queue gives what is due, earliest first, and keeps the rest", () => {
  const queue = new DeadlineQueue<number>();
  // A fixed shuffle of 0..199 (no randomness in tests).
  const values = Array.from({ length: 200 }, (_, i) => (i * 73) % 200);
  for (const v of values) queue.push(v, v);
  assert.deepEqual(queue.takeDue(-1), []);
  assert.deepEqual(queue.takeDue(49), Array.from({ length: 50 }, (_, i) => i));
  assert.equal(queue.size, 150);
  queue.push(10, 10);
  assert.deepEqual(queue.takeDue(52), [10, 50, 51, 52]);
  assert.deepEqual(queue.takeDue(1000), Array.from({ length: 147 }, (_, i) => i + 53));
  assert.equal(queue.size, 0);
});

import assert from "node:assert/strict";
import { DedupeCache, dedupeKey, DEFAULT_DEDUPE_CAPACITY } from "./dedupe.ts";

const P = { t: "17000000000000001", r: 1 };

Deno.test("dedupeKey: the same publish seen twice has the same key", () => {
  const first = dedupeKey({ c: "a", d: { x: 1 }, p: P, i: "u1" });
  const again = dedupeKey({ c: "a", d: { x: 1 }, p: { t: P.t, r: 9 }, b: "a.*" });
  assert.equal(first, again);
  assert.equal(first, '17000000000000001|a|{"x":1}');
});

Deno.test("dedupeKey: timetoken, channel and payload each tell envelopes apart", () => {
  const base = dedupeKey({ c: "a", d: { x: 1 }, p: P });
  assert.notEqual(base, dedupeKey({ c: "a", d: { x: 1 }, p: { t: "17000000000000002", r: 1 } }));
  assert.notEqual(base, dedupeKey({ c: "b", d: { x: 1 }, p: P }));
  assert.notEqual(base, dedupeKey({ c: "a", d: { x: 2 }, p: P }));
  assert.notEqual(dedupeKey({ c: "a", d: "1", p: P }), dedupeKey({ c: "a", d: 1, p: P }));
  assert.equal(dedupeKey({ c: "a", p: P }), "17000000000000001|a|undefined");
});

Deno.test("DedupeCache: seen() is false the first time, true after", () => {
  const cache = new DedupeCache();
  assert.equal(cache.capacity, DEFAULT_DEDUPE_CAPACITY);
  assert.equal(cache.seen("k"), false);
  assert.equal(cache.seen("k"), true);
  assert.equal(cache.has("k"), true);
  assert.equal(cache.size, 1);
});

Deno.test("DedupeCache: remembers the last N keys, forgetting the oldest first", () => {
  const cache = new DedupeCache(100);
  for (let i = 0; i < 100; i++) assert.equal(cache.seen(`k${i}`), false);
  assert.equal(cache.size, 100);
  assert.equal(cache.has("k0"), true);
  cache.seen("k100"); // the 101st key pushes out the oldest
  assert.equal(cache.size, 100);
  assert.equal(cache.has("k0"), false);
  assert.equal(cache.has("k1"), true);
  assert.equal(cache.has("k100"), true);
  assert.equal(cache.seen("k0"), false); // forgotten, so new again
});

Deno.test("DedupeCache: a duplicate does not refresh its place", () => {
  const cache = new DedupeCache(2);
  cache.seen("a");
  cache.seen("b");
  assert.equal(cache.seen("a"), true);
  cache.seen("c");
  assert.equal(cache.has("a"), false);
  assert.equal(cache.has("b"), true);
});

Deno.test("DedupeCache: a nonsense capacity falls back to the default; clear() forgets", () => {
  assert.equal(new DedupeCache(0).capacity, DEFAULT_DEDUPE_CAPACITY);
  assert.equal(new DedupeCache(-3).capacity, DEFAULT_DEDUPE_CAPACITY);
  assert.equal(new DedupeCache(1.5).capacity, DEFAULT_DEDUPE_CAPACITY);
  const cache = new DedupeCache(1);
  cache.seen("a");
  assert.equal(cache.seen("b"), false);
  assert.equal(cache.has("a"), false);
  cache.clear();
  assert.equal(cache.size, 0);
});

/**
 * The injected clock: the manual clock's ordering and bookkeeping, and `sleep`'s cancellation.
 */
import assert from "node:assert/strict";
import { ManualClock, sleep, systemClock } from "./clock.ts";

Deno.test("ManualClock starts where it is told and moves only when advanced", async () => {
  const clock = new ManualClock(1000);
  assert.equal(clock.now(), 1000);
  await clock.advance(250);
  assert.equal(clock.now(), 1250);
  assert.equal(new ManualClock().now(), 1_700_000_000_000, "a fixed default start");
});

Deno.test("ManualClock fires a timer only once its time has come", async () => {
  const clock = new ManualClock(0);
  let fired = 0;
  clock.setTimeout(() => fired++, 1000);
  await clock.advance(999);
  assert.equal(fired, 0);
  assert.deepEqual(clock.pendingDelays(), [1]);
  await clock.advance(1);
  assert.equal(fired, 1);
  assert.equal(clock.pending, 0);
  await clock.advance(5000);
  assert.equal(fired, 1, "a timer fires once");
});

Deno.test("ManualClock fires due timers in time order, ties in scheduling order, at their own time", async () => {
  const clock = new ManualClock(0);
  const fired: string[] = [];
  const at = (name: string) => () => fired.push(`${name}@${clock.now()}`);
  clock.setTimeout(at("c"), 300);
  clock.setTimeout(at("a"), 100);
  clock.setTimeout(at("b1"), 200);
  clock.setTimeout(at("b2"), 200);
  clock.setTimeout(at("late"), 10_000);
  await clock.advance(500);
  assert.deepEqual(fired, ["a@100", "b1@200", "b2@200", "c@300"]);
  assert.equal(clock.now(), 500);
  assert.deepEqual(clock.pendingDelays(), [9500], "delays are relative to the new now");
});

Deno.test("timers scheduled by a firing timer within the window fire in the same advance", async () => {
  const clock = new ManualClock(0);
  const fired: number[] = [];
  clock.setTimeout(() => {
    fired.push(clock.now());
    clock.setTimeout(() => fired.push(clock.now()), 100);
  }, 100);
  await clock.advance(250);
  assert.deepEqual(fired, [100, 200]);
});

Deno.test("advance lets promise chains started by a timer settle, and their timers fire too", async () => {
  const clock = new ManualClock(0);
  const fired: number[] = [];
  clock.setTimeout(() => {
    Promise.resolve().then(() => Promise.resolve()).then(() => {
      clock.setTimeout(() => fired.push(clock.now()), 50);
    });
  }, 100);
  await clock.advance(200);
  assert.deepEqual(fired, [150]);
});

Deno.test("clearTimeout removes a timer; pending and pendingDelays follow", async () => {
  const clock = new ManualClock(0);
  let fired = false;
  const a = clock.setTimeout(() => fired = true, 100);
  clock.setTimeout(() => {}, 300);
  clock.setTimeout(() => {}, 200);
  assert.equal(clock.pending, 3);
  assert.deepEqual(clock.pendingDelays(), [100, 200, 300], "soonest first");
  clock.clearTimeout(a);
  assert.equal(clock.pending, 2);
  await clock.advance(150);
  assert.equal(fired, false);
  assert.deepEqual(clock.pendingDelays(), [50, 150]);
  clock.clearTimeout(12345); // an unknown handle is harmless
  await clock.advance(1000);
  assert.equal(clock.pending, 0);
});

Deno.test("a negative delay counts as zero", async () => {
  const clock = new ManualClock(0);
  let fired = false;
  clock.setTimeout(() => fired = true, -50);
  assert.deepEqual(clock.pendingDelays(), [0]);
  await clock.advance(0);
  assert.equal(fired, true);
});

Deno.test("sleep resolves true once the clock reaches the delay", async () => {
  const clock = new ManualClock(0);
  let result: boolean | undefined;
  sleep(clock, 2000, new AbortController().signal).then((r) => result = r);
  await clock.advance(1999);
  assert.equal(result, undefined);
  await clock.advance(1);
  assert.equal(result, true);
  assert.equal(clock.pending, 0);
});

Deno.test("sleep resolves false at once when aborted, and clears its timer", async () => {
  const clock = new ManualClock(0);
  const controller = new AbortController();
  const slept = sleep(clock, 2000, controller.signal);
  assert.equal(clock.pending, 1);
  controller.abort();
  assert.equal(await slept, false);
  assert.equal(clock.pending, 0, "the timer is gone");
});

Deno.test("sleep on an already aborted signal schedules nothing", async () => {
  const clock = new ManualClock(0);
  const controller = new AbortController();
  controller.abort();
  assert.equal(await sleep(clock, 2000, controller.signal), false);
  assert.equal(clock.pending, 0);
});

Deno.test("aborting after sleep completed changes nothing", async () => {
  const clock = new ManualClock(0);
  const controller = new AbortController();
  const slept = sleep(clock, 10, controller.signal);
  await clock.advance(10);
  assert.equal(await slept, true);
  controller.abort();
  assert.equal(clock.pending, 0);
});

Deno.test("systemClock: real timers, cancellable, and sleep works on it", async () => {
  const before = systemClock.now();
  assert.ok(Math.abs(before - Date.now()) < 1000);
  let fired = false;
  const handle = systemClock.setTimeout(() => fired = true, 1);
  systemClock.clearTimeout(handle);
  assert.equal(await sleep(systemClock, 2, new AbortController().signal), true);
  assert.equal(fired, false, "the cleared timer never fired");
  const controller = new AbortController();
  const slept = sleep(systemClock, 60_000, controller.signal);
  controller.abort();
  assert.equal(await slept, false, "an aborted sleep leaves no real timer behind (sanitizer)");
});

Deno.test("ManualClock: a background (unref'd) timer is not pending, fires on advance, or in real time", async () => {
  const clock = new ManualClock(0);
  let fired = 0;
  clock.unref(clock.setTimeout(() => fired++, 1000));
  assert.equal(clock.pending, 0, "background timers are not counted");
  await clock.advance(1000);
  assert.equal(fired, 1, "fires when the clock is advanced to it");
  clock.unref(clock.setTimeout(() => fired++, 5));
  const start = clock.now();
  const deadline = performance.now() + 2000;
  while (fired < 2 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.equal(fired, 2, "and when its delay passes in real time");
  assert.equal(clock.now(), start + 5, "simulated time caught up with it");
});

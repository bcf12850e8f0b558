/**
 * The hostile-input fuzzer with a small budget (a second or two): fixed seeds so a failure is
 * reproducible with `deno run -A scripts/fuzz.ts --iterations N --seed S`.
 */
import assert from "node:assert/strict";
import { fuzz, loadAllFixtures, mutate, Random, seedsFrom } from "./fuzz.ts";
import { parseFuzzArgs } from "../scripts/fuzz.ts";

Deno.test("fuzz: mutated answers never throw, hang or surface without a category (seed 1)", async () => {
  const fixtures = await loadAllFixtures();
  const report = await fuzz(fixtures, { seed: 1, iterations: 40 });
  assert.deepEqual(report.problems, []);
  assert.ok(report.parsed >= 800 && report.engineEvents >= 1600 && report.shellCalls >= 8);
});

Deno.test("fuzz: the same seed gives the same mutations", async () => {
  const seeds = seedsFrom(await loadAllFixtures());
  const run = (seed: number) => {
    const random = new Random(seed);
    return Array.from({ length: 50 }, () => mutate(random, random.pick(seeds)).mutation);
  };
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
});

Deno.test("fuzz: command line", () => {
  assert.deepEqual(parseFuzzArgs(["--iterations", "5", "--seed=3"]), { iterations: 5, seed: 3 });
  assert.throws(() => parseFuzzArgs(["--iterations", "0"]), /usage/);
});

/**
 * A seeded, reproducible fuzzer for hostile input. It mutates the response bodies, status codes
 * and headers recorded in `fixtures/` (truncation, wrong types, missing fields, huge numbers,
 * invalid UTF-8, timetokens going backwards) and feeds them through
 *
 * 1. the classifier and the parsers (`src/core/classify.ts`, `src/core/requests/*.ts`),
 * 2. the engines (`src/core/subscribe/transition.ts`, `src/core/presence/transition.ts`), with
 *    random event sequences carrying mutated cursors and reasons,
 * 3. the real shell: a client against a loopback server that serves mutated answers to calls and
 *    to the subscribe loop, with a manual clock driving the retries.
 *
 * Properties checked: nothing throws, nothing hangs (every call settles within a bound), every
 * failure is a status whose category is listed in docs/protocol.md "Statuses and operations".
 * `scripts/fuzz.ts` is its command line; `conformance/fuzz_test.ts` runs a small budget in CI.
 *
 * The parts: `fuzz/random.ts` (the seeded random source), `fuzz/seeds.ts` (the recorded answers),
 * `fuzz/mutate.ts` (the mutations), and one file per target: `fuzz/parsers.ts`,
 * `fuzz/engines.ts`, `fuzz/shell.ts`.
 *
 * @module
 */
import type { Fixture } from "./fixture.ts";
import { fuzzEngines } from "./fuzz/engines.ts";
import { fuzzParsers } from "./fuzz/parsers.ts";
import { Random } from "./fuzz/random.ts";
import { seedsFrom } from "./fuzz/seeds.ts";
import { fuzzShell } from "./fuzz/shell.ts";

export { fuzzEngines } from "./fuzz/engines.ts";
export { type Mutant, mutate } from "./fuzz/mutate.ts";
export { fuzzParsers } from "./fuzz/parsers.ts";
export { Random } from "./fuzz/random.ts";
export { type CallKind, kindOfPath, loadAllFixtures, type Seed, seedsFrom } from "./fuzz/seeds.ts";
export { fuzzShell } from "./fuzz/shell.ts";

/**
 * What a fuzz run found: counts, and one line per property violation (with the seed and
 * iteration to reproduce it).
 *
 * @example
 * ```ts
 * import type { FuzzReport } from "./fuzz.ts";
 * const report: FuzzReport = { iterations: 0, parsed: 0, engineEvents: 0, shellCalls: 0, problems: [] };
 * ```
 */
export interface FuzzReport {
  /** Iterations run. */
  iterations: number;
  /** Mutated answers pushed through the classifier and parsers. */
  parsed: number;
  /** Events pushed through the engines. */
  engineEvents: number;
  /** Calls made through the real shell. */
  shellCalls: number;
  /** Property violations. */
  problems: string[];
}

/**
 * Runs all three stages for `iterations` rounds from `seed`.
 *
 * @example
 * ```ts ignore
 * import { fuzz, loadAllFixtures } from "./fuzz.ts";
 * const report = await fuzz(await loadAllFixtures(), { seed: 1, iterations: 50 });
 * report.problems; // []
 * ```
 */
export async function fuzz(
  fixtures: readonly Fixture[],
  options: { seed: number; iterations: number; shellEvery?: number },
): Promise<FuzzReport> {
  const random = new Random(options.seed);
  const seeds = seedsFrom(fixtures);
  const problems: string[] = [];
  const parsed = fuzzParsers(random, seeds, options.iterations * 20, problems);
  const engineEvents = fuzzEngines(random, options.iterations * 20, problems);
  const shellCalls = await fuzzShell(
    random,
    seeds,
    Math.max(1, Math.ceil(options.iterations / (options.shellEvery ?? 5))),
    problems,
  );
  return { iterations: options.iterations, parsed, engineEvents, shellCalls, problems };
}

/**
 * The hostile-input fuzzer's command line: mutates the answers recorded in `fixtures/` and feeds
 * them through the parsers, the engines and the real shell (see `conformance/fuzz.ts`).
 *
 * ```sh
 * deno run -A scripts/fuzz.ts --iterations 500 --seed 7
 * ```
 *
 * Exits 1 and prints every problem (with the seed to reproduce it) when a property fails.
 *
 * @module
 */
import { fuzz, loadAllFixtures } from "../conformance/fuzz.ts";

/**
 * Parses `--iterations N` and `--seed S` (defaults 100 and the current time).
 *
 * @example
 * ```ts
 * import { parseFuzzArgs } from "./fuzz.ts";
 * parseFuzzArgs(["--iterations", "5", "--seed=3"]); // { iterations: 5, seed: 3 }
 * ```
 */
export function parseFuzzArgs(args: readonly string[]): { iterations: number; seed: number } {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split("=", 2);
    values[name] = inline ?? args[++i];
  }
  const iterations = Number(values["--iterations"] ?? 100);
  const seed = Number(values["--seed"] ?? Date.now() % 2 ** 31);
  if (!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(seed)) {
    throw new Error("usage: deno run -A scripts/fuzz.ts [--iterations N] [--seed S]");
  }
  return { iterations, seed };
}

if (import.meta.main) {
  const { iterations, seed } = parseFuzzArgs(Deno.args);
  const started = Date.now();
  const report = await fuzz(await loadAllFixtures(), { seed, iterations });
  console.log(
    `fuzz seed ${seed}, ${iterations} iterations: ${report.parsed} answers parsed, ${report.engineEvents} engine events, ${report.shellCalls} shell calls in ${
      Date.now() - started
    } ms`,
  );
  if (report.problems.length > 0) {
    console.log(`${report.problems.length} problem(s):\n  ${report.problems.join("\n  ")}`);
    console.log(`reproduce: deno run -A scripts/fuzz.ts --iterations ${iterations} --seed ${seed}`);
    Deno.exit(1);
  }
  console.log("no problems");
}

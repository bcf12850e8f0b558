/**
 * The size budget: the committed gzipped size of each bundle profile (`size_budget.json`) and
 * the check that a profile has not grown by more than 5% over it. `size_budget_test.ts` runs the
 * check in `deno task test`; after a deliberate change, record the new figures with
 * `deno run -A scripts/bench/size_budget.ts --write`.
 *
 * @example
 * ```ts ignore
 * import { overBudget } from "./size_budget.ts";
 * overBudget({ chatModular: 26000 }, { chatModular: 25000 }); // [] (4% over: within 5%)
 * ```
 *
 * @module
 */
import { areas, measureProfiles, type ProfileKey, PROFILES } from "./bundle_profiles.ts";

/** How much a profile may grow over its committed figure. */
export const ALLOWED_GROWTH = 0.05;

const BUDGET_FILE = new URL("./size_budget.json", import.meta.url);

/** The committed figures: gzipped bytes per profile. */
export async function readBudget(): Promise<Record<string, number>> {
  return JSON.parse(await Deno.readTextFile(BUDGET_FILE)).gzipBytes;
}

/**
 * The profiles over budget, each with a message naming it and the numbers; a profile the
 * budget does not list is reported too (its figure must be committed).
 */
export function overBudget(
  measured: Partial<Record<ProfileKey, number>>,
  budget: Record<string, number>,
): string[] {
  const problems: string[] = [];
  for (const [key, bytes] of Object.entries(measured)) {
    const committed = budget[key];
    if (committed === undefined) {
      problems.push(`${key}: ${bytes} B gzipped has no committed figure in size_budget.json`);
      continue;
    }
    const limit = Math.floor(committed * (1 + ALLOWED_GROWTH));
    if (bytes > limit) {
      problems.push(
        `${key}: ${bytes} B gzipped is ${
          ((bytes / committed - 1) * 100).toFixed(1)
        }% over the committed ${committed} B (allowed: +${
          ALLOWED_GROWTH * 100
        }%, at most ${limit} B)`,
      );
    }
  }
  return problems;
}

if (import.meta.main) {
  const sizes = await measureProfiles();
  for (const profile of PROFILES) {
    const size = sizes[profile.key];
    console.log(`${profile.key}: ${size.gzip} B gz, ${size.minified} B min; ${areas(size)}`);
  }
  if (Deno.args.includes("--write")) {
    const gzipBytes = Object.fromEntries(PROFILES.map((p) => [p.key, sizes[p.key].gzip]));
    const text = JSON.stringify(
      {
        about:
          "Committed gzipped sizes of the bundle profiles (scripts/bench/bundle_profiles.ts); size_budget_test.ts fails when one grows by more than 5%.",
        gzipBytes,
      },
      null,
      2,
    );
    await Deno.writeTextFile(BUDGET_FILE, text + "\n");
    console.log(`wrote ${BUDGET_FILE.pathname}`);
  }
}

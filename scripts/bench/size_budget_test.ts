import assert from "node:assert/strict";
import { measureProfiles, PROFILES } from "./bundle_profiles.ts";
import { overBudget, readBudget } from "./size_budget.ts";

Deno.test("size budget: no bundle profile grew by more than 5% over its committed figure", async () => {
  const sizes = await measureProfiles();
  const measured = Object.fromEntries(PROFILES.map((p) => [p.key, sizes[p.key].gzip]));
  const problems = overBudget(measured, await readBudget());
  assert.deepEqual(problems, [], `over the size budget:\n${problems.join("\n")}`);
});

Deno.test("size budget: a profile 6% over is refused with its name and numbers; 5% passes", () => {
  assert.deepEqual(overBudget({ chatModular: 10_500 }, { chatModular: 10_000 }), []);
  const [problem, ...rest] = overBudget({ chatModular: 10_600 }, { chatModular: 10_000 });
  assert.deepEqual(rest, []);
  assert.match(problem, /^chatModular: 10600 B gzipped is 6\.0% over the committed 10000 B/);
  assert.match(problem, /at most 10500 B/);
});

Deno.test("size budget: a profile with no committed figure is refused", () => {
  assert.deepEqual(overBudget({ publishOnly: 9_000 }, {}), [
    "publishOnly: 9000 B gzipped has no committed figure in size_budget.json",
  ]);
});

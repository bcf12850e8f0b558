import assert from "node:assert/strict";
import { SampledLog } from "./sampled_log.ts";

Deno.test("a sampled log writes the first reports of a kind, counts the rest, and sums them up once a period", () => {
  const lines: string[] = [];
  let now = 0;
  const log = new SampledLog({
    burst: 2,
    periodMillis: 1000,
    write: (...parts) => lines.push(parts.map(String).join(" ")),
    now: () => now,
  });
  for (let i = 0; i < 50; i++) log.report("request failed", `error ${i}`);
  log.report("accept failed", "EMFILE");
  assert.equal(lines.length, 3);
  assert.match(lines[0], /request failed: error 0/);
  assert.match(lines[1], /further ones are counted, not shown/);
  assert.match(lines[2], /accept failed: EMFILE/);
  assert.equal(log.count("request failed"), 50);
  now = 1000;
  log.report("request failed", "error 50");
  assert.match(lines[3], /request failed: 48 more not shown \(50 in all\)/);
  assert.match(lines[4], /request failed: error 50/);
});

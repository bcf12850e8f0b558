/**
 * The publish ladder of `publish_paths.ts` as rows of the benchmark report: client CPU per
 * publish for each rung, from the bare `fetch` loop up to a whole `publish().future()`, serial
 * and with requests in flight, each with its ratio to the bare loop. It says where the time
 * that keeps a publish from the bare loop's speed goes.
 *
 * @example
 * ```ts
 * import { benchPublishLadder } from "./publish_ladder.ts";
 * const rows = await benchPublishLadder({ rounds: 4, inFlight: 32 });
 * ```
 *
 * @module
 */
import { benchPublishPaths } from "./publish_paths.ts";
import type { Row } from "./report.ts";

/** The section the rows go to. */
export const LADDER_SECTION = "Publish ladder";

/** Runs the ladder serially and `inFlight` at a time; one row per rung and mode. */
export async function benchPublishLadder(
  sizes: { rounds: number; perRound?: number; warmUp?: number; inFlight: number },
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const inFlight of [1, sizes.inFlight]) {
    const result = await benchPublishPaths(sizes.rounds, sizes.perRound ?? 200, {
      inFlight,
      warmUp: sizes.warmUp ?? 1000,
    });
    const bare = result["bare fetch"].cpu.median;
    const mode = inFlight === 1 ? "serial" : `${inFlight} in flight`;
    for (const [rung, { cpu }] of Object.entries(result)) {
      rows.push({
        section: LADDER_SECTION,
        name: `${mode}: ${rung}`,
        ours: `${cpu.median.toFixed(1)} µs (p25–p75 ${cpu.low.toFixed(1)}–${cpu.high.toFixed(1)})`,
        reference: `bare fetch ${bare.toFixed(1)} µs`,
        ratio: bare / cpu.median,
      });
    }
  }
  return rows;
}

if (import.meta.main) {
  const started = performance.now();
  const rows = await benchPublishLadder({ rounds: Number(Deno.args[0] ?? 12), inFlight: 32 });
  for (const row of rows) {
    console.log(`${row.name.padEnd(60)} ${row.ours.padEnd(32)} ${row.ratio!.toFixed(2)}×`);
  }
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}

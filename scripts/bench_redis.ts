/**
 * The scale-out rows of `deno task bench` (`scripts/bench/redis.ts`) by themselves: the memory
 * store against the Redis store with 1 and 3 server processes, same run, printed as a table.
 *
 *     deno run -A scripts/bench_redis.ts [--quick]
 *
 * @module
 */
import { benchRedis, REDIS_BENCH_SIZES } from "./bench/redis.ts";
import { machine, renderTable } from "./bench/report.ts";

const quick = Deno.args.includes("--quick");
const started = performance.now();
const info = await machine();
const rows = await benchRedis(REDIS_BENCH_SIZES[quick ? "quick" : "full"]);
const after = await machine();
console.log(renderTable(rows, {
  ...info,
  loadAfter: after.loadAverage,
  seconds: (performance.now() - started) / 1000,
  quick,
}));

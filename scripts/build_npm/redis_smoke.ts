/**
 * The Redis store under Node, from the installed tarball: without `ioredis` (an optional peer
 * dependency) asking for Redis fails with a message saying to install it; with it installed,
 * two servers on a throwaway `redis-server` share a keyset (`scripts/npm_smoke/redis_smoke.mjs`).
 *
 * @module
 */
import { join } from "node:path";
import { ROOT, SMOKE_TIMEOUT_MS } from "./config.ts";
import { runNodeScript } from "./node_script.ts";
import { info, npmInstall } from "./util.ts";

/** The version of `ioredis` the smoke test installs (the one the Deno sources use). */
export const IOREDIS = "ioredis@5.11.1";

/** Runs both checks in the consumer project `packAndInstall` made. */
export async function redisSmoke(work: string, name: string): Promise<void> {
  const consumer = join(work, "consumer");
  await Deno.copyFile(
    join(ROOT, "scripts", "npm_smoke", "redis_smoke.mjs"),
    join(consumer, "redis_smoke.mjs"),
  );
  const smoke = (mode: string) =>
    runNodeScript(consumer, ["redis_smoke.mjs", `${name}/server`, mode], {
      doneMarker: "redis smoke: done",
      timeoutMs: SMOKE_TIMEOUT_MS,
      what: `node redis_smoke.mjs (${mode})`,
    });
  await smoke("missing");
  await npmInstall(consumer, IOREDIS);
  info(`installed ${IOREDIS} into the throwaway project`);
  await smoke("shared");
}

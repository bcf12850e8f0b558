/**
 * What the fuzzer mutates: the answers recorded in the conformance fixtures, labelled with the
 * call they answered.
 *
 * @module
 */
import type { Fixture, FixtureResponse } from "../fixture.ts";
/**
 * A recorded response to mutate: which kind of call it answered, and the answer.
 *
 * @example
 * ```ts
 * import type { Seed } from "./seeds.ts";
 * const seed: Seed = { kind: "time", response: { status: 200, body: "[17000000000000000]" } };
 * ```
 */
export interface Seed {
  /** The call the body answers. */
  kind: CallKind;
  /** The recorded answer. */
  response: FixtureResponse;
}

/**
 * The calls whose answers the fuzzer knows how to parse.
 *
 * @example
 * ```ts
 * import type { CallKind } from "./seeds.ts";
 * const kind: CallKind = "subscribe";
 * ```
 */
export type CallKind =
  | "publish"
  | "signal"
  | "time"
  | "subscribe"
  | "hereNow"
  | "heartbeat"
  | "leave"
  | "other";

/**
 * Which call a request path belongs to.
 *
 * @example
 * ```ts
 * import { kindOfPath } from "./seeds.ts";
 * kindOfPath("/time/0"); // "time"
 * ```
 */
export function kindOfPath(path: string): CallKind {
  if (path.startsWith("/publish/")) return "publish";
  if (path.startsWith("/signal/")) return "signal";
  if (path.startsWith("/time/")) return "time";
  if (path.startsWith("/v2/subscribe/")) return "subscribe";
  if (path.endsWith("/heartbeat")) return "heartbeat";
  if (path.endsWith("/leave")) return "leave";
  if (path.startsWith("/v2/presence/") && path.includes("/channel/")) return "hereNow";
  return "other";
}

/**
 * The recorded answers of a set of fixtures, as seeds for mutation.
 *
 * @example
 * ```ts
 * import { seedsFrom } from "./seeds.ts";
 * seedsFrom([]).length; // 0
 * ```
 */
export function seedsFrom(fixtures: readonly Fixture[]): Seed[] {
  const seeds: Seed[] = [];
  for (const fixture of fixtures) {
    for (const exchange of fixture.exchanges) {
      if (exchange.response && exchange.response.body !== undefined) {
        seeds.push({ kind: kindOfPath(exchange.request.path), response: exchange.response });
      }
    }
  }
  return seeds;
}

/**
 * Loads every fixture in a directory (default `fixtures/`).
 *
 * @example
 * ```ts ignore
 * import { loadAllFixtures } from "./seeds.ts";
 * const fixtures = await loadAllFixtures();
 * ```
 */
export async function loadAllFixtures(
  dir: URL = new URL("../../fixtures/", import.meta.url),
): Promise<Fixture[]> {
  const fixtures: Fixture[] = [];
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.endsWith(".json")) {
      fixtures.push(JSON.parse(await Deno.readTextFile(new URL(entry.name, dir))));
    }
  }
  return fixtures;
}

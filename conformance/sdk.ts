/**
 * The SDK under test — the one place the harness's replay path (`replay.ts`, `session.ts`,
 * `fixture.ts`) takes it from. Under Deno that is the sources (`mod.ts`); when
 * `scripts/build_npm.ts` compiles the harness for Node it puts `sdk_npm.ts` in this file's place
 * (its `RUNTIME_SWAPS` table), so the fixtures replay against the built package, not the sources.
 * Only the package's public surface may be used here.
 *
 * @module
 */
export { PubNub, PubNubError } from "../mod.ts";
export { ManualClock } from "../testing.ts";
export type { JsonValue, PNConfigurationOptions, PNStatus } from "../mod.ts";

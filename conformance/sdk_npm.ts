/**
 * The SDK under test when the harness runs under Node (see `sdk.ts`): the built npm package, as a
 * user installs it from the tarball. `scripts/build_npm.ts` swaps this file in for `sdk.ts` and
 * compiles the harness in a project where the tarball is installed; Deno never loads it.
 *
 * @module
 */
export { PubNub, PubNubError } from "@pubnub-ts/pubsub";
export { ManualClock } from "@pubnub-ts/pubsub/testing";
export type { JsonValue, PNConfigurationOptions, PNStatus } from "@pubnub-ts/pubsub";

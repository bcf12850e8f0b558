/**
 * Helpers for testing an app built on the SDK, on Deno and Node: a clock you move by hand
 * (reconnection delays and heartbeats without waiting), a loopback server that answers each
 * request with the body your test sets (to play the service's errors and odd answers), a client
 * factory for a local server, fetches that record or refuse requests, and a bounded wait for a
 * condition.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { ManualClock } from "@pubnub-ts/pubsub/testing";
 * const clock = new ManualClock();
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" }, { clock });
 * await pubnub.stop();
 * ```
 *
 * @module
 */
export { ManualClock, systemClock } from "./src/shell/clock.ts";
export type { Clock } from "./src/shell/clock.ts";
export {
  forbiddenFetch,
  localClient,
  rawHeartbeat,
  rawLeave,
  recordingFetch,
  until,
} from "./src/testing/local_clients.ts";
export { startScriptedServer } from "./src/testing/scripted_server.ts";
export type {
  RecordedRequest,
  ScriptedAnswer,
  ScriptedServer,
} from "./src/testing/scripted_server.ts";

/**
 * Helpers for recording scripts: other users, as separate clients talking to the origin directly
 * (their traffic is not recorded).
 *
 * @module
 */
import { PubNub } from "../../src/shell/pubnub.ts";
import type { RecordEnvironment } from "../record.ts";

/**
 * Subscribes each user id to `channel` with its own client; the clients stop after the recording.
 *
 * @example
 * ```ts ignore
 * import { joinAs } from "./_actors.ts";
 * const hook = (env) => joinAs(env, "room", ["alice", "bob"]);
 * ```
 */
export async function joinAs(
  env: RecordEnvironment,
  channel: string,
  userIds: readonly string[],
): Promise<void> {
  for (const userId of userIds) {
    const client = new PubNub({
      publishKey: env.publishKey,
      subscribeKey: env.subscribeKey,
      userId,
      origin: env.origin,
      ssl: env.ssl,
    }, { onError: () => {} });
    client.subscribe().channels([channel]).execute();
    env.onCleanup(() => client.stop());
  }
  // Give the joins a moment to reach the origin.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

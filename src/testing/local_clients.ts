/**
 * Helpers for tests that run our client against the real local server: a client factory, a
 * recording fetch, raw presence calls for "other users", and a polling wait. Test-only; not part
 * of the SDK.
 */
import type { PNConfigurationOptions } from "../core/config.ts";
import { PubNub, type PubNubOptions } from "../shell/pubnub.ts";

/**
 * A client for the local server at `origin` with the demo keys and `ssl: false`.
 *
 * @example
 * ```ts
 * import { localClient } from "@pubnub-ts/pubsub/testing";
 * const pubnub = localClient("127.0.0.1:8090", "alice", { heartbeatInterval: 1 });
 * await pubnub.stop();
 * ```
 */
export function localClient(
  origin: string,
  userId: string,
  config: Partial<PNConfigurationOptions> = {},
  options: PubNubOptions = {},
): PubNub {
  return new PubNub(
    { publishKey: "demo", subscribeKey: "demo", userId, origin, ssl: false, ...config },
    options,
  );
}

/**
 * A fetch that records every URL it is asked for, then passes the call on to the real fetch.
 *
 * @example
 * ```ts
 * import { recordingFetch } from "@pubnub-ts/pubsub/testing";
 * const recorder = recordingFetch();
 * // new PubNub({...}, { fetch: recorder.fetch }); then inspect recorder.urls
 * recorder.urls.length; // 0
 * ```
 */
export function recordingFetch(): { fetch: typeof fetch; urls: URL[] } {
  const urls: URL[] = [];
  const recording: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    urls.push(new URL(url));
    return fetch(input, init);
  };
  return { fetch: recording, urls };
}

/**
 * A fetch that fails the test if it is ever called: proves that nothing was sent.
 *
 * @example
 * ```ts
 * import { forbiddenFetch } from "@pubnub-ts/pubsub/testing";
 * const guard = forbiddenFetch();
 * guard.calls; // 0
 * ```
 */
export function forbiddenFetch(): { fetch: typeof fetch; readonly calls: number } {
  let calls = 0;
  return {
    fetch: (() => {
      calls++;
      return Promise.reject(new Error("nothing should have been sent"));
    }) as typeof fetch,
    get calls() {
      return calls;
    },
  };
}

/**
 * Makes `uuid` present on `channels` without subscribing (a raw heartbeat call, as another SDK
 * would), for `timeoutSeconds`.
 *
 * @example
 * ```ts
 * import { rawHeartbeat } from "@pubnub-ts/pubsub/testing";
 * // await rawHeartbeat(server.origin, "ghost", ["room"], 1);
 * ```
 */
export async function rawHeartbeat(
  origin: string,
  uuid: string,
  channels: readonly string[],
  timeoutSeconds: number,
): Promise<void> {
  const path = `/v2/presence/sub-key/demo/channel/${channels.map(encodeURIComponent).join(",")}`;
  const query = `heartbeat=${timeoutSeconds}&uuid=${encodeURIComponent(uuid)}`;
  const response = await fetch(`http://${origin}${path}/heartbeat?${query}`);
  const body = await response.text();
  if (!response.ok) throw new Error(`heartbeat for ${uuid} failed: ${response.status} ${body}`);
}

/**
 * Removes `uuid` from `channels` at once (a raw leave call).
 *
 * @example
 * ```ts
 * import { rawLeave } from "@pubnub-ts/pubsub/testing";
 * // await rawLeave(server.origin, "u1", ["room"]);
 * ```
 */
export async function rawLeave(
  origin: string,
  uuid: string,
  channels: readonly string[],
): Promise<void> {
  const path = `/v2/presence/sub-key/demo/channel/${channels.map(encodeURIComponent).join(",")}`;
  const response = await fetch(`http://${origin}${path}/leave?uuid=${encodeURIComponent(uuid)}`);
  const body = await response.text();
  if (!response.ok) throw new Error(`leave for ${uuid} failed: ${response.status} ${body}`);
}

export { until } from "./until.ts";

import type { PNStatus } from "../../core/status.ts";

/**
 * The subscribe builder, from `pubnub.subscribe()`: `.channels(["a"]).withPresence().execute()`.
 * `execute()` starts the subscription and returns a promise of the connected status, which an
 * app may await or ignore.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const status = await pubnub.subscribe().channels(["a", "b"]).channelGroups("cg").withPresence().execute();
 * console.log(status.category); // "PNConnectedCategory"
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface Subscribe {
  /** Channels to subscribe to (a name or a list); `"a.*"` subscribes to a wildcard. */
  channels(channels: string | readonly string[]): this;
  /** Channel groups to subscribe to (a name or a list). */
  channelGroups(groups: string | readonly string[]): this;
  /** Also receive presence events of these channels and groups. */
  withPresence(withPresence?: boolean): this;
  /** Start from this timetoken (catch up on what was published since). */
  withTimetoken(timetoken: string | bigint): this;
  /**
   * Subscribes. Bad input throws a validation `PubNubError` here; nothing is sent then.
   *
   * Returns a promise that resolves with the `PNConnectedCategory` status once the loop receives
   * (at once when it already was: the new names join the running long-poll), or the
   * `PNReconnectedCategory` status when it was reconnecting. It rejects with a `PubNubError`
   * (its `status` says why) when access is denied, when the retry policy gives up, or when the
   * subscription is dropped before it connected (`unsubscribeAll()`, `disconnect()`, `stop()`).
   * Not awaiting it is fine: a rejection nobody awaits is never reported as unhandled, and the
   * listeners hear every status either way.
   *
   * @example
   * ```ts
   * import { PubNub } from "@pubnub-ts/pubsub";
   * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
   * const waiting = pubnub.subscribe().channels("room").execute();
   * await pubnub.stop(); // dropped before it connected: `waiting` rejects, quietly unless awaited
   * ```
   */
  execute(): Promise<PNStatus>;
}

/**
 * The unsubscribe builder, from `pubnub.unsubscribe()`: `.channels("a").execute()`. Sends a
 * leave for the removed channels (unless `suppressLeaveEvents`) and keeps the timetoken.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * await pubnub.subscribe().channels(["a", "b"]).execute();
 * pubnub.unsubscribe().channels("a").execute();
 * console.log(pubnub.getSubscribedChannels()); // ["b"]
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface Unsubscribe {
  /** Channels to leave (a name or a list). */
  channels(channels: string | readonly string[]): this;
  /** Channel groups to leave (a name or a list). */
  channelGroups(groups: string | readonly string[]): this;
  /** Unsubscribes. */
  execute(): void;
}

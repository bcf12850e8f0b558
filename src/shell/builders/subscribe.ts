import type { PNStatus } from "../../core/status.ts";
import type { Subscribe, Unsubscribe } from "./subscribe_api.ts";

/**
 * What the subscribe and unsubscribe builders ask their client to do. `Connected` is what
 * `subscribeTo` returns: for the builders, the promise of the connected status.
 *
 * @example
 * ```ts
 * import type { SubscriptionControl } from "./subscribe.ts";
 * const control: SubscriptionControl = {
 *   subscribeTo: (request) => Promise.reject(new Error(`not connecting to ${request.channels}`)),
 *   unsubscribeFrom: (channels, groups) => console.log(channels, groups),
 * };
 * ```
 */
export interface SubscriptionControl<Connected = Promise<PNStatus>> {
  /** Adds channels and groups to the subscription. */
  subscribeTo(
    request: { channels: string[]; groups: string[]; withPresence: boolean; timetoken?: string },
  ): Connected;
  /** Removes channels and groups from the subscription. */
  unsubscribeFrom(channels: string[], groups: string[]): void;
}

function list(names: string | readonly string[]): string[] {
  // Anything else (null, a number) is passed on as one bad name, for validation to name it.
  return Array.isArray(names) ? [...names] : [names as string];
}

/**
 * The implementation of {@link Subscribe}, the type users see:
 * `pubnub.subscribe().channels(["a"]).withPresence().execute()`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * pubnub.subscribe().channels(["a", "b"]).channelGroups("cg").withPresence().execute();
 * await pubnub.stop();
 * ```
 */
export class SubscribeBuilder implements Subscribe {
  readonly #control: SubscriptionControl;
  #channels: string[] = [];
  #groups: string[] = [];
  #withPresence = false;
  #timetoken: string | undefined;

  /** Use `pubnub.subscribe()`. */
  constructor(control: SubscriptionControl) {
    this.#control = control;
  }

  /** Channels to subscribe to (a name or a list); `"a.*"` subscribes to a wildcard. */
  channels(channels: string | readonly string[]): this {
    this.#channels.push(...list(channels));
    return this;
  }

  /** Channel groups to subscribe to (a name or a list). */
  channelGroups(groups: string | readonly string[]): this {
    this.#groups.push(...list(groups));
    return this;
  }

  /** Also receive presence events of these channels and groups. */
  withPresence(withPresence = true): this {
    this.#withPresence = withPresence;
    return this;
  }

  /** Start from this timetoken (catch up on what was published since). */
  withTimetoken(timetoken: string | bigint): this {
    // Not String(): a symbol would throw here; a bad value is refused by execute(), clearly.
    this.#timetoken = (
      typeof timetoken === "bigint" || typeof timetoken === "number" ? String(timetoken) : timetoken
    ) as string;
    return this;
  }

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
  execute(): Promise<PNStatus> {
    return this.#control.subscribeTo({
      channels: this.#channels,
      groups: this.#groups,
      withPresence: this.#withPresence,
      timetoken: this.#timetoken,
    });
  }
}

/**
 * The implementation of {@link Unsubscribe}, the type users see:
 * `pubnub.unsubscribe().channels("a").execute()`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * pubnub.unsubscribe().channels("a").channelGroups(["cg"]).execute();
 * ```
 */
export class UnsubscribeBuilder implements Unsubscribe {
  readonly #control: SubscriptionControl<unknown>;
  #channels: string[] = [];
  #groups: string[] = [];

  /** Use `pubnub.unsubscribe()`. */
  constructor(control: SubscriptionControl<unknown>) {
    this.#control = control;
  }

  /** Channels to leave (a name or a list). */
  channels(channels: string | readonly string[]): this {
    this.#channels.push(...list(channels));
    return this;
  }

  /** Channel groups to leave (a name or a list). */
  channelGroups(groups: string | readonly string[]): this {
    this.#groups.push(...list(groups));
    return this;
  }

  /** Unsubscribes. */
  execute(): void {
    this.#control.unsubscribeFrom(this.#channels, this.#groups);
  }
}

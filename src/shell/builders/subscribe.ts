/**
 * What the subscribe and unsubscribe builders ask their client to do.
 *
 * @example
 * ```ts
 * import type { SubscriptionControl } from "./subscribe.ts";
 * const control: SubscriptionControl = {
 *   subscribeTo: (request) => console.log(request.channels),
 *   unsubscribeFrom: (channels, groups) => console.log(channels, groups),
 * };
 * ```
 */
export interface SubscriptionControl {
  /** Adds channels and groups to the subscription. */
  subscribeTo(
    request: { channels: string[]; groups: string[]; withPresence: boolean; timetoken?: string },
  ): void;
  /** Removes channels and groups from the subscription. */
  unsubscribeFrom(channels: string[], groups: string[]): void;
}

function list(names: string | readonly string[]): string[] {
  // Anything else (null, a number) is passed on as one bad name, for validation to name it.
  return Array.isArray(names) ? [...names] : [names as string];
}

/**
 * The seed's subscribe builder: `pubnub.subscribe().channels(["a"]).withPresence().execute()`.
 *
 * @example
 * ```ts
 * import { PubNub } from "../pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * pubnub.subscribe().channels(["a", "b"]).channelGroups("cg").withPresence().execute();
 * await pubnub.stop();
 * ```
 */
export class Subscribe {
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

  /** Subscribes. Bad input throws a validation `PubNubError`; nothing is sent then. */
  execute(): void {
    this.#control.subscribeTo({
      channels: this.#channels,
      groups: this.#groups,
      withPresence: this.#withPresence,
      timetoken: this.#timetoken,
    });
  }
}

/**
 * The seed's unsubscribe builder: `pubnub.unsubscribe().channels("a").execute()`.
 * Sends a leave for the removed channels (unless `suppressLeaveEvents`) and keeps the timetoken.
 *
 * @example
 * ```ts
 * import { PubNub } from "../pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * pubnub.unsubscribe().channels("a").channelGroups(["cg"]).execute();
 * ```
 */
export class Unsubscribe {
  readonly #control: SubscriptionControl;
  #channels: string[] = [];
  #groups: string[] = [];

  /** Use `pubnub.unsubscribe()`. */
  constructor(control: SubscriptionControl) {
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

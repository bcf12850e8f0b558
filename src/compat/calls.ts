/**
 * The official SDK's request/response calls (publish, signal, fire, time, presence, channel
 * groups) in both of its styles, on top of our builders. The compat client extends this.
 *
 * @module
 */
import type { PNHereNowResult } from "../core/requests/here_now.ts";
import type { Client as NativePubNub } from "./client.ts";
import { SDK_NAME } from "../shell/transport.ts";
import { addCalls, nativeOf, sendsThrough } from "./call.ts";
import type * as Calls from "./call_types.ts";
import { PubNubChannelGroups } from "./channel_groups.ts";
import { EventEmitter } from "./emitter.ts";
import type * as T from "./types.ts";

/**
 * The request/response calls of the compat client, and its listeners (`addListener`,
 * `onMessage`, …).
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" });
 * console.log(pubnub.getUserId());
 * pubnub.destroy();
 * ```
 */
export class PubNubCalls extends EventEmitter {
  readonly #groups: PubNubChannelGroups;

  /** Calls sent through `native`, our client. */
  constructor(native: NativePubNub) {
    super();
    sendsThrough(this, native);
    this.#groups = new PubNubChannelGroups(native);
  }

  /** This client's user id. */
  get userId(): string {
    return nativeOf(this).config.userId;
  }

  /** This client's user id. */
  getUserId(): string {
    return this.userId;
  }

  /** This client's user id (older name). */
  getUUID(): string {
    return this.userId;
  }

  /** The server-side filter expression. */
  get filterExpression(): string | undefined {
    return nativeOf(this).config.filterExpression;
  }

  /** The filter expression (older name). */
  getFilterExpression(): string | undefined {
    return this.filterExpression;
  }

  /** The access key. */
  get authKey(): string | undefined {
    return nativeOf(this).config.authKey;
  }

  /** The access key (older name). */
  getAuthKey(): string | undefined {
    return this.authKey;
  }

  /** This SDK's version (not the official SDK's). */
  getVersion(): string {
    return SDK_NAME.slice(SDK_NAME.indexOf("/") + 1);
  }

  /** Channel group calls. */
  get channelGroups(): PubNubChannelGroups {
    return this.#groups;
  }

  /** Publishes a message: resolves to `{ timetoken }`, or callback style. */
  declare publish: Calls.Call<T.PublishParameters, T.TimetokenResponse>;
  /** Sends a message to the channel's functions only: not delivered, not stored. */
  declare fire: Calls.Call<T.PublishParameters, T.TimetokenResponse>;
  /** Sends a signal (a small, unstored message). */
  declare signal: Calls.Call<T.SignalParameters, T.TimetokenResponse>;
  /** The service's time: `{ timetoken }`. */
  declare time: Calls.CallWithoutParameters<T.TimetokenResponse>;
  /** Who is present on channels and groups. */
  declare hereNow: Calls.Call<Calls.HereNowParameters, Calls.HereNowResponse>;
  /** The channels a user (default: this client) is present on. */
  declare whereNow: Calls.Call<Calls.WhereNowParameters, Calls.WhereNowResponse>;
  /** Sets this client's presence state on channels and groups. */
  declare setState: Calls.Call<Calls.SetStateParameters, Calls.SetStateResponse>;
  /** A user's (default: this client's) presence state. */
  declare getState: Calls.Call<Calls.GetStateParameters, Calls.GetStateResponse>;
}

addCalls(PubNubCalls, {
  publish: ["timetoken"],
  // The official SDK never stores what it fires.
  fire: ["timetoken", (builder) => builder.shouldStore(false)],
  signal: ["timetoken"],
  time: ["timetoken"],
  hereNow: [hereNowResponse],
  whereNow: ["channels"],
  // The official SDK sets only this client's state: a `uuid` or `userId` given is not applied.
  setState: ["state", (builder, _, native) => builder.uuid(native.config.userId)],
  getState: ["channels"],
});

function hereNowResponse(r: PNHereNowResult): Calls.HereNowResponse {
  const channels: Calls.HereNowResponse["channels"] = {};
  for (const { channelName: name, ...data } of Object.values(r.channels)) {
    channels[name] = { ...data, name } as Calls.HereNowResponse["channels"][string];
  }
  return { ...r, channels };
}

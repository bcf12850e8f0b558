/**
 * The official SDK's request/response calls (publish, signal, fire, time, presence, channel
 * groups) in both of its styles, on top of our builders. The compat client extends this.
 *
 * @module
 */
import type { JsonValue } from "../core/json_value.ts";
import type { PNHereNowResult } from "../core/requests/here_now.ts";
import type { PubNub as NativePubNub } from "../shell/pubnub.ts";
import { SDK_NAME } from "../shell/transport.ts";
import { send, settle } from "./call.ts";
import type * as Calls from "./call_types.ts";
import { PubNubChannelGroups } from "./channel_groups.ts";
import type * as T from "./types.ts";

/** Our client behind each compat client, for the subclasses (kept out of the public type). */
const natives = new WeakMap<PubNubCalls, NativePubNub>();

/**
 * Our client behind a compat client.
 *
 * @example
 * ```ts
 * import PubNub from "../../compat.ts";
 * import { nativeOf } from "./calls.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * nativeOf(pubnub).config.userId; // "u1"
 * pubnub.destroy();
 * ```
 */
export function nativeOf(client: PubNubCalls): NativePubNub {
  return natives.get(client)!;
}

/**
 * The request/response calls of the compat client.
 *
 * @example
 * ```ts
 * import PubNub from "../../compat.ts";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1" });
 * console.log(pubnub.getUserId());
 * pubnub.destroy();
 * ```
 */
export class PubNubCalls {
  readonly #native: NativePubNub;
  readonly #groups: PubNubChannelGroups;

  /** Calls sent through `native`, our client. */
  constructor(native: NativePubNub) {
    this.#native = native;
    this.#groups = new PubNubChannelGroups(native);
    natives.set(this, native);
  }

  /** This client's user id. */
  get userId(): string {
    return this.#native.config.userId;
  }

  /** This client's user id. */
  getUserId(): string {
    return this.#native.config.userId;
  }

  /** This client's user id (older name). */
  getUUID(): string {
    return this.#native.config.userId;
  }

  /** The server-side filter expression. */
  get filterExpression(): string | undefined {
    return this.#native.config.filterExpression;
  }

  /** The filter expression (older name). */
  getFilterExpression(): string | undefined {
    return this.#native.config.filterExpression;
  }

  /** The access key. */
  get authKey(): string | undefined {
    return this.#native.config.authKey;
  }

  /** The access key (older name). */
  getAuthKey(): string | undefined {
    return this.#native.config.authKey;
  }

  /** This SDK's version (not the official SDK's). */
  getVersion(): string {
    return SDK_NAME.slice(SDK_NAME.indexOf("/") + 1);
  }

  /** Channel group calls. */
  get channelGroups(): PubNubChannelGroups {
    return this.#groups;
  }

  // ---- Publish, signal, fire, time ----

  /** Publishes a message: resolves to `{ timetoken }`. */
  publish(parameters: T.PublishParameters): Promise<T.TimetokenResponse>;
  /** Publishes a message, callback style. */
  publish(parameters: T.PublishParameters, callback: T.ResultCallback<T.TimetokenResponse>): void;
  publish(
    parameters: T.PublishParameters,
    callback?: T.ResultCallback<T.TimetokenResponse>,
  ): Promise<T.TimetokenResponse> | void {
    return settle(() => this.#publish(parameters, false), timetoken, callback);
  }

  /** Sends a message to the channel's functions only: not delivered, not stored. */
  fire(parameters: T.PublishParameters): Promise<T.TimetokenResponse>;
  /** Fires a message, callback style. */
  fire(parameters: T.PublishParameters, callback: T.ResultCallback<T.TimetokenResponse>): void;
  fire(
    parameters: T.PublishParameters,
    callback?: T.ResultCallback<T.TimetokenResponse>,
  ): Promise<T.TimetokenResponse> | void {
    return settle(() => this.#publish(parameters, true), timetoken, callback);
  }

  /** Sends a signal (a small, unstored message). */
  signal(parameters: T.SignalParameters): Promise<T.TimetokenResponse>;
  /** Sends a signal, callback style. */
  signal(parameters: T.SignalParameters, callback: T.ResultCallback<T.TimetokenResponse>): void;
  signal(
    parameters: T.SignalParameters,
    callback?: T.ResultCallback<T.TimetokenResponse>,
  ): Promise<T.TimetokenResponse> | void {
    return settle(
      () =>
        send(
          this.#native.signal().channel(parameters.channel).message(
            parameters.message as JsonValue,
          ),
          parameters,
          "customMessageType",
        ),
      timetoken,
      callback,
    );
  }

  /** The service's time: `{ timetoken }`. */
  time(): Promise<T.TimetokenResponse>;
  /** The service's time, callback style. */
  time(callback: T.ResultCallback<T.TimetokenResponse>): void;
  time(callback?: T.ResultCallback<T.TimetokenResponse>): Promise<T.TimetokenResponse> | void {
    return settle(() => this.#native.time().future(), timetoken, callback);
  }

  #publish(p: T.PublishParameters, fire: boolean) {
    return send(
      (fire ? this.#native.fire() : this.#native.publish()).channel(p.channel).message(
        p.message as JsonValue,
      ),
      p,
      (fire ? "" : "storeInHistory>shouldStore ") +
        "meta ttl sendByPost>usePost customMessageType replicate",
    );
  }

  // ---- Presence ----

  /** Who is present on channels and groups. */
  hereNow(parameters: Calls.HereNowParameters): Promise<Calls.HereNowResponse>;
  /** Who is present, callback style. */
  hereNow(
    parameters: Calls.HereNowParameters,
    callback: T.ResultCallback<Calls.HereNowResponse>,
  ): void;
  hereNow(
    parameters: Calls.HereNowParameters,
    callback?: T.ResultCallback<Calls.HereNowResponse>,
  ): Promise<Calls.HereNowResponse> | void {
    return settle(
      () =>
        send(
          this.#native.hereNow()
            .channels(parameters.channels ?? []).channelGroups(parameters.channelGroups ?? [])
            .includeUuids(parameters.includeUUIDs ?? true)
            .includeState(parameters.includeState ?? false),
          parameters,
          "limit offset",
        ),
      hereNowResponse,
      callback,
    );
  }

  /** The channels a user (default: this client) is present on. */
  whereNow(parameters: Calls.WhereNowParameters): Promise<Calls.WhereNowResponse>;
  /** The channels a user is present on, callback style. */
  whereNow(
    parameters: Calls.WhereNowParameters,
    callback: T.ResultCallback<Calls.WhereNowResponse>,
  ): void;
  whereNow(
    parameters: Calls.WhereNowParameters,
    callback?: T.ResultCallback<Calls.WhereNowResponse>,
  ): Promise<Calls.WhereNowResponse> | void {
    return settle(
      () => this.#native.whereNow().uuid(parameters.uuid ?? this.userId).future(),
      (r) => ({ channels: r.channels }),
      callback,
    );
  }

  /** Sets this client's presence state on channels and groups. */
  setState(parameters: Calls.SetStateParameters): Promise<Calls.SetStateResponse>;
  /** Sets presence state, callback style. */
  setState(
    parameters: Calls.SetStateParameters,
    callback: T.ResultCallback<Calls.SetStateResponse>,
  ): void;
  setState(
    parameters: Calls.SetStateParameters,
    callback?: T.ResultCallback<Calls.SetStateResponse>,
  ): Promise<Calls.SetStateResponse> | void {
    return settle(
      () =>
        this.#native.setState().channels(parameters.channels ?? [])
          .channelGroups(parameters.channelGroups ?? [])
          .state(parameters.state as Record<string, unknown>).future(),
      (r) => ({ state: r.state as T.Payload }),
      callback,
    );
  }

  /** A user's (default: this client's) presence state. */
  getState(parameters: Calls.GetStateParameters): Promise<Calls.GetStateResponse>;
  /** A user's presence state, callback style. */
  getState(
    parameters: Calls.GetStateParameters,
    callback: T.ResultCallback<Calls.GetStateResponse>,
  ): void;
  getState(
    parameters: Calls.GetStateParameters,
    callback?: T.ResultCallback<Calls.GetStateResponse>,
  ): Promise<Calls.GetStateResponse> | void {
    return settle(
      () =>
        this.#native.getState().channels(parameters.channels ?? [])
          .channelGroups(parameters.channelGroups ?? []).uuid(parameters.uuid ?? this.userId)
          .future(),
      (r) => ({ channels: r.channels as Record<string, T.Payload> }),
      callback,
    );
  }
}

function timetoken(result: { timetoken: string }): T.TimetokenResponse {
  return { timetoken: result.timetoken };
}

function hereNowResponse(r: PNHereNowResult): Calls.HereNowResponse {
  const channels: Calls.HereNowResponse["channels"] = {};
  for (const [name, data] of Object.entries(r.channels)) {
    channels[name] = {
      occupants: data.occupants.map((o) => ({ uuid: o.uuid, state: o.state as T.Payload | null })),
      name,
      occupancy: data.occupancy,
    };
  }
  return { totalChannels: r.totalChannels, totalOccupancy: r.totalOccupancy, channels };
}

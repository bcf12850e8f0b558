/**
 * The official SDK's calls written as rows of a table: each row names our builder, the official
 * parameters it takes and how its result is shaped, and becomes one method that answers in both
 * of the official styles (a promise of the response, or `(status, response)` passed to a
 * callback). Failures become the official error and status shapes.
 *
 * @module
 */
import { PubNubError as NativeError } from "../core/error.ts";
import type { PNEnvelope } from "../shell/endpoint.ts";
import type { Client as NativePubNub } from "./client.ts";
import { reportError } from "./emitter.ts";
import { callStatus, errorFromStatus } from "./status.ts";
import type { Status } from "./types.ts";

/** Our client behind each compat object that sends calls (kept out of the public types). */
const natives = new WeakMap<object, NativePubNub>();

/**
 * Our client behind a compat client (or its `channelGroups`).
 *
 * @example
 * ```ts
 * import PubNub from "@pubnub-ts/pubsub/compat";
 * import { nativeOf } from "./call.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * nativeOf(pubnub).config.userId; // "u1"
 * pubnub.destroy();
 * ```
 */
export function nativeOf(client: object): NativePubNub {
  return natives.get(client)!;
}

/**
 * Sends `client`'s calls through `native`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { nativeOf, sendsThrough } from "./call.ts";
 * const native = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const client = {};
 * sendsThrough(client, native);
 * nativeOf(client) === native; // true
 * ```
 */
export function sendsThrough(client: object, native: NativePubNub): void {
  natives.set(client, native);
}

/**
 * Runs `send` (our builder's `future()`), maps the result with `shape`, and either returns the
 * promise or hands the outcome to `callback` (`null` as the response of a failure).
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { settle } from "./call.ts";
 * const native = new PubNub({ subscribeKey: "demo", userId: "u1", origin: "127.0.0.1:9", ssl: false });
 * const time = settle(() => native.time().future(), (r) => ({ timetoken: r.timetoken }));
 * await time?.catch((e) => console.log(e.status.category));
 * await native.stop();
 * ```
 */
export function settle<T, R>(
  send: () => Promise<PNEnvelope<T>>,
  shape: (result: T) => R,
  callback?: (status: Status, response: R | null) => void,
): Promise<R> | undefined {
  // `send` runs now; what it throws becomes the outcome, as its rejections do.
  const outcome = new Promise<PNEnvelope<T>>((resolve) => resolve(send())).then(
    ({ result, status }): [Status, R?] => [callStatus(status), shape(result)],
    (error): [Status] => {
      if (error instanceof NativeError) return [callStatus(error.status)];
      throw error;
    },
  );
  if (callback) {
    // What the user's callback throws is theirs: reported, never an unhandled rejection.
    outcome.then(([status, response = null]) => callback(status, response)).catch(reportError);
    return;
  }
  return outcome.then(([status, response]) => {
    if (status.error) throw errorFromStatus(status);
    return response!;
  });
}

/** Official parameter names our builders spell differently. */
const OURS: Record<string, string> = {
  storeInHistory: "shouldStore",
  sendByPost: "usePost",
  includeUUIDs: "includeUuids",
  includeUUID: "includeUuid",
};

/**
 * Sets the official `parameters` on `builder`: each one our builder has a setter for (under the
 * same name, or ours), and that is not `undefined` or `null` (our builder's default applies then:
 * the official one; the official SDK leaves out a `null` `meta` or `start`). Parameters with no
 * setter are left out, as the official SDK ignores them.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { setParameters } from "./call.ts";
 * const native = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * setParameters(native.history(), { channel: "a", count: 5, reverse: undefined });
 * await native.stop();
 * ```
 */
export function setParameters(builder: object, parameters: object): void {
  for (const [name, value] of Object.entries(parameters)) {
    const method = OURS[name] ?? name;
    const set = (builder as Record<string, unknown>)[method] as (v: unknown) => void;
    // Setters take one value (`then`, `future` and the like do not); `parse` is no setter.
    if (value != null && set?.length === 1 && method !== "parse") set.call(builder, value);
  }
}

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * One official call: how the result is shaped — the name of the one field to keep, a function of
 * the result and the parameters, `undefined` for `{}`, or `null` for `{}` with a callback that
 * receives only the status; what to set on the builder after the parameters (given our client);
 * and our builder's method when it is not named as the call.
 *
 * @example
 * ```ts
 * import type { CallRow } from "./call.ts";
 * const whereNow: CallRow = ["channels"];
 * ```
 */
export type CallRow = [
  shape?: string | null | ((result: Loose, parameters: Loose) => unknown),
  prepare?: ((builder: Loose, parameters: Loose, client: NativePubNub) => void) | 0,
  method?: string,
];

/**
 * Adds one method per row of `calls` to `target`'s instances, sent through {@link nativeOf}.
 * A call without parameters (`time`, `listGroups`) takes the callback first.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { addCalls, sendsThrough } from "./call.ts";
 * class Clock {}
 * addCalls(Clock, { time: ["timetoken"] });
 * const clock = new Clock();
 * sendsThrough(clock, new PubNub({ subscribeKey: "demo", userId: "u1", origin: "127.0.0.1:9", ssl: false }));
 * ```
 */
export function addCalls(target: { prototype: object }, calls: Record<string, CallRow>): void {
  for (const [name, [shape, prepare, method = name]] of Object.entries(calls)) {
    (target.prototype as Record<string, unknown>)[name] = function (
      this: object,
      parameters: Loose = {},
      callback?: Loose,
    ) {
      if (typeof parameters === "function") [parameters, callback] = [{}, parameters];
      return settle(
        () => {
          const native = nativeOf(this);
          const builder = (native as Loose)[method]();
          setParameters(builder, parameters);
          if (prepare) prepare(builder, parameters, native);
          return builder.future();
        },
        (result: Loose) =>
          typeof shape === "string"
            ? { [shape]: result[shape] }
            : shape
            ? shape(result, parameters)
            : {},
        shape === null && callback ? (status: Status) => callback(status) : callback,
      );
    };
  }
}

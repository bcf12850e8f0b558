/**
 * One call, both styles of the official SDK: a promise of the response, or `(status, response)`
 * passed to a callback. Failures become the official error and status shapes.
 *
 * @module
 */
import { PubNubError as NativeError } from "../core/error.ts";
import type { PNEnvelope } from "../shell/endpoint.ts";
import { errorFromStatus, failureStatus, successStatus } from "./status.ts";
import type { Status } from "./types.ts";

/**
 * Runs `send` (our builder's `future()`), maps the result with `shape`, and either returns the
 * promise or hands the outcome to `callback`.
 *
 * @example
 * ```ts
 * import { PubNub } from "../shell/pubnub.ts";
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
  const outcome = run(send, shape);
  if (!callback) {
    return outcome.then((o) => {
      if (o.ok) return o.response;
      throw errorFromStatus(o.status);
    });
  }
  void outcome.then((o) => callback(o.status, o.ok ? o.response : null));
  return undefined;
}

type Outcome<R> =
  | { ok: true; status: Status; response: R }
  | { ok: false; status: Status };

async function run<T, R>(
  send: () => Promise<PNEnvelope<T>>,
  shape: (result: T) => R,
): Promise<Outcome<R>> {
  try {
    const { result, status } = await send();
    return {
      ok: true,
      status: successStatus(status.operation, status.statusCode ?? 200),
      response: shape(result),
    };
  } catch (error) {
    if (!(error instanceof NativeError)) throw error;
    return { ok: false, status: failureStatus(error.status) };
  }
}

/**
 * Throws the official validation error: nothing was sent.
 *
 * @example
 * ```ts
 * import { invalid } from "./call.ts";
 * try { invalid("PNPublishOperation", "Missing 'channel'"); } catch (e) { console.log(e); }
 * ```
 */
export function invalid(operation: string, message: string): never {
  throw errorFromStatus({
    error: true,
    category: "PNValidationErrorCategory",
    operation: operation as Status["operation"],
    statusCode: 0,
    message,
  });
}

/**
 * Sets the optional parameters `spec` names on `builder`, then sends it. `spec` lists official
 * parameter names separated by spaces; `name>method` calls our builder's `method` instead of
 * `name`. A parameter left `undefined` is not set (our builder's default applies).
 *
 * @example
 * ```ts
 * import { PubNub } from "../shell/pubnub.ts";
 * import { send } from "./call.ts";
 * const native = new PubNub({ subscribeKey: "demo", userId: "u1", origin: "127.0.0.1:9", ssl: false });
 * const parameters = { channel: "a", count: 5, reverse: undefined };
 * await send(native.history().channel(parameters.channel), parameters, "count reverse")
 *   .catch(() => {});
 * await native.stop();
 * ```
 */
export function send<B extends { future(): Promise<unknown> }>(
  builder: B,
  parameters: object,
  spec: string,
): ReturnType<B["future"]> {
  for (const entry of spec.split(" ")) {
    const [name, method = name] = entry.split(">");
    const value = (parameters as Record<string, unknown>)[name];
    if (value !== undefined) {
      (builder as unknown as Record<string, (v: unknown) => void>)[method](value);
    }
  }
  return builder.future() as ReturnType<B["future"]>;
}

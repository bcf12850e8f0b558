import { describeValue } from "../core/describe_value.ts";
import { PubNubError } from "../core/error.ts";
import { checkNames } from "../core/requests/validate.ts";
import type { PNStatus } from "../core/status.ts";
import type { PNMessageActionResult, PNMessageResult } from "../core/subscribe/envelope.ts";
import type { Listener } from "./listeners.ts";

/**
 * What a message stream needs from its client. Subscriptions are held rather than made: the
 * client counts holders, so a stream that ends never unsubscribes a channel that the app, or
 * another stream, still uses.
 *
 * @example
 * ```ts
 * import type { StreamSource } from "./message_stream.ts";
 * type Needs = keyof StreamSource; // "addListener" | "removeListener" | "hold" | "release" | "onClose"
 * ```
 */
export interface StreamSource {
  /** Adds a listener. */
  addListener(listener: Listener<never>): void;
  /** Removes a listener. */
  removeListener(listener: Listener<never>): void;
  /** Subscribes on behalf of this stream (throws a validation `PubNubError` on bad names). */
  hold(channels: string[], groups: string[]): void;
  /** Drops this stream's hold; names nobody else holds are unsubscribed. */
  release(channels: string[], groups: string[]): void;
  /** Registers `close`, called when the client stops or unsubscribes from everything. */
  onClose(close: () => void): () => void;
}

/**
 * Checks what `messages()` was given before anything is subscribed: an options object, and an
 * `AbortSignal` if a signal is given (the names are checked by the client).
 *
 * @example
 * ```ts
 * import { checkStreamOptions } from "./message_stream.ts";
 * checkStreamOptions({ channels: ["a"] }); // passes
 * ```
 */
export function checkStreamOptions(options: unknown): void {
  if (typeof options !== "object" || options === null) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      `Cannot iterate messages: expected options { channels, channelGroups, signal }, got ${
        describeValue(options)
      }`,
    );
  }
  const { signal } = options as { signal?: unknown };
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw PubNubError.validation(
      "PNSubscribeOperation",
      `Cannot iterate messages: signal must be an AbortSignal, got ${describeValue(signal)}`,
    );
  }
}

/**
 * Checks a stream's channel and group names before anything is subscribed; a bad one is a
 * validation `PubNubError` naming it.
 *
 * @example
 * ```ts
 * import { checkStreamNames } from "./message_stream.ts";
 * checkStreamNames({ channels: ["a"], channelGroups: ["g"] }); // passes
 * ```
 */
export function checkStreamNames(
  options: { channels?: string[]; channelGroups?: string[] },
): void {
  checkNames("PNSubscribeOperation", "subscribe", "channel", options.channels ?? []);
  checkNames("PNSubscribeOperation", "subscribe", "channel group", options.channelGroups ?? []);
}

/**
 * Which listener events a stream yields, and their type: messages, or message action events.
 *
 * @example
 * ```ts
 * import type { StreamKinds } from "./message_stream.ts";
 * type Actions = StreamKinds["messageAction"]; // PNMessageActionResult
 * ```
 */
export interface StreamKinds {
  /** Published messages. */
  message: PNMessageResult;
  /** Message actions added or removed. */
  messageAction: PNMessageActionResult;
}

/** Statuses after which no message will come: the loop gave up. */
const GAVE_UP = new Set(["PNUnexpectedDisconnectCategory", "PNConnectionErrorCategory"]);

/**
 * Messages of some channels and groups as an async iterator. Subscribes on the first pull; ends
 * when the consumer stops (`break`, `return`), `signal` aborts, or the client stops or
 * unsubscribes from everything; throws the status as a `PubNubError` when the subscribe loop
 * gives up. Messages that arrive faster than they are consumed are queued, never dropped.
 * `kind` picks what the stream yields: messages (the default) or message action events.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u" });
 * const controller = new AbortController();
 * for await (const m of pubnub.messages({ channels: ["a"], signal: controller.signal })) {
 *   console.log(m.message);
 *   controller.abort();
 * }
 * ```
 */
export function messageStream<K extends keyof StreamKinds = "message">(
  source: StreamSource,
  options: { channels?: string[]; channelGroups?: string[]; signal?: AbortSignal },
  kind: K = "message" as K,
): AsyncIterableIterator<StreamKinds[K]> {
  type Item = StreamKinds[K];
  const channels = [...(options.channels ?? [])];
  const groups = [...(options.channelGroups ?? [])];
  const wanted = new Set([...channels, ...groups]);
  const queue: Item[] = [];
  // Pulls waiting for a message, oldest first: several next() calls may be pending at once.
  const pulls: { resolve(r: IteratorResult<Item>): void; reject(e: unknown): void }[] = [];
  let started = false;
  let done = false;
  let failure: PubNubError | undefined;
  let unregisterClose: (() => void) | undefined;

  const deliver = (_pubnub: never, item: Item) => {
    if (!wanted.has(item.channel) && !wanted.has(item.subscription ?? "")) return;
    const pull = pulls.shift();
    if (pull) pull.resolve({ value: item, done: false });
    else queue.push(item);
  };
  const listener: Listener<never> = {
    [kind]: deliver,
    status(_pubnub, status: PNStatus) {
      if (!GAVE_UP.has(status.category)) return;
      const said = (status.errorData as { message?: unknown } | undefined)?.message;
      finish(
        new PubNubError(
          `The subscribe loop gave up (${status.category})${
            typeof said === "string" ? `: ${said}` : ""
          }`,
          status,
        ),
      );
    },
  };

  function finish(error?: PubNubError): void {
    if (done) return;
    done = true;
    failure = error;
    options.signal?.removeEventListener("abort", onAbort);
    unregisterClose?.();
    if (started) {
      source.removeListener(listener);
      source.release(channels, groups);
    }
    for (const pull of pulls.splice(0)) {
      if (error && queue.length === 0) pull.reject(error);
      else pull.resolve({ value: undefined, done: true });
    }
  }
  const onAbort = () => finish();
  if (options.signal?.aborted) done = true;
  else options.signal?.addEventListener("abort", onAbort, { once: true });

  const iterator: AsyncIterableIterator<Item> = {
    next() {
      if (!started && !done) {
        source.addListener(listener);
        try {
          source.hold(channels, groups);
        } catch (error) {
          source.removeListener(listener);
          done = true;
          options.signal?.removeEventListener("abort", onAbort);
          return Promise.reject(error);
        }
        started = true;
        unregisterClose = source.onClose(() => finish());
      }
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (failure) {
        const error = failure;
        failure = undefined; // thrown once; afterwards the stream is simply done
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => pulls.push({ resolve, reject }));
    },
    return() {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

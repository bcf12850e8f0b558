import type { PNMessageResult } from "../core/subscribe/envelope.ts";
import type { Listener } from "./listeners.ts";

/**
 * What a message stream needs from its client.
 *
 * @example
 * ```ts
 * import type { StreamSource } from "./message_stream.ts";
 * type Needs = keyof StreamSource; // "addListener" | "removeListener" | "subscribe" | "unsubscribe"
 * ```
 */
export interface StreamSource {
  /** Adds a listener. */
  addListener(listener: Listener<never>): void;
  /** Removes a listener. */
  removeListener(listener: Listener<never>): void;
  /** The subscribe builder. */
  subscribe(): { channels(c: string[]): { channelGroups(g: string[]): { execute(): void } } };
  /** The unsubscribe builder. */
  unsubscribe(): { channels(c: string[]): { channelGroups(g: string[]): { execute(): void } } };
}

/**
 * Messages of some channels and groups as an async iterator. Subscribes on the first pull;
 * unsubscribes when the consumer stops (`break`, `return`) or `signal` aborts. Messages that arrive
 * faster than they are consumed are queued, never dropped.
 *
 * @example
 * ```ts
 * import { PubNub } from "./pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u" });
 * const controller = new AbortController();
 * for await (const m of pubnub.messages({ channels: ["a"], signal: controller.signal })) {
 *   console.log(m.message);
 *   controller.abort();
 * }
 * ```
 */
export function messageStream(
  source: StreamSource,
  options: { channels?: string[]; channelGroups?: string[]; signal?: AbortSignal },
): AsyncIterableIterator<PNMessageResult> {
  const channels = [...(options.channels ?? [])];
  const groups = [...(options.channelGroups ?? [])];
  const wanted = new Set([...channels, ...groups]);
  const queue: PNMessageResult[] = [];
  // Pulls waiting for a message, oldest first: several next() calls may be pending at once.
  const pulls: ((result: IteratorResult<PNMessageResult>) => void)[] = [];
  let started = false;
  let done = false;

  const listener: Listener<never> = {
    message(_pubnub, message) {
      if (!wanted.has(message.channel) && !wanted.has(message.subscription ?? "")) return;
      const pull = pulls.shift();
      if (pull) pull({ value: message, done: false });
      else queue.push(message);
    },
  };
  const finish = () => {
    if (done) return;
    done = true;
    options.signal?.removeEventListener("abort", finish);
    if (started) {
      source.removeListener(listener);
      source.unsubscribe().channels(channels).channelGroups(groups).execute();
    }
    for (const pull of pulls.splice(0)) pull({ value: undefined, done: true });
  };
  if (options.signal?.aborted) done = true;
  options.signal?.addEventListener("abort", finish, { once: true });

  const iterator: AsyncIterableIterator<PNMessageResult> = {
    async next() {
      if (!started && !done) {
        started = true;
        source.addListener(listener);
        source.subscribe().channels(channels).channelGroups(groups).execute();
      }
      if (queue.length > 0) return { value: queue.shift()!, done: false };
      if (done) return { value: undefined, done: true };
      return await new Promise<IteratorResult<PNMessageResult>>((resolve) => pulls.push(resolve));
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

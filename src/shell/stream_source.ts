/**
 * What message streams hold of a client's subscription: counted holds on top of the app's own
 * names (`hold`, `release` in the subscription value), ended by `unsubscribeAll()`. Only a client
 * with message streams carries it.
 *
 * @module
 */
import { hold, release } from "../core/subscription/subscription.ts";
import type { ClientSubscription } from "./client_subscription.ts";
import type { Listener } from "./listeners.ts";
import type { StreamSource } from "./message_stream.ts";

/**
 * The stream source of a client's subscription.
 *
 * @example
 * ```ts ignore
 * import { streamSourceOf } from "./stream_source.ts";
 * const stream = messageStream(streamSourceOf(subscriber.subscription), { channels: ["a"] });
 * ```
 */
export function streamSourceOf(subscription: ClientSubscription): StreamSource {
  return {
    addListener: (listener) => subscription.listeners.add(listener as Listener<unknown>),
    removeListener: (listener) => subscription.listeners.remove(listener as Listener<unknown>),
    hold: (channels, groups) =>
      subscription.change((current, names) => hold(current, names, channels, groups)),
    release: (channels, groups) =>
      subscription.change((current, names) => release(current, names, channels, groups)),
    onClose: (close) => subscription.onUnsubscribeAll(close),
  };
}

/**
 * The presence state `setState` remembers on a client's subscription: sent with every subscribe
 * and heartbeat on those names until they are unsubscribed. Only a client with `setState`
 * carries it.
 *
 * @module
 */
import { rollbackState, setState, type Subscription } from "../core/subscription/subscription.ts";
import type { ClientSubscription } from "./client_subscription.ts";

/**
 * Remembers `state` for `names` on `subscription`; returns what puts the state back as it was
 * (for a `setState` whose request failed).
 *
 * @example
 * ```ts ignore
 * import { rememberState } from "./remembered_state.ts";
 * const undo = rememberState(subscriber.subscription, ["room"], { mood: "ok" });
 * undo(); // the request failed
 * ```
 */
export function rememberState(
  subscription: ClientSubscription,
  names: readonly string[],
  state: unknown,
): () => void {
  let before: Subscription | undefined;
  subscription.change((current) => {
    before = current;
    return { subscription: setState(current, names, state) };
  });
  return () =>
    subscription.change((current) => ({
      subscription: rollbackState(current, before!, names, state),
    }));
}

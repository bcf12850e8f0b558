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
 * The state of each call whose request failed, with the subscription it was set on: a later
 * call's rollback must not bring such a state back (each call's state is its own parsed copy).
 */
const failed = new WeakMap<object, Subscription>();

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
  return () => {
    if (typeof state === "object" && state !== null) failed.set(state, before!);
    subscription.change((current) => ({
      subscription: rollbackState(current, withoutFailed(before!, names), names, state),
    }));
  };
}

/**
 * `before` with the state of `names` that a call which has failed since had set replaced by
 * what was there before that call (two calls in flight: the first one failed first).
 */
function withoutFailed(before: Subscription, names: readonly string[]): Subscription {
  let presenceState: Map<string, unknown> | undefined;
  for (const name of names) {
    const kept = before.presenceState.get(name);
    let value = kept;
    let earlier: Subscription | undefined;
    while (typeof value === "object" && value !== null && (earlier = failed.get(value))) {
      value = earlier.presenceState.get(name);
    }
    if (value === kept) continue;
    presenceState ??= new Map(before.presenceState);
    if (value === undefined) presenceState.delete(name);
    else presenceState.set(name, value);
  }
  return presenceState ? { ...before, presenceState } : before;
}

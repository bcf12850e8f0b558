/**
 * The mark of a listener that wants the connected status it missed: one added to a client that
 * is already connected is told it at once. `SubscribeListener` carries it (so its
 * `waitForConnect()` resolves); a client checks for the mark instead of the class, so an app
 * that never uses `SubscribeListener` does not bundle it.
 *
 * @example
 * ```ts
 * import { HEARS_MISSED_CONNECT } from "./late_connect.ts";
 * const listener = { [HEARS_MISSED_CONNECT]: true, status: () => {} };
 * HEARS_MISSED_CONNECT in listener; // true
 * ```
 *
 * @module
 */

/** The mark (a property key only the SDK knows). */
export const HEARS_MISSED_CONNECT: unique symbol = /* @__PURE__ */ Symbol(
  "pubnub.hearsMissedConnect",
);

/**
 * Helpers shared by the feature tests: the local server's keys and the refusal assertion.
 * Test-only; nothing in the SDK imports this file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { PubNubError } from "../../core/error.ts";

/**
 * The configuration of a client of the local server at `origin`: the demo keys, `ssl: false`.
 *
 * @example
 * ```ts
 * import { localKeys } from "./_testing.ts";
 * localKeys("127.0.0.1:8090", "alice").userId; // "alice"
 * ```
 */
export function localKeys(origin: string, userId = "u1"): {
  publishKey: string;
  subscribeKey: string;
  userId: string;
  origin: string;
  ssl: boolean;
} {
  return { publishKey: "demo", subscribeKey: "demo", userId, origin, ssl: false };
}

/**
 * Asserts that `make` throws a validation {@link PubNubError} whose message matches `message`.
 *
 * @example
 * ```ts
 * import { refused } from "./_testing.ts";
 * import { PubNubError } from "../../core/error.ts";
 * refused(() => {
 *   throw PubNubError.validation("PNTimeOperation", "bad");
 * }, /bad/);
 * ```
 */
export function refused(make: () => unknown, message: RegExp): void {
  assert.throws(make, (error: unknown) => {
    assert.ok(error instanceof PubNubError, String(error));
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.match(error.message, message);
    return true;
  });
}

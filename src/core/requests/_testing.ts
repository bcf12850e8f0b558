/**
 * Helpers shared by the request tests: validation assertions and a set of hostile inputs.
 * Test-only; nothing in the SDK imports this file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { PubNubError } from "../error.ts";
import type { PNOperationTypeName } from "../categories.ts";
import type { ParseResult } from "../parse_result.ts";

/**
 * Asserts that `fn` throws a validation {@link PubNubError} for `operation` whose message
 * contains every one of `mentions`.
 *
 * @example
 * ```ts
 * import { assertValidation } from "./_testing.ts";
 * import { PubNubError } from "../error.ts";
 * assertValidation(() => { throw PubNubError.validation("PNTimeOperation", "bad"); }, "PNTimeOperation", "bad");
 * ```
 */
export function assertValidation(
  fn: () => unknown,
  operation: PNOperationTypeName,
  ...mentions: string[]
): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof PubNubError, `expected a PubNubError, got ${error}`);
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.equal(error.status.operation, operation);
    for (const m of mentions) {
      assert.ok(error.message.includes(m), `"${m}" not in: ${error.message}`);
    }
    return true;
  });
}

/**
 * Values no parser may throw on: wrong kinds, wrong nesting, prototype tricks, throwing getters.
 *
 * @example
 * ```ts
 * import { hostileInputs } from "./_testing.ts";
 * hostileInputs().length > 10; // true
 * ```
 */
export function hostileInputs(): unknown[] {
  const throwingGetter = {};
  Object.defineProperty(throwingGetter, "payload", {
    enumerable: true,
    get() {
      throw new Error("getter exploded");
    },
  });
  const throwingProxy = new Proxy({}, {
    get() {
      throw new Error("proxy exploded");
    },
    has() {
      throw new Error("proxy exploded");
    },
    ownKeys() {
      throw new Error("proxy exploded");
    },
  });
  return [
    undefined,
    null,
    0,
    -1,
    NaN,
    "",
    "OK",
    true,
    [],
    [1, "Sent", "17000000000000000"],
    {},
    Object.create(null),
    { error: true, message: "Forbidden" },
    { payload: null },
    { payload: [] },
    { payload: "x" },
    { payload: { channels: "x", groups: 5 } },
    { payload: { channels: [1, null, {}] } },
    { payload: { channels: { a: null, b: [], c: { occupancy: "1" } } } },
    { payload: { channels: { __proto__: { occupancy: 1, uuids: [] } } } },
    JSON.parse('{"payload":{"channels":{"__proto__":{"occupancy":1,"uuids":["u"]}}}}'),
    { occupancy: -1, uuids: "u" },
    { occupancy: 1, uuids: [null, 1, { uuid: 5 }] },
    { channels: [] },
    { channels: { a: "x" } },
    { channels: { a: [null, 1, { timetoken: 17000000000000000, message: 1 }] } },
    JSON.parse('{"channels":{"__proto__":[{"message":1,"timetoken":"1"}]}}'),
    { channel: 5, payload: 5 },
    throwingGetter,
    throwingProxy,
  ];
}

/**
 * Runs a parser over every hostile input and checks it returns a {@link ParseResult} without
 * throwing and without touching `Object.prototype`.
 *
 * @example
 * ```ts
 * import { assertNeverThrows } from "./_testing.ts";
 * assertNeverThrows((data) => ({ ok: data !== null, reason: "x" } as never));
 * ```
 */
export function assertNeverThrows(parse: (data: unknown) => ParseResult<unknown>): void {
  for (const input of hostileInputs()) {
    let result: ParseResult<unknown>;
    try {
      result = parse(input);
    } catch (error) {
      assert.fail(`threw on ${safeShow(input)}: ${error}`);
    }
    assert.equal(typeof result.ok, "boolean", `no ParseResult for ${safeShow(input)}`);
    if (!result.ok) assert.equal(typeof result.reason, "string");
  }
  assert.equal(
    ({} as Record<string, unknown>).occupancy,
    undefined,
    "Object.prototype was polluted",
  );
  assert.equal(({} as Record<string, unknown>).uuids, undefined, "Object.prototype was polluted");
}

function safeShow(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "(unprintable)";
  }
}

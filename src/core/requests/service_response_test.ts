import assert from "node:assert/strict";
import { isCount, kindOf, recordOf, safely, serviceObject } from "./service_response.ts";
import { parsed } from "../parse_result.ts";

Deno.test("service response: objects pass, error bodies and other kinds do not", () => {
  assert.deepEqual(serviceObject({ status: 200 }), { ok: true, value: { status: 200 } });
  assert.deepEqual(serviceObject({ error: false }), { ok: true, value: { error: false } });
  const refused = serviceObject({ error: true, error_message: "bad key" });
  assert.ok(!refused.ok && refused.reason.includes("bad key"));
  for (const value of [null, [], "x", 1, undefined]) assert.equal(serviceObject(value).ok, false);
});

Deno.test("service response: safely turns exceptions into malformed results", () => {
  assert.deepEqual(safely(() => parsed(1)), { ok: true, value: 1 });
  const failed = safely(() => {
    throw new Error("boom");
  });
  assert.ok(!failed.ok && failed.reason.includes("boom"));
});

Deno.test("service response: recordOf keeps __proto__ as an own key", () => {
  const record = recordOf([["__proto__", 1], ["a", 2]]);
  assert.deepEqual(Object.keys(record), ["__proto__", "a"]);
  assert.equal(Object.getPrototypeOf(record), Object.prototype);
});

Deno.test("service response: counts and kinds", () => {
  assert.ok(isCount(0) && isCount(7));
  assert.ok(!isCount(-1) && !isCount(1.5) && !isCount("1") && !isCount(NaN));
  assert.equal(kindOf(null), "null");
  assert.equal(kindOf(undefined), "nothing");
  assert.equal(kindOf("x"), "a string");
});

import assert from "node:assert/strict";
import { err, ok, type Result } from "./result.ts";

Deno.test("result: success carries the value, failure the error", () => {
  assert.deepEqual(ok([1, 2]), { ok: true, value: [1, 2] });
  assert.deepEqual(err("too long: 16 > 15"), { ok: false, error: "too long: 16 > 15" });
});

Deno.test("result: ok narrows to value or error", () => {
  const read = (result: Result<number>): string =>
    result.ok ? `value ${result.value}` : `error ${result.error}`;
  assert.equal(read(ok(3)), "value 3");
  assert.equal(read(err("none")), "error none");
});

import assert from "node:assert/strict";
import { millisToTimetoken, TimetokenGenerator } from "./timetoken_generator.ts";

Deno.test("timetokens follow the clock in 100-ns units", () => {
  const tokens = new TimetokenGenerator();
  assert.equal(tokens.next(1_700_000_000_000), "17000000000000000");
  assert.equal(tokens.next(1_700_000_000_123.5), "17000000001235000");
});

Deno.test("timetokens strictly increase when the clock stalls or steps back", () => {
  const tokens = new TimetokenGenerator();
  const seen = [tokens.next(1000), tokens.next(1000), tokens.next(999), tokens.next(1000.0001)];
  assert.deepEqual(seen, ["10000000", "10000001", "10000002", "10000003"]);
  assert.equal(tokens.last, 10000003n);
});

Deno.test("17-digit timetokens are exact (no float rounding)", () => {
  assert.equal(millisToTimetoken(1_799_999_999_999.75), 17999999999997500n);
  assert.equal(millisToTimetoken(1_799_999_999_999), 17999999999990000n);
  assert.equal(millisToTimetoken(Number.NaN), 0n);
});

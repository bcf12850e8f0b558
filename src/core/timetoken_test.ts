import assert from "node:assert/strict";
import { compareTimetokens, isTimetoken, timetokenFromMillis } from "./timetoken.ts";

const IS_TIMETOKEN: ReadonlyArray<[unknown, boolean]> = [
  ["17000000000000000", true],
  ["17000000000000001", true],
  ["0", true],
  ["9999999999999999999", true], // 19 digits
  ["10000000000000000000", false], // 20 digits
  ["", false],
  ["1.7e16", false],
  ["-17000000000000000", false],
  [" 17000000000000000", false],
  ["17000000000000000\n", false],
  ["0x10", false],
  [17000000000000000, false],
  [null, false],
  [undefined, false],
];

for (const [value, expected] of IS_TIMETOKEN) {
  Deno.test(`isTimetoken(${JSON.stringify(value) ?? "undefined"}) → ${expected}`, () => {
    assert.equal(isTimetoken(value), expected);
  });
}

const COMPARE: ReadonlyArray<[string, string, -1 | 0 | 1]> = [
  ["9", "10", -1],
  ["10", "9", 1],
  ["17000000000000000", "17000000000000000", 0],
  // These two differ by 1 but are the same JS number: the comparison must not use numbers.
  ["17000000000000000", "17000000000000001", -1],
  ["17000000000000001", "17000000000000000", 1],
  ["0009", "10", -1],
  ["010", "10", 0],
  ["0", "00", 0],
  ["0", "1", -1],
  ["16999999999999999", "17000000000000000", -1],
];

for (const [a, b, expected] of COMPARE) {
  Deno.test(`compareTimetokens(${a}, ${b}) → ${expected}`, () => {
    assert.equal(compareTimetokens(a, b), expected);
  });
}

Deno.test("compareTimetokens: the precondition of the exactness test holds", () => {
  assert.equal(Number("17000000000000000"), Number("17000000000000001"));
});

const FROM_MILLIS: ReadonlyArray<[number, string]> = [
  [1700000000000, "17000000000000000"],
  [0, "0"],
  [1, "10000"],
  [1700000000000.9, "17000000000000000"],
  [1712345678901, "17123456789010000"],
];

for (const [millis, expected] of FROM_MILLIS) {
  Deno.test(`timetokenFromMillis(${millis}) → ${expected}`, () => {
    assert.equal(timetokenFromMillis(millis), expected);
    assert.ok(isTimetoken(timetokenFromMillis(millis)));
  });
}

import { describeValue } from "../describe_value.ts";
import assert from "node:assert/strict";
import {
  checkInteger,
  checkName,
  checkNames,
  checkSomeTargets,
  serializeState,
} from "./validate.ts";
import { assertValidation } from "./_testing.ts";

const OP = "PNHereNowOperation";

Deno.test("validate: names must be a list of non-empty strings", () => {
  checkNames(OP, "x", "channel", undefined);
  checkNames(OP, "x", "channel", ["a", "b"]);
  assertValidation(
    () => checkNames(OP, "do x", "channel", ["a", ""]),
    OP,
    "Cannot do x",
    "channel name #2 is empty",
  );
  assertValidation(
    () => checkNames(OP, "x", "channel group", [5 as unknown as string]),
    OP,
    "channel group name #1 is 5",
  );
  assertValidation(
    () => checkNames(OP, "x", "channel", "a" as unknown as string[]),
    OP,
    "must be a list",
  );
});

Deno.test("validate: some targets needed", () => {
  checkSomeTargets(OP, "x", ["a"], undefined);
  checkSomeTargets(OP, "x", [], ["g"]);
  assertValidation(
    () => checkSomeTargets(OP, "x", [], []),
    OP,
    "no channels and no channel groups",
  );
  assertValidation(() => checkSomeTargets(OP, "x", undefined, undefined), OP, "no channels");
});

Deno.test("validate: one name, integers, state", () => {
  checkName(OP, "x", "uuid", "u");
  assertValidation(() => checkName(OP, "x", "uuid", ""), OP, "uuid is empty");
  assertValidation(() => checkName(OP, "x", "uuid", null), OP, "uuid is null");
  checkInteger(OP, "x", "limit", 0, 0);
  assertValidation(() => checkInteger(OP, "x", "limit", 5, 1, 3), OP, "from 1 to 3, got 5");
  assertValidation(() => checkInteger(OP, "x", "limit", "5", 1), OP, 'at least 1, got "5"');
  assert.equal(serializeState(OP, "x", { a: [1] }), '{"a":[1]}');
  assertValidation(
    () => serializeState(OP, "x", null),
    OP,
    "state must be a plain object, got null",
  );
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assertValidation(() => serializeState(OP, "x", cyclic), OP, "cycle");
});

Deno.test("validate: the values in messages are kept short", () => {
  assert.equal(describeValue("x".repeat(100)), JSON.stringify(`${"x".repeat(40)}…`));
  assert.equal(describeValue([]), "an array");
  assert.equal(describeValue({}), "an object");
  assert.equal(describeValue(undefined), "undefined");
});

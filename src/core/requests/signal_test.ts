import assert from "node:assert/strict";
import { buildSignalRequest, type SignalParams } from "./signal.ts";
import { PubNubError } from "../error.ts";

function params(overrides: Partial<SignalParams> = {}): SignalParams {
  return {
    publishKey: "pub",
    subscribeKey: "sub",
    channel: "ch",
    payloadJson: '"hi"',
    ...overrides,
  };
}

function assertValidation(fn: () => unknown, ...mentions: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof PubNubError, `expected a PubNubError, got ${error}`);
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.equal(error.status.operation, "PNSignalOperation");
    assert.ok(error.message.startsWith("Cannot signal"), error.message);
    for (const m of mentions) {
      assert.ok(error.message.includes(m), `"${m}" not in: ${error.message}`);
    }
    return true;
  });
}

Deno.test("buildSignalRequest: exact request", () => {
  assert.deepEqual(buildSignalRequest(params()), {
    operation: "PNSignalOperation",
    method: "GET",
    path: "/signal/pub/sub/0/ch/0/%22hi%22",
    query: {},
    channels: ["ch"],
    messageLength: 8,
  });
});

const PATHS: ReadonlyArray<[string, Partial<SignalParams>, string]> = [
  [
    "object payload",
    { payloadJson: '{"typing":true}' },
    "/signal/pub/sub/0/ch/0/%7B%22typing%22%3Atrue%7D",
  ],
  ["encoded channel", { channel: "a b/é!" }, "/signal/pub/sub/0/a%20b%2F%C3%A9%21/0/%22hi%22"],
  [
    "encoded keys",
    { publishKey: "p k", subscribeKey: "s(1)" },
    "/signal/p%20k/s%281%29/0/ch/0/%22hi%22",
  ],
];

for (const [name, overrides, path] of PATHS) {
  Deno.test(`buildSignalRequest path: ${name}`, () => {
    assert.equal(buildSignalRequest(params(overrides)).path, path);
  });
}

Deno.test("buildSignalRequest: custom message type is the only query param", () => {
  assert.deepEqual(buildSignalRequest(params({ customMessageType: "typing" })).query, {
    custom_message_type: "typing",
  });
  assert.deepEqual(buildSignalRequest(params({ customMessageType: "" })).query, {});
});

const SIZES: ReadonlyArray<[string, string, boolean, number]> = [
  ["62 ASCII characters in quotes = 64 bytes", JSON.stringify("a".repeat(62)), true, 64],
  ["63 ASCII characters in quotes = 65 bytes", JSON.stringify("a".repeat(63)), false, 65],
  ["31 × é in quotes = 64 bytes", JSON.stringify("é".repeat(31)), true, 64],
  ["32 × é in quotes = 66 bytes", JSON.stringify("é".repeat(32)), false, 66],
  // 62 characters but 2 bytes each: counted in bytes, not characters or escaped length.
  ["62 × é in quotes = 126 bytes", JSON.stringify("é".repeat(62)), false, 126],
  ["15 × 😀 + 2 in quotes = 64 bytes", JSON.stringify("😀".repeat(15) + "ab"), true, 64],
  // 64 bytes of payload whose escaped form (%22 + 62 × %21 + %22 = 192) is far longer than 64.
  ['62 × "!" in quotes = 64 bytes (192 escaped)', JSON.stringify("!".repeat(62)), true, 64],
];

for (const [name, payloadJson, accepted, size] of SIZES) {
  Deno.test(`buildSignalRequest size: ${name} → ${accepted ? "accepted" : "refused"}`, () => {
    if (accepted) {
      assert.equal(buildSignalRequest(params({ payloadJson })).method, "GET");
    } else {
      assertValidation(
        () => buildSignalRequest(params({ payloadJson })),
        "too large",
        `${size} bytes`,
        "64",
      );
    }
  });
}

Deno.test("buildSignalRequest: refused signals name the exact numbers", () => {
  assertValidation(
    () => buildSignalRequest(params({ payloadJson: JSON.stringify("a".repeat(63)) })),
    "Cannot signal: payload too large: 65 bytes of JSON, the limit is 64",
  );
});

const MISSING: ReadonlyArray<[string, Partial<SignalParams>, string]> = [
  ["missing publishKey", { publishKey: undefined }, "publishKey"],
  ["empty publishKey", { publishKey: "" }, "publishKey"],
  ["empty channel", { channel: "" }, "channel is empty"],
];

for (const [name, overrides, mention] of MISSING) {
  Deno.test(`buildSignalRequest refuses ${name}`, () => {
    assertValidation(() => buildSignalRequest(params(overrides)), mention);
  });
}

Deno.test("buildSignalRequest: a missing key is reported before the size", () => {
  assertValidation(
    () =>
      buildSignalRequest(
        params({ publishKey: undefined, payloadJson: JSON.stringify("a".repeat(100)) }),
      ),
    "publishKey",
  );
});

import assert from "node:assert/strict";
import {
  DEFAULT_MAX_MESSAGE_SIZE,
  MAX_SIGNAL_SIZE,
  publishSize,
  signalSize,
  utf8Length,
} from "./size.ts";
import { buildPublishRequest, type PublishParams } from "./requests/publish.ts";
import { buildSignalRequest } from "./requests/signal.ts";
import { PubNubError } from "./error.ts";

Deno.test("limits are the service's defaults", () => {
  assert.equal(DEFAULT_MAX_MESSAGE_SIZE, 32768);
  assert.equal(MAX_SIGNAL_SIZE, 64);
});

// Sizes below are counted by hand: "%22" is 3 characters, "é" escapes to "%C3%A9" (6), etc.
const PUBLISH_SIZE_CASES: ReadonlyArray<[string, Parameters<typeof publishSize>[0], number]> = [
  ["plain channel and string", { channel: "ch", json: '"hi"' }, 2 + 8],
  ["channel with a space", { channel: "my ch", json: '"hi"' }, 7 + 8],
  ["a number", { channel: "c", json: "1" }, 1 + 1],
  ["é counts as its escaped length (6)", { channel: "c", json: '"é"' }, 1 + 3 + 6 + 3],
  ["€ counts as 9", { channel: "c", json: '"€"' }, 1 + 3 + 9 + 3],
  ["😀 counts as 12", { channel: "c", json: '"😀"' }, 1 + 3 + 12 + 3],
  ["unicode channel", { channel: "é", json: "1" }, 6 + 1],
  ["!~*'() count as 3 each", { channel: "()", json: '"!~*\'"' }, 6 + 3 + 12 + 3],
  ["meta is counted", { channel: "ch", json: "1", metaJson: '{"k":"v"}' }, 2 + 1 + 23],
  ["empty meta object is counted", { channel: "ch", json: "1", metaJson: "{}" }, 2 + 1 + 6],
];

for (const [name, parts, expected] of PUBLISH_SIZE_CASES) {
  Deno.test(`publishSize: ${name}`, () => {
    assert.equal(publishSize(parts), expected);
  });
}

const UTF8_CASES: ReadonlyArray<[string, string, number]> = [
  ["empty", "", 0],
  ["ASCII", "hello", 5],
  ["DEL (0x7f) is 1 byte", "\x7f", 1],
  ["0x80 is 2 bytes", "\x80", 2],
  ["2-byte é", "é", 2],
  ["last 2-byte code point U+07FF", "\u07ff", 2],
  ["first 3-byte code point U+0800", "\u0800", 3],
  ["3-byte €", "€", 3],
  ["U+FFFF", "\uffff", 3],
  ["4-byte 😀 (surrogate pair)", "😀", 4],
  ["two surrogate pairs", "😀😀", 8],
  ["lone high surrogate at the end", "a\ud800", 1 + 3],
  ["lone high surrogate followed by ASCII", "\ud800a", 3 + 1],
  ["lone low surrogate", "\udc00", 3],
  ["low then high (not a pair)", "\udc00\ud800", 6],
  ["high, high, low: one lone + one pair", "\ud800\ud800\udc00", 3 + 4],
  ["mixed", "aé€😀", 1 + 2 + 3 + 4],
];

for (const [name, text, expected] of UTF8_CASES) {
  Deno.test(`utf8Length: ${name}`, () => {
    assert.equal(utf8Length(text), expected);
    // TextEncoder writes each lone surrogate as U+FFFD (3 bytes): the same count.
    assert.equal(utf8Length(text), new TextEncoder().encode(text).length);
  });
}

Deno.test("signalSize counts UTF-8 bytes of the JSON text", () => {
  assert.equal(signalSize('"héllo"'), 8);
  assert.equal(signalSize('"😀"'), 6);
  assert.equal(signalSize("{}"), 2);
});

// ---- the publish boundary, through buildPublishRequest ------------------------------------------

function params(overrides: Partial<PublishParams>): PublishParams {
  return {
    publishKey: "pub",
    subscribeKey: "sub",
    channel: "ch",
    payloadJson: '""',
    maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE,
    ...overrides,
  };
}

function assertTooLarge(fn: () => unknown, size: number, limit: number): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof PubNubError);
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.ok(
      error.message.includes(String(size)),
      `message names the size ${size}: ${error.message}`,
    );
    assert.ok(
      error.message.includes(String(limit)),
      `message names the limit ${limit}: ${error.message}`,
    );
    assert.match(error.message, /too large/);
    return true;
  });
}

// channel "ch" = 2, message JSON `"a…a"` = %22 + n + %22 = n + 6, meta {"k":"v"} = 23.
const META = '{"k":"v"}';
const BOUNDARY_CASES: ReadonlyArray<[string, (extra: number) => Partial<PublishParams>, number]> = [
  ["ASCII message", (n) => ({ payloadJson: JSON.stringify("a".repeat(n)) }), 32768 - 8],
  [
    "ASCII message with meta",
    (n) => ({ payloadJson: JSON.stringify("a".repeat(n)), metaJson: META }),
    32768 - 8 - 23,
  ],
  [
    "ASCII message on a channel that needs escaping (a b → a%20b = 5)",
    (n) => ({ channel: "a b", payloadJson: JSON.stringify("a".repeat(n)) }),
    32768 - 5 - 6,
  ],
];

for (const [name, make, n] of BOUNDARY_CASES) {
  for (const usePost of [false, true]) {
    const method = usePost ? "POST" : "GET";
    Deno.test(`publish size boundary (${method}, ${name}): 32768 accepted, 32769 refused`, () => {
      const atLimit = params({ ...make(n), usePost });
      assert.equal(
        publishSize({
          channel: atLimit.channel,
          json: atLimit.payloadJson,
          metaJson: atLimit.metaJson,
        }),
        32768,
      );
      const request = buildPublishRequest(atLimit);
      assert.equal(request.method, method);

      const over = params({ ...make(n + 1), usePost });
      assertTooLarge(() => buildPublishRequest(over), 32769, 32768);
    });
  }
}

Deno.test("publish size boundary with multi-byte characters: 5460 × é = 32768 exactly", () => {
  // "ch" (2) + %22 (3) + 5460 × %C3%A9 (6 each) + %22 (3) = 32768.
  const atLimit = params({ payloadJson: JSON.stringify("é".repeat(5460)) });
  assert.equal(publishSize({ channel: "ch", json: atLimit.payloadJson }), 32768);
  buildPublishRequest(atLimit);
  buildPublishRequest({ ...atLimit, usePost: true });

  // One more ASCII character: 32769.
  const over = params({ payloadJson: JSON.stringify("é".repeat(5460) + "a") });
  assertTooLarge(() => buildPublishRequest(over), 32769, 32768);
  assertTooLarge(() => buildPublishRequest({ ...over, usePost: true }), 32769, 32768);

  // One more é instead: 32774 (6 more, not 2 as UTF-8 bytes or 1 as a code unit).
  const overByE = params({ payloadJson: JSON.stringify("é".repeat(5461)) });
  assertTooLarge(() => buildPublishRequest(overByE), 32774, 32768);
});

Deno.test("publish size: the channel name counts toward the limit", () => {
  const payloadJson = JSON.stringify("a".repeat(32768 - 8)); // with "ch": exactly 32768
  buildPublishRequest(params({ payloadJson }));
  assertTooLarge(() => buildPublishRequest(params({ channel: "chx", payloadJson })), 32769, 32768);
});

Deno.test("publish size: a custom maxMessageSize is honoured and named", () => {
  // "ch" (2) + "1" (1) = 3.
  buildPublishRequest(params({ payloadJson: "1", maxMessageSize: 3 }));
  assertTooLarge(() => buildPublishRequest(params({ payloadJson: "12", maxMessageSize: 3 })), 4, 3);
});

// ---- the signal boundary ------------------------------------------------------------------------

const SIGNAL_BOUNDARY: ReadonlyArray<[string, string, string, number]> = [
  // [name, JSON of exactly 64 bytes, JSON of 65 bytes, size of the second]
  ["ASCII", JSON.stringify("a".repeat(62)), JSON.stringify("a".repeat(63)), 65],
  ["2-byte é", JSON.stringify("é".repeat(31)), JSON.stringify("é".repeat(31) + "a"), 65],
  [
    "4-byte 😀",
    JSON.stringify("😀".repeat(15) + "aa"),
    JSON.stringify("😀".repeat(15) + "aaa"),
    65,
  ],
  ["one 😀 too many", JSON.stringify("😀".repeat(15) + "aa"), JSON.stringify("😀".repeat(16)), 66],
];

for (const [name, fits, tooBig, size] of SIGNAL_BOUNDARY) {
  Deno.test(`signal size boundary (${name}): 64 bytes accepted, ${size} refused`, () => {
    assert.equal(signalSize(fits), 64);
    assert.equal(signalSize(tooBig), size);
    const base = { publishKey: "pub", subscribeKey: "sub", channel: "ch" };
    buildSignalRequest({ ...base, payloadJson: fits });
    assertTooLarge(() => buildSignalRequest({ ...base, payloadJson: tooBig }), size, 64);
  });
}

Deno.test("signal size: the channel does not count, only the payload", () => {
  const payloadJson = JSON.stringify("a".repeat(62));
  buildSignalRequest({ publishKey: "p", subscribeKey: "s", channel: "c".repeat(200), payloadJson });
});

import assert from "node:assert/strict";
import {
  decodeBase64,
  encodeBase64,
  encodeCryptoHeader,
  LEGACY_CONSTANT_IV,
  legacyKeyFromDigest,
  parseCryptoHeader,
} from "./header.ts";

const bytes = (...values: number[]) => new Uint8Array(values);

Deno.test("crypto header: PNED, version 1, ACRH, a 1-byte length, the IV, the ciphertext", () => {
  const iv = new Uint8Array(16).fill(7);
  const framed = encodeCryptoHeader("ACRH", iv, bytes(1, 2, 3));
  assert.deepEqual([...framed.subarray(0, 10)], [
    ..."PNED".split("").map((c) => c.charCodeAt(0)),
    1,
    ..."ACRH".split("").map((c) => c.charCodeAt(0)),
    16,
  ]);
  assert.deepEqual([...framed.subarray(10, 26)], [...iv]);
  assert.deepEqual([...framed.subarray(26)], [1, 2, 3]);
  const parsed = parseCryptoHeader(framed);
  assert.equal(parsed.kind, "header");
  if (parsed.kind !== "header") return;
  assert.equal(parsed.header.cryptorId, "ACRH");
  assert.deepEqual([...parsed.header.metadata], [...iv]);
  assert.equal(parsed.header.length, 26);
});

Deno.test("crypto header: metadata of 255 bytes or more uses 0xFF and a 2-byte big-endian length", () => {
  for (const size of [254, 255, 256, 300, 65535]) {
    const metadata = new Uint8Array(size).fill(9);
    const framed = encodeCryptoHeader("ACRH", metadata, bytes(42));
    if (size < 255) {
      assert.equal(framed[9], size);
    } else {
      assert.deepEqual([...framed.subarray(9, 12)], [0xff, size >> 8, size & 0xff]);
    }
    const parsed = parseCryptoHeader(framed);
    assert.equal(parsed.kind, "header");
    if (parsed.kind !== "header") return;
    assert.equal(parsed.header.metadata.length, size);
    assert.equal(framed[parsed.header.length], 42);
  }
  assert.throws(() => encodeCryptoHeader("ACRH", new Uint8Array(65536), bytes()), RangeError);
  assert.throws(() => encodeCryptoHeader("AC", bytes(), bytes()), RangeError);
});

Deno.test("crypto header: no sentinel is legacy; a cut or unknown-version header is invalid", () => {
  assert.deepEqual(parseCryptoHeader(new Uint8Array(32)), { kind: "none" });
  assert.deepEqual(parseCryptoHeader(bytes(0x50, 0x4e)), { kind: "none" });
  const framed = encodeCryptoHeader("ACRH", new Uint8Array(16), bytes(1));
  assert.equal(parseCryptoHeader(framed.subarray(0, 8)).kind, "invalid");
  assert.match(
    (parseCryptoHeader(framed.subarray(0, 20)) as { reason: string }).reason,
    /metadata is cut short/,
  );
  const v2 = framed.slice();
  v2[4] = 2;
  assert.deepEqual(parseCryptoHeader(v2), {
    kind: "invalid",
    reason: "unknown crypto header version 2",
  });
  const long = encodeCryptoHeader("ACRH", new Uint8Array(300), bytes());
  assert.equal(parseCryptoHeader(long.subarray(0, 10)).kind, "invalid");
});

Deno.test("legacy key: the UTF-8 of the first 32 hex characters of the digest", () => {
  const digest = new Uint8Array(32).map((_, i) => i * 8);
  const key = legacyKeyFromDigest(digest);
  assert.equal(key.length, 32);
  assert.equal(new TextDecoder().decode(key), "00081018202830384048505860687078");
  assert.equal(new TextDecoder().decode(LEGACY_CONSTANT_IV), "0123456789012345");
});

Deno.test("base64: round trips any bytes, refuses what is not base64", () => {
  const all = new Uint8Array(256).map((_, i) => i);
  assert.deepEqual(decodeBase64(encodeBase64(all)), all);
  assert.equal(encodeBase64(bytes()), "");
  assert.equal(encodeBase64(bytes(0xfb, 0xff)), "+/8=");
  assert.deepEqual(decodeBase64("+/8="), bytes(0xfb, 0xff));
  assert.equal(decodeBase64("-_8"), undefined);
  assert.equal(decodeBase64("a b"), undefined);
  assert.equal(decodeBase64("abcde"), undefined);
  const big = new Uint8Array(100_000).map((_, i) => i % 251);
  assert.deepEqual(decodeBase64(encodeBase64(big)), big);
});

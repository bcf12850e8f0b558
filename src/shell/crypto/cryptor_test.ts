import assert from "node:assert/strict";
import { encodeBase64, encodeCryptoHeader } from "../../core/crypto/header.ts";
import { PNConfiguration } from "../../core/config.ts";
import { MessageCryptor } from "./cryptor.ts";

const VECTOR = "toDEeIZkmIyoiLpSojGu7n3+2t1rn7/DsrEZ1r8JKR4=";

Deno.test('legacy cryptor, constant IV: the known vector of docs/protocol.md "Legacy cryptor" both ways', async () => {
  const cryptor = new MessageCryptor({ cipherKey: "myCipherKey", useRandomIVs: false });
  assert.equal(await cryptor.encrypt('{"such":"object"}'), VECTOR);
  assert.equal(await cryptor.decrypt(VECTOR), '{"such":"object"}');
  assert.deepEqual(await cryptor.decodePayload(VECTOR), { message: { such: "object" } });
  assert.equal(await cryptor.encodePayload('{"such":"object"}'), JSON.stringify(VECTOR));
});

Deno.test("legacy cryptor, random IV: base64(iv ‖ ciphertext), the IV from the injected source", async () => {
  const iv = new Uint8Array(16).map((_, i) => i + 1);
  const cryptor = new MessageCryptor({ cipherKey: "myCipherKey", randomBytes: () => iv.slice() });
  const sealed = await cryptor.encrypt("héllo ✓");
  const raw = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
  assert.deepEqual([...raw.subarray(0, 16)], [...iv]);
  assert.equal(raw.length, 32);
  assert.equal(await cryptor.decrypt(sealed), "héllo ✓");
  // Two encryptions with real random IVs differ, and both decrypt.
  const real = new MessageCryptor({ cipherKey: "k" });
  const [a, b] = [await real.encrypt("same"), await real.encrypt("same")];
  assert.notEqual(a, b);
  assert.equal(await real.decrypt(a), "same");
  assert.equal(await real.decrypt(b), "same");
});

Deno.test("ACRH cryptor: PNED header with the IV, key = sha256(cipherKey); any client decrypts it", async () => {
  const iv = new Uint8Array(16).fill(0xaa);
  const cryptor = new MessageCryptor({
    cipherKey: "myCipherKey",
    cryptor: "aes-cbc",
    randomBytes: () => iv.slice(),
  });
  const sealed = await cryptor.encrypt('{"such":"object"}');
  const raw = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
  assert.equal(new TextDecoder().decode(raw.subarray(0, 4)), "PNED");
  assert.equal(raw[4], 1);
  assert.equal(new TextDecoder().decode(raw.subarray(5, 9)), "ACRH");
  assert.equal(raw[9], 16);
  assert.deepEqual([...raw.subarray(10, 26)], [...iv]);
  assert.equal((raw.length - 26) % 16, 0);
  // Decrypting reads the header, whatever cryptor and IV mode the receiver encrypts with.
  for (
    const receiver of [
      new MessageCryptor({ cipherKey: "myCipherKey" }),
      new MessageCryptor({ cipherKey: "myCipherKey", useRandomIVs: false }),
      new MessageCryptor({ cipherKey: "myCipherKey", cryptor: "aes-cbc" }),
    ]
  ) {
    assert.equal(await receiver.decrypt(sealed), '{"such":"object"}');
  }
  // And an aes-cbc client still reads legacy payloads in its IV mode.
  const legacyReader = new MessageCryptor({
    cipherKey: "myCipherKey",
    cryptor: "aes-cbc",
    useRandomIVs: false,
  });
  assert.equal(await legacyReader.decrypt(VECTOR), '{"such":"object"}');
});

Deno.test("decrypt failures say why: wrong key, tampered, truncated, not base64, unknown header", async () => {
  const right = new MessageCryptor({ cipherKey: "right", cryptor: "aes-cbc" });
  const wrong = new MessageCryptor({ cipherKey: "wrong", cryptor: "aes-cbc" });
  const sealed = await right.encrypt(JSON.stringify({ secret: "x".repeat(40) }));

  const wrongKey = await wrong.decodePayload(sealed);
  assert.equal(wrongKey.message, sealed);
  assert.match(wrongKey.error!, /decryption failed: .*(wrong cipher key|tampered)/);

  const raw = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
  const flipped = raw.slice();
  flipped[flipped.length - 1] ^= 0x01; // last block: breaks the padding
  const tampered = await right.decodePayload(encodeBase64(flipped));
  assert.match(tampered.error!, /decryption failed/);

  const truncated = await right.decodePayload(encodeBase64(raw.subarray(0, raw.length - 3)));
  assert.match(truncated.error!, /not a positive multiple of 16/);

  assert.match((await right.decodePayload("not base64!")).error!, /not base64/);

  const unknown = encodeBase64(encodeCryptoHeader("XXXX", new Uint8Array(16), new Uint8Array(16)));
  assert.match((await right.decodePayload(unknown)).error!, /unknown cryptor "XXXX"/);

  const shortIv = encodeBase64(encodeCryptoHeader("ACRH", new Uint8Array(8), new Uint8Array(16)));
  assert.match((await right.decodePayload(shortIv)).error!, /IV is 8 bytes/);

  const legacy = new MessageCryptor({ cipherKey: "right" });
  assert.match((await legacy.decodePayload("AAAA")).error!, /too short/);
});

Deno.test("decodePayload: non-strings pass through untouched; a plain string is a decryption error", async () => {
  const cryptor = new MessageCryptor({ cipherKey: "k" });
  for (const value of [{ a: 1 }, [1, 2], 42, null, true]) {
    assert.deepEqual(await cryptor.decodePayload(value), { message: value });
  }
  const plain = await cryptor.decodePayload("hello");
  assert.equal(plain.message, "hello");
  assert.match(plain.error!, /decryption failed/);
});

Deno.test("MessageCryptor.fromConfig follows cipherKey, cryptor and useRandomIVs; refuses an empty key", async () => {
  assert.equal(
    MessageCryptor.fromConfig(new PNConfiguration({ subscribeKey: "s", userId: "u" })),
    undefined,
  );
  const config = new PNConfiguration({
    subscribeKey: "s",
    userId: "u",
    cipherKey: "myCipherKey",
    useRandomIVs: false,
  });
  assert.equal(await MessageCryptor.fromConfig(config)!.encrypt('{"such":"object"}'), VECTOR);
  assert.throws(() => new MessageCryptor({ cipherKey: "" }), TypeError);
});

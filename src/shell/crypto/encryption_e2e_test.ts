/**
 * Message encryption end to end through the local server over HTTP: publish encrypts (the
 * message, not meta; never signals), subscribe and history decrypt, and a payload that cannot be
 * decrypted is delivered with `error` and a `PNDecryptionErrorCategory` status, never dropped.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { encodeBase64 } from "../../core/crypto/header.ts";
import type { PNStatus } from "../../core/status.ts";
import type { PNMessageResult, PNSignalResult } from "../../core/subscribe/envelope.ts";
import type { PNConfigurationOptions } from "../../core/config.ts";
import { forbiddenFetch, until } from "../../testing/local_clients.ts";
import { PubNub, type PubNubOptions } from "../pubnub.ts";
import { MessageCryptor } from "./cryptor.ts";

function client(
  origin: string,
  userId: string,
  config: Partial<PNConfigurationOptions> = {},
  options: PubNubOptions = {},
): PubNub {
  return new PubNub(
    { publishKey: "demo", subscribeKey: "demo", userId, origin, ssl: false, ...config },
    options,
  );
}

/** Records what a client's listeners receive. */
function record(pubnub: PubNub) {
  const messages: PNMessageResult[] = [];
  const signals: PNSignalResult[] = [];
  const statuses: PNStatus[] = [];
  const order: string[] = [];
  pubnub.addListener({
    message: (_p, m) => {
      messages.push(m);
      order.push(`message ${m.timetoken}`);
    },
    signal: (_p, s) => signals.push(s),
    status: (_p, s) => {
      statuses.push(s);
      order.push(`status ${s.category}`);
    },
  });
  return { messages, signals, statuses, order };
}

async function connected(pubnub: PubNub, channel: string, seen: { statuses: PNStatus[] }) {
  pubnub.subscribe().channels(channel).execute();
  await until(
    () => seen.statuses.some((s) => s.category === "PNConnectedCategory"),
    "the subscribe to connect",
  );
}

for (
  const [label, config] of [
    ["legacy, random IV", { cipherKey: "secret-1" }],
    ["legacy, constant IV", { cipherKey: "secret-1", useRandomIVs: false }],
    ["aes-cbc (ACRH)", { cipherKey: "secret-1", cryptor: "aes-cbc" as const }],
  ] as const
) {
  Deno.test(`encryption (${label}): subscribers with the key read every message in order; the server holds ciphertext`, async () => {
    const server = await startServer({ port: 0, longPollSeconds: 5 });
    const alice = client(server.origin, "alice", config);
    const bob = client(server.origin, "bob", config);
    const plain = client(server.origin, "carol");
    try {
      const seen = record(alice);
      await connected(alice, "vault", seen);
      const sent = [{ n: 0, text: "héllo ✓" }, "a string", 42, [1, 2, 3], {
        n: 4,
        nested: { ok: true },
      }];
      const timetokens: string[] = [];
      for (const message of sent) {
        const { result } = await bob.publish().channel("vault").message(message).meta({ n: 1 })
          .future();
        timetokens.push(result.timetoken);
      }
      await until(() => seen.messages.length === sent.length, "every message");
      assert.deepEqual(seen.messages.map((m) => m.message), sent);
      assert.deepEqual(seen.messages.map((m) => m.timetoken), timetokens);
      assert.ok(seen.messages.every((m) => m.error === undefined));
      assert.ok(seen.messages.every((m) => (m.userMetadata as { n: number }).n === 1));
      assert.ok(!seen.statuses.some((s) => s.category === "PNDecryptionErrorCategory"));

      // History as stored: base64 strings; meta in the clear.
      const raw = await plain.fetchMessages().channels("vault").includeMeta(true).future();
      const stored = raw.result.channels.vault;
      assert.equal(stored.length, sent.length);
      for (const item of stored) {
        assert.equal(typeof item.message, "string");
        assert.match(item.message as string, /^[A-Za-z0-9+/]+=*$/);
        assert.deepEqual(item.meta, { n: 1 });
      }
      // History through a client with the key: decrypted.
      const read = await bob.fetchMessages().channels("vault").future();
      assert.deepEqual(read.result.channels.vault.map((m) => m.message), sent);
    } finally {
      await Promise.all([alice.stop(), bob.stop(), plain.stop()]);
      await server.close();
    }
  });
}

Deno.test("encryption: a wrong cipher key delivers every message with error and a PNDecryptionErrorCategory status, in order, and the loop goes on", async () => {
  const server = await startServer({ port: 0, longPollSeconds: 5 });
  const bob = client(server.origin, "bob", { cipherKey: "right", cryptor: "aes-cbc" });
  const plainBob = client(server.origin, "bob2");
  const eve = client(server.origin, "eve", { cipherKey: "wrong" });
  try {
    const seen = record(eve);
    await connected(eve, "vault", seen);
    const first = await bob.publish().channel("vault").message({ secret: 1 }).future();
    const second = await plainBob.publish().channel("vault").message({ clear: true }).future();
    const third = await bob.publish().channel("vault").message({ secret: 3 }).future();
    await until(() => seen.messages.length === 3, "three messages");
    const [m1, m2, m3] = seen.messages;
    assert.equal(m1.timetoken, first.result.timetoken);
    assert.equal(typeof m1.message, "string"); // the payload as received
    assert.match(m1.error!, /decryption failed/);
    assert.deepEqual(m2.message, { clear: true }); // not a string: not encrypted, passed through
    assert.equal(m2.error, undefined);
    assert.equal(m3.timetoken, third.result.timetoken);
    assert.match(m3.error!, /decryption failed/);
    const failures = seen.statuses.filter((s) => s.category === "PNDecryptionErrorCategory");
    assert.equal(failures.length, 2);
    assert.equal(failures[0].isError(), true);
    assert.deepEqual(failures[0].affectedChannels, ["vault"]);
    const data = failures[0].errorData as { message: string; timetoken: string; channel: string };
    assert.equal(data.timetoken, first.result.timetoken);
    assert.equal(data.channel, "vault");
    assert.match(data.message, /delivered undecrypted: decryption failed/);
    // Each failing message is followed by its status, in publish order.
    assert.deepEqual(seen.order.slice(1), [
      `message ${first.result.timetoken}`,
      "status PNDecryptionErrorCategory",
      `message ${second.result.timetoken}`,
      `message ${third.result.timetoken}`,
      "status PNDecryptionErrorCategory",
    ]);
    // The loop is still receiving.
    await plainBob.publish().channel("vault").message("after").future();
    await until(() => seen.messages.length === 4, "the message after the failures");

    // History with the wrong key: nothing dropped, each failure says why.
    const read = await eve.fetchMessages().channels("vault").future();
    const items = read.result.channels.vault as Array<{ message: unknown; error?: string }>;
    assert.equal(items.length, 4);
    assert.match(items[0].error!, /decryption failed/);
    assert.deepEqual(items[1], { ...items[1], message: { clear: true } });
    assert.equal(items[1].error, undefined);
    assert.match(items[2].error!, /decryption failed/);
    assert.match(items[3].error!, /decryption failed/); // "after" is a plain string
  } finally {
    await Promise.all([bob.stop(), plainBob.stop(), eve.stop()]);
    await server.close();
  }
});

Deno.test("encryption: tampered ciphertexts are delivered with error beside intact ones, across many responses, in order", async () => {
  const server = await startServer({ port: 0, longPollSeconds: 5 });
  const cryptor = new MessageCryptor({ cipherKey: "k", cryptor: "aes-cbc" });
  const sender = client(server.origin, "mallory"); // no key: sends payloads as given
  const alice = client(server.origin, "alice", { cipherKey: "k" });
  try {
    const seen = record(alice);
    await connected(alice, "vault", seen);
    const expected: Array<{ ok: boolean; value?: number }> = [];
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      const sealed = await cryptor.encrypt(JSON.stringify({ i }));
      const tamper = i % 3 === 1;
      let payload = sealed;
      if (tamper) {
        const bytes = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
        bytes[bytes.length - 1] ^= 0x55;
        payload = encodeBase64(bytes);
      }
      expected.push(tamper ? { ok: false } : { ok: true, value: i });
      // Sequential publishes; some land in one response, some in the next.
      pending.push(sender.publish().channel("vault").message(payload).future());
      await pending[pending.length - 1];
    }
    await until(() => seen.messages.length === 30, "thirty messages");
    const got = seen.messages.map((m) =>
      m.error === undefined ? { ok: true, value: (m.message as { i: number }).i } : { ok: false }
    );
    assert.deepEqual(got, expected);
    const timetokens = seen.messages.map((m) => BigInt(m.timetoken));
    assert.deepEqual(timetokens, [...timetokens].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    assert.equal(
      seen.statuses.filter((s) => s.category === "PNDecryptionErrorCategory").length,
      10,
    );
  } finally {
    await Promise.all([sender.stop(), alice.stop()]);
    await server.close();
  }
});

Deno.test("encryption: signals and meta stay in the clear; statuses keep their place after messages", async () => {
  const server = await startServer({ port: 0, longPollSeconds: 5 });
  const keyed = client(server.origin, "keyed", { cipherKey: "k" });
  const plain = client(server.origin, "plain");
  try {
    const seen = record(plain);
    await connected(plain, "room", seen);
    await keyed.signal().channel("room").message("typing").future();
    await keyed.publish().channel("room").message({ t: "hi" }).meta({ lang: "en" }).future();
    await until(() => seen.signals.length === 1 && seen.messages.length === 1, "signal + message");
    assert.equal(seen.signals[0].message, "typing");
    assert.equal(typeof seen.messages[0].message, "string");
    assert.deepEqual(seen.messages[0].userMetadata, { lang: "en" });

    // A keyed subscriber: the last message comes before the Disconnected status.
    const keyedSeen = record(keyed);
    await connected(keyed, "room", keyedSeen);
    const sent = await plain.publish().channel("room").message(
      await new MessageCryptor({ cipherKey: "k" }).encrypt('"last"'),
    ).future();
    await until(() => keyedSeen.messages.length === 1, "the keyed message");
    keyed.unsubscribeAll();
    await until(
      () => keyedSeen.statuses.some((s) => s.category === "PNDisconnectedCategory"),
      "disconnected",
    );
    assert.deepEqual(keyedSeen.order.slice(-2), [
      `message ${sent.result.timetoken}`,
      "status PNDisconnectedCategory",
    ]);
    assert.equal(keyedSeen.messages[0].message, "last");
  } finally {
    await Promise.all([keyed.stop(), plain.stop()]);
    await server.close();
  }
});

Deno.test("encryption: the size limit applies to the encrypted form, and nothing is sent when it is over", async () => {
  const server = await startServer({ port: 0 });
  const message = "x".repeat(100);
  const plain = client(server.origin, "p", { maxMessageSize: 140 });
  const guard = forbiddenFetch();
  const keyed = client(server.origin, "k", { maxMessageSize: 140, cipherKey: "k" }, {
    fetch: guard.fetch,
  });
  try {
    await plain.publish().channel("c").message(message).future(); // fits in the clear
    await assert.rejects(
      keyed.publish().channel("c").message(message).future(),
      (error: { status: PNStatus; message: string }) => {
        assert.equal(error.status.category, "PNValidationErrorCategory");
        return true;
      },
    );
    assert.equal(guard.calls, 0);
  } finally {
    await Promise.all([plain.stop(), keyed.stop()]);
    await server.close();
  }
});

/**
 * Interoperability with the official PubNub JavaScript SDK (npm `pubnub@12.0.3`): a message it
 * encrypts with the same cipher key decrypts here, and one encrypted here decrypts there, for
 * both of its crypto modules, through the local server (subscribe and history).
 */
import assert from "node:assert/strict";
import PubNub from "npm:pubnub@12.0.3";
import { startServer } from "../../../server.ts";
import type { PNMessageResult } from "../../core/subscribe/envelope.ts";
import { PubNub as OurPubNub } from "../pubnub.ts";
import { until } from "../../testing/local_clients.ts";

type Mode = {
  label: string;
  official: (cipherKey: string) => unknown;
  ours: { cryptor?: "legacy" | "aes-cbc"; useRandomIVs?: boolean };
};

const MODES: Mode[] = [
  {
    label: "legacy module, random IVs",
    official: (cipherKey) =>
      PubNub.CryptoModule!.legacyCryptoModule({ cipherKey, useRandomIVs: true }),
    ours: { cryptor: "legacy", useRandomIVs: true },
  },
  {
    label: "legacy module, constant IV",
    official: (cipherKey) =>
      PubNub.CryptoModule!.legacyCryptoModule({ cipherKey, useRandomIVs: false }),
    ours: { cryptor: "legacy", useRandomIVs: false },
  },
  {
    label: "aes-cbc module (ACRH)",
    official: (cipherKey) => PubNub.CryptoModule!.aesCbcCryptoModule({ cipherKey }),
    ours: { cryptor: "aes-cbc" },
  },
];

for (const mode of MODES) {
  Deno.test({
    name: `official pubnub@12 interop (${mode.label}): theirs decrypts here, ours decrypts there`,
    async fn() {
      const cipherKey = "interop-key";
      const server = await startServer({ port: 0, longPollSeconds: 5 });
      const official = new PubNub({
        publishKey: "demo",
        subscribeKey: "demo",
        userId: "official",
        origin: server.origin,
        ssl: false,
        // deno-lint-ignore no-explicit-any
        cryptoModule: mode.official(cipherKey) as any,
      });
      const ours = new OurPubNub({
        publishKey: "demo",
        subscribeKey: "demo",
        userId: "ours",
        origin: server.origin,
        ssl: false,
        cipherKey,
        ...mode.ours,
      });
      const theirMessages: PubNub.Subscription.Message[] = [];
      const theirStatuses: string[] = [];
      official.addListener({
        message: (m) => theirMessages.push(m),
        status: (s) => theirStatuses.push(String(s.category)),
      });
      const ourMessages: PNMessageResult[] = [];
      const ourStatuses: string[] = [];
      ours.addListener({
        message: (_p, m) => ourMessages.push(m),
        status: (_p, s) => ourStatuses.push(s.category),
      });
      try {
        official.subscribe({ channels: ["interop"] });
        ours.subscribe().channels("interop").execute();
        await until(
          () =>
            theirStatuses.includes("PNConnectedCategory") &&
            ourStatuses.includes("PNConnectedCategory"),
          "both clients to connect",
        );

        const fromThem = { from: "official", text: "héllo ✓", n: [1, 2, 3] };
        const fromUs = { from: "ours", text: "grüße 🔐", nested: { ok: true } };
        const theirs = await official.publish({ channel: "interop", message: fromThem });
        const mine = await ours.publish().channel("interop").message(fromUs).future();

        await until(() => ourMessages.length === 2, "our client to receive both");
        await until(() => theirMessages.length === 2, "the official client to receive both");
        // Ours decrypts theirs (and its own).
        assert.deepEqual(ourMessages.map((m) => m.message), [fromThem, fromUs]);
        assert.deepEqual(ourMessages.map((m) => m.error), [undefined, undefined]);
        assert.equal(ourMessages[0].timetoken, String(theirs.timetoken));
        // Theirs decrypts ours (and its own).
        assert.deepEqual(theirMessages.map((m) => m.message), [fromThem, fromUs]);
        assert.equal(theirMessages[1].timetoken, mine.result.timetoken);
        assert.ok(theirMessages.every((m) => (m as { error?: unknown }).error === undefined));
        assert.ok(!ourStatuses.includes("PNDecryptionErrorCategory"));

        // Both were really sent encrypted, in the same framing.
        const raw = await fetch(
          `http://${server.origin}/v3/history/sub-key/demo/channel/interop?uuid=check`,
        ).then((r) => r.json());
        const stored = raw.channels.interop.map((m: { message: unknown }) => m.message);
        assert.equal(stored.length, 2);
        for (const payload of stored) {
          assert.equal(typeof payload, "string");
          assert.equal((payload as string).startsWith("UE5FRA"), mode.ours.cryptor === "aes-cbc");
        }

        // History both ways.
        const ourHistory = await ours.fetchMessages().channels("interop").future();
        assert.deepEqual(ourHistory.result.channels.interop.map((m) => m.message), [
          fromThem,
          fromUs,
        ]);
        const theirHistory = await official.fetchMessages({ channels: ["interop"] });
        assert.deepEqual(theirHistory.channels.interop.map((m) => m.message), [fromThem, fromUs]);
      } finally {
        official.destroy();
        await ours.stop();
        await server.close();
      }
    },
  });
}

Deno.test("official pubnub@12 interop: its ACRH payload read with the wrong key is delivered here with an error", async () => {
  const server = await startServer({ port: 0, longPollSeconds: 5 });
  const official = new PubNub({
    publishKey: "demo",
    subscribeKey: "demo",
    userId: "official",
    origin: server.origin,
    ssl: false,
    cryptoModule: PubNub.CryptoModule!.aesCbcCryptoModule({ cipherKey: "theirs" }),
  });
  const ours = new OurPubNub({
    publishKey: "demo",
    subscribeKey: "demo",
    userId: "ours",
    origin: server.origin,
    ssl: false,
    cipherKey: "not-theirs",
  });
  const messages: PNMessageResult[] = [];
  const statuses: string[] = [];
  ours.addListener({
    message: (_p, m) => messages.push(m),
    status: (_p, s) => statuses.push(s.category),
  });
  try {
    ours.subscribe().channels("interop").execute();
    await until(() => statuses.includes("PNConnectedCategory"), "connect");
    await official.publish({ channel: "interop", message: { secret: true } });
    await until(() => messages.length === 1, "the message");
    assert.equal(typeof messages[0].message, "string");
    assert.match(messages[0].error!, /decryption failed/);
    await until(() => statuses.includes("PNDecryptionErrorCategory"), "the decryption status");
  } finally {
    official.destroy();
    await ours.stop();
    await server.close();
  }
});

/**
 * The `gapRestore` feature against the local server: a modular client restoring from a
 * timetoken older than the catch-up window gets the rest from storage with the feature, and
 * without it asks storage for nothing; `restoreGaps: true` without the feature is refused.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { createPubNub, gapRestore, subscribing } from "../../../modular.ts";
import { PubNubError } from "../../core/error.ts";
import { forbiddenFetch, recordingFetch, until } from "../../testing/local_clients.ts";
import { PubNub } from "../pubnub.ts";
import { SubscribeListener } from "../subscribe_listener.ts";

const keys = (origin: string, userId: string) => ({
  publishKey: "demo",
  subscribeKey: "demo",
  userId,
  origin,
  ssl: false,
});

/** 150 messages stored on "room": more than the catch-up window's 100. */
async function publishedPast(origin: string): Promise<string> {
  const publisher = new PubNub(keys(origin, "pub"));
  try {
    const before = (await publisher.time()).result.timetoken;
    for (let i = 0; i < 150; i++) {
      await publisher.publish().channel("room").message(i).future();
    }
    return String(before);
  } finally {
    await publisher.stop();
  }
}

/** Subscribes from `from` and waits until the catch-up (and any fill) was delivered. */
async function restoreFrom(
  origin: string,
  from: string,
  withFeature: boolean,
): Promise<{ delivered: number[]; histories: number }> {
  const recording = recordingFetch();
  const client = createPubNub(
    keys(origin, "sub"),
    withFeature ? [subscribing, gapRestore] : [subscribing],
    { fetch: recording.fetch },
  );
  const listener = new SubscribeListener();
  client.addListener(listener);
  try {
    client.subscribe().channels(["room"]).withTimetoken(from).execute();
    const expected = withFeature ? 150 : 100;
    await until(() => listener.messages.length >= expected, `${expected} messages`, 10_000);
    // Live again: the next long-poll went out, so nothing more is coming from the catch-up.
    await until(
      () => recording.urls.filter((u) => u.pathname.startsWith("/v2/subscribe/")).length >= 3,
      "the next long-poll",
    );
    return {
      delivered: listener.messages.map((m) => m.message as number),
      histories: recording.urls.filter((u) => u.pathname.startsWith("/v3/history/")).length,
    };
  } finally {
    await client.stop();
  }
}

Deno.test("gapRestore: a modular client restoring past the window gets the older messages from storage, all once, in order", async () => {
  const server = await startServer({ port: 0 });
  try {
    const from = await publishedPast(server.origin);
    const { delivered, histories } = await restoreFrom(server.origin, from, true);
    assert.deepEqual(delivered, [...Array(150).keys()]);
    assert.ok(histories >= 1, `${histories} history requests`);
  } finally {
    await server.close();
  }
});

Deno.test("gapRestore: without the feature the catch-up is delivered as it came and storage is never asked", async () => {
  const server = await startServer({ port: 0 });
  try {
    const from = await publishedPast(server.origin);
    const { delivered, histories } = await restoreFrom(server.origin, from, false);
    assert.deepEqual(delivered, [...Array(100).keys()].map((i) => i + 50));
    assert.equal(histories, 0);
  } finally {
    await server.close();
  }
});

Deno.test("gapRestore: restoreGaps is on with the feature, off without it, and asking for it without the feature is refused", async () => {
  const guard = forbiddenFetch();
  const base = { subscribeKey: "demo", userId: "u1" };
  assert.throws(
    () => createPubNub({ ...base, restoreGaps: true }, [subscribing], { fetch: guard.fetch }),
    (error: unknown) => {
      assert.ok(error instanceof PubNubError);
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.match(
        error.message,
        /restoreGaps true needs the gapRestore feature: createPubNub\(config, \[subscribing, gapRestore, …\]\)/,
      );
      return true;
    },
  );
  assert.throws(
    () => createPubNub(base, [gapRestore]),
    /the gapRestore feature needs the subscribing feature/,
  );
  assert.equal(guard.calls, 0);
  const without = createPubNub(base, [subscribing]);
  const withIt = createPubNub(base, [subscribing, gapRestore]);
  const off = createPubNub({ ...base, restoreGaps: false }, [subscribing, gapRestore]);
  try {
    assert.equal(without.config.restoreGaps, false);
    assert.equal(withIt.config.restoreGaps, true);
    assert.equal(off.config.restoreGaps, false);
    // The full client keeps its default.
    const full = new PubNub(base);
    assert.equal(full.config.restoreGaps, true);
    await full.stop();
  } finally {
    await Promise.all([without.stop(), withIt.stop(), off.stop()]);
  }
});

Deno.test("gapRestore with a cipher key: the messages restored from storage are decrypted, and one that cannot be is delivered as stored with its status", async () => {
  const server = await startServer({ port: 0 });
  const right = new PubNub({ ...keys(server.origin, "pub"), cipherKey: "room-key" });
  const wrong = new PubNub({ ...keys(server.origin, "pub"), cipherKey: "another-key" });
  const sub = new PubNub({ ...keys(server.origin, "sub"), cipherKey: "room-key" });
  const listener = new SubscribeListener();
  sub.addListener(listener);
  try {
    const from = String((await right.time()).result.timetoken);
    // Message 0 is among the 50 only storage gives back (the catch-up holds the last 100).
    await wrong.publish().channel("room").message(0).future();
    for (let i = 1; i < 150; i++) await right.publish().channel("room").message(i).future();
    sub.subscribe().channels(["room"]).withTimetoken(from).execute();
    await until(() => listener.messages.length >= 150, "150 messages", 10_000);
    const [first, ...rest] = listener.messages;
    assert.equal(typeof first.message, "string", "the undecryptable one is delivered as stored");
    assert.match(String((first as { error?: string }).error), /./);
    assert.deepEqual(rest.map((m) => m.message), [...Array(149).keys()].map((i) => i + 1));
    const failures = listener.statuses.filter((s) => s.category === "PNDecryptionErrorCategory");
    assert.equal(failures.length, 1);
    assert.equal((failures[0].errorData as { channel?: string }).channel, "room");
  } finally {
    await Promise.all([right.stop(), wrong.stop(), sub.stop()]);
    await server.close();
  }
});

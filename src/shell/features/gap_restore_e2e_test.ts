/**
 * The `gapRestore` feature against the local server: a modular client restoring from a
 * timetoken older than the catch-up window gets the rest from storage with the feature, and
 * without it asks storage for nothing; `restoreGaps: true` without the feature is refused.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { createPubNub, gapRestore, subscribing } from "../../../modular.ts";
import { forbiddenFetch, localClient, recordingFetch, until } from "../../testing/local_clients.ts";
import { PubNub } from "../pubnub.ts";
import { SubscribeListener } from "../subscribe_listener.ts";
import { localKeys, refused } from "./_testing.ts";

/** 150 messages stored on "room": more than the catch-up window's 100. */
async function publishedPast(origin: string): Promise<string> {
  const publisher = localClient(origin, "pub");
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

/**
 * On a fresh local server, subscribes from before {@link publishedPast}'s messages and waits
 * until the catch-up (and any fill) was delivered.
 */
async function restorePastWindow(
  withFeature: boolean,
): Promise<{ delivered: number[]; histories: number }> {
  const server = await startServer({ port: 0 });
  const recording = recordingFetch();
  const client = createPubNub(
    localKeys(server.origin, "sub"),
    withFeature ? [subscribing, gapRestore] : [subscribing],
    { fetch: recording.fetch },
  );
  const listener = new SubscribeListener();
  client.addListener(listener);
  try {
    const from = await publishedPast(server.origin);
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
    await server.close();
  }
}

Deno.test("gapRestore: a modular client restoring past the window gets the older messages from storage, all once, in order", async () => {
  const { delivered, histories } = await restorePastWindow(true);
  assert.deepEqual(delivered, [...Array(150).keys()]);
  assert.ok(histories >= 1, `${histories} history requests`);
});

Deno.test("gapRestore: without the feature the catch-up is delivered as it came and storage is never asked", async () => {
  const { delivered, histories } = await restorePastWindow(false);
  assert.deepEqual(delivered, [...Array(100).keys()].map((i) => i + 50));
  assert.equal(histories, 0);
});

Deno.test("gapRestore: restoreGaps is on with the feature, off without it, and asking for it without the feature is refused", async () => {
  const guard = forbiddenFetch();
  const base = { subscribeKey: "demo", userId: "u1" };
  refused(
    () => createPubNub({ ...base, restoreGaps: true }, [subscribing], { fetch: guard.fetch }),
    /restoreGaps true needs the gapRestore feature: createPubNub\(config, \[subscribing, gapRestore, …\]\)/,
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
  const right = localClient(server.origin, "pub", { cipherKey: "room-key" });
  const wrong = localClient(server.origin, "pub", { cipherKey: "another-key" });
  const sub = localClient(server.origin, "sub", { cipherKey: "room-key" });
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

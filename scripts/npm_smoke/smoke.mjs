// Node smoke test of the built npm package, run by scripts/build_npm.ts:
//
//   node smoke.mjs <sdk specifier> <server specifier>
//
// (file URLs of npm/mod.js and npm/server.js, or "@pubnub-ts/pubsub" and
// "@pubnub-ts/pubsub/server" from a project that installed the tarball).
//
// Starts the local server on a free port, connects two clients, publishes from one and receives on
// the other, then stops everything and prints `smoke: done`. It sets no exit code and never calls
// process.exit on success: the process must end by itself because nothing holds the event loop.
// The build script kills it and fails if it has not exited a few seconds after `smoke: done`.
import assert from "node:assert/strict";
import process from "node:process";

const [sdkSpecifier, serverSpecifier] = process.argv.slice(2);
if (!sdkSpecifier || !serverSpecifier) {
  console.error("usage: node smoke.mjs <sdk specifier> <server specifier>");
  process.exit(2);
}

// A stuck step must fail with a message, not hang; unref() so this timer never holds the process.
const watchdog = setTimeout(() => {
  console.error("smoke: FAILED: timed out waiting for the round trip");
  process.exit(1);
}, 15_000);
watchdog.unref();

const sdk = await import(sdkSpecifier);
const { startServer } = await import(serverSpecifier);
assert.equal(typeof sdk.PubNub, "function", "the SDK entry exports PubNub");
assert.equal(typeof sdk.SubscribeListener, "function", "the SDK entry exports SubscribeListener");
assert.equal(typeof startServer, "function", "the server entry exports startServer");
assert.equal(typeof globalThis.Deno, "undefined", "running under Node, not Deno");

const server = await startServer({ hostname: "127.0.0.1", port: 0 });
console.log(`smoke: server listening on ${server.url}`);

const common = { publishKey: "demo", subscribeKey: "demo", origin: server.origin, ssl: false };
const alice = new sdk.PubNub({ ...common, userId: "alice" });
const bob = new sdk.PubNub({ ...common, userId: "bob" });
try {
  const time = await alice.time().future();
  assert.match(time.result.timetoken, /^\d{17}$/, "time() returns a 17-digit timetoken");

  const listener = new sdk.SubscribeListener();
  bob.addListener(listener);
  bob.subscribe().channels(["smoke"]).execute();
  await listener.waitForConnect();
  console.log("smoke: bob connected");

  const payload = { text: "hello from node", n: 1, nested: { ok: true } };
  const published = await alice.publish().channel("smoke").message(payload).future();
  assert.match(published.result.timetoken, /^\d{17}$/, "publish returns a 17-digit timetoken");
  assert.equal(published.status.isError(), false);

  const received = await listener.waitForMessageOn("smoke");
  assert.deepEqual(received.message, payload);
  assert.equal(received.channel, "smoke");
  assert.equal(received.publisher, "alice");
  assert.equal(received.timetoken, published.result.timetoken);
  console.log(`smoke: bob received ${JSON.stringify(received.message)} at ${received.timetoken}`);

  // A validation error is refused before anything is sent, with a PubNubError.
  await assert.rejects(
    alice.publish().channel("").message("x").future(),
    (error) => error instanceof sdk.PubNubError,
  );
} finally {
  await alice.stop();
  await bob.stop();
  await server.close();
}
clearTimeout(watchdog);
console.log(`smoke: done at ${Date.now()}`);

// Node smoke test of the built npm package, run by scripts/build_npm.ts:
//
//   node smoke.mjs <sdk specifier> <server specifier> <testing specifier>
//
// (file URLs of npm/mod.js, npm/server.js and npm/testing.js, or "@pubnub-ts/pubsub",
// "@pubnub-ts/pubsub/server" and "@pubnub-ts/pubsub/testing" from a project that installed the
// tarball).
//
// Starts the local server on a free port, connects two clients, publishes from one and receives on
// the other; then drives a client against the ./testing entry's scripted server (set answers, a
// manual clock, until); then stops everything and prints `smoke: done`. It sets no exit code and never calls
// process.exit on success: the process must end by itself because nothing holds the event loop.
// The build script kills it and fails if it has not exited a few seconds after `smoke: done`.
import assert from "node:assert/strict";
import process from "node:process";

const [sdkSpecifier, serverSpecifier, testingSpecifier] = process.argv.slice(2);
if (!sdkSpecifier || !serverSpecifier || !testingSpecifier) {
  console.error("usage: node smoke.mjs <sdk specifier> <server specifier> <testing specifier>");
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
const testing = await import(testingSpecifier);
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

// The ./testing entry under Node: a scripted server answers each request with the body the test
// set (here an error, then a success), records what it received; until() waits on it, and the
// client runs on a ManualClock whose timers fire only when the test advances it.
const scripted = await testing.startScriptedServer((_request, index) =>
  index === 0
    ? {
      status: 400,
      body: '{"status":400,"error":true,"service":"Access Manager","message":"Invalid Key"}',
    }
    : { status: 200, body: '[1,"Sent","17000000000000001"]' }
);
const clock = new testing.ManualClock();
const carol = new sdk.PubNub({ ...common, origin: scripted.origin, userId: "carol" }, { clock });
try {
  await assert.rejects(
    carol.publish().channel("scripted").message("x").future(),
    (error) => error instanceof sdk.PubNubError && error.status.statusCode === 400,
  );
  const sent = await carol.publish().channel("scripted").message({ n: 2 }).future();
  assert.equal(
    sent.result.timetoken,
    "17000000000000001",
    "the scripted answer is what the client read",
  );
  await testing.until(
    () => scripted.requests.length === 2,
    "the scripted server's two requests",
    5_000,
  );
  assert.match(scripted.requests[1].path, /^\/publish\/demo\/demo\/0\/scripted\/0\//);
  assert.equal(scripted.requests[1].query.get("uuid"), "carol");
  let fired = 0;
  clock.setTimeout(() => fired++, 1_000);
  await clock.advance(999);
  assert.equal(fired, 0, "a manual clock's timer waits for the test");
  await clock.advance(1);
  assert.equal(fired, 1, "and fires when the test advances the clock to it");
  console.log(
    `smoke: the testing entry's scripted server answered ${scripted.requests.length} requests`,
  );
} finally {
  await carol.stop();
  await scripted.close();
}
clearTimeout(watchdog);
console.log(`smoke: done at ${Date.now()}`);

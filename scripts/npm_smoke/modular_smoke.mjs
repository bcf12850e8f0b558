// Node smoke test of the built package's modular entry, run by scripts/build_npm.ts:
//
//   node modular_smoke.mjs <modular specifier> <server specifier>
//
// (file URLs of npm/modular.js and npm/server.js, or "@pubnub-ts/pubsub/modular" and
// "@pubnub-ts/pubsub/server" from a project that installed the tarball).
//
// Starts the local server, then a chat app made of five features (subscribe with presence,
// listeners, publish, signal, hereNow, fetchMessages) and a publish-only app, and checks each
// round trip; stops everything and prints `smoke: done`. Like smoke.mjs it never calls
// process.exit on success: the process must end by itself.
import assert from "node:assert/strict";
import process from "node:process";

const [modularSpecifier, serverSpecifier] = process.argv.slice(2);
if (!modularSpecifier || !serverSpecifier) {
  console.error("usage: node modular_smoke.mjs <modular specifier> <server specifier>");
  process.exit(2);
}

const watchdog = setTimeout(() => {
  console.error("smoke: FAILED: timed out waiting for the modular round trips");
  process.exit(1);
}, 15_000);
watchdog.unref();

const modular = await import(modularSpecifier);
const { startServer } = await import(serverSpecifier);
for (
  const name of ["createPubNub", "publishing", "signals", "subscribing", "presence", "history"]
) {
  assert.ok(modular[name], `the modular entry exports ${name}`);
}
const { createPubNub, history, presence, publishing, signals, subscribing } = modular;

/** Resolves once `condition()` holds; rejects after `ms`. */
async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const server = await startServer({ hostname: "127.0.0.1", port: 0 });
const common = { publishKey: "demo", subscribeKey: "demo", origin: server.origin, ssl: false };
const chat = createPubNub({ ...common, userId: "bob" }, [
  publishing,
  signals,
  subscribing,
  presence,
  history,
]);
const publisher = createPubNub({ ...common, userId: "alice" }, [publishing]);
try {
  const heard = { statuses: [], messages: [], signals: [], presence: [] };
  chat.addListener({
    status: (_c, s) => heard.statuses.push(s.category),
    message: (_c, m) => heard.messages.push(m),
    signal: (_c, s) => heard.signals.push(s),
    presence: (_c, p) => heard.presence.push(p),
  });
  chat.subscribe().channels(["room"]).withPresence().execute();
  await until(() => heard.statuses.includes("PNConnectedCategory"), "the chat app's connect");
  await until(() => heard.presence.some((p) => p.event === "join" && p.uuid === "bob"), "a join");
  console.log("smoke: modular chat app connected");

  const mine = await chat.publish().channel("room").message({ text: "from bob" });
  assert.match(mine.result.timetoken, /^\d{17}$/);
  const theirs = await publisher.publish().channel("room").message({ text: "from alice" });
  assert.match(theirs.result.timetoken, /^\d{17}$/);
  assert.equal(publisher.subscribe, undefined, "a publish-only client has no subscribe");
  await until(() => heard.messages.length === 2, "both messages");
  assert.deepEqual(heard.messages.map((m) => [m.publisher, m.message]), [
    ["bob", { text: "from bob" }],
    ["alice", { text: "from alice" }],
  ]);

  await chat.signal().channel("room").message("typing");
  await until(() => heard.signals.length === 1, "the signal");
  const here = await chat.hereNow().channels(["room"]).includeUuids(true);
  assert.deepEqual(here.result.channels.room.occupants.map((o) => o.uuid), ["bob"]);
  const fetched = await chat.fetchMessages().channels(["room"]).count(10);
  assert.deepEqual(fetched.result.channels.room.map((m) => m.message), [
    { text: "from bob" },
    { text: "from alice" },
  ]);
  console.log("smoke: modular publish, signal, hereNow and fetchMessages round trips passed");
} finally {
  await chat.stop();
  await publisher.stop();
  await server.close();
}
clearTimeout(watchdog);
console.log(`smoke: done at ${Date.now()}`);

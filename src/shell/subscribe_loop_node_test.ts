/**
 * A long subscribe under Node, where the npm package runs. The subscribe loop hands one abort
 * signal from each finished long-poll to the next, and the transport leaves its abort listener
 * on that signal between polls: over thousands of polls a listener added and never removed would
 * make Node print its listener-leak warning (past ten on one signal), and a link left on the
 * wrong request would cancel it or lose its messages.
 */
import assert from "node:assert/strict";
import { runUnderNode } from "../testing/node_runner.ts";

const POLLS = 3_000;
const CHANGE_EVERY = 50;

const ROOT = new URL("../../", import.meta.url).pathname;

// A node:http server whose answer to a long-poll depends only on its cursor: from timetoken
// 17…n comes message n + 1 (on the first channel asked for) and the cursor 17…(n + 1), so a poll
// cancelled and sent again brings the same message, and any loss shows as a gap.
const SCRIPT = `
import process from "node:process";
import { createServer } from "node:http";
import { PubNub } from "${ROOT}mod.ts";

const warnings = [];
process.on("warning", (warning) => warnings.push(warning.name + ": " + warning.message));
const BASE = 17000000000000000n;
let heartbeats = 0;
const server = createServer((request, response) => {
  const url = request.url ?? "";
  response.setHeader("content-type", 'text/javascript; charset="UTF-8"');
  if (url.includes("/heartbeat")) {
    heartbeats++;
    return response.end('{"status":200,"message":"OK","service":"Presence"}');
  }
  if (url.includes("/publish/")) return response.end('[1,"Sent","17000000000000000"]');
  if (!url.includes("/v2/subscribe/")) {
    return response.end('{"status":200,"message":"OK","action":"leave","service":"Presence"}');
  }
  const tt = new URL(url, "http://x").searchParams.get("tt");
  if (tt === null) return response.end('{"t":{"t":"' + BASE + '","r":1},"m":[]}');
  const n = BigInt(tt) - BASE + 1n;
  const channel = decodeURIComponent(url.split("/")[4]).split(",")[0];
  response.end('{"t":{"t":"' + (BASE + n) + '","r":1},"m":[{"a":"1","f":0,"i":"p","p":{"t":"' +
    (BASE + n) + '","r":1},"k":"s","c":"' + channel + '","d":' + n + '}]}');
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
const { port } = server.address();
const pubnub = new PubNub({
  subscribeKey: "s", publishKey: "p", userId: "u", origin: "127.0.0.1:" + port, ssl: false,
  heartbeatInterval: 30,
});
const heard = [];
let current = 0;
let appCalls = 0;
const appFailures = [];
pubnub.addListener({
  message: (_client, m) => {
    heard.push(m.message);
    if (m.message % ${CHANGE_EVERY} !== 0) return;
    // A channel change (a cancelled poll, a heartbeat, a cancelled heartbeat wait) and an app
    // call with its own signal, aborted once it is answered.
    pubnub.subscribe().channels(["c" + (current + 1)]).execute();
    pubnub.unsubscribe().channels(["c" + current]).execute();
    current++;
    const app = new AbortController();
    pubnub.publish().channel("x").message(1).abortSignal(app.signal).future()
      .then(() => appCalls++, (error) => appFailures.push(String(error)))
      .finally(() => app.abort());
  },
});
pubnub.subscribe().channels(["c0"]).execute();
const deadline = Date.now() + 60_000;
while (heard.length < ${POLLS} && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await pubnub.stop();
server.close();
server.closeAllConnections();
const gaps = heard.filter((n, i) => n !== i + 1).slice(0, 3);
console.log(JSON.stringify({ heard: heard.length, gaps, heartbeats, appCalls, appFailures, warnings }));
`;

Deno.test(`under Node, ${POLLS} long-polls on one loop, changing channels every ${CHANGE_EVERY} with heartbeats and app calls with their own signals, lose nothing and print no leak warning`, async () => {
  const node = await runUnderNode(SCRIPT);
  assert.equal(node.code, 0, node.stderr);
  const result = JSON.parse(node.stdout.trim().split("\n").at(-1)!);
  const changes = Math.floor(POLLS / CHANGE_EVERY);
  assert.ok(result.heard >= POLLS, `${result.heard} messages delivered, ${POLLS} wanted`);
  assert.deepEqual(result.gaps, [], "in order, none lost, none twice");
  assert.ok(result.heartbeats >= changes, `a heartbeat per change: ${result.heartbeats}`);
  assert.ok(result.appCalls >= changes - 1, `${result.appCalls} app calls answered`);
  assert.deepEqual(result.appFailures, []);
  assert.deepEqual(result.warnings, []);
  assert.doesNotMatch(node.stderr, /MaxListenersExceededWarning/);
});

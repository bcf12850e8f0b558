/**
 * Heartbeats under Node, where the npm package runs: nothing cancels a heartbeat, and a request
 * sent with a signal adds an abort listener to it. Heartbeats all got the same never-aborted
 * signal, so a dozen in flight at once (an app subscribing channel by channel) made Node print
 * its listener-leak warning.
 */
import assert from "node:assert/strict";
import { runUnderNode } from "../testing/node_runner.ts";

const CHANNELS = 15;

// The script Node runs: a node:http server slow to answer heartbeats, and one client that
// subscribes to its channels one by one (a heartbeat for each change).
const SCRIPT = `
import { createServer } from "node:http";
import { PubNub } from "${new URL("../../mod.ts", import.meta.url).href}";

let heartbeats = 0;
const server = createServer((request, response) => {
  const url = request.url ?? "";
  response.setHeader("content-type", 'text/javascript; charset="UTF-8"');
  if (url.includes("/heartbeat")) {
    heartbeats++;
    setTimeout(() => response.end('{"status":200,"message":"OK","service":"Presence"}'), 300);
  } else if (url.includes("/v2/subscribe/") && url.includes("tt=")) {
    setTimeout(() => response.end('{"t":{"t":"17000000000000001","r":1},"m":[]}'), 1000);
  } else if (url.includes("/v2/subscribe/")) {
    response.end('{"t":{"t":"17000000000000000","r":1},"m":[]}');
  } else {
    response.end('{"status":200,"message":"OK","action":"leave","service":"Presence"}');
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
const { port } = server.address() as { port: number };
const pubnub = new PubNub({
  subscribeKey: "s", publishKey: "p", userId: "u", origin: "127.0.0.1:" + port, ssl: false,
  heartbeatInterval: 30,
});
for (let i = 0; i < ${CHANNELS}; i++) pubnub.subscribe().channels(["c" + i]).execute();
while (heartbeats < ${CHANNELS}) await new Promise((resolve) => setTimeout(resolve, 10));
console.log("heartbeats " + heartbeats);
await pubnub.stop();
server.close();
server.closeAllConnections();
`;

Deno.test(`under Node, ${CHANNELS} heartbeats in flight at once print no listener-leak warning`, async () => {
  const node = await runUnderNode(SCRIPT);
  assert.equal(node.code, 0, node.stderr);
  assert.equal(node.stdout.trim(), `heartbeats ${CHANNELS}`);
  assert.doesNotMatch(node.stderr, /MaxListenersExceededWarning/);
});

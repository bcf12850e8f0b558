/**
 * Decrypted messages under Node, where the npm package runs: Node keeps the `__proto__` setter
 * that Deno removes, so a copy made with `Object.assign` from an envelope that `JSON.parse` gave
 * an own `__proto__` key changes the copy's prototype instead of copying a field. The copy then
 * inherits fields the envelope never had, unchecked by the parser (its type, its publisher).
 */
import assert from "node:assert/strict";
import { runUnderNode } from "../testing/node_runner.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

// A node:http server: a handshake, then one encrypted message whose envelope carries a
// `__proto__` key (written into the JSON text, as a server could send it), then nothing.
const SCRIPT = `
import { createServer } from "node:http";
import { PubNub } from "${ROOT}mod.ts";
import { PNConfiguration } from "${ROOT}src/core/config.ts";
import { MessageCryptor } from "${ROOT}src/shell/crypto/cryptor.ts";

const cipherKey = "secret";
const cryptor = MessageCryptor.fromConfig(
  new PNConfiguration({ subscribeKey: "s", userId: "u", cipherKey }),
);
const d = await cryptor.encodePayload('{"such":"object"}');
const envelope = '{"a":"1","f":0,"p":{"t":"17000000000000002","r":1},"k":"s","c":"ch","d":' + d +
  ',"__proto__":{"e":1,"i":42,"u":{"forged":true}}}';
let receives = 0;
const server = createServer((request, response) => {
  const url = request.url ?? "";
  response.setHeader("content-type", 'text/javascript; charset="UTF-8"');
  if (!url.includes("/v2/subscribe/")) return response.end("{}");
  if (!url.includes("tt=")) return response.end('{"t":{"t":"17000000000000001","r":1},"m":[]}');
  if (receives++ === 0) {
    return response.end('{"t":{"t":"17000000000000002","r":1},"m":[' + envelope + ']}');
  }
  request.on("close", () => response.end());
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
const { port } = server.address();
const pubnub = new PubNub({
  subscribeKey: "s", userId: "u", origin: "127.0.0.1:" + port, ssl: false, cipherKey,
});
const heard = [];
pubnub.addListener({
  message: (_client, m) => heard.push({ kind: "message", message: m.message, publisher: m.publisher, meta: m.userMetadata }),
  signal: (_client, s) => heard.push({ kind: "signal", message: s.message, publisher: s.publisher }),
});
pubnub.subscribe().channels(["ch"]).execute();
while (receives < 2) await new Promise((resolve) => setTimeout(resolve, 10));
console.log(JSON.stringify(heard));
await pubnub.stop();
server.close();
server.closeAllConnections();
`;

Deno.test("under Node, a decrypted message whose envelope carries a __proto__ key is read from its own fields, not from that key", async () => {
  const node = await runUnderNode(SCRIPT);
  assert.equal(node.code, 0, node.stderr);
  const heard = JSON.parse(node.stdout.trim().split("\n").at(-1)!);
  // The envelope has no `e`, `i` or `u` of its own: a message, with no publisher and no meta.
  assert.deepEqual(heard, [{ kind: "message", message: { such: "object" } }]);
});

import assert from "node:assert/strict";
import { PubNub } from "./pubnub.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";

Deno.test("pnsdk names the SDK with the package version from deno.json", async () => {
  // Read independently of the SDK's own import: a second literal would drift from this.
  const { version } = JSON.parse(
    await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
  );
  assert.match(version, /^\d+\.\d+\.\d+/);
  const server = await startScriptedServer(() => ({ status: 200, body: "[17000000000000000]" }));
  const pubnub = new PubNub({
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
  });
  try {
    await pubnub.time().future();
  } finally {
    await pubnub.stop();
    await server.close();
  }
  assert.equal(server.requests.length, 1);
  assert.equal(server.requests[0].query.get("pnsdk"), `PubNub-TS/${version}`);
});

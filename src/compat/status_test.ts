// Status events the official SDK never announces stay unannounced on ./compat.
import assert from "node:assert/strict";
import PubNub from "../../compat.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { until } from "../testing/until.ts";
import { Inbox } from "./suite/inbox.ts";
import type { Status, StatusEvent } from "./types.ts";

const HANDSHAKE = '{"t":{"t":"17000000000000000","r":1},"m":[]}';

Deno.test("a leave the service refuses is not announced as a status, as the official SDK never announces it", async () => {
  const server = await startScriptedServer((request, index) =>
    request.path.endsWith("/leave")
      ? { status: 500, body: '{"status":500,"error":true,"message":"Internal Server Error"}' }
      : request.path.startsWith("/time/")
      ? { status: 200, body: "[17000000000000001]" }
      : index === 0
      ? { status: 200, body: HANDSHAKE }
      : { fault: "hang" }
  );
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "alice",
    origin: server.origin,
    ssl: false,
  });
  const statuses = new Inbox<Status | StatusEvent>();
  pubnub.addListener({ status: (s) => statuses.push(s) });
  try {
    pubnub.subscribe({ channels: ["room"] });
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    pubnub.unsubscribeAll();
    await until(() => server.requests.some((r) => r.path.endsWith("/leave")), "the leave");
    // A call sent after the refused leave comes back after it.
    await pubnub.time();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(statuses.seen.map((s) => s.category), [
      "PNConnectedCategory",
      "PNDisconnectedCategory",
    ]);
  } finally {
    pubnub.destroy();
    await server.close();
  }
});

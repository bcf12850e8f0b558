// Status events the official SDK never announces stay unannounced on ./compat.
import assert from "node:assert/strict";
import PubNub from "../../compat.ts";
import { startServer } from "../../server.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { until } from "../testing/until.ts";
import { Inbox } from "./suite/inbox.ts";
import type { MessageEvent, Status, StatusEvent } from "./types.ts";

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

Deno.test("a message that cannot be decrypted arrives with its error and no error status, as on the official SDK", async () => {
  const server = await startServer({ port: 0, longPollSeconds: 5 });
  const make = (userId: string, cipherKey?: string) =>
    new PubNub({
      publishKey: "demo",
      subscribeKey: "demo",
      userId,
      origin: server.origin,
      ssl: false,
      cipherKey,
    });
  const reader = make("reader", "key");
  const plain = make("plain");
  const writer = make("writer", "key");
  const statuses = new Inbox<Status | StatusEvent>();
  const messages = new Inbox<MessageEvent>();
  reader.addListener({ status: (s) => statuses.push(s), message: (m) => messages.push(m) });
  try {
    reader.subscribe({ channels: ["room"] });
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    await plain.publish({ channel: "room", message: "not encrypted" });
    await writer.publish({ channel: "room", message: "encrypted" });
    await messages.next((m) => m.message === "encrypted", "the encrypted message");
    const [undecryptable] = messages.seen;
    assert.equal(undecryptable.message, "not encrypted");
    assert.match(String((undecryptable as { error?: string }).error), /decrypt/);
    assert.deepEqual(statuses.seen.filter((s) => "error" in s && s.error), []);
  } finally {
    for (const c of [reader, plain, writer]) c.destroy();
    await server.close();
  }
});

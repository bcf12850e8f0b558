// The access policy over the storage and message-action endpoints, by raw HTTP, and a signed
// DELETE from the official SDK (signatures carry the request's method).
import assert from "node:assert/strict";
import OfficialPubNub from "npm:pubnub@12.0.3";
import type { AccessPolicy } from "../../../server.ts";
import { startTestServer, storeTests } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

const POLICY: AccessPolicy = {
  grants: [
    { authKey: "reader", read: ["chat"] },
    { authKey: "writer", read: ["chat"], write: ["chat"] },
    { authKey: "moderator", delete: ["chat"] },
  ],
};

test("access: storage calls read, adding an action writes, deleting needs delete", async () => {
  const server = await startTestServer({ port: 0, access: POLICY });
  const call = async (path: string, auth: string, init?: RequestInit) => {
    const separator = path.includes("?") ? "&" : "?";
    const reply = await fetch(`${server.url}${path}${separator}auth=${auth}&uuid=u`, init);
    return { status: reply.status, body: await reply.json() };
  };
  try {
    const mt = (await call("/publish/demo/demo/0/chat/0/1", "writer")).body[2];
    const reads = [
      "/v2/history/sub-key/demo/channel/chat",
      "/v3/history/sub-key/demo/message-counts/chat?timetoken=0",
      "/v3/history-with-actions/sub-key/demo/channel/chat",
      "/v1/message-actions/demo/channel/chat",
    ];
    for (const path of reads) {
      assert.equal((await call(path, "reader")).status, 200, path);
      const denied = await call(path, "moderator");
      assert.equal(denied.status, 403, path);
      assert.deepEqual(denied.body.payload, { channels: ["chat"] });
    }
    const addAction = (auth: string) =>
      call(`/v1/message-actions/demo/channel/chat/message/${mt}`, auth, {
        method: "POST",
        body: JSON.stringify({ type: "reaction", value: auth }),
      });
    assert.equal((await addAction("reader")).status, 403);
    const added = await addAction("writer");
    assert.equal(added.status, 200);
    const at = added.body.data.actionTimetoken;
    const remove = (auth: string) =>
      call(`/v1/message-actions/demo/channel/chat/message/${mt}/action/${at}`, auth, {
        method: "DELETE",
      });
    assert.equal((await remove("writer")).status, 403);
    assert.equal((await remove("moderator")).status, 200);
    const del = (auth: string) =>
      call("/v3/history/sub-key/demo/channel/chat", auth, { method: "DELETE" });
    assert.equal((await del("writer")).status, 403);
    assert.equal((await del("moderator")).status, 200);
  } finally {
    await server.close();
  }
});

test("access: the official SDK's signed deleteMessages is verified with DELETE", async () => {
  const server = await startTestServer({
    port: 0,
    keys: { publishKey: "pub-k", subscribeKey: "sub-k" },
    access: { secretKey: "sec-k", requireSignature: true },
  });
  const pubnub = new OfficialPubNub({
    publishKey: "pub-k",
    subscribeKey: "sub-k",
    secretKey: "sec-k",
    userId: "admin",
    origin: server.origin,
    ssl: false,
  });
  try {
    const { timetoken } = await pubnub.publish({ channel: "c", message: "bye" });
    await pubnub.deleteMessages({ channel: "c" });
    const counts = await pubnub.messageCounts({ channels: ["c"], timetoken: "1" });
    assert.deepEqual(counts.channels, { c: 0 });
    assert.ok(BigInt(timetoken) > 0n);
    const unsigned = await fetch(`${server.url}/v3/history/sub-key/sub-k/channel/c`, {
      method: "DELETE",
    });
    assert.equal(unsigned.status, 403);
    await unsigned.body?.cancel();
  } finally {
    pubnub.destroy();
    await server.close();
  }
});

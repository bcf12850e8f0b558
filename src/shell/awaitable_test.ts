import assert from "node:assert/strict";
import { PubNub } from "./pubnub.ts";
import { PubNubError } from "../core/error.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { localClient } from "../testing/local_clients.ts";
import { startServer } from "../../server.ts";

const SENT = '[1,"Sent","17000000000000000"]';

async function withServer(run: (pubnub: PubNub) => Promise<void>) {
  const server = await startScriptedServer((request) =>
    request.path.startsWith("/time")
      ? { status: 200, body: "[17000000000000001]" }
      : { status: 200, body: SENT }
  );
  const pubnub = new PubNub({
    publishKey: "pub",
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
  });
  try {
    await run(pubnub);
  } finally {
    await pubnub.stop();
    await server.close();
  }
  return server.requests;
}

Deno.test("awaiting a publish builder sends it once and resolves with its envelope", async () => {
  const requests = await withServer(async (pubnub) => {
    const { result, status } = await pubnub.publish().channel("a").message({ text: "hi" });
    assert.equal(result.timetoken, "17000000000000000");
    assert.equal(status.category, "PNAcknowledgmentCategory");
  });
  assert.equal(requests.length, 1);
  assert.match(requests[0].path, /^\/publish\/pub\/sub\/0\/a\/0\//);
});

Deno.test("awaiting a builder twice, or after .future(), does not send it again", async () => {
  const requests = await withServer(async (pubnub) => {
    const twice = pubnub.publish().channel("a").message(1);
    const first = await twice;
    const second = await twice;
    assert.equal(first, second, "the same envelope both times");

    const both = pubnub.signal().channel("a").message(2);
    const viaFuture = await both.future();
    assert.equal(await both, viaFuture);
    assert.equal(await both.future(), viaFuture);

    const time = pubnub.time();
    const [x, y] = await Promise.all([time, time.future()]);
    assert.equal(x, y);
  });
  assert.deepEqual(
    requests.map((r) => r.path.split("/")[1]),
    ["publish", "signal", "time"],
  );
});

Deno.test("a builder that is never awaited nor .future()'d sends nothing", async () => {
  const requests = await withServer(async (pubnub) => {
    pubnub.publish().channel("a").message("forgotten");
    await pubnub.time();
  });
  assert.deepEqual(requests.map((r) => r.path.split("/")[1]), ["time"]);
});

Deno.test("awaiting a builder with bad input rejects with a validation error, nothing sent", async () => {
  const requests = await withServer(async (pubnub) => {
    const error = await pubnub.publish().channel("").message(1).then(
      () => assert.fail("an empty channel was accepted"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PubNubError);
    assert.equal(error.status.category, "PNValidationErrorCategory");
  });
  assert.equal(requests.length, 0);
});

Deno.test("other builders are awaitable too: here-now, channel groups, history", async () => {
  const server = await startScriptedServer((request) => {
    if (request.path.includes("/channel-registration/")) {
      return {
        status: 200,
        body:
          '{"status":200,"payload":{"channels":["a"],"group":"g"},"service":"cg","error":false}',
      };
    }
    if (request.path.startsWith("/v3/history")) {
      return { status: 200, body: '{"status":200,"error":false,"channels":{"a":[]}}' };
    }
    return {
      status: 200,
      body: '{"status":200,"message":"OK","occupancy":0,"uuids":[],"service":"Presence"}',
    };
  });
  const pubnub = new PubNub({
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
  });
  try {
    const group = await pubnub.listChannelsForChannelGroup().channelGroup("g");
    assert.deepEqual(group.result.channels, ["a"]);
    const history = await pubnub.fetchMessages().channels(["a"]);
    assert.deepEqual(history.result.channels, { a: [] });
    const here = await pubnub.hereNow().channels(["a"]);
    assert.equal(here.result.totalOccupancy, 0);
    assert.equal(server.requests.length, 3);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("a decrypting builder awaited twice decrypts once (history and fetchMessages)", async () => {
  const server = await startServer({ port: 0 });
  const pubnub = localClient(server.origin, "u1", { cipherKey: "await-twice-key" });
  try {
    // A string: decrypting it a second time would try to decrypt the plaintext.
    await pubnub.publish().channel("secret").message("hidden text");
    const history = pubnub.history().channel("secret");
    const first = await history;
    const again = await history;
    assert.deepEqual(first.result.messages.map((m) => m.entry), ["hidden text"]);
    assert.equal(again, first);
    assert.equal(again.result.messages[0].error, undefined, "not decrypted a second time");
    const fetch = pubnub.fetchMessages().channels(["secret"]);
    await fetch;
    const fetched = await fetch;
    assert.deepEqual(fetched.result.channels.secret?.map((m) => m.message), ["hidden text"]);
    assert.equal(fetched.result.channels.secret?.[0].error, undefined);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

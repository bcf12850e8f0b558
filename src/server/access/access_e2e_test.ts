/**
 * Access denial and request signing over real HTTP on loopback: the local server enforces an
 * access policy with the service's 403 bodies, and the SDK surfaces them — publish rejects with
 * `PNAccessDeniedCategory` and the denied channels, subscribe emits a `PNAccessDeniedCategory`
 * status and does not retry.
 */
import assert from "node:assert/strict";
import OfficialPubNub from "npm:pubnub@12.0.3";
import type { AccessPolicy } from "../../../server.ts";
import type { PNConfigurationOptions } from "../../core/config.ts";
import type { PubNubError } from "../../core/error.ts";
import type { PNStatus } from "../../core/status.ts";
import type { PNMessageResult } from "../../core/subscribe/envelope.ts";
import { PubNub, type PubNubOptions } from "../../shell/pubnub.ts";
import { systemClock } from "../../shell/clock.ts";
import { recordingFetch, until } from "../../testing/local_clients.ts";
import { startTestServer, storeTests } from "../store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

function client(
  origin: string,
  userId: string,
  config: Partial<PNConfigurationOptions> = {},
  options: PubNubOptions = {},
): PubNub {
  return new PubNub(
    { publishKey: "demo", subscribeKey: "demo", userId, origin, ssl: false, ...config },
    options,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function failure(promise: Promise<unknown>): Promise<PubNubError> {
  return await promise.then(
    () => assert.fail("the call should have been refused"),
    (error: PubNubError) => error,
  );
}

const FORBIDDEN = { message: "Forbidden", error: true, service: "Access Manager", status: 403 };

const GRANTS: AccessPolicy = {
  grants: [
    { authKey: "reader", read: ["news", "chat.*"], groups: ["feeds"] },
    { authKey: "writer", write: ["news", "chat.*"] },
    { authKey: "admin", read: ["*"], write: ["*"], groups: ["*"], manage: ["*"] },
    { authKey: "stale", read: ["*"], write: ["*"], expires: Date.now() - 1000 },
  ],
};

test("access: the server answers violations with the service's exact 403 bodies", async () => {
  const server = await startTestServer({ port: 0, access: GRANTS });
  const get = async (path: string) => {
    const reply = await fetch(`${server.url}${path}`);
    return { status: reply.status, body: await reply.json() };
  };
  try {
    assert.deepEqual(await get("/publish/demo/demo/0/news/0/%221%22?auth=reader&uuid=u"), {
      status: 403,
      body: { ...FORBIDDEN, payload: { channels: ["news"] } },
    });
    assert.deepEqual(
      await get("/v2/subscribe/demo/news,secret/0?auth=reader&uuid=u&channel-group=feeds,ops"),
      {
        status: 403,
        body: { ...FORBIDDEN, payload: { channels: ["secret"], "channel-groups": ["ops"] } },
      },
    );
    assert.deepEqual(
      (await get("/v1/channel-registration/sub-key/demo/channel-group/g?add=a&auth=writer")).body
        .payload,
      { channels: ["a"], "channel-groups": ["g"] },
    );
    assert.equal((await get("/publish/demo/demo/0/news/0/1?auth=writer&uuid=u")).status, 200);
    assert.equal((await get("/v3/history/sub-key/demo/channel/news?auth=reader")).status, 200);
    assert.equal((await get("/v3/history/sub-key/demo/channel/news?auth=stale")).status, 403);
    assert.equal((await get("/v3/history/sub-key/demo/channel/news")).status, 403);
    assert.equal((await get("/time/0")).status, 200); // never authorised
  } finally {
    await server.close();
  }
});

test("access: global here-now, where-now and listing groups do not reveal what a key may not read", async () => {
  const server = await startTestServer({
    port: 0,
    access: {
      grants: [
        ...GRANTS.grants!,
        { authKey: "mallory", read: ["public"], groups: ["mallory-g"], manage: ["mallory-g"] },
      ],
    },
  });
  const get = async (path: string) => {
    const reply = await fetch(`${server.url}${path}`);
    return { status: reply.status, body: await reply.json() };
  };
  try {
    // Someone is present on a channel the reader may not read.
    const ceo = await get(
      "/v2/presence/sub-key/demo/channel/secret-board/heartbeat?heartbeat=60&uuid=ceo&auth=admin",
    );
    assert.equal(ceo.status, 200);
    for (
      const path of [
        "/v2/presence/sub-key/demo?auth=reader&state=1",
        "/v2/presence/sub-key/demo/uuid/ceo?auth=reader",
      ]
    ) {
      assert.deepEqual(await get(path), {
        status: 403,
        body: { ...FORBIDDEN, payload: { channels: ["*"] } },
      }, path);
    }
    const global = await get("/v2/presence/sub-key/demo?auth=admin");
    assert.equal(global.status, 200, "a key that reads everything may ask");
    assert.equal(
      (await get("/v1/channel-registration/sub-key/demo/channel-group?auth=reader")).status,
      403,
    );
    // Managing one's own group does not let one add a channel one may not read to it.
    const launder = await get(
      "/v1/channel-registration/sub-key/demo/channel-group/mallory-g?add=secret-board&auth=mallory",
    );
    assert.deepEqual(launder, {
      status: 403,
      body: { ...FORBIDDEN, payload: { channels: ["secret-board"] } },
    });
    const allowed = await get(
      "/v1/channel-registration/sub-key/demo/channel-group/mallory-g?add=public&auth=mallory",
    );
    assert.equal(allowed.status, 200);
  } finally {
    await server.close();
  }
});

test("access: publish without write rejects with PNAccessDeniedCategory and the denied channel; nothing is stored", async () => {
  const server = await startTestServer({ port: 0, access: GRANTS });
  const reader = client(server.origin, "r", { authKey: "reader" });
  const writer = client(server.origin, "w", { authKey: "writer" });
  const admin = client(server.origin, "a", { authKey: "admin" });
  try {
    for (
      const call of [
        reader.publish().channel("news").message({ n: 1 }),
        reader.publish().channel("news").message({ n: 1 }).usePost(true),
        reader.fire().channel("news").message({ n: 1 }),
        reader.signal().channel("news").message("s"),
      ]
    ) {
      const error = await failure(call.future());
      assert.equal(error.status.category, "PNAccessDeniedCategory");
      assert.equal(error.status.statusCode, 403);
      assert.deepEqual(error.status.errorData, {
        message: "Forbidden",
        status: 403,
        service: "Access Manager",
        payload: { channels: ["news"] },
      });
      assert.match(error.message, /HTTP 403: Forbidden \(PNAccessDeniedCategory\)/);
    }
    // The writer may; wildcards work; a channel outside the grant is refused.
    await writer.publish().channel("news").message({ n: 2 }).future();
    await writer.publish().channel("chat.room1").message({ n: 3 }).future();
    const outside = await failure(writer.publish().channel("chatroom").message(1).future());
    assert.deepEqual((outside.status.errorData as { payload: unknown }).payload, {
      channels: ["chatroom"],
    });
    // The writer cannot read history; the reader can, and sees only what was allowed.
    const noRead = await failure(writer.fetchMessages().channels("news").future());
    assert.equal(noRead.status.category, "PNAccessDeniedCategory");
    const history = await reader.fetchMessages().channels("news").future();
    assert.deepEqual(history.result.channels.news.map((m) => m.message), [{ n: 2 }]);
    // Channel groups need manage.
    const manage = await failure(
      reader.addChannelToChannelGroup().channels(["news"]).channelGroup("feeds").future(),
    );
    assert.deepEqual((manage.status.errorData as { payload: unknown }).payload, {
      "channel-groups": ["feeds"],
    });
    await admin.addChannelToChannelGroup().channels(["news"]).channelGroup("feeds").future();
  } finally {
    await Promise.all([reader.stop(), writer.stop(), admin.stop()]);
    await server.close();
  }
});

test("access: unknown, missing and expired auth keys are refused with a clear status", async () => {
  const server = await startTestServer({ port: 0, access: GRANTS });
  const clients = [
    client(server.origin, "u1", { authKey: "who-is-this" }),
    client(server.origin, "u2"),
    client(server.origin, "u3", { authKey: "stale" }),
  ];
  try {
    for (const pubnub of clients) {
      const error = await failure(pubnub.publish().channel("news").message(1).future());
      assert.equal(error.status.category, "PNAccessDeniedCategory");
      assert.deepEqual((error.status.errorData as { payload: unknown }).payload, {
        channels: ["news"],
      });
      const hereNow = await failure(pubnub.hereNow().channels(["news"]).future());
      assert.equal(hereNow.status.category, "PNAccessDeniedCategory");
      const whereNow = await failure(pubnub.whereNow().future());
      assert.equal(whereNow.status.category, "PNAccessDeniedCategory");
    }
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await server.close();
  }
});

test("access: a denied subscribe emits PNAccessDeniedCategory, then the give-up ConnectionError, and never retries", async () => {
  const server = await startTestServer({ port: 0, longPollSeconds: 5, access: GRANTS });
  const recorder = recordingFetch();
  const pubnub = client(
    server.origin,
    "sub",
    { authKey: "reader", reconnectionPolicy: "LINEAR", maximumReconnectionRetries: -1 },
    { fetch: recorder.fetch },
  );
  const statuses: PNStatus[] = [];
  pubnub.addListener({ status: (_p, s) => statuses.push(s) });
  try {
    pubnub.subscribe().channels(["news", "secret"]).channelGroups("ops").execute();
    await until(() => statuses.length >= 2, "the denial statuses");
    await sleep(300); // long enough for a retry loop to show itself
    const subscribes = recorder.urls.filter((u) => u.pathname.startsWith("/v2/subscribe/"));
    assert.equal(subscribes.length, 1, "one subscribe request, no retries");
    assert.deepEqual(statuses.map((s) => s.category), [
      "PNAccessDeniedCategory",
      "PNConnectionErrorCategory",
    ]);
    const denied = statuses[0];
    assert.equal(denied.isError(), true);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.operation, "PNSubscribeOperation");
    const data = denied.errorData as { payload: unknown; message: string; reconnection: string };
    assert.deepEqual(data.payload, { channels: ["secret"], "channel-groups": ["ops"] });
    assert.equal(data.message, "Forbidden");
    assert.match(data.reconnection, /HTTP 403 .* not retried/);
    // A corrected subscription works.
    pubnub.unsubscribe().channels("secret").channelGroups("ops").execute();
    pubnub.subscribe().channels("news").execute();
    await until(() => statuses.some((s) => s.category === "PNConnectedCategory"), "connect");
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

test("access: a grant that expires while subscribed ends the loop with PNAccessDeniedCategory after delivering what came before", async () => {
  let offset = 0;
  const server = await startTestServer({
    port: 0,
    longPollSeconds: 5,
    clock: () => Date.now() + offset,
    access: {
      grants: [
        { authKey: "short", read: ["news"], ttl: 1 },
        { authKey: "writer", write: ["news"] },
      ],
    },
  });
  const reader = client(server.origin, "r", { authKey: "short" });
  const writer = client(server.origin, "w", { authKey: "writer" });
  const messages: PNMessageResult[] = [];
  const statuses: PNStatus[] = [];
  reader.addListener({
    message: (_p, m) => messages.push(m),
    status: (_p, s) => statuses.push(s),
  });
  try {
    reader.subscribe().channels("news").execute();
    await until(() => statuses.some((s) => s.category === "PNConnectedCategory"), "connect");
    await sleep(50); // the long-poll is held at the server, authorised
    offset = 2 * 60_000; // the reader's grant (1 minute) runs out
    await writer.publish().channel("news").message("last one").future();
    await until(() => statuses.some((s) => s.category === "PNAccessDeniedCategory"), "denial");
    assert.deepEqual(messages.map((m) => m.message), ["last one"]);
    assert.deepEqual(statuses.map((s) => s.category), [
      "PNConnectedCategory",
      "PNAccessDeniedCategory",
      "PNUnexpectedDisconnectCategory",
    ]);
  } finally {
    await Promise.all([reader.stop(), writer.stop()]);
    await server.close();
  }
});

const SIGNED: AccessPolicy = {
  secretKey: "sec-demo",
  requireSignature: true,
  grants: [{ authKey: "reader", read: ["*"] }],
};

test("signatures: a client with the secret key is verified (GET and POST, every call) and has root access", async () => {
  const server = await startTestServer({ port: 0, longPollSeconds: 5, keys: KEYS, access: SIGNED });
  const root = client(server.origin, "root", { secretKey: "sec-demo" });
  const statuses: PNStatus[] = [];
  const messages: PNMessageResult[] = [];
  root.addListener({ status: (_p, s) => statuses.push(s), message: (_p, m) => messages.push(m) });
  try {
    root.subscribe().channels(["a b/ç", "x"]).withPresence().execute();
    await until(() => statuses.some((s) => s.category === "PNConnectedCategory"), "connect");
    await root.publish().channel("a b/ç").message({ q: "?&=+ !~*'()" }).meta({ m: 1 }).future();
    await root.publish().channel("x").message("posted").usePost(true).future();
    await root.signal().channel("x").message("sig").future();
    await until(() => messages.length === 2, "both messages");
    await root.setState().channels(["x"]).state({ mood: "ok" }).future();
    await root.hereNow().channels(["x"]).includeState(true).future();
    await root.whereNow().future();
    await root.fetchMessages().channels(["a b/ç", "x"]).includeMeta(true).future();
    await root.addChannelToChannelGroup().channels(["x"]).channelGroup("g").future();
    await root.listChannelsForChannelGroup().channelGroup("g").future();
  } finally {
    await root.stop();
    await server.close();
  }
});

const KEYS = { publishKey: "demo", subscribeKey: "demo" };

test("signatures: a wrong secret, a missing signature, an expired timestamp or an altered request are refused with a clear 403", async () => {
  const server = await startTestServer({ port: 0, keys: KEYS, access: SIGNED });
  const wrong = client(server.origin, "w", { secretKey: "not-the-secret" });
  const unsigned = client(server.origin, "u", { authKey: "reader" });
  const late = client(server.origin, "l", { secretKey: "sec-demo" }, {
    clock: { ...systemClock, now: () => Date.now() - 120_000 },
  });
  const recorder = recordingFetch();
  const good = client(server.origin, "g", { secretKey: "sec-demo" }, { fetch: recorder.fetch });
  try {
    const cases: [PubNub, RegExp][] = [
      [wrong, /^Invalid Signature: the signature does not match/],
      [unsigned, /^Missing Signature: this keyset requires requests signed/],
      [late, /^Request Expired: the signature timestamp is 12\d s behind the server clock/],
    ];
    for (const [pubnub, message] of cases) {
      for (
        const call of [
          () => pubnub.publish().channel("c").message(1).future(),
          () => pubnub.hereNow().channels(["c"]).future(),
        ]
      ) {
        const error = await failure(call());
        assert.equal(error.status.category, "PNAccessDeniedCategory");
        assert.equal(error.status.statusCode, 403);
        const data = error.status.errorData as { message: string; service: string };
        assert.match(data.message, message);
        assert.equal(data.service, "Access Manager");
        assert.match(error.message, /failed: HTTP 403: /);
      }
    }
    // An altered signed request: valid signature, different channel.
    await good.publish().channel("c").message(1).future();
    const signed = recorder.urls.at(-1)!;
    const altered = new URL(signed);
    altered.pathname = altered.pathname.replace("/0/c/0/", "/0/d/0/");
    const reply = await fetch(altered);
    assert.equal(reply.status, 403);
    assert.match((await reply.json()).message, /^Invalid Signature/);
    const replay = await fetch(signed); // the same signed request again is fine within 60 s
    assert.equal(replay.status, 200);
    await replay.body?.cancel();
  } finally {
    await Promise.all([wrong.stop(), unsigned.stop(), late.stop(), good.stop()]);
    await server.close();
  }
});

test("signatures: the official pubnub@12 SDK's signed requests verify too", async () => {
  const server = await startTestServer({ port: 0, longPollSeconds: 5, keys: KEYS, access: SIGNED });
  const official = new OfficialPubNub({
    ...KEYS,
    userId: "official",
    origin: server.origin,
    ssl: false,
    secretKey: "sec-demo",
  });
  const messages: unknown[] = [];
  const statuses: string[] = [];
  official.addListener({
    message: (m) => messages.push(m.message),
    status: (s) => statuses.push(String(s.category)),
  });
  try {
    official.subscribe({ channels: ["room"] });
    await until(() => statuses.includes("PNConnectedCategory"), "the official client to connect");
    await official.publish({ channel: "room", message: { hi: "there" }, meta: { a: 1 } });
    await official.publish({ channel: "room", message: "by post", sendByPost: true });
    await until(() => messages.length === 2, "both messages");
    assert.deepEqual(messages, [{ hi: "there" }, "by post"]);
    const history = await official.fetchMessages({ channels: ["room"] });
    assert.equal(history.channels.room.length, 2);
  } finally {
    official.destroy();
    await server.close();
  }
});

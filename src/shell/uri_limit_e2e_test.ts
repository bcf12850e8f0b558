/**
 * Requests longer than the service's URI limit (32 KiB of path and query) are refused before
 * they are sent, for every call: a validation error that names the limit and the size, and for
 * the subscribe loop a validation status followed by its give-up, with no retrying.
 */
import assert from "node:assert/strict";
import { PubNubError } from "../core/error.ts";
import type { PNStatus } from "../core/status.ts";
import { until } from "../testing/local_clients.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import type { EngineLogEntry } from "./engine_runner.ts";
import { PubNub } from "./pubnub.ts";

const KEYS = { publishKey: "pub", subscribeKey: "sub", userId: "u1" };
const HUGE = "x".repeat(100_000);
/** Long names that together are over the limit, though each is short enough on its own. */
const MANY = Array.from({ length: 40 }, (_, i) => `${i}-${"n".repeat(1000)}`);

async function withServer(
  fn: (pubnub: PubNub, requests: () => number) => Promise<void>,
  config: Record<string, unknown> = {},
): Promise<void> {
  const server = await startScriptedServer(() => ({ status: 200, body: "{}" }));
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false, ...config });
  try {
    await fn(pubnub, () => server.requests.length);
  } finally {
    await pubnub.stop();
    await server.close();
  }
}

async function refusal(call: Promise<unknown>): Promise<PubNubError> {
  return await call.then(
    () => assert.fail("the call was sent"),
    (error) => {
      assert.ok(error instanceof PubNubError, `expected a PubNubError, got ${error}`);
      return error;
    },
  );
}

const CALLS: [string, (pubnub: PubNub) => Promise<unknown>][] = [
  ["hereNow", (p) => p.hereNow().channels(MANY).future()],
  ["whereNow", (p) => p.whereNow().uuid(HUGE).future()],
  // Short enough as JSON, too long once escaped (each space is sent as %20).
  ["setState", (p) => p.setState().channels(["a"]).state({ text: " ".repeat(20_000) }).future()],
  ["getState", (p) => p.getState().channels(MANY).future()],
  ["fetchMessages", (p) => p.fetchMessages().channels(MANY).future()],
  [
    "addChannelToChannelGroup",
    (p) => p.addChannelToChannelGroup().channels(MANY).channelGroup("g").future(),
  ],
  [
    "removeChannelFromChannelGroup",
    (p) => p.removeChannelFromChannelGroup().channels(MANY).channelGroup("g").future(),
  ],
  [
    "listChannelsForChannelGroup",
    (p) => p.listChannelsForChannelGroup().channelGroup(HUGE).future(),
  ],
  ["removeChannelGroup", (p) => p.removeChannelGroup().channelGroup(HUGE).future()],
  // The message has its own allowance; a channel name or meta does not fit in it.
  ["publish (a huge channel name)", (p) => p.publish().channel(HUGE).message(1).future()],
  [
    "publish with POST (a huge channel name)",
    (p) => p.publish().channel(HUGE).message(1).usePost(true).future(),
  ],
  ["signal (a huge channel name)", (p) => p.signal().channel(HUGE).message(1).future()],
];

for (const [name, call] of CALLS) {
  Deno.test(`${name}: a request over the 32 KiB URI limit is a validation error, nothing sent`, async () => {
    // The publish size rule would refuse the huge channel first: lift it to reach the URI check.
    await withServer(async (pubnub, requests) => {
      const error = await refusal(call(pubnub));
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.match(
        error.message,
        /would be \d{5,6} characters.*, over the service.s URI limit of 32768/,
      );
      assert.equal(requests(), 0);
    }, { maxMessageSize: 1_000_000 });
  });
}

Deno.test("a request just under the URI limit is sent", async () => {
  await withServer(async (pubnub, requests) => {
    // 40 names of 700 characters: about 28 KiB of path.
    const names = MANY.map((n) => n.slice(0, 700));
    await pubnub.hereNow().channels(names).future().catch(() => {});
    assert.equal(requests(), 1);
  });
});

Deno.test("a full-size message still publishes: its size rule, not the URI limit, governs it", async () => {
  const server = await startScriptedServer(() => ({
    status: 200,
    body: '[1,"Sent","17000000000000000"]',
  }));
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
  try {
    // 32,700 escaped characters of message: under maxMessageSize, the URL is over 32 KiB.
    const message = "m".repeat(32_700 - 2 - "ch".length);
    await pubnub.publish().channel("ch").message(message).meta({ a: 1 }).future();
    const error = await pubnub.publish().channel("ch").message(message + "m".repeat(100))
      .meta({ a: 1 }).future().then(() => undefined, (e: PubNubError) => e);
    assert.equal(server.requests.length, 1);
    const sent = server.requests[0];
    assert.ok(sent.path.length + 1 + sent.rawQuery.length > 32768);
    assert.match(String(error?.message), /too large/);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("subscribing to a 100,000-character channel: a validation status, then the give-up, no request and no retry loop", async () => {
  await withServer(async (pubnub, requests) => {
    const statuses: PNStatus[] = [];
    const log: EngineLogEntry[] = [];
    pubnub.addListener({ status: (_p, s) => statuses.push(s) });
    pubnub.observeEngine((entry) => log.push(entry));
    pubnub.subscribe().channels(HUGE).execute();
    await until(() => statuses.length >= 2, "two statuses");
    // Time for a retry loop to show itself, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(statuses.map((s) => s.category), [
      "PNValidationErrorCategory",
      "PNConnectionErrorCategory",
    ]);
    const message = String((statuses[0].errorData as { message: string }).message);
    assert.match(message, /would be 1001\d\d characters, over the service's URI limit of 32768/);
    assert.equal(statuses[0].operation, "PNSubscribeOperation");
    assert.equal(requests(), 0);
    const attempts = log.filter((e) =>
      e.type === "invocation" && e.name.startsWith("HANDSHAKE") && !e.name.startsWith("CANCEL")
    );
    assert.ok(attempts.length <= 2, `the handshake ran ${attempts.length} times`);
  });
});

Deno.test("subscribing to many channels whose list is too long for one URL: the same validation status", async () => {
  await withServer(async (pubnub, requests) => {
    const statuses: PNStatus[] = [];
    pubnub.addListener({ status: (_p, s) => statuses.push(s) });
    pubnub.subscribe().channels(MANY).execute();
    await until(() => statuses.length >= 2, "two statuses");
    assert.equal(statuses[0].category, "PNValidationErrorCategory");
    assert.equal(requests(), 0);
  });
});

Deno.test("heartbeat and leave over the URI limit are reported as validation statuses, never sent", async () => {
  await withServer(async (pubnub, requests) => {
    const statuses: PNStatus[] = [];
    pubnub.addListener({ status: (_p, s) => statuses.push(s) });
    pubnub.subscribe().channels(HUGE).execute();
    await until(
      () => statuses.some((s) => s.operation === "PNHeartbeatOperation"),
      "the heartbeat status",
    );
    const heartbeat = statuses.find((s) => s.operation === "PNHeartbeatOperation")!;
    assert.equal(heartbeat.category, "PNValidationErrorCategory");
    assert.match(JSON.stringify(heartbeat.errorData), /URI limit of 32768/);
    assert.equal(requests(), 0);
  }, { heartbeatInterval: 20 });
  await withServer(async (pubnub, requests) => {
    const statuses: PNStatus[] = [];
    pubnub.addListener({ status: (_p, s) => statuses.push(s) });
    pubnub.subscribe().channels(HUGE).execute();
    await until(() => statuses.length >= 2, "the subscribe's statuses");
    pubnub.unsubscribe().channels(HUGE).execute();
    await until(
      () => statuses.some((s) => s.operation === "PNUnsubscribeOperation"),
      "the leave status",
    );
    const leave = statuses.find((s) => s.operation === "PNUnsubscribeOperation")!;
    assert.equal(leave.category, "PNValidationErrorCategory");
    assert.equal(requests(), 0);
  });
});

Deno.test("adding channels that make a live subscription too long: a validation status, the loop stops; removing them resumes it", async () => {
  const server = await startScriptedServer((request) =>
    request.query.get("tt") === "0" || !request.query.has("tt")
      ? { status: 200, body: '{"t":{"t":"17000000000000000","r":1},"m":[]}' }
      : { fault: "hang" }
  );
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
  try {
    const statuses: PNStatus[] = [];
    pubnub.addListener({ status: (_p, s) => statuses.push(s) });
    pubnub.subscribe().channels("small").execute();
    await until(() => statuses.some((s) => s.category === "PNConnectedCategory"), "connected");
    const before = server.requests.length;
    pubnub.subscribe().channels(MANY).execute();
    await until(
      () => statuses.some((s) => s.category === "PNUnexpectedDisconnectCategory"),
      "the give-up",
    );
    const validation = statuses.filter((s) => s.category === "PNValidationErrorCategory");
    assert.equal(validation.length, 1);
    assert.match(JSON.stringify(validation[0].errorData), /URI limit of 32768/);
    for (const request of server.requests.slice(before)) {
      assert.ok(
        request.path.length + request.rawQuery.length < 32768,
        "a too-long request was sent",
      );
    }
    // Dropping the names that did not fit brings the subscription back, from where it was.
    pubnub.unsubscribe().channels(MANY).execute();
    await until(
      () => statuses.filter((s) => s.category === "PNConnectedCategory").length === 2,
      "connected again",
    );
    assert.deepEqual(pubnub.getSubscribedChannels(), ["small"]);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("messages() on a channel too long for a URL throws the give-up, naming the limit, instead of waiting for ever", async () => {
  await withServer(async (pubnub, requests) => {
    const stream = pubnub.messages({ channels: [HUGE] });
    const error = await stream.next().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof PubNubError, `expected a PubNubError, got ${error}`);
    assert.equal(error.status.category, "PNConnectionErrorCategory");
    assert.match(error.message, /URI limit of 32768/);
    assert.equal(requests(), 0);
    assert.deepEqual(pubnub.getSubscribedChannels(), []);
  });
});

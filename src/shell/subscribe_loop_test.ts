/**
 * The subscribe loop's runner against a scripted loopback server, with a manual clock: every
 * reconnect delay is observed on the clock, every request the loop sends is recorded by the
 * server, and outcomes are checked through `observeEngine`, the listener and the wire — never by
 * reaching into the SDK's internals.
 */
import assert from "node:assert/strict";
import { until } from "../testing/until.ts";
import { ManualClock } from "./clock.ts";
import { PubNub, type PubNubOptions } from "./pubnub.ts";
import { requestSender } from "./publisher.ts";
import { SubscribeListener } from "./subscribe_listener.ts";
import { ListenerSet } from "./listeners.ts";
import { SubscribeLoop } from "./subscribe_loop.ts";
import { PNConfiguration, type PNConfigurationOptions } from "../core/config.ts";
import * as events from "../core/subscribe/events.ts";
import type { PNStatus } from "../core/status.ts";
import {
  type RecordedRequest,
  type ScriptedAnswer,
  type ScriptedServer,
  startScriptedServer,
} from "../testing/scripted_server.ts";
import { startClosingServer } from "../testing/closing_server.ts";
import { startTcpProxy } from "../testing/tcp_proxy.ts";

// --- The scripted subscribe protocol ---------------------------------------------------------

const TT1 = "17000000000000001";
const TT2 = "17000000000000002";
const TT3 = "17000000000000003";
const TT9 = "17000000000000009";

const HANG: ScriptedAnswer = { fault: "hang" };

/** A handshake answer: the service's cursor and no messages. */
function handshake(tt: string, r = 1): ScriptedAnswer {
  return { status: 200, body: JSON.stringify({ t: { t: tt, r }, m: [] }) };
}

/** One published message as the service wraps it. */
function envelope(tt: string, payload: unknown, channel = "ch"): Record<string, unknown> {
  return { a: "1", f: 0, i: "pub", p: { t: tt, r: 1 }, k: "demo", c: channel, d: payload };
}

/** A long-poll answer carrying messages. */
function messages(tt: string, envelopes: Record<string, unknown>[], delayMs?: number) {
  const answer: ScriptedAnswer = {
    status: 200,
    body: JSON.stringify({ t: { t: tt, r: 1 }, m: envelopes }),
  };
  if (delayMs !== undefined) answer.delayMs = delayMs;
  return answer;
}

function serverError(): ScriptedAnswer {
  return { status: 500, body: JSON.stringify({ status: 500, error: true, message: "trouble" }) };
}

function forbidden(): ScriptedAnswer {
  return {
    status: 403,
    body: JSON.stringify({
      message: "Forbidden",
      payload: { channels: ["ch"] },
      error: true,
      service: "Access Manager",
      status: 403,
    }),
  };
}

function body(text: string): ScriptedAnswer {
  return { status: 200, body: text };
}

const LEAVE_OK: ScriptedAnswer = {
  status: 200,
  body: '{"status":200,"action":"leave","message":"OK","service":"Presence"}',
};

const isSubscribePath = (path: string) => path.startsWith("/v2/subscribe/");
const isSubscribe = (r: RecordedRequest) => isSubscribePath(r.path);

// --- Harness ---------------------------------------------------------------------------------

interface Harness {
  server: ScriptedServer;
  clock: ManualClock;
  pubnub: PubNub;
  listener: SubscribeListener;
  /** The subscribe engine's log as `event NAME` / `invocation NAME`. */
  log: string[];
  /** What reached `onError`. */
  errors: unknown[];
  /** Subscribe requests the server has seen, in order. */
  subscribes(): RecordedRequest[];
  /**
   * Paths of the requests the client has handed to fetch so far. Counted as they are sent, not
   * as they arrive: after `clock.advance` nothing is in transit, so "nothing more was sent"
   * needs no real-time wait.
   */
  sent(): string[];
  /** Statuses of a category the listener got. */
  statuses(category: string): PNStatus[];
  close(): Promise<void>;
}

/**
 * A client against a scripted server. `answers[i]` answers the i-th subscribe request (a hang
 * once the script runs out); leave requests are acknowledged.
 */
async function start(
  answers: ScriptedAnswer[],
  config: Partial<PNConfigurationOptions> = {},
  options: PubNubOptions = {},
): Promise<Harness> {
  let subscribeIndex = 0;
  const server = await startScriptedServer((request) => {
    if (!isSubscribe(request)) return LEAVE_OK;
    return answers[subscribeIndex++] ?? HANG;
  });
  return harness(server, config, options);
}

function harness(
  server: ScriptedServer,
  config: Partial<PNConfigurationOptions>,
  options: PubNubOptions,
): Harness {
  const clock = new ManualClock();
  const errors: unknown[] = [];
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return globalThis.fetch(input, init);
  };
  const pubnub = new PubNub({
    subscribeKey: "demo",
    publishKey: "demo",
    userId: "user-1",
    origin: server.origin,
    ssl: false,
    reconnectionPolicy: "LINEAR",
    ...config,
  }, { clock, random: () => 0, onError: (e) => errors.push(e), fetch, ...options });
  const listener = new SubscribeListener();
  pubnub.addListener(listener);
  const log: string[] = [];
  pubnub.observeEngine((entry) => {
    if (entry.engine === "subscribe") log.push(`${entry.type} ${entry.name}`);
  });
  return {
    server,
    clock,
    pubnub,
    listener,
    log,
    errors,
    subscribes: () => server.requests.filter(isSubscribe),
    sent: () => [...sent],
    statuses: (category) => listener.statuses.filter((s) => s.category === category),
    async close() {
      await pubnub.stop();
      await server.close();
      assert.equal(clock.pending, 0, "no timer is left on the manual clock");
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the loop is receiving from `tt` (the long-poll with that cursor was sent). */
async function receivingFrom(h: Harness, tt: string): Promise<void> {
  await until(
    () => h.subscribes().some((r) => r.query.get("tt") === tt),
    `a long-poll from ${tt}`,
  );
}

/**
 * Asserts the only timer is the retry delay `delayMs`, that nothing is sent a millisecond
 * before it falls due, and that exactly one new request is sent when it does.
 */
async function retryAfterExactly(h: Harness, delayMs: number): Promise<RecordedRequest> {
  assert.deepEqual(h.clock.pendingDelays(), [delayMs]);
  const before = h.subscribes().length;
  await h.clock.advance(delayMs - 1);
  assert.equal(
    h.sent().filter(isSubscribePath).length,
    before,
    `nothing is sent before ${delayMs} ms`,
  );
  await h.clock.advance(1);
  // The retry may succeed and be followed by the next long-poll at once: at least one more.
  await until(() => h.subscribes().length > before, `the retry after ${delayMs} ms`);
  return h.subscribes()[before];
}

// --- (a) handshake failure, then recovery -----------------------------------------------------

Deno.test("handshake 500: waits LINEAR's 2000 ms on the clock, sends nothing before, then connects", async () => {
  const h = await start([serverError(), handshake(TT1)]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.log.includes("invocation HANDSHAKE_RECONNECT"), "HANDSHAKE_RECONNECT");
  assert.deepEqual(h.log, [
    "event SUBSCRIPTION_CHANGED",
    "invocation HANDSHAKE",
    "event HANDSHAKE_FAILURE",
    "invocation CANCEL_HANDSHAKE",
    "invocation HANDSHAKE_RECONNECT",
  ]);
  assert.equal(h.listener.statuses.length, 0, "a first failure is not announced");

  const retry = await retryAfterExactly(h, 2000);
  assert.equal(retry.query.has("tt"), false, "the retried handshake carries no tt");
  await receivingFrom(h, TT1);
  assert.deepEqual(h.log.slice(5), [
    "event HANDSHAKE_RECONNECT_SUCCESS",
    "invocation CANCEL_HANDSHAKE_RECONNECT",
    "invocation EMIT_STATUS",
    "invocation RECEIVE_MESSAGES",
  ]);
  const [connected] = h.statuses("PNConnectedCategory");
  assert.ok(connected, "Connected was emitted");
  assert.equal(h.listener.statuses.length, 1);
  assert.equal(connected.operation, "PNSubscribeOperation");
  assert.equal(connected.isError(), false);
  assert.deepEqual(connected.affectedChannels, ["ch"]);
  assert.equal(connected.currentTimetoken, TT1);
  assert.deepEqual(h.errors, []);
  await h.close();
});

Deno.test("a first handshake that succeeds logs no reconnect and sends the protocol's params", async () => {
  const h = await start([handshake(TT1, 4)]);
  h.pubnub.subscribe().channels(["b", "a"]).channelGroups(["g2", "g1"]).execute();
  await receivingFrom(h, TT1);
  const [first, second] = h.subscribes();
  assert.equal(first.path, "/v2/subscribe/demo/a,b/0", "channels sorted in the path");
  assert.equal(first.query.get("channel-group"), "g1,g2", "groups sorted");
  assert.match(first.rawQuery, /channel-group=g1%2Cg2/, "the group list is one encoded value");
  assert.equal(first.query.has("tt"), false);
  assert.equal(first.query.get("heartbeat"), "300", "presence timeout sent as heartbeat");
  assert.equal(first.query.get("uuid"), "user-1");
  assert.equal(first.query.has("ee"), true);
  assert.equal(first.query.has("state"), false, "no state set: none sent");
  assert.equal(first.query.has("filter-expr"), false);
  assert.equal(second.query.get("tt"), TT1);
  assert.equal(second.query.get("tr"), "4", "region from the server");
  assert.equal(second.path, first.path);
  assert.equal(second.query.get("channel-group"), "g1,g2");
  assert.equal(h.clock.pending, 0, "nothing scheduled while receiving");
  await h.close();
});

// --- (b) receive failure, reconnect from the same cursor --------------------------------------

Deno.test("receive 500: RECEIVE_RECONNECT from the same cursor, Reconnected, missed messages once", async () => {
  const h = await start([
    handshake(TT1),
    serverError(),
    messages(TT3, [envelope(TT2, "missed-1"), envelope(TT3, "missed-2")]),
  ]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.log.includes("invocation RECEIVE_RECONNECT"), "RECEIVE_RECONNECT");
  const retry = await retryAfterExactly(h, 2000);
  assert.equal(retry.query.get("tt"), TT1, "the retry is from the last cursor");
  assert.equal(retry.query.get("tr"), "1");
  await receivingFrom(h, TT3);
  assert.deepEqual(h.log, [
    "event SUBSCRIPTION_CHANGED",
    "invocation HANDSHAKE",
    "event HANDSHAKE_SUCCESS",
    "invocation CANCEL_HANDSHAKE",
    "invocation EMIT_STATUS",
    "invocation RECEIVE_MESSAGES",
    "event RECEIVE_FAILURE",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation RECEIVE_RECONNECT",
    "event RECEIVE_RECONNECT_SUCCESS",
    "invocation CANCEL_RECEIVE_RECONNECT",
    "invocation EMIT_STATUS",
    "invocation EMIT_MESSAGES",
    "invocation RECEIVE_MESSAGES",
  ]);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["missed-1", "missed-2"]);
  assert.deepEqual(h.listener.messages.map((m) => m.timetoken), [TT2, TT3]);
  assert.deepEqual(h.listener.statuses.map((s) => s.category), [
    "PNConnectedCategory",
    "PNReconnectedCategory",
  ]);
  const [reconnected] = h.statuses("PNReconnectedCategory");
  assert.equal(reconnected.lastTimetoken, TT1);
  assert.equal(reconnected.currentTimetoken, TT3);
  assert.equal(reconnected.isError(), false);
  await h.close();
});

Deno.test("a long-poll whose connection is cut reconnects from the same cursor with nothing lost", async () => {
  let index = 0;
  const server = await startScriptedServer((request) => {
    if (!isSubscribe(request)) return LEAVE_OK;
    const i = index++;
    if (i === 0) return handshake(TT1);
    if (request.query.get("tt") === TT1 && i > 1) {
      return messages(TT2, [envelope(TT2, "after-the-cut")]);
    }
    return HANG;
  });
  const proxy = startTcpProxy(server.origin);
  const h = harness({ ...server, origin: proxy.origin }, {}, {});
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT1);
  // Refuse new connections while cutting, so fetch cannot quietly retry on a fresh socket.
  proxy.setDown(true);
  assert.ok(proxy.cutAll() >= 1, "the long-poll's connection was open");
  await until(() => h.log.includes("invocation RECEIVE_RECONNECT"), "RECEIVE_RECONNECT");
  proxy.setDown(false);
  const retry = await retryAfterExactly(h, 2000);
  assert.equal(retry.query.get("tt"), TT1);
  await receivingFrom(h, TT2);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["after-the-cut"]);
  assert.equal(h.statuses("PNReconnectedCategory").length, 1);
  assert.equal(h.statuses("PNUnexpectedDisconnectCategory").length, 0);
  await h.pubnub.stop();
  await proxy.close();
  await server.close();
  assert.equal(h.clock.pending, 0);
});

// --- (c) exponential back-off and give-up -----------------------------------------------------

Deno.test("EXPONENTIAL waits 2 s, 4 s, 8 s, then gives up: RECEIVE_FAILED, UnexpectedDisconnect explained", async () => {
  const h = await start(
    [handshake(TT1), serverError(), serverError(), serverError(), serverError()],
    { reconnectionPolicy: "EXPONENTIAL", maximumReconnectionRetries: 3 },
  );
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.log.includes("invocation RECEIVE_RECONNECT"), "RECEIVE_RECONNECT");
  for (const delay of [2000, 4000, 8000]) {
    const retry = await retryAfterExactly(h, delay);
    assert.equal(retry.query.get("tt"), TT1, "every retry is from the same cursor");
    if (delay < 8000) {
      await until(() => h.clock.pending === 1, `the retry after ${delay} ms to fail`);
    }
  }
  await until(() => h.statuses("PNUnexpectedDisconnectCategory").length === 1, "the give-up");
  assert.deepEqual(h.log.slice(6), [
    "event RECEIVE_FAILURE",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation RECEIVE_RECONNECT",
    "event RECEIVE_RECONNECT_FAILURE",
    "invocation CANCEL_RECEIVE_RECONNECT",
    "invocation RECEIVE_RECONNECT",
    "event RECEIVE_RECONNECT_FAILURE",
    "invocation CANCEL_RECEIVE_RECONNECT",
    "invocation RECEIVE_RECONNECT",
    "event RECEIVE_RECONNECT_FAILURE",
    "invocation CANCEL_RECEIVE_RECONNECT",
    "invocation RECEIVE_RECONNECT",
    "event RECEIVE_RECONNECT_GIVEUP",
    "invocation CANCEL_RECEIVE_RECONNECT",
    "invocation EMIT_STATUS",
  ]);
  const [gaveUp] = h.statuses("PNUnexpectedDisconnectCategory");
  assert.equal(gaveUp.isError(), true);
  assert.equal(gaveUp.operation, "PNSubscribeOperation");
  assert.equal(gaveUp.statusCode, 500);
  assert.deepEqual(gaveUp.affectedChannels, ["ch"]);
  assert.equal(gaveUp.lastTimetoken, TT1);
  const data = gaveUp.errorData as { message?: unknown; reconnection?: unknown };
  assert.equal(data.message, "trouble", "the server's message is kept");
  assert.match(String(data.reconnection), /gave up after 3 retries/);
  assert.match(String(data.reconnection), /EXPONENTIAL/);
  assert.equal(h.subscribes().length, 5, "handshake, long-poll and three retries");
  assert.equal(h.clock.pending, 0, "nothing scheduled after the give-up");
  await h.clock.advance(600_000);
  assert.equal(h.sent().filter(isSubscribePath).length, 5, "nothing more is sent");
  // waitForDisconnect also resolves on an unexpected disconnect.
  assert.equal((await h.listener.waitForDisconnect()).category, "PNUnexpectedDisconnectCategory");
  await h.close();
});

Deno.test("a handshake that keeps meeting closed connections gives up with ConnectionError", async () => {
  const closing = startClosingServer();
  const clock = new ManualClock();
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "user-1",
    origin: closing.origin,
    ssl: false,
    reconnectionPolicy: "EXPONENTIAL",
    maximumReconnectionRetries: 2,
  }, { clock, random: () => 0 });
  const listener = new SubscribeListener();
  pubnub.addListener(listener);
  const log: string[] = [];
  pubnub.observeEngine((e) => log.push(e.name));
  pubnub.subscribe().channels("ch").execute();
  const delays: number[][] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    await until(() => clock.pending === 1, `retry timer ${attempt}`);
    delays.push(clock.pendingDelays());
    await clock.advance(clock.pendingDelays()[0]);
  }
  assert.deepEqual(delays, [[2000], [4000]]);
  await until(() => listener.statuses.length === 1, "the give-up status");
  const [status] = listener.statuses;
  assert.equal(status.category, "PNConnectionErrorCategory");
  assert.equal(status.isError(), true);
  assert.deepEqual(status.affectedChannels, ["ch"]);
  const data = status.errorData as { message?: unknown; reconnection?: unknown };
  assert.match(String(data.message), /network/i, "says the network failed");
  assert.match(String(data.reconnection), /gave up after 2 retries/);
  assert.deepEqual(log.slice(-3), [
    "HANDSHAKE_RECONNECT_GIVEUP",
    "CANCEL_HANDSHAKE_RECONNECT",
    "EMIT_STATUS",
  ]);
  assert.equal(log.filter((n) => n === "HANDSHAKE_RECONNECT").length, 3);
  assert.equal(clock.pending, 0);
  await pubnub.stop();
  await closing.close();
});

// --- (d) 403 is never retried ------------------------------------------------------------------

Deno.test("handshake 403: gives up at once with ConnectionError carrying 403, sends nothing more", async () => {
  const h = await start([forbidden(), handshake(TT1)]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.listener.statuses.length === 2, "the give-up status");
  // The give-up status is preceded by the same status as PNAccessDeniedCategory (issue 9).
  assert.deepEqual(h.listener.statuses.map((s) => s.category), [
    "PNAccessDeniedCategory",
    "PNConnectionErrorCategory",
  ]);
  assert.deepEqual(h.log, [
    "event SUBSCRIPTION_CHANGED",
    "invocation HANDSHAKE",
    "event HANDSHAKE_FAILURE",
    "invocation CANCEL_HANDSHAKE",
    "invocation HANDSHAKE_RECONNECT",
    "event HANDSHAKE_RECONNECT_GIVEUP",
    "invocation CANCEL_HANDSHAKE_RECONNECT",
    "invocation EMIT_STATUS", // PNAccessDeniedCategory, from the table like every status
    "invocation EMIT_STATUS",
  ]);
  const status = h.listener.statuses[1];
  assert.equal(status.category, "PNConnectionErrorCategory");
  assert.equal(status.statusCode, 403);
  assert.equal(status.isError(), true);
  const data = status.errorData as { message?: unknown; payload?: unknown; reconnection?: unknown };
  assert.equal(data.message, "Forbidden");
  assert.deepEqual(data.payload, { channels: ["ch"] });
  assert.match(String(data.reconnection), /403/);
  assert.equal(h.clock.pending, 0, "no retry scheduled");
  await h.clock.advance(600_000);
  assert.equal(h.sent().filter(isSubscribePath).length, 1, "exactly one request");
  await h.close();
});

Deno.test("reconnectionPolicy NONE: a handshake 500 gives up at once", async () => {
  const h = await start([serverError()], { reconnectionPolicy: "NONE" });
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.listener.statuses.length === 1, "the give-up status");
  const [status] = h.listener.statuses;
  assert.equal(status.category, "PNConnectionErrorCategory");
  assert.equal(status.statusCode, 500);
  assert.match(String((status.errorData as { reconnection?: unknown }).reconnection), /NONE/);
  assert.equal(h.clock.pending, 0);
  assert.equal(h.subscribes().length, 1);
  await h.close();
});

// --- (e) 429 honours Retry-After -----------------------------------------------------------------

Deno.test("429 with Retry-After: 5 waits 5 s plus jitter before retrying", async () => {
  const h = await start(
    [
      {
        status: 429,
        body: JSON.stringify({ status: 429, error: true, message: "Too Many Requests" }),
        headers: { "retry-after": "5" },
      },
      handshake(TT1),
    ],
    {},
    { random: () => 0.25 },
  );
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.log.includes("invocation HANDSHAKE_RECONNECT"), "HANDSHAKE_RECONNECT");
  await retryAfterExactly(h, 5250);
  await receivingFrom(h, TT1);
  assert.equal(h.statuses("PNConnectedCategory").length, 1);
  await h.close();
});

// --- (f) reconnect() after give-up --------------------------------------------------------------

Deno.test("reconnect() after a receive give-up handshakes again and resumes from the stored cursor", async () => {
  const h = await start([
    handshake(TT1),
    serverError(),
    serverError(),
    handshake(TT9, 3),
    messages(TT2, [envelope(TT2, "published-while-failed")]),
  ], { maximumReconnectionRetries: 1 });
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.log.includes("invocation RECEIVE_RECONNECT"), "RECEIVE_RECONNECT");
  await retryAfterExactly(h, 2000);
  await until(() => h.statuses("PNUnexpectedDisconnectCategory").length === 1, "the give-up");
  assert.equal(h.clock.pending, 0);

  const before = h.log.length;
  h.pubnub.reconnect();
  await receivingFrom(h, TT2);
  const [, , , rehandshake, resumed] = h.subscribes();
  assert.equal(rehandshake.query.has("tt"), false, "reconnect handshakes first");
  assert.equal(resumed.query.get("tt"), TT1, "then receives from the stored timetoken, no gap");
  assert.equal(resumed.query.get("tr"), "3", "with the server's region");
  assert.deepEqual(h.log.slice(before), [
    "event RECONNECT",
    "invocation HANDSHAKE",
    "event HANDSHAKE_SUCCESS",
    "invocation CANCEL_HANDSHAKE",
    "invocation EMIT_STATUS",
    "invocation RECEIVE_MESSAGES",
    "event RECEIVE_SUCCESS",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation EMIT_MESSAGES",
    "invocation RECEIVE_MESSAGES",
  ]);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["published-while-failed"]);
  const connected = h.statuses("PNConnectedCategory");
  assert.equal(connected.length, 2);
  assert.equal(connected[1].currentTimetoken, TT1);
  await h.close();
});

Deno.test("reconnect() after a handshake give-up tries again", async () => {
  const h = await start([forbidden(), handshake(TT1)]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.statuses("PNConnectionErrorCategory").length === 1, "the give-up");
  h.pubnub.reconnect();
  await receivingFrom(h, TT1);
  assert.equal(h.statuses("PNConnectedCategory").length, 1);
  await h.close();
});

// --- (g) changing channels while receiving -------------------------------------------------------

Deno.test("subscribing to more channels while receiving cancels the long-poll and keeps the cursor", async () => {
  const h = await start([
    handshake(TT1),
    // Were it not cancelled, this long-poll would deliver a message 60 ms later.
    messages(TT2, [envelope(TT2, "stale", "a")], 60),
  ]);
  h.pubnub.subscribe().channels("a").execute();
  await receivingFrom(h, TT1);
  h.pubnub.subscribe().channels("b").execute();
  await until(() => h.subscribes().length === 3, "the new long-poll");
  const changed = h.subscribes()[2];
  assert.equal(changed.path, "/v2/subscribe/demo/a,b/0", "both channels");
  assert.equal(changed.query.get("tt"), TT1, "the cursor is kept");
  assert.equal(changed.query.get("tr"), "1");
  await pause(120);
  assert.deepEqual(h.listener.messages, [], "the cancelled long-poll delivered nothing");
  assert.deepEqual(h.log.slice(6), [
    "event SUBSCRIPTION_CHANGED",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation EMIT_STATUS",
    "invocation RECEIVE_MESSAGES",
  ]);
  const [status] = h.statuses("PNSubscriptionChangedCategory");
  assert.ok(status, "SubscriptionChanged was emitted");
  assert.deepEqual(status.affectedChannels, ["a", "b"]);
  assert.equal(status.currentTimetoken, TT1);
  assert.equal(status.isError(), false);
  await h.close();
});

Deno.test("unsubscribing one channel while receiving keeps the cursor and sends a leave for it only", async () => {
  const h = await start([handshake(TT1)]);
  h.pubnub.subscribe().channels(["a", "b"]).withPresence().execute();
  await receivingFrom(h, TT1);
  assert.equal(h.subscribes()[0].path, "/v2/subscribe/demo/a,a-pnpres,b,b-pnpres/0");
  h.pubnub.unsubscribe().channels("a").execute();
  await until(() => h.subscribes().length === 3, "the new long-poll");
  await until(() => h.server.requests.some((r) => r.path.endsWith("/leave")), "the leave");
  assert.equal(h.subscribes()[2].path, "/v2/subscribe/demo/b,b-pnpres/0");
  assert.equal(h.subscribes()[2].query.get("tt"), TT1);
  const leaves = h.server.requests.filter((r) => r.path.endsWith("/leave"));
  assert.deepEqual(leaves.map((r) => r.path), ["/v2/presence/sub-key/demo/channel/a/leave"]);
  await h.close();
});

// --- (h) disconnect() ---------------------------------------------------------------------------

Deno.test("disconnect() emits Disconnected and sends nothing until reconnect(), which resumes", async () => {
  const h = await start([handshake(TT1), HANG, handshake(TT9)]);
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT1);
  h.pubnub.disconnect();
  assert.deepEqual(h.log.slice(6), [
    "event DISCONNECT",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation EMIT_STATUS",
  ]);
  const [status] = h.statuses("PNDisconnectedCategory");
  assert.ok(status);
  assert.equal(status.isError(), false);
  assert.equal(status.lastTimetoken, TT1);
  assert.equal(h.clock.pending, 0);
  await h.clock.advance(600_000);
  assert.equal(h.sent().filter(isSubscribePath).length, 2, "nothing sent while disconnected");
  assert.equal(h.sent().length, 2, "no leave either");

  h.pubnub.reconnect();
  await until(() => h.subscribes().length === 4, "handshake and long-poll after reconnect");
  assert.equal(h.subscribes()[2].query.has("tt"), false);
  assert.equal(h.subscribes()[3].query.get("tt"), TT1, "resumes from the kept cursor");
  await h.close();
});

Deno.test("disconnect() while a handshake retry is waiting cancels the timer", async () => {
  const h = await start([serverError()]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.clock.pending === 1, "the retry timer");
  h.pubnub.disconnect();
  assert.equal(h.clock.pending, 0, "the retry delay was cancelled");
  await h.clock.advance(10_000);
  assert.equal(h.sent().filter(isSubscribePath).length, 1);
  assert.deepEqual(h.log.slice(-2), ["event DISCONNECT", "invocation CANCEL_HANDSHAKE_RECONNECT"]);
  await h.close();
});

// --- (i) malformed bodies are retried failures, never crashes -----------------------------------

Deno.test("malformed handshake bodies (not JSON, wrong shape, numeric t.t) are retried, then it connects", async () => {
  const h = await start([
    body("this is not JSON"),
    body('{"hello":"world"}'),
    body('{"t":{"t":17000000000000000,"r":1},"m":[]}'),
    body("[]"),
    handshake(TT1),
  ], { maximumReconnectionRetries: -1 });
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.clock.pending === 1, "the first retry");
  for (let i = 0; i < 4; i++) {
    await retryAfterExactly(h, 2000);
    if (i < 3) await until(() => h.clock.pending === 1, `retry ${i + 2}`);
  }
  await receivingFrom(h, TT1);
  assert.equal(h.log.filter((e) => e === "event HANDSHAKE_RECONNECT_FAILURE").length, 3);
  assert.deepEqual(h.listener.statuses.map((s) => s.category), ["PNConnectedCategory"]);
  assert.deepEqual(h.errors, [], "nothing crashed");
  await h.close();
});

Deno.test("a malformed handshake that never heals gives up with the parse error in errorData", async () => {
  const bad = body('{"t":{"t":17000000000000000,"r":1},"m":[]}');
  const h = await start([bad, bad, bad], { maximumReconnectionRetries: 2 });
  h.pubnub.subscribe().channels("ch").execute();
  for (let i = 0; i < 2; i++) {
    await until(() => h.clock.pending === 1, `retry ${i + 1}`);
    await h.clock.advance(2000);
  }
  await until(() => h.listener.statuses.length === 1, "the give-up");
  const [status] = h.listener.statuses;
  assert.equal(status.category, "PNConnectionErrorCategory");
  const data = status.errorData as { message?: unknown; reconnection?: unknown };
  assert.match(String(data.message), /t\.t is a JSON number/);
  assert.match(String(data.reconnection), /PNMalformedResponseCategory/);
  assert.deepEqual(h.errors, []);
  await h.close();
});

Deno.test("malformed long-poll bodies are retried from the same cursor, then messages flow", async () => {
  const h = await start([
    handshake(TT1),
    body("<html>proxy error</html>"),
    body('{"t":{"t":17000000000000002,"r":1},"m":[]}'),
    body('{"t":{"t":"17000000000000002","r":1},"m":{}}'),
    messages(TT2, [envelope(TT2, "finally")]),
  ]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.clock.pending === 1, "the first retry");
  for (let i = 0; i < 3; i++) {
    const retry = await retryAfterExactly(h, 2000);
    assert.equal(retry.query.get("tt"), TT1);
    if (i < 2) await until(() => h.clock.pending === 1, `retry ${i + 2}`);
  }
  await receivingFrom(h, TT2);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["finally"]);
  assert.deepEqual(h.listener.statuses.map((s) => s.category), [
    "PNConnectedCategory",
    "PNReconnectedCategory",
  ]);
  assert.deepEqual(h.errors, []);
  await h.close();
});

Deno.test("a malformed envelope is reported and set aside; the others arrive and the cursor moves on", async () => {
  const bad = { ...envelope(TT2, "bad"), i: 42 };
  const h = await start([
    handshake(TT1),
    messages(TT2, [envelope(TT2, "first"), bad, envelope(TT2, "third")]),
    messages(TT3, [envelope(TT3, "next")]),
  ]);
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT3);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["first", "third", "next"]);
  const malformed = h.statuses("PNMalformedResponseCategory");
  assert.equal(malformed.length, 1);
  assert.equal(malformed[0].isError(), true);
  assert.deepEqual(malformed[0].errorData, {
    message: "envelope m[1]: i must be a string, got the number 42",
    envelope: bad,
  });
  assert.equal(h.clock.pending, 0, "no retry was scheduled");
  await h.close();
});

// --- (j) request message count threshold ------------------------------------------------------

Deno.test("requestMessageCountThreshold 2: only the response with more than 2 messages emits RequestMessageCountExceeded", async () => {
  const h = await start([
    handshake(TT1),
    messages(TT2, [envelope(TT2, 1), envelope(TT2, 2)]),
    messages(TT3, [envelope(TT3, 3), envelope(TT3, 4), envelope(TT3, 5)]),
  ], { requestMessageCountThreshold: 2 });
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT3);
  assert.deepEqual(h.listener.messages.map((m) => m.message), [1, 2, 3, 4, 5]);
  const exceeded = h.statuses("PNRequestMessageCountExceededCategory");
  assert.equal(exceeded.length, 1, "2 messages are at the threshold, not above it");
  assert.equal(exceeded[0].operation, "PNSubscribeOperation");
  assert.equal(exceeded[0].currentTimetoken, TT3);
  assert.equal(
    exceeded[0].lastTimetoken,
    TT2,
    "from the 3-message response, not the 2-message one",
  );
  assert.deepEqual(exceeded[0].affectedChannels, ["ch"]);
  assert.deepEqual(h.listener.statuses.map((s) => s.category), [
    "PNConnectedCategory",
    "PNRequestMessageCountExceededCategory",
  ]);
  await h.close();
});

Deno.test("default requestMessageCountThreshold: a full 100-message response emits no RequestMessageCountExceeded", async () => {
  const full = Array.from({ length: 100 }, (_, i) => envelope(TT2, i));
  const h = await start([handshake(TT1), messages(TT2, full)]);
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT2);
  assert.equal(h.listener.messages.length, 100);
  assert.deepEqual(h.listener.statuses.map((s) => s.category), ["PNConnectedCategory"]);
  await h.close();
});

// --- (k) filter expression, restore, state -----------------------------------------------------

Deno.test("filterExpression goes out as filter-expr on the handshake and every long-poll", async () => {
  const h = await start([handshake(TT1)], { filterExpression: "meta.lang == 'en'" });
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT1);
  for (const request of h.subscribes()) {
    assert.equal(request.query.get("filter-expr"), "meta.lang == 'en'");
    assert.match(request.rawQuery, /filter-expr=meta\.lang%20%3D%3D%20%27en%27(&|$)/);
  }
  await h.close();
});

Deno.test("withTimetoken handshakes, then receives from the given timetoken, not the server's", async () => {
  const h = await start([handshake(TT9, 7)]);
  h.pubnub.subscribe().channels("ch").withTimetoken(TT1).execute();
  await receivingFrom(h, TT1);
  const [first, second] = h.subscribes();
  assert.equal(first.query.has("tt"), false, "the handshake carries no tt");
  assert.equal(second.query.get("tt"), TT1);
  assert.equal(second.query.get("tr"), "7");
  assert.equal(h.log[0], "event SUBSCRIPTION_RESTORED");
  assert.equal(h.statuses("PNConnectedCategory")[0].currentTimetoken, TT1);
  await h.close();
});

Deno.test("only channel groups: the path channel is ',' and groups go in channel-group", async () => {
  const h = await start([handshake(TT1)]);
  h.pubnub.subscribe().channelGroups("cg").execute();
  await receivingFrom(h, TT1);
  for (const request of h.subscribes()) {
    assert.equal(request.path, "/v2/subscribe/demo/,/0");
    assert.equal(request.query.get("channel-group"), "cg");
  }
  await h.close();
});

Deno.test("the loop sends the client's presence state as JSON with each subscribe", async () => {
  let index = 0;
  const server = await startScriptedServer(() => index++ === 0 ? handshake(TT1) : HANG);
  const clock = new ManualClock();
  const config = new PNConfiguration({
    subscribeKey: "demo",
    userId: "user-1",
    origin: server.origin,
    ssl: false,
    presenceTimeout: 60,
  });
  // A real client is the loop's sender; the loop is given its own state source.
  const sender = new PubNub(config, { clock });
  const errors: unknown[] = [];
  const loop = new SubscribeLoop({
    config,
    sender: requestSender(sender),
    clock,
    random: () => 0,
    listeners: new ListenerSet<unknown>(sender, (e) => errors.push(e)),
    presenceState: () => ({ ch: { mood: "ok" } }),
    onError: (e) => errors.push(e),
  });
  loop.dispatch(events.subscriptionChanged(["ch"], []));
  await until(() => server.requests.length === 2, "the long-poll");
  for (const request of server.requests) {
    assert.equal(request.query.get("state"), '{"ch":{"mood":"ok"}}');
    assert.equal(request.query.get("heartbeat"), "60");
  }
  assert.equal(loop.state.name, "RECEIVING");
  loop.stop();
  await sender.stop();
  await server.close();
  assert.deepEqual(errors, []);
});

Deno.test("a presence state changed between two long-polls goes out with the next one", async () => {
  const answers = [handshake(TT1), messages(TT2, [envelope(TT2, 1)])];
  let index = 0;
  const server = await startScriptedServer(() => answers[index++] ?? HANG);
  const config = new PNConfiguration({
    subscribeKey: "demo",
    userId: "user-1",
    origin: server.origin,
    ssl: false,
  });
  const sender = new PubNub(config);
  const errors: unknown[] = [];
  let state: Record<string, unknown> = {};
  const listeners = new ListenerSet<unknown>(sender, (e) => errors.push(e));
  // Heard before the next long-poll is built: the state it sets must go out with that poll.
  listeners.add({ message: () => (state = { ch: { mood: "busy" } }) });
  const loop = new SubscribeLoop({
    config,
    sender: requestSender(sender),
    clock: new ManualClock(),
    random: () => 0,
    listeners,
    presenceState: () => state,
    onError: (e) => errors.push(e),
  });
  loop.dispatch(events.subscriptionChanged(["ch"], []));
  await until(() => server.requests.length === 3, "the second long-poll");
  assert.deepEqual(server.requests.map((r) => r.query.get("state")), [
    null,
    null,
    '{"ch":{"mood":"busy"}}',
  ]);
  assert.deepEqual(server.requests.map((r) => r.query.get("tt")), [null, TT1, TT2]);
  loop.stop();
  await sender.stop();
  await server.close();
  assert.deepEqual(errors, []);
});

// --- stop() -------------------------------------------------------------------------------------

Deno.test("stop() during a retry delay clears the timer and sends nothing more", async () => {
  const h = await start([handshake(TT1), serverError()]);
  h.pubnub.subscribe().channels("ch").execute();
  await until(() => h.clock.pending === 1, "the retry timer");
  await h.pubnub.stop();
  assert.equal(h.clock.pending, 0);
  const sent = h.subscribes().length;
  await h.clock.advance(10_000);
  assert.equal(h.sent().filter(isSubscribePath).length, sent);
  await h.close();
});

Deno.test("a listener that throws is reported to onError and does not break delivery", async () => {
  const h = await start([
    handshake(TT1),
    messages(TT2, [envelope(TT2, "one")]),
    messages(TT3, [envelope(TT3, "two")]),
  ]);
  h.pubnub.addListener({
    message() {
      throw new Error("listener bug");
    },
  });
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT3);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["one", "two"]);
  assert.equal(h.errors.length, 2);
  assert.match(String(h.errors[0]), /listener bug/);
  await h.close();
});

// --- more retry shapes -------------------------------------------------------------------------

Deno.test("EXPONENTIAL delays double up to the 150 s cap (unlimited retries)", async () => {
  const failures = Array.from({ length: 10 }, serverError);
  const h = await start([handshake(TT1), ...failures, messages(TT2, [envelope(TT2, "back")])], {
    reconnectionPolicy: "EXPONENTIAL",
    maximumReconnectionRetries: -1,
  });
  h.pubnub.subscribe().channels("ch").execute();
  const delays: number[] = [];
  for (let i = 0; i < 10; i++) {
    await until(() => h.clock.pending === 1, `retry ${i + 1}`);
    delays.push(h.clock.pendingDelays()[0]);
    await h.clock.advance(delays[i]);
  }
  assert.deepEqual(delays, [2000, 4000, 8000, 16000, 32000, 64000, 128000, 150000, 150000, 150000]);
  await receivingFrom(h, TT2);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["back"]);
  assert.equal(h.statuses("PNUnexpectedDisconnectCategory").length, 0);
  await h.close();
});

Deno.test("jitter comes from the injected random source: LINEAR 2000 ms + random × 1000", async () => {
  const sequence = [0.5, 0.123, 0.999];
  let next = 0;
  const h = await start(
    [serverError(), serverError(), serverError(), handshake(TT1)],
    {},
    { random: () => sequence[next++ % sequence.length] },
  );
  h.pubnub.subscribe().channels("ch").execute();
  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    await until(() => h.clock.pending === 1, `retry ${i + 1}`);
    delays.push(h.clock.pendingDelays()[0]);
    await h.clock.advance(delays[i]);
  }
  assert.deepEqual(delays, [2500, 2123, 2999]);
  await receivingFrom(h, TT1);
  await h.close();
});

Deno.test("a long-poll that outlives subscribeRequestTimeout is a Timeout failure, retried from the cursor", async () => {
  const h = await start([handshake(TT1), HANG, messages(TT2, [envelope(TT2, "late")])], {
    subscribeRequestTimeout: 0.05,
  });
  h.pubnub.subscribe().channels("ch").execute();
  // The request timeout is on the manual clock too (a background timer): advancing it fires.
  await until(() => h.subscribes().length === 2, "the long-poll that hangs");
  await h.clock.advance(50);
  await until(() => h.clock.pending === 1, "the retry after the timeout");
  assert.ok(h.log.includes("event RECEIVE_FAILURE"));
  const retry = await retryAfterExactly(h, 2000);
  assert.equal(retry.query.get("tt"), TT1);
  await receivingFrom(h, TT2);
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["late"]);
  await h.close();
});

Deno.test("a listener that subscribes from inside a message callback: handled after the transition", async () => {
  const h = await start([
    handshake(TT1),
    messages(TT2, [envelope(TT2, "first")]),
  ]);
  let subscribed = false;
  h.pubnub.addListener({
    message: () => {
      if (subscribed) return;
      subscribed = true;
      h.pubnub.subscribe().channels("other").execute();
    },
  });
  h.pubnub.subscribe().channels("ch").execute();
  await until(
    () => h.subscribes().some((r) => r.path === "/v2/subscribe/demo/ch,other/0"),
    "the long-poll with both channels",
  );
  assert.deepEqual(h.log.slice(6), [
    "event RECEIVE_SUCCESS",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation EMIT_MESSAGES",
    "invocation RECEIVE_MESSAGES",
    "event SUBSCRIPTION_CHANGED",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation EMIT_STATUS",
    "invocation RECEIVE_MESSAGES",
  ]);
  const last = h.subscribes().at(-1)!;
  assert.equal(last.path, "/v2/subscribe/demo/ch,other/0");
  assert.equal(last.query.get("tt"), TT2, "the cursor of the message just received");
  assert.deepEqual(h.listener.messages.map((m) => m.message), ["first"]);
  assert.deepEqual(h.errors, []);
  await h.close();
});

Deno.test("unsubscribeAll() while receiving emits Disconnected and forgets the timetoken", async () => {
  const h = await start([handshake(TT1), HANG, handshake(TT9)]);
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT1);
  h.pubnub.unsubscribeAll();
  assert.deepEqual(h.log.slice(6), [
    "event UNSUBSCRIBE_ALL",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation EMIT_STATUS",
  ]);
  assert.equal(h.statuses("PNDisconnectedCategory").length, 1);
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT9);
  const [, before, handshakeAgain, after] = h.subscribes();
  assert.equal(before.query.get("tt"), TT1);
  assert.equal(handshakeAgain.query.has("tt"), false);
  assert.equal(after.query.get("tt"), TT9, "the server's new timetoken, not the old one");
  await h.close();
});

Deno.test("listeners hear messages, statuses and connection changes in the same order with or without a cipher key", async () => {
  async function heard(config: Partial<PNConfigurationOptions>): Promise<string[]> {
    const bad = { ...envelope(TT2, "bad"), i: 42 };
    const h = await start([
      handshake(TT1),
      messages(TT2, [envelope(TT2, 1), bad, envelope(TT2, 2), envelope(TT2, 3)]),
    ], { requestMessageCountThreshold: 2, ...config });
    const order: string[] = [];
    h.pubnub.addListener({
      message: (_p, m) => order.push(`message ${m.message}`),
      status: (_p, s) => order.push(`status ${s.category}`),
      connectionState: (_p, c) => order.push(`state ${c.state}`),
    });
    h.pubnub.subscribe().channels("ch").execute();
    await receivingFrom(h, TT2);
    await until(() => order.includes("status PNRequestMessageCountExceededCategory"), "all");
    const snapshot = [...order];
    await h.close();
    return snapshot;
  }
  const plain = await heard({});
  // Numbers are not ciphertext: with a key they pass through, so both runs deliver the same.
  const withKey = await heard({ cipherKey: "secret" });
  assert.deepEqual(withKey, plain);
  assert.deepEqual(plain.filter((line) => !line.startsWith("state")), [
    "status PNConnectedCategory",
    "status PNMalformedResponseCategory",
    "message 1",
    "message 2",
    "message 3",
    "status PNRequestMessageCountExceededCategory",
  ]);
});

Deno.test("dedupeOnSubscribe: an undecryptable message delivered twice is heard once, and reported once", async () => {
  const h = await start([
    handshake(TT1),
    messages(TT2, [envelope(TT2, "not-ciphertext")]),
    messages(TT3, [envelope(TT2, "not-ciphertext")]),
  ], { cipherKey: "secret", dedupeOnSubscribe: true });
  h.pubnub.subscribe().channels("ch").execute();
  await receivingFrom(h, TT3);
  assert.equal(h.listener.messages.length, 1);
  assert.equal(typeof h.listener.messages[0].error, "string");
  assert.equal(h.statuses("PNDecryptionErrorCategory").length, 1);
  await h.close();
});

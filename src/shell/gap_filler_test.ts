/**
 * The gap back-fill through the shell: a client against a scripted loopback server that plays
 * the subscribe protocol and a small history store, with a manual clock for the reconnect delay.
 * Outcomes are checked through the listener, `observeEngine` and the requests on the wire.
 */
import assert from "node:assert/strict";
import { ManualClock } from "./clock.ts";
import { PubNub } from "./pubnub.ts";
import { SubscribeListener } from "./subscribe_listener.ts";
import type { PNConfigurationOptions } from "../core/config.ts";
import {
  type RecordedRequest,
  type ScriptedAnswer,
  type ScriptedServer,
  startScriptedServer,
} from "../testing/scripted_server.ts";
import { until } from "../testing/local_clients.ts";

const tt = (n: number) => String(17000000000000000n + BigInt(n));
const HANG: ScriptedAnswer = { fault: "hang" };
const LEAVE_OK: ScriptedAnswer = { status: 200, body: '{"status":200,"message":"OK"}' };

interface Published {
  channel: string;
  n: number;
  subscription?: string;
  seq?: number;
}

function envelope(m: Published): Record<string, unknown> {
  const e: Record<string, unknown> = {
    a: "1",
    f: 0,
    i: "pub",
    p: { t: tt(m.n), r: 1 },
    k: "demo",
    c: m.channel,
    d: { n: m.n },
  };
  if (m.subscription) e.b = m.subscription;
  if (m.seq !== undefined) e.s = m.seq;
  return e;
}

function poll(cursor: number, messages: Published[]): ScriptedAnswer {
  return {
    status: 200,
    body: JSON.stringify({ t: { t: tt(cursor), r: 1 }, m: messages.map(envelope) }),
  };
}

const SERVER_ERROR: ScriptedAnswer = {
  status: 500,
  body: JSON.stringify({ status: 500, error: true, message: "trouble" }),
};

const STORAGE_OFF: ScriptedAnswer = {
  status: 403,
  body: JSON.stringify({
    status: 403,
    error: true,
    error_message: "Storage is not enabled for this subscribe key",
  }),
};

/** History as the service answers it: `start` exclusive, `end` inclusive, the newest `max`. */
function history(stored: Published[], request: RecordedRequest): ScriptedAnswer {
  const channel = decodeURIComponent(request.path.split("/").pop()!);
  const start = request.query.get("start");
  const end = request.query.get("end");
  const max = Number(request.query.get("max"));
  const hits = stored.filter((m) =>
    m.channel === channel && (start === null || BigInt(tt(m.n)) < BigInt(start)) &&
    (end === null || BigInt(tt(m.n)) >= BigInt(end))
  ).slice(-max);
  const channels = {
    [channel]: hits.map((m) => ({
      message: { n: m.n },
      timetoken: tt(m.n),
      uuid: "pub",
      message_type: null,
    })),
  };
  return { status: 200, body: JSON.stringify({ status: 200, error: false, channels }) };
}

interface Harness {
  server: ScriptedServer;
  clock: ManualClock;
  pubnub: PubNub;
  listener: SubscribeListener;
  log: string[];
  histories(): RecordedRequest[];
  subscribes(): RecordedRequest[];
  close(): Promise<void>;
}

async function start(
  polls: ScriptedAnswer[],
  answerHistory: (request: RecordedRequest) => ScriptedAnswer,
  config: Partial<PNConfigurationOptions> = {},
): Promise<Harness> {
  let next = 0;
  const server = await startScriptedServer((request) => {
    if (request.path.startsWith("/v3/history/")) return answerHistory(request);
    if (!request.path.startsWith("/v2/subscribe/")) return LEAVE_OK;
    return polls[next++] ?? HANG;
  });
  const clock = new ManualClock();
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "sub",
    origin: server.origin,
    ssl: false,
    reconnectionPolicy: "LINEAR",
    ...config,
  }, { clock, random: () => 0, onError: (e) => console.error(e) });
  const listener = new SubscribeListener();
  pubnub.addListener(listener);
  const log: string[] = [];
  pubnub.observeEngine((e) => e.engine === "subscribe" && log.push(`${e.type} ${e.name}`));
  return {
    server,
    clock,
    pubnub,
    listener,
    log,
    histories: () => server.requests.filter((r) => r.path.startsWith("/v3/history/")),
    subscribes: () => server.requests.filter((r) => r.path.startsWith("/v2/subscribe/")),
    async close() {
      await pubnub.stop();
      await server.close();
    },
  };
}

const range = (from: number, to: number, channel = "ch", extra: Partial<Published> = {}) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ channel, n: from + i, ...extra }));

/** Subscribes, fails the first long-poll, and lets the reconnect's delay pass. */
async function reconnectThroughCatchUp(h: Harness, channels: string[]): Promise<void> {
  h.pubnub.subscribe().channels(channels).execute();
  await until(() => h.log.includes("invocation RECEIVE_RECONNECT"), "the reconnect");
  await h.clock.advance(2000);
}

Deno.test("a reconnect's catch-up that filled the window is back-filled from storage: all 400 once, in order", async () => {
  // 400 published while the connection was down; the catch-up brings the newest 100.
  const stored = range(1001, 1400);
  const h = await start(
    [poll(1000, []), SERVER_ERROR, poll(1400, range(1301, 1400))],
    (r) => history(stored, r),
  );
  await reconnectThroughCatchUp(h, ["ch"]);
  await until(() => h.listener.messages.length >= 400, "400 messages");
  await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(1400)), "live again");
  assert.deepEqual(
    h.listener.messages.map((m) => (m.message as { n: number }).n),
    range(1001, 1400).map((m) => m.n),
  );
  // Paged back from the oldest caught-up message, 100 a call, down to just after the cursor.
  assert.deepEqual(h.histories().map((r) => [r.query.get("start"), r.query.get("end")]), [
    [tt(1301), tt(1001)],
    [tt(1201), tt(1001)],
    [tt(1101), tt(1001)],
  ]);
  assert.ok(h.histories().every((r) => r.query.get("max") === "100"));
  const fill = h.log.indexOf("invocation FILL_GAP");
  assert.ok(fill > h.log.indexOf("event RECEIVE_RECONNECT_SUCCESS"), h.log.join("\n"));
  assert.ok(h.log.indexOf("event GAP_FILL_SUCCESS") > fill);
  // The statuses are the ones the loop always emitted, in their order (100 caught-up messages
  // are at the default threshold, not above it: no count-exceeded status).
  assert.deepEqual(h.listener.statuses.map((s) => s.category), [
    "PNConnectedCategory",
    "PNReconnectedCategory",
  ]);
  await h.close();
});

Deno.test("groups and wildcards: only the channel whose window was full is filled, with its subscription", async () => {
  const stored = [...range(1001, 1150, "a.x"), ...range(1151, 1180, "a.y")];
  const h = await start(
    [
      poll(1000, []),
      SERVER_ERROR,
      poll(1180, [
        ...range(1051, 1150, "a.x", { subscription: "a.*" }),
        ...range(1151, 1180, "a.y", { subscription: "a.*" }),
      ]),
    ],
    (r) => history(stored, r),
  );
  await reconnectThroughCatchUp(h, ["a.*"]);
  await until(() => h.listener.messages.length >= 180, "180 messages");
  assert.deepEqual(h.histories().map((r) => r.path.split("/").pop()), ["a.x"]);
  const got = h.listener.messages.map((m) => [m.channel, (m.message as { n: number }).n]);
  assert.deepEqual(got, stored.map((m) => [m.channel, m.n]));
  assert.ok(h.listener.messages.every((m) => m.subscription === "a.*"));
  await h.close();
});

Deno.test("storage off: the loss is reported with the channel and the exact count, then the catch-up and live delivery go on", async () => {
  // The publisher numbers its publishes (seqn): 1 was delivered, 2…301 were lost, 302…401
  // came in the catch-up.
  const h = await start(
    [
      poll(999, []),
      poll(1000, [{ channel: "ch", n: 1000, seq: 1 }]),
      SERVER_ERROR,
      poll(1400, range(1301, 1400).map((m) => ({ ...m, seq: m.n - 999 }))),
    ],
    () => STORAGE_OFF,
  );
  await reconnectThroughCatchUp(h, ["ch"]);
  await until(() => h.listener.messages.length >= 101, "101 messages");
  await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(1400)), "live again");
  const lost = h.listener.statuses.filter((s) => s.isError());
  assert.equal(lost.length, 1);
  assert.equal(lost[0].category, "PNRequestMessageCountExceededCategory");
  assert.deepEqual(lost[0].affectedChannels, ["ch"]);
  assert.equal(lost[0].statusCode, 403);
  const data = lost[0].errorData as { missed: number; channel: string; message: string };
  assert.equal(data.missed, 300);
  assert.equal(data.channel, "ch");
  assert.match(data.message, /^300 messages published on "ch".*Storage is not enabled/);
  assert.equal(h.histories().length, 1, "one failed call, not retried");
  const n = h.listener.messages.map((m) => (m.message as { n: number }).n);
  assert.deepEqual(n, [1000, ...range(1301, 1400).map((m) => m.n)], "nothing twice");
  // The loss report is the only count-exceeded status: the 100-message catch-up is at the
  // default threshold, not above it.
  assert.deepEqual(h.listener.statuses.map((s) => s.category), [
    "PNConnectedCategory",
    "PNReconnectedCategory",
    "PNRequestMessageCountExceededCategory",
  ]);
  await h.close();
});

Deno.test("restoreGaps: false fetches nothing and delivers the catch-up as before", async () => {
  const h = await start(
    [poll(1000, []), SERVER_ERROR, poll(1400, range(1301, 1400))],
    () => {
      throw new Error("no history request expected");
    },
    { restoreGaps: false },
  );
  await reconnectThroughCatchUp(h, ["ch"]);
  await until(() => h.listener.messages.length >= 100, "100 messages");
  await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(1400)), "live again");
  assert.equal(h.histories().length, 0);
  assert.ok(!h.log.includes("invocation FILL_GAP"));
  assert.deepEqual(h.listener.statuses.map((s) => s.category), [
    "PNConnectedCategory",
    "PNReconnectedCategory",
  ]);
  await h.close();
});

Deno.test("unsubscribing while the gap is being fetched cancels the fetch and delivers nothing late", async () => {
  const h = await start(
    [poll(1000, []), SERVER_ERROR, poll(1400, range(1301, 1400))],
    () => HANG,
  );
  await reconnectThroughCatchUp(h, ["ch"]);
  await until(() => h.histories().length === 1, "the history request");
  h.pubnub.unsubscribeAll();
  await until(() => h.log.includes("invocation CANCEL_FILL_GAP"), "the cancel");
  assert.equal(h.listener.messages.length, 0);
  assert.equal(h.pubnub.connectionState, "disconnected");
  await h.close();
});

Deno.test("a fill that fails on its second page delivers the first and reports only what is still missing", async () => {
  const stored = range(1001, 1400);
  let pages = 0;
  const h = await start(
    [
      poll(999, []),
      poll(1000, [{ channel: "ch", n: 1000, seq: 1 }]),
      SERVER_ERROR,
      poll(1400, range(1301, 1400).map((m) => ({ ...m, seq: m.n - 999 }))),
    ],
    (r) => (pages++ === 0 ? history(stored, r) : SERVER_ERROR),
  );
  await reconnectThroughCatchUp(h, ["ch"]);
  await until(() => h.listener.messages.length >= 201, "201 messages");
  await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(1400)), "live again");
  const n = h.listener.messages.map((m) => (m.message as { n: number }).n);
  assert.deepEqual(n, [1000, ...range(1201, 1400).map((m) => m.n)]);
  const lost = h.listener.statuses.filter((s) => s.isError());
  assert.equal(lost.length, 1);
  assert.equal(lost[0].statusCode, 500);
  assert.equal((lost[0].errorData as { missed: number }).missed, 200);
  assert.ok(h.log.includes("event GAP_FILL_FAILURE"));
  await h.close();
});

Deno.test("live traffic without an outage: full responses fetch nothing from storage and are delivered at once", async () => {
  // A firehose the subscriber keeps up with: every long-poll answers the service's cap of 100,
  // each starting right after the last one. No outage, no restore: no catch-up to fill.
  const stored = range(1001, 1300);
  const h = await start(
    [
      poll(1000, []),
      poll(1100, range(1001, 1100)),
      poll(1200, range(1101, 1200)),
      poll(1300, range(1201, 1300)),
    ],
    (r) => history(stored, r),
  );
  h.pubnub.subscribe().channels(["ch"]).execute();
  await until(() => h.listener.messages.length >= 300, "300 messages");
  await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(1300)), "live on");
  assert.deepEqual(
    h.listener.messages.map((m) => (m.message as { n: number }).n),
    stored.map((m) => m.n),
  );
  assert.equal(h.histories().length, 0, "no history request on live traffic");
  assert.ok(!h.log.includes("invocation FILL_GAP"), h.log.join("\n"));
  await h.close();
});

Deno.test("a restore from a timetoken whose first answer filled the window is back-filled", async () => {
  const stored = range(1001, 1250);
  const h = await start(
    [poll(5000, []), poll(1250, range(1151, 1250))],
    (r) => history(stored, r),
  );
  h.pubnub.subscribe().channels(["ch"]).withTimetoken(tt(1000)).execute();
  await until(() => h.listener.messages.length >= 250, "250 messages");
  assert.deepEqual(
    h.listener.messages.map((m) => (m.message as { n: number }).n),
    stored.map((m) => m.n),
  );
  assert.equal(h.histories().length, 2);
  await h.close();
});

Deno.test("a second overflow while the first gap was being fetched is filled too: all once, in order", async () => {
  // The catch-up after the outage lost 1001…1300; while that was fetched, 250 more went out and
  // the next long-poll's window lost 1401…1550 of them.
  const stored = range(1001, 1650);
  const h = await start(
    [poll(1000, []), SERVER_ERROR, poll(1400, range(1301, 1400)), poll(1650, range(1551, 1650))],
    (r) => history(stored, r),
  );
  await reconnectThroughCatchUp(h, ["ch"]);
  await until(() => h.listener.messages.length >= 650, "650 messages");
  await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(1650)), "live again");
  assert.deepEqual(
    h.listener.messages.map((m) => (m.message as { n: number }).n),
    stored.map((m) => m.n),
  );
  assert.equal(h.log.filter((l) => l === "invocation FILL_GAP").length, 2);
  await h.close();
});

Deno.test("a subscription change while the gap is being fetched catches up and fills again: all once", async () => {
  const stored = range(1001, 1400);
  let historyCalls = 0;
  const h = await start(
    // The change re-polls from the cursor before the held batch, so the catch-up comes again.
    [poll(1000, []), SERVER_ERROR, poll(1400, range(1301, 1400)), poll(1400, range(1301, 1400))],
    (r) => (historyCalls++ === 0 ? HANG : history(stored, r)),
  );
  await reconnectThroughCatchUp(h, ["ch"]);
  await until(() => h.histories().length === 1, "the first history request");
  h.pubnub.subscribe().channels(["other"]).execute();
  await until(() => h.listener.messages.length >= 400, "400 messages");
  await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(1400)), "live again");
  assert.deepEqual(
    h.listener.messages.map((m) => (m.message as { n: number }).n),
    stored.map((m) => m.n),
  );
  assert.equal(h.subscribes()[3].query.get("tt"), tt(1000), "re-polled from the old cursor");
  await h.close();
});

Deno.test("paging edges: a gap of exactly 100 takes one history call, of 101 two, nothing twice", async () => {
  for (const missing of [100, 101]) {
    const stored = range(1001, 1100 + missing);
    const last = 1100 + missing;
    const h = await start(
      [poll(1000, []), SERVER_ERROR, poll(last, range(last - 99, last))],
      (r) => history(stored, r),
    );
    await reconnectThroughCatchUp(h, ["ch"]);
    await until(() => h.listener.messages.length >= 100 + missing, `${100 + missing} messages`);
    await until(() => h.subscribes().some((r) => r.query.get("tt") === tt(last)), "live again");
    assert.deepEqual(
      h.listener.messages.map((m) => (m.message as { n: number }).n),
      stored.map((m) => m.n),
    );
    // `start` is exclusive and `end` inclusive: a page whose oldest is `end` leaves nothing.
    assert.deepEqual(
      h.histories().map((r) => [r.query.get("start"), r.query.get("end")]),
      missing === 100 ? [[tt(1101), tt(1001)]] : [[tt(1102), tt(1001)], [tt(1002), tt(1001)]],
      `${missing} missing`,
    );
    await h.close();
  }
});

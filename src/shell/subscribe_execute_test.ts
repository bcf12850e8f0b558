import assert from "node:assert/strict";
import { PubNub } from "./pubnub.ts";
import { PubNubError } from "../core/error.ts";
import type { PNStatus } from "../core/status.ts";
import { type RecordedRequest, startScriptedServer } from "../testing/scripted_server.ts";
import { until } from "../testing/local_clients.ts";

const HANDSHAKE = '{"t":{"t":"17000000000000000","r":1},"m":[]}';
const FORBIDDEN = JSON.stringify({
  message: "Forbidden",
  payload: { channels: ["a"] },
  error: true,
  service: "Access Manager",
  status: 403,
});

/** Answers handshakes as `handshake` says, holds every long-poll open. */
async function subscribeServer(handshake: { status: number; body: string }) {
  return await startScriptedServer((request: RecordedRequest) => {
    if (!request.path.startsWith("/v2/subscribe/")) return { status: 200, body: "{}" };
    return request.query.has("tt") ? { fault: "hang" } : handshake;
  });
}

function client(origin: string): PubNub {
  return new PubNub({
    subscribeKey: "sub",
    userId: "u1",
    origin,
    ssl: false,
    reconnectionPolicy: "NONE",
  });
}

Deno.test("await subscribe().execute() resolves with the connected status", async () => {
  const server = await subscribeServer({ status: 200, body: HANDSHAKE });
  const pubnub = client(server.origin);
  try {
    const status = await pubnub.subscribe().channels("a").execute();
    assert.equal(status.category, "PNConnectedCategory");
    assert.deepEqual(status.affectedChannels, ["a"]);
    assert.equal(status.currentTimetoken, "17000000000000000");
    assert.equal(pubnub.connectionState, "connected");
    // Subscribing to more while connected resolves at once: no new handshake is waited for.
    const more = await pubnub.subscribe().channels("b").execute();
    assert.equal(more.category, "PNConnectedCategory");
    assert.deepEqual(more.affectedChannels, ["a", "b"]);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("await subscribe().execute() rejects with a PubNubError on access denied", async () => {
  const server = await subscribeServer({ status: 403, body: FORBIDDEN });
  const pubnub = client(server.origin);
  try {
    const error = await pubnub.subscribe().channels("a").execute().then(
      () => assert.fail("a 403 handshake resolved"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PubNubError);
    assert.equal(error.status.category, "PNAccessDeniedCategory");
    assert.equal(error.status.statusCode, 403);
    assert.match(error.message, /PNAccessDeniedCategory: HTTP 403/);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("an un-awaited execute() on a refused key leaves no unhandled rejection", async () => {
  const unhandled: unknown[] = [];
  // Recorded, not prevented: Deno's own detection stays active and would fail the test too.
  const record = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
  globalThis.addEventListener("unhandledrejection", record);
  const server = await subscribeServer({ status: 403, body: FORBIDDEN });
  const pubnub = client(server.origin);
  const statuses: PNStatus[] = [];
  pubnub.addListener({ status: (_p, s) => statuses.push(s) });
  try {
    pubnub.subscribe().channels("a").execute(); // deliberately not awaited
    await until(
      () => statuses.some((s) => s.category === "PNConnectionErrorCategory"),
      "the give-up status",
    );
    // A few turns of the event loop: an unhandled rejection is reported after the microtasks.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(unhandled, []);
    assert.ok(statuses.some((s) => s.category === "PNAccessDeniedCategory"));
  } finally {
    globalThis.removeEventListener("unhandledrejection", record);
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("execute() rejects as cancelled when the subscription is dropped before connecting", async () => {
  const server = await startScriptedServer(() => ({ fault: "hang" }));
  const pubnub = client(server.origin);
  try {
    const waiting = pubnub.subscribe().channels("a").execute();
    pubnub.unsubscribeAll();
    const error = await waiting.then(() => assert.fail("resolved"), (e: unknown) => e);
    assert.ok(error instanceof PubNubError);
    assert.equal(error.status.category, "PNCancelledCategory");
    assert.match(error.message, /ended before it connected \(unsubscribed from everything\)/);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("execute() still throws a validation error synchronously for bad input", () => {
  const pubnub = client("127.0.0.1:9");
  assert.throws(
    () => pubnub.subscribe().channels("").execute(),
    (e: unknown) => e instanceof PubNubError && e.status.category === "PNValidationErrorCategory",
  );
});

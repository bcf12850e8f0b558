/**
 * The transport hands one abort signal to a run of requests: a signal whose request ended
 * without an abort serves the next request sent with a caller's signal, and the shared signal of
 * the requests without one serves a bounded run. Cancellation and timeouts still end exactly
 * the request they concern, and a signal that was aborted is never handed out again.
 */
import assert from "node:assert/strict";
import { PNConfiguration } from "../core/config.ts";
import type { RequestDescription } from "../core/request.ts";
import { until } from "../testing/until.ts";
import { ManualClock } from "./clock.ts";
import { USES_PER_SIGNAL } from "./in_flight.ts";
import { Transport } from "./transport.ts";

const CONFIG = { publishKey: "pub", subscribeKey: "sub", userId: "u1" };

function request(path: string): RequestDescription {
  return { operation: "PNTimeOperation", method: "GET", path, query: {} };
}

/** `/quick` answers at once; `/slow` never answers and counts the clients that gave up on it. */
function startServer() {
  let slowSeen = 0;
  let slowEnded = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    if (new URL(req.url).pathname === "/slow") {
      slowSeen++;
      await new Promise<void>((resolve) => {
        req.signal.addEventListener("abort", () => {
          slowEnded++;
          resolve();
        }, { once: true });
      });
      return new Response(null, { status: 499 });
    }
    return new Response("[1]", { headers: { "content-type": "application/json" } });
  });
  return {
    origin: `127.0.0.1:${server.addr.port}`,
    slowSeen: () => slowSeen,
    slowEnded: () => slowEnded,
    close: () => server.shutdown(),
  };
}

function longPoll(path: string): RequestDescription {
  return { ...request(path), longPoll: true };
}

/**
 * Runs `body` against a fresh server with a transport to it (on `clock`, when given), and closes
 * the server whatever happens.
 */
async function withTransport(
  body: (
    transport: Transport,
    server: ReturnType<typeof startServer>,
    config: PNConfiguration,
  ) => Promise<void>,
  clock?: ManualClock,
): Promise<void> {
  const server = startServer();
  const config = new PNConfiguration({ ...CONFIG, origin: server.origin, ssl: false });
  try {
    await body(new Transport(config, clock ? { clock } : {}), server, config);
  } finally {
    await server.close();
  }
}

Deno.test("a caller's abort ends its request after earlier ones shared the signal, and the next request is sent", async () => {
  await withTransport(async (transport, server) => {
    for (let i = 0; i < 5; i++) {
      const outcome = await transport.send(request("/quick"), new AbortController().signal);
      assert.equal(outcome.ok, true);
    }
    const caller = new AbortController();
    const slow = transport.send(request("/slow"), caller.signal);
    await until(() => server.slowSeen() === 1, "the slow request reached the server");
    caller.abort();
    const cancelled = await slow;
    assert.equal(!cancelled.ok && cancelled.status.category, "PNCancelledCategory");
    await until(() => server.slowEnded() === 1, "the cancelled request's connection was ended");
    // The aborted signal is not handed to the next request: it is sent and answered.
    const next = await transport.send(request("/quick"), new AbortController().signal);
    assert.equal(next.ok, true, next.ok ? "" : next.message);
    assert.equal(transport.inFlight, 0);
  });
});

Deno.test("a request with a signal that times out is ended, and the next one is sent on another signal", async () => {
  const clock = new ManualClock();
  await withTransport(async (transport, server) => {
    assert.equal((await transport.send(request("/quick"), new AbortController().signal)).ok, true);
    const slow = transport.send(request("/slow"), new AbortController().signal);
    await until(() => server.slowSeen() === 1, "the slow request reached the server");
    await clock.advance(10_000);
    const late = await slow;
    assert.equal(!late.ok && late.status.category, "PNTimeoutCategory");
    await until(() => server.slowEnded() === 1, "the timed-out request's connection was ended");
    const next = await transport.send(request("/quick"), new AbortController().signal);
    assert.equal(next.ok, true, next.ok ? "" : next.message);
  }, clock);
});

Deno.test("past the requests one shared signal serves, a late request still times out and its fetch is ended", async () => {
  const clock = new ManualClock();
  await withTransport(async (transport, server) => {
    // The slow request is the last its signal serves; the requests after it take a fresh one.
    for (let i = 0; i < USES_PER_SIGNAL - 1; i++) {
      assert.equal((await transport.send(request("/quick"))).ok, true);
    }
    const slow = transport.send(request("/slow"));
    await until(() => server.slowSeen() === 1, "the slow request reached the server");
    for (let i = 0; i < 3; i++) assert.equal((await transport.send(request("/quick"))).ok, true);
    await clock.advance(10_000);
    const late = await slow;
    assert.equal(!late.ok && late.status.category, "PNTimeoutCategory");
    await until(() => server.slowEnded() === 1, "the late fetch was ended");
    // Many runs later, abortAll() still ends a request in flight.
    for (let i = 0; i < 2 * USES_PER_SIGNAL; i++) {
      assert.equal((await transport.send(request("/quick"))).ok, true);
    }
    const pending = transport.send(request("/slow"));
    await until(() => server.slowSeen() === 2, "the second slow request reached the server");
    transport.abortAll();
    const aborted = await pending;
    assert.equal(!aborted.ok && aborted.status.category, "PNCancelledCategory");
    await until(() => server.slowEnded() === 2, "the aborted request's connection was ended");
  }, clock);
});

Deno.test("a signal sent with one long-poll after another stays linked, and still ends the one in flight", async () => {
  await withTransport(async (transport, server) => {
    // Past a change of the signal the polls share, so the link is moved along with it.
    const loop = new AbortController();
    for (let i = 0; i < USES_PER_SIGNAL + 2; i++) {
      const outcome = await transport.send(longPoll("/quick"), loop.signal);
      assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.message);
    }
    const slow = transport.send(longPoll("/slow"), loop.signal);
    await until(() => server.slowSeen() === 1, "the slow long-poll reached the server");
    loop.abort();
    const cancelled = await slow;
    assert.equal(!cancelled.ok && cancelled.status.category, "PNCancelledCategory");
    await until(() => server.slowEnded() === 1, "the cancelled long-poll's connection was ended");
    assert.equal(transport.inFlight, 0);
  });
});

Deno.test("a long-poll's signal aborted after its poll ended does not end the next request, sent with another signal", async () => {
  await withTransport(async (transport, server) => {
    const first = new AbortController();
    assert.equal((await transport.send(longPoll("/quick"), first.signal)).ok, true);
    // Nothing is in flight: the abort reaches only the batch the poll left for the next one.
    first.abort();
    const second = new AbortController();
    const next = await transport.send(longPoll("/quick"), second.signal);
    assert.equal(next.ok, true, next.ok ? "" : next.message);
    // And the new signal is the one that ends a request now.
    const slow = transport.send(longPoll("/slow"), second.signal);
    await until(() => server.slowSeen() === 1, "the slow long-poll reached the server");
    second.abort();
    const cancelled = await slow;
    assert.equal(!cancelled.ok && cancelled.status.category, "PNCancelledCategory");
    await until(() => server.slowEnded() === 1, "the cancelled long-poll's connection was ended");
  });
});

Deno.test("a long-poll's signal left linked to the spare ends nothing once another caller's request took that spare", async () => {
  await withTransport(async (transport, server) => {
    // The loop's poll ends; its signal stays linked to the spare it leaves (the loop then waits,
    // a reconnect delay say, with nothing in flight).
    const loop = new AbortController();
    assert.equal((await transport.send(longPoll("/quick"), loop.signal)).ok, true);
    // An app's call with its own signal takes that spare...
    const app = new AbortController();
    let settled = false;
    const call = transport.send(request("/slow"), app.signal).finally(() => settled = true);
    await until(() => server.slowSeen() === 1, "the app's request reached the server");
    // ...and the loop is cancelled meanwhile (an unsubscribe during its wait).
    loop.abort();
    // A whole round trip later the app's request is still waiting: the loop's abort missed it.
    assert.equal((await transport.send(request("/quick"), new AbortController().signal)).ok, true);
    assert.equal(settled, false, "the loop's abort ended the app's request");
    assert.equal(server.slowEnded(), 0);
    // Its own signal still ends it.
    app.abort();
    const cancelled = await call;
    assert.equal(!cancelled.ok && cancelled.status.category, "PNCancelledCategory");
    await until(() => server.slowEnded() === 1, "the app's request's connection was ended");
  });
});

Deno.test("the deadline of a long-poll that was answered ends nothing when it passes, though the next poll has its signal", async () => {
  const clock = new ManualClock();
  await withTransport(async (transport, server, config) => {
    const timeoutMs = config.subscribeRequestTimeout * 1000;
    const loop = new AbortController();
    assert.equal((await transport.send(longPoll("/quick"), loop.signal)).ok, true);
    // The next poll starts later, on the same signal and the spare the first one left.
    await clock.advance(timeoutMs / 2);
    let settled = false;
    const slow = transport.send(longPoll("/slow"), loop.signal).finally(() => settled = true);
    await until(() => server.slowSeen() === 1, "the second long-poll reached the server");
    // The first poll's deadline passes: the second, in flight for half a timeout, goes on.
    await clock.advance(timeoutMs / 2 + 1000);
    assert.equal((await transport.send(request("/quick"), new AbortController().signal)).ok, true);
    assert.equal(settled, false, "an answered poll's deadline ended the next one");
    assert.equal(server.slowEnded(), 0);
    // Its own deadline ends it.
    await clock.advance(timeoutMs / 2);
    const late = await slow;
    assert.equal(!late.ok && late.status.category, "PNTimeoutCategory");
    await until(() => server.slowEnded() === 1, "the timed-out long-poll's connection was ended");
  }, clock);
});

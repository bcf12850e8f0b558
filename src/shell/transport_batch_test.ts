/**
 * The transport's requests without a caller's signal share one: a timeout still ends only the
 * request that is late, at its own deadline, and its fetch is ended once the requests that shared
 * its signal are done; requests with a signal keep their own. And the URL written without the
 * intermediate query object is the one `url()` describes.
 */
import assert from "node:assert/strict";
import { PNConfiguration } from "../core/config.ts";
import type { RequestDescription } from "../core/request.ts";
import { until } from "../testing/until.ts";
import { encodeQuery } from "../core/encoding.ts";
import { ManualClock } from "./clock.ts";
import { commonQuery } from "./request_signer.ts";
import { Transport, type TransportOutcome } from "./transport.ts";

const CONFIG = { publishKey: "pub", subscribeKey: "sub", userId: "u1" };

function request(path: string): RequestDescription {
  return { operation: "PNTimeOperation", method: "GET", path, query: {} };
}

/** A server whose `/slow` never answers (it notes when the client gives up) and whose `/gated` answers once the gate opens. */
function startGatedServer() {
  const gate = Promise.withResolvers<void>();
  const seen: string[] = [];
  let slowEnded = false;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    seen.push(path);
    if (path === "/slow") {
      await new Promise<void>((resolve) => {
        req.signal.addEventListener("abort", () => {
          slowEnded = true;
          resolve();
        }, { once: true });
      });
      return new Response(null, { status: 499 });
    }
    await gate.promise;
    return new Response("[1]", { headers: { "content-type": "application/json" } });
  });
  return {
    origin: `127.0.0.1:${server.addr.port}`,
    seen,
    slowEnded: () => slowEnded,
    open: () => gate.resolve(),
    close: async () => {
      gate.resolve();
      await server.shutdown();
    },
  };
}

Deno.test("a late request times out alone at its deadline; those sharing its signal carry on, then its fetch is ended", async () => {
  const server = startGatedServer();
  const clock = new ManualClock();
  const transport = new Transport(
    new PNConfiguration({ ...CONFIG, origin: server.origin, ssl: false }),
    { clock },
  );
  const settled = new Map<string, TransportOutcome>();
  const track = (name: string, pending: Promise<TransportOutcome>) =>
    pending.then((outcome) => settled.set(name, outcome));

  track("slow", transport.send(request("/slow")));
  await until(() => server.seen.includes("/slow"), "the slow request reached the server");
  await clock.advance(5_000);
  track("sharing", transport.send(request("/gated")));
  await until(() => server.seen.length === 2, "the second request reached the server");

  await clock.advance(5_000); // the slow request's 10 s deadline; the other has 5 s left
  await until(() => settled.has("slow"), "the slow request timed out");
  const slow = settled.get("slow")!;
  assert.equal(slow.ok, false);
  assert.equal(!slow.ok && slow.status.category, "PNTimeoutCategory");
  assert.match(!slow.ok ? slow.message : "", /no response within 10 s/);
  assert.equal(settled.has("sharing"), false, "the request sharing its signal is not ended");

  track("after", transport.send(request("/gated")));
  await until(
    () => server.seen.length === 3,
    "a request sent after the timeout reached the server",
  );
  server.open();
  await until(() => settled.size === 3, "both gated requests answered");
  assert.equal(settled.get("sharing")!.ok, true);
  assert.equal(settled.get("after")!.ok, true, "a later request is not ended with the old batch");
  await until(server.slowEnded, "the late fetch was ended once the others were done");
  assert.equal(transport.inFlight, 0);
  await server.close();
});

Deno.test("abortAll() ends requests with and without a signal of their own", async () => {
  const server = startGatedServer();
  const transport = new Transport(
    new PNConfiguration({ ...CONFIG, origin: server.origin, ssl: false }),
  );
  const controller = new AbortController();
  const shared = transport.send(request("/gated"));
  const own = transport.send(request("/gated"), controller.signal);
  await until(() => server.seen.length === 2, "both requests reached the server");
  transport.abortAll();
  for (const outcome of await Promise.all([shared, own])) {
    assert.equal(!outcome.ok && outcome.status.category, "PNCancelledCategory");
  }
  // The next request gets a fresh shared signal.
  server.open();
  assert.equal((await transport.send(request("/gated"))).ok, true);
  await server.close();
});

Deno.test("the URL sent is the one url() describes and commonQuery has: own parameters, uuid, requestid, pnsdk, auth", async () => {
  const sent: string[] = [];
  const fetch = (input: string | URL | Request) => {
    sent.push(String(input));
    return Promise.resolve(
      new Response("[1]", { headers: { "content-type": "application/json" } }),
    );
  };
  const cases: { config: Record<string, string>; request: RequestDescription }[] = [
    { config: {}, request: request("/time/0") },
    {
      config: { authKey: "a k" },
      request: {
        operation: "PNHereNowOperation",
        method: "GET",
        path: "/v2/presence/sub-key/sub/channel/a%20b",
        query: { state: '{"x":1}', disable_uuids: "0" },
      },
    },
    {
      config: { authKey: "k" },
      request: {
        operation: "PNSetStateOperation",
        method: "GET",
        path: "/v2/presence/sub-key/sub/channel/c/uuid/other/data",
        query: { state: "{}", uuid: "someone else" },
      },
    },
    { config: { authKey: "k" }, request: request("/time/0") },
  ];
  for (const { config, request: description } of cases) {
    const transport = new Transport(new PNConfiguration({ ...CONFIG, ...config }), {
      fetch,
      requestId: () => "id/1",
    });
    const expected = await transport.url(description);
    assert.equal((await transport.send(description)).ok, true);
    assert.equal(sent.at(-1), expected);
    // The fast path writes what the query object (the one signing starts from) encodes to.
    const configured = new PNConfiguration({ ...CONFIG, ...config });
    const reference = `${configured.baseUrl}${description.path}?${
      encodeQuery(commonQuery(configured, description, "id/1"))
    }`;
    assert.equal(expected, reference);
  }
  assert.match(
    sent[1],
    /[?]state=%7B%22x%22%3A1%7D&disable_uuids=0&uuid=u1&requestid=id%2F1&pnsdk=PubNub-TS%2F[^&]+&auth=a%20k$/,
  );
  assert.match(sent[2], /[?]state=%7B%7D&uuid=someone%20else&requestid=id%2F1&pnsdk=[^&]+&auth=k$/);
  assert.ok(!sent[3].includes("auth="), "time carries no credentials");
});

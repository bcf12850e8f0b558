import assert from "node:assert/strict";
import vm from "node:vm";
import { PubNub } from "./pubnub.ts";
import { systemClock } from "./clock.ts";
import { PubNubError } from "../core/error.ts";
import { type ScriptedAnswer, startScriptedServer } from "../testing/scripted_server.ts";
import { startClosingServer } from "../testing/closing_server.ts";

const KEYS = { publishKey: "pub", subscribeKey: "sub", userId: "u1" };

/** Publishes once against a server that gives `answer`, and returns the rejection. */
async function publishAgainst(
  answer: ScriptedAnswer,
  config: Record<string, unknown> = {},
): Promise<PubNubError> {
  const server = await startScriptedServer(() => answer);
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false, ...config });
  try {
    await pubnub.publish().channel("ch").message("hi").future();
  } catch (error) {
    assert.ok(error instanceof PubNubError, `expected PubNubError, got ${error}`);
    return error;
  } finally {
    await pubnub.stop();
    await server.close();
  }
  throw new Error("publish unexpectedly succeeded");
}

const CASES: {
  name: string;
  answer: ScriptedAnswer;
  category: string;
  statusCode: number;
  errorData: Record<string, unknown>;
}[] = [
  {
    name: "400 Invalid Key",
    answer: { status: 400, body: '[0,"Invalid Key","14820999375199241"]' },
    category: "PNBadRequestCategory",
    statusCode: 400,
    errorData: { message: "Invalid Key", timetoken: "14820999375199241" },
  },
  {
    name: "400 invalid subscribe key",
    answer: {
      status: 400,
      body:
        '{"message":"Invalid Subscribe Key","error":true,"service":"Access Manager","status":400}',
    },
    category: "PNBadRequestCategory",
    statusCode: 400,
    errorData: { message: "Invalid Subscribe Key", service: "Access Manager", status: 400 },
  },
  {
    name: "403 forbidden",
    answer: {
      status: 403,
      body:
        '{"message":"Forbidden","payload":{"channels":["ch"]},"error":true,"service":"Access Manager","status":403}',
    },
    category: "PNAccessDeniedCategory",
    statusCode: 403,
    errorData: {
      message: "Forbidden",
      payload: { channels: ["ch"] },
      service: "Access Manager",
      status: 403,
    },
  },
  {
    name: "413 message too large",
    answer: { status: 413, body: '[0,"Message Too Large","17000000000000000"]' },
    category: "PNBadRequestCategory",
    statusCode: 413,
    errorData: { message: "Message Too Large", timetoken: "17000000000000000" },
  },
  {
    name: "414 URI too long",
    answer: {
      status: 414,
      body: '{"status":414,"error":true,"message":"URI Too Long","service":"Balancer"}',
    },
    category: "PNBadRequestCategory",
    statusCode: 414,
    errorData: { message: "URI Too Long", status: 414, service: "Balancer" },
  },
  {
    name: "429 with Retry-After",
    answer: {
      status: 429,
      body: '{"status":429,"error":true,"message":"Too many requests."}',
      headers: { "retry-after": "7" },
    },
    category: "PNBadRequestCategory",
    statusCode: 429,
    errorData: { message: "Too many requests.", status: 429, retryAfter: 7 },
  },
  {
    name: "500 with a JSON body",
    answer: { status: 500, body: '{"status":500,"error":true,"message":"Internal Server Error"}' },
    category: "PNServerErrorCategory",
    statusCode: 500,
    errorData: { message: "Internal Server Error", status: 500 },
  },
  {
    name: "503 with no body",
    answer: { status: 503, body: "" },
    category: "PNServerErrorCategory",
    statusCode: 503,
    errorData: { message: "HTTP 503 with an empty body" },
  },
  {
    name: "200 with a body that is not JSON",
    answer: { status: 200, body: "<html>gateway</html>" },
    category: "PNMalformedResponseCategory",
    statusCode: 200,
    errorData: { message: "response body is not JSON", body: "<html>gateway</html>" },
  },
  {
    name: "200 with a wrong content-type",
    answer: {
      status: 200,
      body: '[1,"Sent","17000000000000000"]',
      headers: { "content-type": "text/html" },
    },
    category: "PNMalformedResponseCategory",
    statusCode: 200,
    errorData: {
      message: 'unexpected content-type "text/html"',
      body: '[1,"Sent","17000000000000000"]',
    },
  },
  {
    name: "200 JSON of the wrong shape",
    answer: { status: 200, body: '{"unexpected":true}' },
    category: "PNMalformedResponseCategory",
    statusCode: 200,
    errorData: { message: 'expected [1, "Sent", "<timetoken>"]' },
  },
];

for (const c of CASES) {
  Deno.test(`publish classifies ${c.name}`, async () => {
    const error = await publishAgainst(c.answer);
    assert.equal(error.status.category, c.category);
    assert.equal(error.status.statusCode, c.statusCode);
    assert.equal(error.status.operation, "PNPublishOperation");
    assert.deepEqual(error.status.errorData, c.errorData);
    assert.deepEqual(error.status.affectedChannels, ["ch"]);
    assert.equal(error.status.isError(), true);
    assert.match(error.message, /^Publish failed: /);
  });
}

Deno.test("a server that never answers times out with PNTimeoutCategory", async () => {
  const error = await publishAgainst({ fault: "hang" }, { nonSubscribeRequestTimeout: 0.2 });
  assert.equal(error.status.category, "PNTimeoutCategory");
  assert.equal(error.status.statusCode, undefined);
  assert.match(error.message, /no response within 0\.2 s/);
});

Deno.test("a connection closed without an answer is PNNetworkIssuesCategory", async () => {
  const server = startClosingServer();
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
  const error = await pubnub.publish().channel("ch").message("hi").future().then(
    () => assert.fail("publish unexpectedly succeeded"),
    (e: PubNubError) => e,
  );
  assert.ok(server.accepted() >= 1, "the request reached the server");
  assert.equal(error.status.category, "PNNetworkIssuesCategory");
  assert.match(error.message, /network error/);
  await pubnub.stop();
  await server.close();
});

Deno.test("connection refused is PNNetworkIssuesCategory", async () => {
  // Take a free port, then close it so nothing listens there.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const pubnub = new PubNub({ ...KEYS, origin: `127.0.0.1:${port}`, ssl: false });
  const error = await pubnub.time().future().then(
    () => assert.fail("time unexpectedly succeeded"),
    (e: PubNubError) => e,
  );
  assert.equal(error.status.category, "PNNetworkIssuesCategory");
  assert.equal(error.status.operation, "PNTimeOperation");
  await pubnub.stop();
});

Deno.test("an aborted call is PNCancelledCategory and stop() cancels calls in flight", async () => {
  const server = await startScriptedServer(() => ({ fault: "hang" }));
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
  const controller = new AbortController();
  const aborted = pubnub.time().abortSignal(controller.signal).future().catch((e) => e);
  const stopped = pubnub.publish().channel("ch").message(1).future().catch((e) => e);
  while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  assert.equal((await aborted).status.category, "PNCancelledCategory");
  await pubnub.stop();
  assert.equal((await stopped).status.category, "PNCancelledCategory");
  await server.close();
});

Deno.test("auth is sent on every call but time; a secret key signs requests", async () => {
  const server = await startScriptedServer((req) =>
    req.path.startsWith("/time")
      ? { status: 200, body: "[17000000000000000]" }
      : { status: 200, body: '[1,"Sent","17000000000000000"]' }
  );
  const pubnub = new PubNub(
    { ...KEYS, origin: server.origin, ssl: false, authKey: "my-auth", secretKey: "sec-key" },
    { clock: { ...systemClock, now: () => 1_700_000_000_000 } },
  );
  await pubnub.publish().channel("ch").message("hi").future();
  await pubnub.time().future();
  await pubnub.stop();
  await server.close();

  const [publish, time] = server.requests;
  assert.equal(publish.query.get("auth"), "my-auth");
  assert.equal(publish.query.get("timestamp"), "1700000000");
  // Recompute the v2 signature independently with node:crypto.
  const { createHmac } = await import("node:crypto");
  const params = [...publish.query.entries()].filter(([k]) => k !== "signature")
    .sort(([a], [b]) => a < b ? -1 : 1)
    .map(([k, v]) =>
      `${k}=${
        encodeURIComponent(v).replace(/[!~*'()]/g, (c) =>
          `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      }`
    ).join("&");
  const input = `GET\npub\n${publish.path}\n${params}\n`;
  const expected = "v2." + createHmac("sha256", "sec-key").update(input).digest("base64")
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  assert.equal(publish.query.get("signature"), expected);
  assert.equal(time.query.get("auth"), null);
  assert.equal(time.query.get("signature"), null);
});

Deno.test("time keeps every digit of the timetoken", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: "[17000000000000001]" }));
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
  const { result, status } = await pubnub.time().future();
  assert.equal(result.timetoken, "17000000000000001");
  assert.equal(status.category, "PNAcknowledgmentCategory");
  assert.equal(status.isError(), false);
  await pubnub.stop();
  await server.close();
});

Deno.test("a value that cannot be put in a URL is a validation error and nothing is sent", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: "[1]" }));
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
  const error = await pubnub.publish().channel("ch").message(1).customMessageType("bad\uD800")
    .future().then(() => assert.fail("publish unexpectedly succeeded"), (e: PubNubError) => e);
  assert.equal(error.status.category, "PNValidationErrorCategory");
  assert.match(error.message, /cannot be encoded/);
  assert.equal(server.requests.length, 0);
  await pubnub.stop();
  await server.close();
});

Deno.test("network errors say what failed without quoting the URL's path and query", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  // A channel named "ssl" and a user "cert" must not make a refused connection read as TLS.
  const pubnub = new PubNub({
    ...KEYS,
    userId: "cert",
    origin: `127.0.0.1:${port}`,
    ssl: false,
    authKey: "SECRET-AUTH",
  });
  const error = await pubnub.publish().channel("ssl").message({ card: "4111" }).future().then(
    () => assert.fail("publish unexpectedly succeeded"),
    (e: PubNubError) => e,
  );
  assert.equal(error.status.category, "PNNetworkIssuesCategory");
  assert.match(error.message, /^Publish failed: network error: /);
  assert.doesNotMatch(error.message, /TLS/);
  for (const secret of ["SECRET-AUTH", "4111", "requestid", "/publish/"]) {
    assert.ok(!error.message.includes(secret), `the message quotes ${secret}`);
    assert.ok(!JSON.stringify(error.status.errorData).includes(secret));
  }
  await pubnub.stop();
});

Deno.test("a fetch that rejects with what String() cannot print still fails as PNNetworkIssuesCategory", async () => {
  // A custom fetch (a polyfill, an app's wrapper) may reject with, or give as cause, an object
  // with no toString (a null prototype) or one whose toString throws.
  const unprintable = [
    Object.create(null),
    new TypeError("fetch failed", { cause: Object.create(null) }),
    { toString: () => assert.fail("toString called") },
  ];
  for (const thrown of unprintable) {
    const error = await publishFailingWith(thrown, false);
    assert.match(error.message, /^Publish failed: network error: /);
  }
});

Deno.test("a TLS code in the cause of an error from another realm still reads as a TLS error", async () => {
  // A fetch from another realm (a vm context, a test DOM, an iframe) rejects with errors that are
  // not instances of this realm's Error; Node says the TLS trouble only in the cause's code.
  const foreign = vm.runInNewContext(
    `new TypeError("fetch failed", { cause: Object.assign(new Error("expired"), { code: "CERT_HAS_EXPIRED" }) })`,
  );
  assert.equal(foreign instanceof Error, false);
  const error = await publishFailingWith(foreign, true);
  assert.match(error.message, /^Publish failed: TLS\/certificate error: .*fetch failed/);
});

/** The error of a publish whose fetch rejects with `thrown`: a network-issues `PubNubError`. */
async function publishFailingWith(thrown: unknown, ssl: boolean): Promise<PubNubError> {
  const pubnub = new PubNub({ ...KEYS, origin: "127.0.0.1:9", ssl }, {
    fetch: () => Promise.reject(thrown),
  });
  const error = await pubnub.publish().channel("ch").message("hi").future().then(
    () => assert.fail("publish unexpectedly succeeded"),
    (e: unknown) => e,
  );
  await pubnub.stop();
  assert.ok(error instanceof PubNubError, `expected PubNubError, got ${String(error)}`);
  assert.equal(error.status.category, "PNNetworkIssuesCategory");
  return error;
}

/**
 * Logging through a real client against a scripted loopback server: what each level writes,
 * and that no credential ever reaches a log line.
 */
import assert from "node:assert/strict";
import { PubNub } from "./pubnub.ts";
import { Log, type PNLogger } from "./log.ts";
import { SubscribeListener } from "./subscribe_listener.ts";
import type { PNLogLevel } from "../core/config.ts";
import { type RecordedRequest, startScriptedServer } from "../testing/scripted_server.ts";

const PUBLISH_KEY = "pub-c-LOGTEST-pubkey-3f9a71";
const SUBSCRIBE_KEY = "sub-c-LOGTEST-subkey-b82c05";
const SECRET_KEY = "sec-c-LOGTEST-secret-77d1e4";
const AUTH_KEY = "auth-LOGTEST-token-c0ffee42";
const SENT = '[1,"Sent","17000000000000000"]';
const HANDSHAKE = '{"t":{"t":"17000000000000001","r":1},"m":[]}';

/** A logger that keeps every line with its level. */
function recorder(): { logger: PNLogger; lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (line: string) => lines.push(`${level}|${line}`);
  return {
    lines,
    logger: {
      error: keep("error"),
      warn: keep("warn"),
      info: keep("info"),
      debug: keep("debug"),
      trace: keep("trace"),
    },
  };
}

async function run(level: PNLogLevel, usePost = false) {
  const server = await startScriptedServer((request: RecordedRequest) => {
    if (!request.path.startsWith("/v2/subscribe/")) return { status: 200, body: SENT };
    return request.query.has("tt") ? { fault: "hang" } : { status: 200, body: HANDSHAKE };
  });
  const { logger, lines } = recorder();
  const pubnub = new PubNub({
    publishKey: PUBLISH_KEY,
    subscribeKey: SUBSCRIBE_KEY,
    secretKey: SECRET_KEY,
    authKey: AUTH_KEY,
    userId: "log-user",
    origin: server.origin,
    ssl: false,
    logLevel: level,
  }, { logger });
  try {
    await pubnub.publish().channel("room").message({ text: "hello" }).usePost(usePost);
    const listener = new SubscribeListener();
    pubnub.addListener(listener);
    pubnub.subscribe().channels("room").execute();
    await listener.waitForConnect({ timeoutMs: 5000 });
  } finally {
    await pubnub.stop();
    await server.close();
  }
  return { lines, requests: server.requests };
}

/** Every credential a run sent: the configured ones and each request's signature. */
function credentials(requests: RecordedRequest[]): string[] {
  const signatures = requests.map((r) => r.query.get("signature")).filter((s): s is string =>
    typeof s === "string" && s !== ""
  );
  assert.ok(signatures.length >= 2, "the requests were signed");
  return [PUBLISH_KEY, SUBSCRIBE_KEY, SECRET_KEY, AUTH_KEY, ...signatures];
}

function assertNoCredential(lines: string[], secrets: string[]): void {
  for (const line of lines) {
    for (const secret of secrets) {
      assert.ok(!line.includes(secret), `a log line leaks ${secret}: ${line}`);
      assert.ok(!line.includes(encodeURIComponent(secret)), `a log line leaks ${secret}: ${line}`);
    }
    // No fragment of a key either (a key cut by truncation would still be a leak).
    assert.doesNotMatch(line, /LOGTEST/, `a log line leaks part of a key: ${line}`);
  }
}

Deno.test("debug logs each request with method, path, status and ms, and no key, auth or signature", async () => {
  const { lines, requests } = await run("debug");
  const publish = lines.find((l) => l.startsWith("debug|") && l.includes(" /publish/"));
  assert.ok(publish, `no publish line in:\n${lines.join("\n")}`);
  assert.match(
    publish,
    /^debug\|\[PubNub\] debug: GET \/publish\/<redacted>\/<redacted>\/0\/room\/0\/.* → 200 in \d+(\.\d)? ms$/,
  );
  const subscribe = lines.find((l) => l.includes("GET /v2/subscribe/") && l.includes("→ 200"));
  assert.ok(subscribe, `no subscribe line in:\n${lines.join("\n")}`);
  assert.match(subscribe, /GET \/v2\/subscribe\/<redacted>\/room\/0\?/);
  // The held long-poll was cancelled by stop(): it is logged as such.
  assert.ok(lines.some((l) => /GET \/v2\/subscribe\/.*tt=.* → PNCancelledCategory/.test(l)));
  // Each engine transition, at debug.
  assert.ok(
    lines.some((l) =>
      l.includes("subscribe engine: UNSUBSCRIBED --SUBSCRIPTION_CHANGED--> HANDSHAKING")
    ),
    lines.join("\n"),
  );
  assert.ok(lines.some((l) => l.includes("--HANDSHAKE_SUCCESS--> RECEIVING")));
  assert.ok(!lines.some((l) => l.startsWith("trace|")), "no bodies below trace");
  assertNoCredential(lines, credentials(requests));
});

Deno.test("trace adds request and response bodies, still with no credential", async () => {
  const { lines, requests } = await run("trace", true);
  assert.ok(
    lines.some((l) => l.startsWith("trace|") && l.includes('request body: {"text":"hello"}')),
    lines.join("\n"),
  );
  assert.ok(lines.some((l) => l.startsWith("trace|") && l.includes(`response body: ${SENT}`)));
  assertNoCredential(lines, credentials(requests));
});

Deno.test("the default level logs nothing; info logs no requests", async () => {
  assert.deepEqual((await run("none")).lines, []);
  const info = await run("info");
  assert.deepEqual(info.lines.filter((l) => !l.startsWith("info|")), []);
});

Deno.test("a logger that throws breaks neither the call nor the loop", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: SENT }));
  const throwing = () => {
    throw new Error("logger bug");
  };
  const pubnub = new PubNub({
    publishKey: "p",
    subscribeKey: "s",
    userId: "u",
    origin: server.origin,
    ssl: false,
    logLevel: "trace",
  }, {
    logger: { error: throwing, warn: throwing, info: throwing, debug: throwing, trace: throwing },
  });
  try {
    const { result } = await pubnub.publish().channel("a").message(1);
    assert.equal(result.timetoken, "17000000000000000");
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("Log.redact: keys (also percent-encoded) and auth, signature, token parameters", () => {
  const log = new Log("debug", { subscribeKey: "sub/key", authKey: "a-1" });
  assert.equal(
    log.redact("/x/sub%2Fkey/sub/key?auth=zzz&signature=v2.abc&token=t&uuid=a-1x"),
    "/x/<redacted>/<redacted>?auth=<redacted>&signature=<redacted>&token=<redacted>&uuid=<redacted>x",
  );
});

Deno.test("logLevel is validated", () => {
  assert.throws(
    () => new PubNub({ subscribeKey: "s", userId: "u", logLevel: "verbose" as PNLogLevel }),
    /logLevel "verbose" is not one of none, error, warn, info, debug, trace/,
  );
});

Deno.test("at error, what a listener throws is logged too (and still reported to onError)", async () => {
  const server = await startScriptedServer((request: RecordedRequest) =>
    request.query.has("tt") ? { fault: "hang" } : { status: 200, body: HANDSHAKE }
  );
  const { logger, lines } = recorder();
  const reported: unknown[] = [];
  const pubnub = new PubNub({
    subscribeKey: SUBSCRIBE_KEY,
    userId: "u",
    origin: server.origin,
    ssl: false,
    logLevel: "error",
  }, { logger, onError: (e) => reported.push(e) });
  pubnub.addListener({
    status: () => {
      throw new Error(`listener bug near ${SUBSCRIBE_KEY}`);
    },
  });
  try {
    await pubnub.subscribe().channels("room").execute();
    assert.equal(reported.length, 1);
    assert.deepEqual(lines, [
      "error|[PubNub] error: the app's status callback failed: Error: listener bug near <redacted>",
    ]);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

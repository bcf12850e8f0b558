/**
 * The transport's optional parts as modular features, against the local server: a client with a
 * `secretKey` needs `signing` and one with a `logLevel` needs `logging` (refused when made
 * without, nothing sent); passed, they sign requests the server verifies and write the request
 * lines `PubNub` writes.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { createPubNub, logging, publishing, signing, subscribing, time } from "../../../modular.ts";
import { PubNubError } from "../../core/error.ts";
import { forbiddenFetch, recordingFetch } from "../../testing/local_clients.ts";
import type { PNLogger } from "../log.ts";
import { SubscribeListener } from "../subscribe_listener.ts";
import { localKeys, refused } from "./_testing.ts";

const SECRET = "sec-parts";

Deno.test("modular: a secretKey without signing and a logLevel without logging are refused when made, nothing sent", async () => {
  const guard = forbiddenFetch();
  const base = { publishKey: "demo", subscribeKey: "demo", userId: "u1" };
  const options = { fetch: guard.fetch };
  refused(
    () => createPubNub({ ...base, secretKey: SECRET }, [publishing], options),
    /a secretKey needs the signing feature: createPubNub\(config, \[signing, …\]\)/,
  );
  refused(
    () => createPubNub({ ...base, logLevel: "debug" }, [publishing], options),
    /logLevel "debug" needs the logging feature: createPubNub\(config, \[logging, …\]\)/,
  );
  refused(
    () => createPubNub({ ...base, logLevel: "error" }, [publishing, signing], options),
    /logLevel "error" needs the logging feature/,
  );
  // The default, and "none" said aloud, need neither; an empty secret key is no secret key.
  const quiet = createPubNub({ ...base, logLevel: "none", secretKey: "" }, [publishing], options);
  await quiet.stop();
  assert.equal(guard.calls, 0);
});

Deno.test("modular: with signing, requests carry a signature the local server verifies; without a secret key it is refused there", async () => {
  const server = await startServer({
    port: 0,
    keys: { publishKey: "demo", subscribeKey: "demo" },
    access: { secretKey: SECRET, requireSignature: true, grants: [] },
  });
  const recorder = recordingFetch();
  const signed = createPubNub({ ...localKeys(server.origin), secretKey: SECRET }, [
    signing,
    publishing,
  ], { fetch: recorder.fetch });
  const unsigned = createPubNub(localKeys(server.origin), [signing, publishing]);
  try {
    const get = await signed.publish().channel("a b/ç").message({ q: "?&=+" });
    assert.match(get.result.timetoken, /^\d{17}$/);
    const post = await signed.publish().channel("x").message("posted").usePost(true);
    assert.match(post.result.timetoken, /^\d{17}$/);
    for (const url of recorder.urls) {
      assert.match(url.searchParams.get("signature") ?? "", /^v2\.[\w-]+$/, url.pathname);
      assert.match(url.searchParams.get("timestamp") ?? "", /^\d+$/, url.pathname);
    }
    assert.equal(recorder.urls.length, 2);
    // The server does check: the same feature without a secret key signs nothing, and is refused.
    await assert.rejects(
      unsigned.publish().channel("x").message("hi").future(),
      (error: unknown) => error instanceof PubNubError && error.status.statusCode === 403,
    );
  } finally {
    await Promise.all([signed.stop(), unsigned.stop()]);
    await server.close();
  }
});

Deno.test("modular: with logging, each request is logged at debug with its status, and bodies at trace, keys redacted", async () => {
  const server = await startServer({ port: 0 });
  const lines: { level: string; line: string }[] = [];
  const logger: PNLogger = {
    error: (line) => lines.push({ level: "error", line }),
    warn: (line) => lines.push({ level: "warn", line }),
    info: (line) => lines.push({ level: "info", line }),
    debug: (line) => lines.push({ level: "debug", line }),
    trace: (line) => lines.push({ level: "trace", line }),
  };
  const traced = createPubNub({ ...localKeys(server.origin), logLevel: "trace" }, [
    logging,
    publishing,
    time,
  ], { logger });
  const quiet = createPubNub({ ...localKeys(server.origin), logLevel: "info" }, [logging, time], {
    logger,
  });
  try {
    await traced.publish().channel("room").message({ n: 1 }).usePost(true);
    await traced.time();
    const debug = lines.filter((l) => l.level === "debug").map((l) => l.line);
    assert.equal(debug.length, 2, debug.join("\n"));
    assert.match(
      debug[0],
      /^\[PubNub\] debug: POST \/publish\/<redacted>\/<redacted>\/0\/room\/0 → 200 in \d+\.\d ms$/,
      "keys redacted",
    );
    assert.match(debug[1], /^\[PubNub\] debug: GET \/time\/0 → 200 in \d+\.\d ms$/);
    const trace = lines.filter((l) => l.level === "trace").map((l) => l.line);
    assert.ok(trace.some((l) => l.endsWith(`request body: {"n":1}`)), trace.join("\n"));
    assert.ok(trace.some((l) => /response body: \[\d{17}\]$/.test(l)), trace.join("\n"));
    // Below debug, requests are not logged.
    const before = lines.length;
    await quiet.time();
    assert.equal(lines.length, before);
  } finally {
    await Promise.all([traced.stop(), quiet.stop()]);
    await server.close();
  }
});

Deno.test("modular: with logging, a subscribing client logs its engine transitions and the app's failed callbacks, as PubNub does", async () => {
  const server = await startServer({ port: 0, longPollSeconds: 1 });
  const lines: string[] = [];
  const line = (text: string) => void lines.push(text);
  const logger: PNLogger = { error: line, warn: line, info: line, debug: line, trace: line };
  const errors: unknown[] = [];
  const chat = createPubNub({ ...localKeys(server.origin), logLevel: "debug" }, [
    logging,
    subscribing,
    publishing,
  ], { logger, onError: (error) => errors.push(error) });
  try {
    const listener = new SubscribeListener();
    chat.addListener(listener);
    chat.addListener({
      message: () => {
        throw new Error("the app's bug");
      },
    });
    chat.subscribe().channels(["room"]).execute();
    await listener.waitForConnect({ timeoutMs: 10_000 });
    assert.ok(
      lines.some((l) => /subscribe engine: \w+ --\w+--> \w+/.test(l)),
      lines.join("\n"),
    );
    await chat.publish().channel("room").message("hi");
    await listener.waitForMessageOn("room", { timeoutMs: 10_000 });
    assert.equal(errors.length, 1);
    assert.ok(
      lines.some((l) => l.includes("the app's message callback failed: Error: the app's bug")),
      lines.join("\n"),
    );
  } finally {
    await chat.stop();
    await server.close();
  }
});

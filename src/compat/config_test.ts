import assert from "node:assert/strict";
import PubNub from "../../compat.ts";
import { translateConfiguration } from "./config.ts";
import { nativeOf } from "./call.ts";
import { RetryPolicy } from "./retry.ts";
import { startServer } from "../../server.ts";

Deno.test("official options map to ours: keys, origin, timeouts, the heartbeat from the presence timeout", () => {
  const { options, unsupported } = translateConfiguration({
    subscribe_key: "sub",
    publish_key: "pub",
    uuid: "u1",
    subscribeKey: undefined as unknown as string,
    origin: "127.0.0.1:9",
    ssl: false,
    presenceTimeout: 60,
    transactionalRequestTimeout: 7,
    filterExpression: null,
    authKey: null,
    keepAlive: true,
    restore: true,
  });
  assert.deepEqual(unsupported, []);
  assert.equal(options.subscribeKey, "sub");
  assert.equal(options.publishKey, "pub");
  assert.equal(options.userId, "u1");
  assert.equal(options.origin, "127.0.0.1:9");
  assert.equal(options.ssl, false);
  assert.equal(options.presenceTimeout, 60);
  assert.equal(options.heartbeatInterval, 29); // 60 / 2 - 1, as the official SDK sets it
  assert.equal(options.nonSubscribeRequestTimeout, 7);
  assert.equal(options.filterExpression, undefined);
  assert.equal(options.authKey, undefined);
});

Deno.test("retry policies become our reconnection policy with their delays, bounded at 150 s", () => {
  const linear = translateConfiguration({
    subscribeKey: "s",
    userId: "u",
    retryConfiguration: RetryPolicy.LinearRetryPolicy({ delay: 5, maximumRetry: 3 }),
  });
  assert.equal(linear.options.reconnectionPolicy, "LINEAR");
  assert.equal(linear.options.maximumReconnectionRetries, 3);
  assert.equal(linear.options.minimumReconnectionDelay, 5);
  assert.deepEqual(linear.unsupported, []);
  const exponential = translateConfiguration({
    subscribeKey: "s",
    userId: "u",
    retryConfiguration: RetryPolicy.ExponentialRetryPolicy({
      minimumDelay: 3,
      maximumDelay: 200,
      maximumRetry: 6,
      excluded: ["PresenceEndpoint"],
    }),
  });
  assert.equal(exponential.options.reconnectionPolicy, "EXPONENTIAL");
  assert.equal(exponential.options.minimumReconnectionDelay, 3);
  assert.equal(exponential.options.maximumReconnectionDelay, 150);
  assert.deepEqual(exponential.unsupported, [
    "retryConfiguration (150 s is the longest delay)",
    "retryConfiguration.excluded (only subscribe retries)",
  ]);
  const none = translateConfiguration({
    subscribeKey: "s",
    userId: "u",
    retryConfiguration: RetryPolicy.None(),
  });
  assert.equal(none.options.reconnectionPolicy, "NONE");
  assert.throws(
    () =>
      translateConfiguration({
        subscribeKey: "s",
        userId: "u",
        retryConfiguration: RetryPolicy.ExponentialRetryPolicy({
          minimumDelay: 2,
          maximumDelay: 1,
          maximumRetry: 3,
        }),
      }),
    /maximumDelay must be a number of at least 2, got 1/,
  );
});

Deno.test("a linear retry policy's delay is the one our client waits", () => {
  const pubnub = new PubNub({
    subscribeKey: "s",
    userId: "u",
    retryConfiguration: RetryPolicy.LinearRetryPolicy({ delay: 7, maximumRetry: 2 }),
  });
  try {
    const config = nativeOf(pubnub).config;
    assert.equal(config.reconnectionPolicy, "LINEAR");
    assert.equal(config.minimumReconnectionDelay, 7);
    assert.equal(config.maximumReconnectionRetries, 2);
  } finally {
    pubnub.destroy();
  }
});

Deno.test("unknown and inapplicable options are reported once, in one warning naming each", () => {
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    const pubnub = new PubNub({
      subscribeKey: "demo",
      userId: "u1",
      sdkName: "my-app",
      useSmartHeartbeat: true,
      logVerbosity: true,
      restore: true,
      ...{ notAnOption: 1 },
    });
    pubnub.destroy();
  } finally {
    console.warn = original;
  }
  assert.equal(warnings.length, 1);
  const text = String(warnings[0][0]);
  for (const name of ["sdkName", "useSmartHeartbeat", "logVerbosity", "notAnOption"]) {
    assert.ok(text.includes(name), `${name} is named in: ${text}`);
  }
  // `restore: true` is this client's behaviour: applied, so not reported.
  assert.ok(!text.includes("restore"), text);
  assert.match(text, /^PubNub: options not applied: /);
});

Deno.test("a configuration without unsupported options warns nothing", () => {
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    new PubNub({ subscribeKey: "demo", userId: "u1", keepAlive: true }).destroy();
  } finally {
    console.warn = original;
  }
  assert.deepEqual(warnings, []);
});

Deno.test("keepAlive: false is reported (fetch keeps connections alive); keepAlive: true is not", () => {
  const { unsupported } = translateConfiguration({
    subscribeKey: "demo",
    userId: "u1",
    keepAlive: false,
  });
  assert.deepEqual(unsupported, ["keepAlive"]);
  assert.deepEqual(
    translateConfiguration({ subscribeKey: "demo", userId: "u1", keepAlive: true }).unsupported,
    [],
  );
});

Deno.test("a bad configuration throws the official validation error", () => {
  assert.throws(
    () => new PubNub({ subscribeKey: "", userId: "u1" }),
    (e: unknown) => {
      const status = (e as { status?: { category?: string; message?: string } }).status;
      assert.equal(status?.category, "PNValidationErrorCategory");
      assert.match(String(status?.message), /subscribeKey is missing/);
      return true;
    },
  );
});

Deno.test("secretKey (or secret_key) is applied: requests are signed and no warning names it", async () => {
  const server = await startServer({
    port: 0,
    access: { secretKey: "sec-demo", publishKey: "demo", requireSignature: true, grants: [] },
  });
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  const clients: PubNub[] = [];
  try {
    for (const key of [{ secretKey: "sec-demo" }, { secret_key: "sec-demo" }]) {
      const pubnub = new PubNub({
        publishKey: "demo",
        subscribeKey: "demo",
        userId: "u1",
        origin: server.origin,
        ssl: false,
        ...key,
      });
      clients.push(pubnub);
      const { timetoken } = await pubnub.publish({ channel: "a", message: "signed" });
      assert.match(timetoken, /^\d{17}$/);
    }
  } finally {
    console.warn = original;
    for (const c of clients) c.destroy();
    await server.close();
  }
  assert.deepEqual(warnings, []);
});

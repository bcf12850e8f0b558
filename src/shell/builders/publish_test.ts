import assert from "node:assert/strict";
import { PubNub } from "../pubnub.ts";
import { PubNubError } from "../../core/error.ts";
import { startScriptedServer } from "../../testing/scripted_server.ts";
import type { JsonValue } from "../../core/json_value.ts";

const SENT = '[1,"Sent","17000000000000000"]';

async function withServer(
  config: Record<string, unknown>,
  run: (pubnub: PubNub) => Promise<void>,
) {
  const server = await startScriptedServer(() => ({ status: 200, body: SENT }));
  const pubnub = new PubNub({
    publishKey: "pub",
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
    ...config,
  });
  try {
    await run(pubnub);
  } finally {
    await pubnub.stop();
    await server.close();
  }
  return server.requests;
}

async function rejection(call: Promise<unknown>): Promise<PubNubError> {
  return await call.then(
    () => assert.fail("the call unexpectedly succeeded"),
    (error) => {
      assert.ok(error instanceof PubNubError, `expected PubNubError, got ${error}`);
      return error;
    },
  );
}

function cycle() {
  const a: Record<string, unknown> = { name: "a" };
  a.self = a;
  return a;
}

const BAD_MESSAGES: [string, unknown, RegExp][] = [
  ["a function", () => 1, /message is a function/],
  ["a symbol", Symbol("s"), /message is a symbol/],
  ["a BigInt", 10n, /message is a bigint/],
  ["a nested function", { user: { onClick() {} } }, /message\.user\.onClick is a function/],
  ["a cycle", cycle(), /message\.self refers back to itself/],
  ["top-level undefined", undefined, /message is undefined/],
  ["NaN", { n: NaN }, /message\.n is NaN/],
];

for (const [what, message, reason] of BAD_MESSAGES) {
  Deno.test(`publish refuses ${what} and sends nothing`, async () => {
    const requests = await withServer({}, async (pubnub) => {
      const error = await rejection(
        pubnub.publish().channel("ch").message(message as JsonValue).future(),
      );
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.equal(error.status.operation, "PNPublishOperation");
      assert.match(error.message, reason);
    });
    assert.equal(requests.length, 0);
  });
}

Deno.test("publish refuses an empty channel, a channel that is not text, a missing publish key, bad meta; sends nothing", async () => {
  const requests = await withServer({}, async (pubnub) => {
    const empty = await rejection(pubnub.publish().channel("").message("x").future());
    assert.match(empty.message, /channel is empty/);
    const noChannel = await rejection(pubnub.publish().message("x").future());
    assert.match(noChannel.message, /channel is empty/);
    const notText = await rejection(
      pubnub.publish().channel(42 as unknown as string).message("x").future(),
    );
    assert.match(notText.message, /Cannot publish: channel must be text, got 42/);
    const meta = await rejection(
      pubnub.publish().channel("ch").message("x").meta([1] as unknown as Record<string, unknown>)
        .future(),
    );
    assert.match(meta.message, /meta must be a plain object, got an array/);
    const signal = await rejection(pubnub.signal().channel("").message("x").future());
    assert.equal(signal.status.operation, "PNSignalOperation");
  });
  assert.equal(requests.length, 0);

  const noKey = await withServer({ publishKey: undefined }, async (pubnub) => {
    for (const call of [pubnub.publish(), pubnub.fire()]) {
      const error = await rejection(call.channel("ch").message("x").future());
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.match(error.message, /publishKey is missing/);
    }
    const error = await rejection(pubnub.signal().channel("ch").message("x").future());
    assert.match(error.message, /Cannot signal: publishKey is missing/);
  });
  assert.equal(noKey.length, 0);
});

Deno.test("the 32 KiB rule counts the escaped request, channel included, for GET and POST", async () => {
  const channel = "size test"; // escapes to 11 characters
  const requests = await withServer({}, async (pubnub) => {
    // %22 + a…a + %22 = 6 + length; channel "size%20test" = 11.
    const exact = "a".repeat(32768 - 11 - 6);
    await pubnub.publish().channel(channel).message(exact).future();
    for (const usePost of [false, true]) {
      const error = await rejection(
        pubnub.publish().channel(channel).message(exact + "a").usePost(usePost).future(),
      );
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.match(error.message, /32769 escaped characters/);
      assert.match(error.message, /the limit is 32768/);
      assert.match(error.message, /"size test"/);
    }
    // Meta counts too.
    const withMeta = await rejection(
      pubnub.publish().channel(channel).message(exact).meta({ a: 1 }).future(),
    );
    assert.match(withMeta.message, /the limit is 32768/);
  });
  assert.equal(requests.length, 1, "only the message that fits was sent");
});

Deno.test("maxMessageSize is configurable", async () => {
  const requests = await withServer({ maxMessageSize: 100 }, async (pubnub) => {
    const error = await rejection(pubnub.publish().channel("c").message("x".repeat(100)).future());
    assert.match(error.message, /107 escaped characters .*limit is 100/);
  });
  assert.equal(requests.length, 0);
});

Deno.test("a signal over 64 bytes is refused with the numbers; 64 bytes is sent", async () => {
  const requests = await withServer({}, async (pubnub) => {
    await pubnub.signal().channel("ch").message("é".repeat(31)).future(); // 62 + 2 quotes = 64
    const error = await rejection(pubnub.signal().channel("ch").message("é".repeat(32)).future());
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.match(error.message, /66 bytes of JSON, the limit is 64/);
  });
  assert.equal(requests.length, 1);
});

Deno.test("publish resolves with the timetoken and an acknowledgment status", async () => {
  const requests = await withServer({}, async (pubnub) => {
    const envelope = await pubnub.publish().channel("my_channel").message({ name: "Alex" })
      .meta({ name: "Alex" }).shouldStore(true).usePost(false).ttl(24).future();
    assert.equal(envelope.result.timetoken, "17000000000000000");
    assert.equal(envelope.status.isError(), false);
    assert.equal(envelope.status.category, "PNAcknowledgmentCategory");
    assert.equal(envelope.status.operation, "PNPublishOperation");
    assert.equal(envelope.status.statusCode, 200);
    const fire = await pubnub.fire().channel("ch").message("hello").meta({}).usePost(true).future();
    assert.equal(fire.status.operation, "PNFireOperation");
  });
  assert.equal(requests.length, 2);
  assert.equal(requests[1].method, "POST");
  assert.equal(requests[1].body, '"hello"');
  assert.equal(requests[1].query.get("norep"), "true");
  assert.equal(requests[1].query.get("store"), "0");
});

Deno.test("the configuration refuses a missing subscribeKey or userId before anything is sent", () => {
  for (
    const [config, field] of [
      [{ userId: "u" }, /subscribeKey is missing/],
      [{ subscribeKey: "s" }, /userId is missing/],
      [{ subscribeKey: "s", userId: "  " }, /userId is missing/],
    ] as const
  ) {
    assert.throws(() => new PubNub(config), (error: unknown) => {
      assert.ok(error instanceof PubNubError);
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.match(error.message, field);
      return true;
    });
  }
});

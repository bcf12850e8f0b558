/**
 * Arguments no TypeScript caller would pass, but a JavaScript one can (symbols, BigInts, cycles,
 * objects whose `toString` throws, proxies, getters that throw): every public call refuses them
 * with a validation `PubNubError`, never a raw `TypeError` from formatting its own message, and
 * sends nothing to a loopback server.
 */
import assert from "node:assert/strict";
import { PubNubError } from "../core/error.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { PubNub } from "./pubnub.ts";

const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;

const HOSTILE: [string, unknown][] = [
  ["a symbol", Symbol("s")],
  ["a BigInt", 10n],
  ["a cycle", cyclic],
  [
    "an object whose toString throws",
    {
      toString() {
        throw new Error("toString");
      },
    },
  ],
  [
    "a proxy whose traps throw",
    new Proxy({}, {
      get() {
        throw new Error("get trap");
      },
    }),
  ],
  ["a list holding a BigInt", [10n]],
  ["a list holding a symbol", [Symbol("s")]],
];

// deno-lint-ignore no-explicit-any
type Anything = any;

const CONFIG_OPTIONS = [
  "ssl",
  "origin",
  "reconnectionPolicy",
  "cryptor",
  "heartbeatInterval",
  "subscribeRequestTimeout",
  "presenceTimeout",
  "suppressLeaveEvents",
];

function assertValidationError(run: () => unknown, what: string): void {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PubNubError, `${what}: a raw ${error}`);
    assert.equal(error.status.category, "PNValidationErrorCategory", what);
    return;
  }
  assert.fail(`${what}: accepted`);
}

Deno.test("configuration options: hostile values are validation errors, never raw TypeErrors", () => {
  for (const option of CONFIG_OPTIONS) {
    for (const [name, value] of HOSTILE) {
      assertValidationError(
        () => new PubNub({ subscribeKey: "s", userId: "u", [option]: value } as Anything),
        `${option} = ${name}`,
      );
    }
  }
});

Deno.test("a configuration object whose getter throws is a validation error with the cause", () => {
  const thrown = new Error("getter");
  const options = {
    subscribeKey: "s",
    userId: "u",
    get ssl(): boolean {
      throw thrown;
    },
  };
  try {
    new PubNub(options);
    assert.fail("accepted");
  } catch (error) {
    assert.ok(error instanceof PubNubError, `a raw ${error}`);
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.equal(error.cause, thrown);
  }
  assertValidationError(() => new PubNub(null as Anything), "null options");
});

Deno.test("subscribe, unsubscribe, withTimetoken, reconnect, messages() and addListener: hostile arguments are validation errors, nothing sent", async () => {
  const server = await startScriptedServer(() => ({ fault: "hang" }));
  const pubnub = new PubNub({
    subscribeKey: "s",
    publishKey: "p",
    userId: "u",
    origin: server.origin,
    ssl: false,
  });
  try {
    for (const [name, value] of HOSTILE) {
      const v = value as Anything;
      assertValidationError(() => pubnub.subscribe().channels(v).execute(), `channels ${name}`);
      assertValidationError(() => pubnub.subscribe().channelGroups(v).execute(), `groups ${name}`);
      assertValidationError(() => pubnub.unsubscribe().channels(v).execute(), `unsub ${name}`);
      if (typeof value !== "bigint") { // a BigInt is a fine timetoken
        assertValidationError(
          () => pubnub.subscribe().channels("a").withTimetoken(v).execute(),
          `timetoken ${name}`,
        );
      }
      assertValidationError(() => pubnub.reconnect(v), `reconnect ${name}`);
      assertValidationError(() => pubnub.messages({ channels: v }), `messages ${name}`);
    }
    for (const options of [null, undefined, "a", { channels: ["a"], signal: {} }]) {
      assertValidationError(() => pubnub.messages(options as Anything), `messages options`);
    }
    for (const listener of [null, undefined, "listener", 1, Symbol("l")]) {
      assertValidationError(
        () => pubnub.addListener(listener as Anything),
        `listener ${String(listener)}`,
      );
    }
    assert.deepEqual(pubnub.getSubscribedChannels(), []);
    assert.equal(server.requests.length, 0);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("publish ttl: hostile values are validation errors, nothing sent", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: "{}" }));
  const pubnub = new PubNub({
    subscribeKey: "s",
    publishKey: "p",
    userId: "u",
    origin: server.origin,
    ssl: false,
  });
  try {
    for (const [name, value] of HOSTILE) {
      const error = await pubnub.publish().channel("c").message(1).ttl(value as Anything).future()
        .then(() => assert.fail(`ttl ${name} was sent`), (e: unknown) => e);
      assert.ok(error instanceof PubNubError, `ttl ${name}: a raw ${error}`);
      assert.equal(error.status.category, "PNValidationErrorCategory");
    }
    assert.equal(server.requests.length, 0);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

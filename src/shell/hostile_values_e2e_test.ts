/**
 * Hostile values handed to the SDK (100,000-deep nesting, getters and `toJSON`s that throw,
 * cycles) are refused with a validation `PubNubError` that says where, carries what was thrown
 * as its `cause`, and sends nothing: a loopback server counts the requests.
 */
import assert from "node:assert/strict";
import { PubNubError } from "../core/error.ts";
import { until } from "../testing/local_clients.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";
import { PubNub } from "./pubnub.ts";
import type { JsonValue } from "../core/json_value.ts";

const KEYS = { publishKey: "pub", subscribeKey: "sub", userId: "u1" };

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const getterError = new Error("getter says no");
const toJSONError = new Error("toJSON says no");
const cyclic: Record<string, unknown> = { name: "loop" };
cyclic.self = cyclic;

/** Each hostile value, the reason it must give, and the cause it must carry (if any). */
const VALUES: {
  name: string;
  value: () => Record<string, unknown>;
  reason: RegExp;
  cause?: Error;
}[] = [
  {
    name: "a 100,000-deep array",
    value: () => ({ deep: deepArray(100_000) }),
    reason: /too large: its JSON is longer than \d+ characters/,
  },
  {
    name: "a throwing getter",
    value: () => ({
      get secret(): unknown {
        throw getterError;
      },
    }),
    reason: /\.secret could not be serialised: reading it threw Error: getter says no/,
    cause: getterError,
  },
  {
    name: "a throwing toJSON",
    value: () => ({
      when: {
        toJSON() {
          throw toJSONError;
        },
      },
    }),
    reason: /\.when\.toJSON\(\) could not be serialised: reading it threw Error: toJSON says no/,
    cause: toJSONError,
  },
  { name: "a cycle", value: () => cyclic, reason: /\.self refers back to itself \(a cycle\)/ },
];

const CALLS: {
  name: string;
  // The values are deliberately not JSON (typed as JSON here): the run-time refusal is tested.
  call: (pubnub: PubNub, value: JsonValue & Record<string, unknown>) => Promise<unknown>;
}[] = [
  { name: "publish message", call: (p, v) => p.publish().channel("ch").message(v).future() },
  {
    name: "publish message (POST)",
    call: (p, v) => p.publish().channel("ch").message(v).usePost(true).future(),
  },
  { name: "publish meta", call: (p, v) => p.publish().channel("ch").message(1).meta(v).future() },
  { name: "fire message", call: (p, v) => p.fire().channel("ch").message(v).future() },
  { name: "signal message", call: (p, v) => p.signal().channel("ch").message(v).future() },
  { name: "setState state", call: (p, v) => p.setState().channels(["ch"]).state(v).future() },
];

for (const { name: callName, call } of CALLS) {
  for (const { name, value, reason, cause } of VALUES) {
    Deno.test(`${callName} with ${name}: a validation PubNubError${cause ? " with the cause" : ""}, nothing sent`, async () => {
      const server = await startScriptedServer(() => ({ status: 200, body: "{}" }));
      const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
      try {
        const error = await call(pubnub, value() as JsonValue & Record<string, unknown>).then(
          () => assert.fail("the call was sent"),
          (e: unknown) => e,
        );
        assert.ok(error instanceof PubNubError, `expected a PubNubError, got ${error}`);
        assert.equal(error.status.category, "PNValidationErrorCategory");
        assert.match(error.message, reason);
        if (cause) assert.equal(error.cause, cause);
        assert.equal(server.requests.length, 0);
      } finally {
        await pubnub.stop();
        await server.close();
      }
    });
  }
}

Deno.test("setState with a cyclic state remembers nothing: the subscribe that follows carries no state", async () => {
  const server = await startScriptedServer((_request, index) =>
    index === 0 ? { status: 200, body: '{"t":{"t":"1","r":1},"m":[]}' } : { fault: "hang" }
  );
  const pubnub = new PubNub({ ...KEYS, origin: server.origin, ssl: false });
  try {
    await pubnub.setState().channels(["ch"]).state(cyclic).future().catch(() => {});
    pubnub.subscribe().channels("ch").execute();
    await until(() => server.requests.length > 0, "the handshake");
    assert.match(server.requests[0].path, /^\/v2\/subscribe\//);
    assert.equal(server.requests[0].query.get("state"), null);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

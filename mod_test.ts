/**
 * The package's surface: `mod.ts` exports what users call or name, never the internal seams as
 * values, and the test seams live in `./testing`.
 */
import assert from "node:assert/strict";
import * as mod from "./mod.ts";
import * as testing from "./testing.ts";

/** Internal seams: no value of these names may be exported from `mod.ts`. */
const INTERNAL = [
  "Endpoint",
  "RequestSender",
  "RequestDescription",
  "ParseResult",
  "TransportOutcome",
  "ChannelGroupChange",
  "ChannelGroupCall",
  "RememberState",
  "PayloadEncoder",
  "PNStatusInit",
  "ManualClock",
  "systemClock",
  "until",
  "startScriptedServer",
  "localClient",
];

/** Builders: users get them from the client's methods and name them as types only. */
const BUILDERS = [
  "Publish",
  "Signal",
  "Time",
  "Subscribe",
  "Unsubscribe",
  "HereNow",
  "WhereNow",
  "SetState",
  "GetState",
  "AddChannelToChannelGroup",
  "RemoveChannelFromChannelGroup",
  "ListChannelsForChannelGroup",
  "RemoveChannelGroup",
  "ListChannelGroups",
  "FetchMessages",
  "History",
  "MessageCounts",
  "DeleteMessages",
  "AddMessageAction",
  "GetMessageActions",
  "RemoveMessageAction",
];

Deno.test("mod.ts exports no internal seam and no builder constructor as a value", () => {
  const exported = new Set(Object.keys(mod));
  assert.deepEqual(INTERNAL.filter((name) => exported.has(name)), []);
  assert.deepEqual(BUILDERS.filter((name) => exported.has(name)), []);
});

Deno.test("mod.ts still exports the clients, enums and errors users construct", () => {
  for (const name of ["PubNub", "PubNubPublisher", "PNConfiguration", "PubNubError", "PNStatus"]) {
    assert.equal(typeof (mod as Record<string, unknown>)[name], "function", name);
  }
  assert.equal(mod.PNStatusCategory.PNConnectedCategory, "PNConnectedCategory");
});

Deno.test("a client has no public send: its requests go through an internal seam", () => {
  const publisher = new mod.PubNubPublisher({ subscribeKey: "demo", userId: "u1" });
  assert.equal("send" in publisher, false);
  const pubnub = new mod.PubNub({ subscribeKey: "demo", userId: "u1" });
  assert.equal("send" in pubnub, false);
});

Deno.test("the testing entry exports the clock and the test helpers", async () => {
  assert.equal(typeof testing.ManualClock, "function");
  assert.equal(typeof testing.until, "function");
  assert.equal(typeof testing.localClient, "function");
  const clock = new testing.ManualClock();
  let fired = false;
  clock.setTimeout(() => fired = true, 10);
  await clock.advance(10);
  assert.equal(fired, true);
});

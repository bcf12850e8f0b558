/**
 * The package's surface: `mod.ts` exports what users call or name, never the internal seams as
 * values, and the test seams live in `./testing`.
 */
import assert from "node:assert/strict";
import * as mod from "./mod.ts";
import * as testing from "./testing.ts";
import { fileURLToPath } from "node:url";

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

/** The symbols `deno doc` documents for `mod.ts`: what a user sees, and what kind each is. */
async function documentedSymbols(): Promise<Map<string, { kind: string; methods: string[] }>> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", "mod.ts"],
    cwd: fileURLToPath(new URL(".", import.meta.url)),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.ok(output.success, `deno doc --json mod.ts failed: ${stderr}`);
  const doc = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    nodes: Record<string, {
      symbols: {
        name: string;
        declarations: { kind: string; def?: { methods?: { name: string }[] } }[];
      }[];
    }>;
  };
  const symbols = new Map<string, { kind: string; methods: string[] }>();
  for (const node of Object.values(doc.nodes)) {
    for (const symbol of node.symbols) {
      for (const declaration of symbol.declarations) {
        symbols.set(symbol.name, {
          kind: declaration.kind,
          methods: (declaration.def?.methods ?? []).map((method) => method.name),
        });
      }
    }
  }
  return symbols;
}

Deno.test("deno doc shows every builder as an interface with its inherited calls, and no seam", async () => {
  const symbols = await documentedSymbols();
  assert.deepEqual(INTERNAL.filter((name) => symbols.has(name)), []);
  for (const name of BUILDERS) {
    const symbol = symbols.get(name);
    assert.equal(symbol?.kind, "interface", `${name} is documented as ${symbol?.kind}`);
    const inherited = name === "Subscribe" || name === "Unsubscribe"
      ? ["execute"]
      : ["future", "abortSignal", "then"];
    assert.deepEqual(
      inherited.filter((method) => !symbol.methods.includes(method)),
      [],
      `${name}'s page lacks these`,
    );
  }
  assert.equal(symbols.get("PNRequest")?.kind, "interface");
});

// Checked by `deno check` (the test run type-checks this file): each line after a
// `@ts-expect-error` is an error, and the check fails the day one of them compiles. The aliases
// are exported so that the only error on their line is the one expected (not "unused").

// @ts-expect-error a builder is an interface: there is no constructor to reach
export type PublishConstructor = typeof mod.Publish;
// @ts-expect-error a builder is an interface: there is no constructor to reach
export type HereNowConstructor = typeof mod.HereNow;
// @ts-expect-error a builder is an interface: there is no constructor to reach
export type SubscribeConstructor = typeof mod.Subscribe;
// @ts-expect-error an internal seam: not exported
export type SeamEndpoint = mod.Endpoint<unknown>;
// @ts-expect-error an internal seam: not exported
export type SeamRequestSender = mod.RequestSender;
// @ts-expect-error an internal seam: not exported
export type SeamRequestDescription = mod.RequestDescription;
// @ts-expect-error an internal seam: not exported
export type SeamParseResult = mod.ParseResult<unknown>;
// @ts-expect-error an internal seam: not exported
export type SeamTransportOutcome = mod.TransportOutcome;
// @ts-expect-error an internal seam: not exported
export type SeamChannelGroupChange = mod.ChannelGroupChange;
// @ts-expect-error an internal seam: not exported
export type SeamChannelGroupCall = mod.ChannelGroupCall<unknown>;
// @ts-expect-error an internal seam: not exported
export type SeamRememberState = mod.RememberState;
// @ts-expect-error an internal seam: not exported
export type SeamPayloadEncoder = mod.PayloadEncoder;
// @ts-expect-error an internal seam: not exported
export type SeamStatusInit = mod.PNStatusInit;
// @ts-expect-error the client's request seam is not public
export type PublisherSend = mod.PubNubPublisher["send"];
/** What a user does name compiles: a builder as a type, with its inherited calls on it. */
export type PublishAbort = ReturnType<mod.Publish["abortSignal"]>;
/** A builder is a promise of its envelope. */
export const publishIsPromiseLike: PromiseLike<mod.PNEnvelope<mod.PNPublishResult>> | undefined =
  undefined as mod.Publish | undefined;

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

Deno.test("the testing entry's scripted server answers what the test set, on a manual clock", async () => {
  const server = await testing.startScriptedServer((_request, index) =>
    index === 0
      ? { status: 403, body: '{"status":403,"error":true,"message":"Forbidden"}' }
      : { status: 200, body: '[1,"Sent","17000000000000001"]' }
  );
  const clock = new testing.ManualClock();
  const pubnub = new mod.PubNub({
    publishKey: "demo",
    subscribeKey: "demo",
    userId: "tester",
    origin: server.origin,
    ssl: false,
  }, { clock });
  try {
    await assert.rejects(
      pubnub.publish().channel("a").message("x").future(),
      (error) => error instanceof mod.PubNubError && error.status.statusCode === 403,
    );
    const { result } = await pubnub.publish().channel("a").message({ n: 2 });
    assert.equal(result.timetoken, "17000000000000001");
    await testing.until(() => server.requests.length === 2, "two requests", 5_000);
    assert.match(server.requests[1].path, /^\/publish\/demo\/demo\/0\/a\/0\//);
    assert.equal(server.requests[1].query.get("uuid"), "tester");
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

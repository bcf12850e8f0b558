/**
 * The demo: a short live conversation between two clients. By default it starts the local
 * PubNub-compatible server in-process on a free port; with `--origin` it talks to that service
 * instead (for PubNub itself: `--origin ps.pndsn.com --ssl --publish-key … --subscribe-key …`).
 *
 *   deno task demo
 *   deno task demo --origin ps.pndsn.com --ssl --publish-key pub-c-… --subscribe-key sub-c-…
 */
import { parseArgs } from "node:util";
import { type PNStatus, PubNub, SubscribeListener } from "../mod.ts";
import { startServer } from "../server.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    origin: { type: "string" },
    ssl: { type: "boolean", default: false },
    "publish-key": { type: "string", default: "demo" },
    "subscribe-key": { type: "string", default: "demo" },
    channel: { type: "string" },
  },
});

const useColor = Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR");
const paint = (code: number, text: string) => useColor ? `\x1b[${code}m${text}\x1b[0m` : text;
const started = performance.now();
function say(who: string, what: string) {
  const at = ((performance.now() - started) / 1000).toFixed(2).padStart(5);
  const name = who === "alice"
    ? paint(35, who.padEnd(6))
    : who === "bob"
    ? paint(36, who.padEnd(6))
    : paint(90, who.padEnd(6));
  console.log(`${paint(90, at + "s")}  ${name} ${what}`);
}

const server = values.origin ? undefined : await startServer({ hostname: "127.0.0.1", port: 0 });
const origin = values.origin ?? server!.origin;
const ssl = values.origin ? values.ssl : false;
const channel = values.channel ?? `demo-room-${crypto.randomUUID().slice(0, 8)}`;
say(
  "demo",
  server
    ? `local server listening on http://${origin}`
    : `using ${ssl ? "https" : "http"}://${origin}`,
);
say("demo", `channel "${channel}"`);

function client(userId: string): { pubnub: PubNub; listener: SubscribeListener } {
  const pubnub = new PubNub({
    publishKey: values["publish-key"],
    subscribeKey: values["subscribe-key"],
    userId,
    origin,
    ssl,
  });
  const listener = new SubscribeListener();
  pubnub.addListener(listener);
  pubnub.addListener({
    // Each client hears its own messages too; only what the other one says is shown.
    message: (_p, m) =>
      m.publisher !== userId && say(userId, `← ${m.publisher}: ${JSON.stringify(m.message)}`),
    signal: (_p, s) =>
      s.publisher !== userId &&
      say(userId, `← signal from ${s.publisher}: ${JSON.stringify(s.message)}`),
    presence: (_p, e) =>
      e.uuid !== userId &&
      say(userId, `← presence: ${e.uuid} ${e.event} (occupancy ${e.occupancy})`),
    status: (_p, s: PNStatus) =>
      s.isError()
        ? say(userId, paint(31, `status ${s.category}: ${JSON.stringify(s.errorData)}`))
        : say(userId, `status ${s.category}`),
  });
  return { pubnub, listener };
}

/** A short pause between lines, so the conversation reads at a human pace. */
const pause = (ms = 350) => new Promise((resolve) => setTimeout(resolve, ms));

const alice = client("alice");
const bob = client("bob");
let exitCode = 0;
const deadline = setTimeout(() => {
  say("demo", paint(31, "the conversation did not finish within 20 s"));
  Deno.exit(1);
}, 20_000);

try {
  alice.pubnub.subscribe().channels(channel).withPresence().execute();
  await alice.listener.waitForConnect();
  bob.pubnub.subscribe().channels(channel).withPresence().execute();
  await bob.listener.waitForConnect();
  await alice.listener.waitForPresenceOn(channel); // alice sees someone join (bob, or herself first)

  const lines: [ReturnType<typeof client>, string][] = [
    [alice, "Hi Bob! Did the deploy go out?"],
    [bob, "It did, ten minutes ago. Dashboards are green."],
    [alice, "Great, thanks. Lunch?"],
  ];
  for (const [speaker, text] of lines) {
    await pause();
    const other = speaker === alice ? bob : alice;
    const id = speaker === alice ? "alice" : "bob";
    const { result } = await speaker.pubnub.publish().channel(channel).message({ text })
      .meta({ lang: "en" }).future();
    say(id, `→ "${text}" (timetoken ${result.timetoken})`);
    await other.listener.waitForMessageOn(channel);
  }

  await pause();
  await bob.pubnub.signal().channel(channel).message({ typing: true }).future();
  say("bob", "→ signal {typing: true}");
  while (alice.listener.signals.length === 0) await new Promise((r) => setTimeout(r, 10));

  await pause();
  const { result: reply } = await bob.pubnub.publish().channel(channel).message({
    text: "Sure, 12:30.",
  }).future();
  say("bob", `→ "Sure, 12:30." (timetoken ${reply.timetoken})`);
  await alice.listener.waitForMessageOn(channel);

  const { result: here } = await alice.pubnub.hereNow().channels(channel).future();
  const occupants = here.channels[channel]?.occupants.map((o) => o.uuid).join(", ") ?? "";
  say("alice", `here now on ${channel}: ${occupants}`);

  await pause();
  say("bob", "leaves the room");
  const leavesBefore = alice.listener.presenceEvents.filter((e) => e.event === "leave").length;
  bob.pubnub.unsubscribe().channels(channel).execute();
  while (alice.listener.presenceEvents.filter((e) => e.event === "leave").length === leavesBefore) {
    await new Promise((r) => setTimeout(r, 10));
  }
} catch (error) {
  exitCode = 1;
  say("demo", paint(31, `failed: ${error instanceof Error ? error.message : String(error)}`));
} finally {
  clearTimeout(deadline);
  await alice.pubnub.stop();
  await bob.pubnub.stop();
  await server?.close();
  say("demo", "everything stopped; bye");
}
Deno.exit(exitCode);

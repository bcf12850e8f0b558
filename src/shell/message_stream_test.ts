/**
 * `messageStream`, the async iterator of messages: lazy subscribe, queueing, filtering, and ending
 * on `break` or abort. Its source is the small `StreamSource` interface; here a tiny in-memory one
 * that records what the stream asks of it, plus one run through a real client against a scripted
 * loopback server.
 */
import assert from "node:assert/strict";
import { messageStream, type StreamSource } from "./message_stream.ts";
import type { Listener } from "./listeners.ts";
import { ManualClock } from "./clock.ts";
import { PubNub } from "./pubnub.ts";
import type { PNMessageResult } from "../core/subscribe/envelope.ts";
import { PNStatus } from "../core/status.ts";
import { PubNubError } from "../core/error.ts";
import { type ScriptedAnswer, startScriptedServer } from "../testing/scripted_server.ts";

function message(text: string, channel: string, subscription?: string): PNMessageResult {
  return {
    message: text,
    subscription,
    channel,
    timetoken: "17000000000000001",
    userMetadata: undefined,
    publisher: "pub",
    customMessageType: undefined,
  };
}

/** A source that records calls and lets the test deliver messages and statuses to its listeners. */
function source() {
  const listeners = new Set<Listener<never>>();
  const calls: string[] = [];
  const closers = new Set<() => void>();
  const src: StreamSource = {
    addListener: (l) => {
      calls.push("addListener");
      listeners.add(l);
    },
    removeListener: (l) => {
      calls.push("removeListener");
      listeners.delete(l);
    },
    hold: (c, g) => {
      if (c.includes("")) throw new Error("bad name");
      calls.push(`subscribe [${c.join(",")}] [${g.join(",")}]`);
    },
    release: (c, g) => calls.push(`unsubscribe [${c.join(",")}] [${g.join(",")}]`),
    onClose: (close) => {
      closers.add(close);
      return () => closers.delete(close);
    },
  };
  const deliver = (m: PNMessageResult) => {
    for (const l of [...listeners]) l.message?.(undefined as never, m);
  };
  const status = (s: PNStatus) => {
    for (const l of [...listeners]) l.status?.(undefined as never, s);
  };
  const close = () => [...closers].forEach((c) => c());
  return { src, calls, deliver, status, close, listeners, closers };
}

async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => done = true, () => done = true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

Deno.test("nothing is subscribed until the first pull", async () => {
  const { src, calls, deliver } = source();
  const stream = messageStream(src, { channels: ["a"], channelGroups: ["g"] });
  assert.deepEqual(calls, []);
  const first = stream.next();
  assert.deepEqual(calls, ["addListener", "subscribe [a] [g]"]);
  deliver(message("hello", "a"));
  assert.deepEqual(await first, { value: message("hello", "a"), done: false });
  await stream.return!();
});

Deno.test("messages that arrive faster than they are consumed are queued in order", async () => {
  const { src, deliver } = source();
  const stream = messageStream(src, { channels: ["a"] });
  const first = stream.next();
  for (const text of ["1", "2", "3", "4"]) deliver(message(text, "a"));
  const got = [(await first).value.message];
  for (let i = 0; i < 3; i++) got.push((await stream.next()).value.message);
  assert.deepEqual(got, ["1", "2", "3", "4"]);
  await stream.return!();
});

Deno.test("only the stream's channels and groups (matched via subscription) are yielded", async () => {
  const { src, deliver } = source();
  const stream = messageStream(src, { channels: ["a"], channelGroups: ["g"] });
  const first = stream.next();
  deliver(message("other channel", "b"));
  deliver(message("via group", "member", "g"));
  deliver(message("direct", "a"));
  deliver(message("other group", "member", "h"));
  assert.equal((await first).value.message, "via group");
  assert.equal((await stream.next()).value.message, "direct");
  assert.equal(await settled(stream.next()), false, "nothing else matched");
  await stream.return!();
});

Deno.test("break in for-await unsubscribes and removes the listener", async () => {
  const { src, calls, deliver, listeners } = source();
  const stream = messageStream(src, { channels: ["a"] });
  queueMicrotask(() => deliver(message("only", "a")));
  const got: unknown[] = [];
  for await (const m of stream) {
    got.push(m.message);
    break;
  }
  assert.deepEqual(got, ["only"]);
  assert.deepEqual(calls, [
    "addListener",
    "subscribe [a] []",
    "removeListener",
    "unsubscribe [a] []",
  ]);
  assert.equal(listeners.size, 0);
  assert.deepEqual(await stream.next(), { value: undefined, done: true });
});

Deno.test("aborting the signal ends a pending pull and unsubscribes", async () => {
  const { src, calls } = source();
  const controller = new AbortController();
  const stream = messageStream(src, { channels: ["a"], signal: controller.signal });
  const pending = stream.next();
  assert.equal(await settled(pending), false);
  controller.abort();
  assert.deepEqual(await pending, { value: undefined, done: true });
  assert.deepEqual(calls.slice(2), ["removeListener", "unsubscribe [a] []"]);
  assert.deepEqual(await stream.next(), { value: undefined, done: true });
});

Deno.test("a signal aborted before the first pull never subscribes", async () => {
  const { src, calls } = source();
  const controller = new AbortController();
  controller.abort();
  const stream = messageStream(src, { channels: ["a"], signal: controller.signal });
  assert.deepEqual(await stream.next(), { value: undefined, done: true });
  assert.deepEqual(calls, []);
});

Deno.test("aborting a stream that was never pulled sends no unsubscribe", async () => {
  const { src, calls } = source();
  const controller = new AbortController();
  const stream = messageStream(src, { channels: ["a"], signal: controller.signal });
  controller.abort();
  assert.deepEqual(await stream.next(), { value: undefined, done: true });
  assert.deepEqual(calls, []);
});

Deno.test("return() twice unsubscribes once", async () => {
  const { src, calls } = source();
  const stream = messageStream(src, { channels: ["a"] });
  void stream.next();
  await stream.return!();
  await stream.return!();
  assert.equal(calls.filter((c) => c.startsWith("unsubscribe")).length, 1);
});

Deno.test({
  name: "two pulls pending at once both resolve",
  async fn() {
    const { src, deliver } = source();
    const controller = new AbortController();
    const stream = messageStream(src, { channels: ["a"], signal: controller.signal });
    const first = stream.next();
    const second = stream.next();
    deliver(message("1", "a"));
    deliver(message("2", "a"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const results = await Promise.all([first, second]);
    assert.deepEqual(results.map((r) => r.value?.message).sort(), ["1", "2"]);
  },
});

Deno.test("pubnub.messages() through a real client: subscribes on pull, yields, unsubscribes on abort", async () => {
  const TT1 = "17000000000000001";
  const TT2 = "17000000000000002";
  const answers: ScriptedAnswer[] = [
    { status: 200, body: JSON.stringify({ t: { t: TT1, r: 1 }, m: [] }) },
    {
      status: 200,
      body: JSON.stringify({
        t: { t: TT2, r: 1 },
        m: [
          { a: "1", f: 0, i: "pub", p: { t: TT2, r: 1 }, k: "demo", c: "room", d: "hi" },
          { a: "1", f: 0, i: "pub", p: { t: TT2, r: 1 }, k: "demo", c: "room", d: "there" },
        ],
      }),
    },
  ];
  let subscribeIndex = 0;
  const server = await startScriptedServer((request) => {
    if (!request.path.startsWith("/v2/subscribe/")) {
      return { status: 200, body: '{"status":200,"message":"OK","service":"Presence"}' };
    }
    return answers[subscribeIndex++] ?? { fault: "hang" };
  });
  const clock = new ManualClock();
  const pubnub = new PubNub({
    subscribeKey: "demo",
    userId: "user-1",
    origin: server.origin,
    ssl: false,
  }, { clock });
  const controller = new AbortController();
  const stream = pubnub.messages({ channels: ["room"], signal: controller.signal });
  assert.equal(server.requests.length, 0, "nothing before the first pull");
  const got: unknown[] = [];
  for await (const m of stream) {
    got.push(m.message);
    if (got.length === 2) controller.abort();
  }
  assert.deepEqual(got, ["hi", "there"]);
  assert.deepEqual(pubnub.getSubscribedChannels(), [], "unsubscribed when the loop ended");
  await pubnub.stop(); // waits for the pending leave
  const leaves = server.requests.filter((r) => r.path.endsWith("/leave"));
  assert.deepEqual(leaves.map((r) => r.path), ["/v2/presence/sub-key/demo/channel/room/leave"]);
  await server.close();
  assert.equal(clock.pending, 0);
});

Deno.test("the client closing (stop, unsubscribeAll) ends a pending pull and drops the hold", async () => {
  const { src, calls, close, closers } = source();
  const stream = messageStream(src, { channels: ["a"] });
  const pending = stream.next();
  assert.equal(closers.size, 1);
  close();
  assert.deepEqual(await pending, { value: undefined, done: true });
  assert.deepEqual(calls.slice(2), ["removeListener", "unsubscribe [a] []"]);
  assert.equal(closers.size, 0);
});

Deno.test("a give-up status ends the stream with a PubNubError, after what was queued", async () => {
  const { src, deliver, status } = source();
  const stream = messageStream(src, { channels: ["a"] });
  const first = stream.next();
  deliver(message("1", "a"));
  deliver(message("2", "a"));
  status(
    new PNStatus({
      category: "PNUnexpectedDisconnectCategory",
      operation: "PNSubscribeOperation",
      error: true,
      errorData: { message: "gave up after 6 retries" },
    }),
  );
  assert.equal((await first).value.message, "1");
  assert.equal((await stream.next()).value.message, "2");
  await assert.rejects(stream.next(), (error: unknown) => {
    assert.ok(error instanceof PubNubError);
    assert.equal(error.status.category, "PNUnexpectedDisconnectCategory");
    assert.match(error.message, /gave up after 6 retries/);
    return true;
  });
  assert.deepEqual(await stream.next(), { value: undefined, done: true });
});

Deno.test("bad names reject the first pull and leave nothing behind", async () => {
  const { src, listeners, closers } = source();
  const controller = new AbortController();
  const stream = messageStream(src, { channels: [""], signal: controller.signal });
  await assert.rejects(stream.next(), /bad name/);
  assert.equal(listeners.size, 0);
  assert.equal(closers.size, 0);
  controller.abort(); // nothing to release, nothing thrown
  assert.deepEqual(await stream.next(), { value: undefined, done: true });
});

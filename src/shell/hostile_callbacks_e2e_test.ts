/**
 * The app's callbacks cannot crash the app or stop the client, against the local server: async
 * listeners and observers that reject, listeners that fail while the client stops, an error
 * handler that throws itself, and a message stream whose consumer throws. Every failure reaches
 * `onError` with the name of the callback; an unobserved rejection would fail these tests as an
 * uncaught error.
 */
import assert from "node:assert/strict";
import { startServer } from "../../server.ts";
import { localClient, until } from "../testing/local_clients.ts";
import { SubscribeListener } from "./subscribe_listener.ts";

/** What reached `onError`, as `[callback, message]`. */
type Reports = [string | undefined, string][];

function reporter(reports: Reports) {
  return (error: unknown, callback?: string) =>
    reports.push([callback, error instanceof Error ? error.message : String(error)]);
}

/** Lets the rejections queued so far settle (and reach a handler, or crash the test). */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

Deno.test("an async message listener that rejects goes to onError as 'message'; delivery goes on", async () => {
  const server = await startServer({ port: 0 });
  const reports: Reports = [];
  const alice = localClient(server.origin, "alice", {}, { onError: reporter(reports) });
  const listener = new SubscribeListener();
  alice.addListener({
    async message(_p, m) {
      await Promise.resolve();
      throw new Error(`async listener bug on ${m.message}`);
    },
  });
  alice.addListener(listener);
  try {
    alice.subscribe().channels("hostile").execute();
    await listener.waitForConnect();
    await alice.publish().channel("hostile").message(1).future();
    await alice.publish().channel("hostile").message(2).future();
    await until(() => listener.messages.length === 2, "both messages");
    await until(() => reports.length === 2, "both reports");
    assert.deepEqual(reports, [
      ["message", "async listener bug on 1"],
      ["message", "async listener bug on 2"],
    ]);
  } finally {
    await alice.stop();
    await server.close();
  }
});

Deno.test("status listeners that throw and reject while the client stops: stop() completes, both reported", async () => {
  const server = await startServer({ port: 0 });
  const reports: Reports = [];
  const alice = localClient(server.origin, "alice", {}, { onError: reporter(reports) });
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels("stopping").execute();
  await listener.waitForConnect();
  alice.addListener({
    status(_p, s) {
      throw new Error(`sync ${s.category}`);
    },
  });
  alice.addListener({ status: (_p, s) => Promise.reject(new Error(`async ${s.category}`)) });
  try {
    await alice.stop();
    await settle();
    const disconnected = listener.statuses.at(-1)!.category;
    assert.equal(disconnected, "PNDisconnectedCategory");
    assert.deepEqual(reports, [
      ["status", `sync ${disconnected}`],
      ["status", `async ${disconnected}`],
    ]);
  } finally {
    await alice.stop();
    await server.close();
  }
});

Deno.test("an async observeEngine observer that rejects goes to onError as 'observeEngine'", async () => {
  const server = await startServer({ port: 0 });
  const reports: Reports = [];
  const alice = localClient(server.origin, "alice", {}, { onError: reporter(reports) });
  const listener = new SubscribeListener();
  alice.addListener(listener);
  const stop = alice.observeEngine(async (entry) => {
    await Promise.resolve();
    if (entry.name === "HANDSHAKE_SUCCESS") throw new Error("observer bug");
  });
  try {
    alice.subscribe().channels("observed").execute();
    await listener.waitForConnect();
    await settle();
    assert.deepEqual(reports, [["observeEngine", "observer bug"]]);
  } finally {
    stop();
    await alice.stop();
    await server.close();
  }
});

Deno.test("an onError that throws breaks nothing: the loop delivers, the failure goes to the console", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice", {}, {
    onError() {
      throw new Error("the error handler is broken");
    },
  });
  const listener = new SubscribeListener();
  alice.addListener({ message: () => Promise.reject(new Error("async")) });
  alice.addListener({
    message() {
      throw new Error("sync");
    },
  });
  alice.addListener(listener);
  const logged: unknown[][] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    alice.subscribe().channels("broken-handler").execute();
    await listener.waitForConnect();
    await alice.publish().channel("broken-handler").message("a").future();
    await alice.publish().channel("broken-handler").message("b").future();
    await until(() => listener.messages.length === 2, "both messages");
    await settle();
    const text = logged.map((args) => args.map(String).join(" ")).join("\n");
    assert.match(text, /the error handler is broken/);
    assert.match(text, /the app's message callback failed/);
  } finally {
    console.error = originalError;
    await alice.stop();
    await server.close();
  }
});

Deno.test("a messages() consumer that throws ends its stream and unsubscribes; the client goes on", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  const listener = new SubscribeListener();
  alice.addListener(listener);
  try {
    alice.subscribe().channels("kept").execute();
    const consuming = (async () => {
      for await (const _ of alice.messages({ channels: ["streamed"] })) {
        throw new Error("consumer bug");
      }
    })().then(() => undefined, (error: Error) => error);
    await until(() => alice.getSubscribedChannels().includes("streamed"), "the stream's subscribe");
    await listener.waitForConnect();
    for (let i = 0; alice.getSubscribedChannels().includes("streamed") && i < 50; i++) {
      await alice.publish().channel("streamed").message(i).future();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.match(String(await consuming), /consumer bug/);
    assert.deepEqual(alice.getSubscribedChannels(), ["kept"]);
    await alice.publish().channel("kept").message("still here").future();
    const message = await listener.waitForMessageOn("kept");
    assert.equal(message.message, "still here");
  } finally {
    await alice.stop();
    await server.close();
  }
});

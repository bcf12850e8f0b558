/**
 * The listener set: isolation of failures, dedupe of the same listener, snapshot semantics, and
 * the seed's `SubscribeCallback` base class.
 */
import assert from "node:assert/strict";
import { type Listener, ListenerSet, SubscribeCallback } from "./listeners.ts";
import { PNStatus } from "../core/status.ts";
import type { PNMessageResult } from "../core/subscribe/envelope.ts";

const connected = new PNStatus({
  category: "PNConnectedCategory",
  operation: "PNSubscribeOperation",
  error: false,
});

function message(text: string, channel = "ch"): PNMessageResult {
  return {
    message: text,
    subscription: undefined,
    channel,
    timetoken: "17000000000000001",
    userMetadata: undefined,
    publisher: "pub",
    customMessageType: undefined,
  };
}

function set(errors: unknown[] = []) {
  return new ListenerSet<string>(
    "the-client",
    (error, listener, callback) => errors.push({ error, listener, callback }),
  );
}

Deno.test("emit calls the method of that kind on each listener, with the client first", () => {
  const listeners = set();
  const calls: unknown[][] = [];
  listeners.add({ status: (client, status) => calls.push(["status", client, status]) });
  listeners.add({ message: (client, m) => calls.push(["message", client, m.message]) });
  listeners.emit("status", connected);
  listeners.emit("message", message("hi"));
  listeners.emit("signal", { ...message("ignored"), publisher: "p" });
  assert.deepEqual(calls, [["status", "the-client", connected], ["message", "the-client", "hi"]]);
});

Deno.test("adding the same listener twice adds it once; different objects are different listeners", () => {
  const listeners = set();
  let calls = 0;
  const listener: Listener<string> = { status: () => calls++ };
  listeners.add(listener);
  listeners.add(listener);
  assert.equal(listeners.size, 1);
  listeners.emit("status", connected);
  assert.equal(calls, 1);
  listeners.add({ status: () => calls++ });
  assert.equal(listeners.size, 2);
  listeners.emit("status", connected);
  assert.equal(calls, 3);
});

Deno.test("remove() stops delivery; removing an unknown listener is harmless", () => {
  const listeners = set();
  let calls = 0;
  const listener: Listener<string> = { status: () => calls++ };
  listeners.add(listener);
  listeners.remove(listener);
  listeners.remove({});
  listeners.emit("status", connected);
  assert.equal(calls, 0);
  assert.equal(listeners.size, 0);
});

Deno.test("a listener that throws is reported with itself and never reaches the others", () => {
  const errors: { error: unknown; listener: unknown }[] = [];
  const listeners = set(errors as unknown[]);
  const seen: string[] = [];
  const bad: Listener<string> = {
    message() {
      throw new Error("bad listener");
    },
  };
  listeners.add({ message: (_c, m) => seen.push(`first ${m.message}`) });
  listeners.add(bad);
  listeners.add({ message: (_c, m) => seen.push(`last ${m.message}`) });
  listeners.emit("message", message("x"));
  listeners.emit("message", message("y"));
  assert.deepEqual(seen, ["first x", "last x", "first y", "last y"]);
  assert.equal(errors.length, 2);
  assert.equal(errors[0].listener, bad);
  assert.equal((errors[0] as { callback?: string }).callback, "message");
  assert.match(String(errors[0].error), /bad listener/);
});

Deno.test("an async listener that rejects is reported with itself and its callback name, like a throw", async () => {
  const errors: { error: unknown; listener: unknown; callback: string }[] = [];
  const listeners = set(errors as unknown[]);
  const seen: string[] = [];
  const bad: Listener<string> = {
    async status() {
      await Promise.resolve();
      throw new Error("async bug");
    },
  };
  listeners.add(bad);
  listeners.add({ status: () => seen.push("other") });
  listeners.emit("status", connected);
  assert.deepEqual(seen, ["other"]);
  // The rejection happens later; an unobserved one would fail this test as an uncaught error.
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].listener, bad);
  assert.equal(errors[0].callback, "status");
  assert.match(String(errors[0].error), /async bug/);
});

Deno.test("a listener returning a thenable whose then throws, or a resolved promise, never escapes", async () => {
  const errors: { error: unknown; callback: string }[] = [];
  const listeners = set(errors as unknown[]);
  const thenThrows = {
    then() {
      throw new Error("then threw");
    },
  };
  const thenGetterThrows = Object.defineProperty({}, "then", {
    get() {
      throw new Error("reading then threw");
    },
  });
  listeners.add({ message: (() => thenThrows) as unknown as Listener<string>["message"] });
  listeners.add({ message: (() => thenGetterThrows) as unknown as Listener<string>["message"] });
  listeners.add({ message: async () => {} });
  listeners.emit("message", message("x"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(errors.map((e) => [e.callback, String(e.error)]), [
    ["message", "Error: then threw"],
    ["message", "Error: reading then threw"],
  ]);
});

Deno.test("an onError that throws while reporting is contained too", async () => {
  const listeners = new ListenerSet<string>("c", () => {
    throw new Error("the handler is broken too");
  });
  const originalError = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    listeners.add({ status: () => Promise.reject(new Error("async")) });
    listeners.add({
      status() {
        throw new Error("sync");
      },
    });
    listeners.emit("status", connected);
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    console.error = originalError;
  }
  assert.equal(logged.length, 2, "both failures end up on the console, nothing escapes");
});

Deno.test("a non-Error throw is reported too", () => {
  const errors: unknown[] = [];
  const listeners = set(errors);
  listeners.add({
    status() {
      throw "a string";
    },
  });
  listeners.emit("status", connected);
  assert.equal((errors[0] as { error: unknown }).error, "a string");
});

Deno.test("listeners added or removed during an emit take effect from the next emit", () => {
  const listeners = set();
  const seen: string[] = [];
  const late: Listener<string> = { status: () => seen.push("late") };
  const removed: Listener<string> = { status: () => seen.push("removed") };
  listeners.add({
    status: () => {
      seen.push("adder");
      listeners.add(late);
      listeners.remove(removed);
    },
  });
  listeners.add(removed);
  listeners.emit("status", connected);
  assert.deepEqual(seen, ["adder", "removed"], "a snapshot: late not yet, removed still");
  seen.length = 0;
  listeners.emit("status", connected);
  assert.deepEqual(seen, ["adder", "late"]);
});

Deno.test("methods are called on their listener, so a SubscribeCallback subclass can use this", () => {
  class Collector extends SubscribeCallback<string> {
    readonly got: string[] = [];
    override message(_client: string, m: PNMessageResult): void {
      this.got.push(String(m.message));
    }
  }
  const listeners = set();
  const collector = new Collector();
  listeners.add(collector);
  listeners.add(collector);
  listeners.emit("message", message("a"));
  listeners.emit("status", connected); // the base class's no-op status
  assert.deepEqual(collector.got, ["a"]);
});

Deno.test("SubscribeCallback's default methods accept everything and do nothing", () => {
  const callback = new SubscribeCallback();
  callback.status(undefined, connected);
  callback.message(undefined, message("m"));
  callback.signal(undefined, { ...message("s"), publisher: "p" });
  callback.presence(undefined, {
    event: "join",
    uuid: "u",
    timestamp: 1,
    occupancy: 1,
    subscription: undefined,
    channel: "ch",
    timetoken: "17000000000000001",
    state: undefined,
    userMetadata: undefined,
  });
});

Deno.test("a listener whose method is a throwing getter is reported; the others still hear the event", () => {
  const errors: { error: unknown; callback: string }[] = [];
  const listeners = set(errors as unknown[]);
  const seen: string[] = [];
  listeners.add(Object.defineProperty({}, "status", {
    get() {
      throw new Error("getter");
    },
  }));
  listeners.add({ status: () => seen.push("other") });
  listeners.emit("status", connected);
  assert.deepEqual(seen, ["other"]);
  assert.deepEqual(errors.map((e) => [e.callback, String(e.error)]), [["status", "Error: getter"]]);
});

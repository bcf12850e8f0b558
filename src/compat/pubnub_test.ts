// What ./compat does beyond the shared official-API suite: names held by several subscribers,
// subscription filters and sets, subscribe with a state — against the local server.
import assert from "node:assert/strict";
import PubNub from "../../compat.ts";
import { startServer } from "../../server.ts";
import { until } from "../testing/until.ts";
import { Inbox } from "./suite/inbox.ts";
import type { MessageEvent, PublishParameters, Status, StatusEvent } from "./types.ts";

async function withServer(body: (make: (userId: string) => PubNub) => Promise<void>) {
  const server = await startServer({ port: 0, longPollSeconds: 5 });
  const clients: PubNub[] = [];
  const make = (userId: string) => {
    const pubnub = new PubNub({
      publishKey: "demo",
      subscribeKey: "demo",
      userId,
      origin: server.origin,
      ssl: false,
    });
    clients.push(pubnub);
    return pubnub;
  };
  try {
    await body(make);
  } finally {
    for (const c of clients) c.destroy();
    await server.close();
  }
}

function inboxes(pubnub: PubNub) {
  const statuses = new Inbox<Status | StatusEvent>();
  const messages = new Inbox<MessageEvent>();
  pubnub.addListener({ status: (s) => statuses.push(s), message: (m) => messages.push(m) });
  return { statuses, messages };
}

Deno.test("a channel held by subscribe() and by an entity stays until both let go", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const bob = make("bob");
    const { statuses, messages } = inboxes(alice);
    alice.subscribe({ channels: ["room"] });
    const entity = alice.channel("room").subscription();
    const entityMessages: string[] = [];
    entity.onMessage = (m) => entityMessages.push(m.message as string);
    entity.subscribe();
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    entity.unsubscribe();
    assert.deepEqual(alice.getSubscribedChannels(), ["room"]);
    await bob.publish({ channel: "room", message: "still here" });
    await messages.next((m) => m.message === "still here", "the message after the entity left");
    assert.deepEqual(entityMessages, []);
    alice.unsubscribe({ channels: ["room"] });
    assert.deepEqual(alice.getSubscribedChannels(), []);
  });
});

Deno.test("leaving a channel keeps its presence channel when another subscription holds it", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const { statuses } = inboxes(alice);
    const plain = alice.channel("room").subscription();
    const withPresence = alice.channel("room").subscription({ receivePresenceEvents: true });
    plain.subscribe();
    withPresence.subscribe();
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    withPresence.unsubscribe();
    assert.deepEqual(alice.getSubscribedChannels(), ["room"]);
    withPresence.subscribe();
    plain.unsubscribe();
    assert.deepEqual(alice.getSubscribedChannels().sort(), ["room", "room-pnpres"]);
  });
});

Deno.test("a subscription's filter and a set's members' own listeners", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const bob = make("bob");
    const { statuses, messages } = inboxes(alice);
    const a = alice.channel("a").subscription({
      filter: (e) => e.type === -1 && e.data.message !== "skip",
    });
    const b = alice.channel("b").subscription();
    const fromA: unknown[] = [];
    const fromSet: unknown[] = [];
    a.onMessage = (m) => fromA.push(m.message);
    const set = alice.subscriptionSet({});
    set.addSubscriptions([a, b]);
    set.onMessage = (m) => fromSet.push(m.message);
    set.subscribe();
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    await bob.publish({ channel: "a", message: "skip" });
    await bob.publish({ channel: "a", message: "keep" });
    await bob.publish({ channel: "b", message: "bee" });
    await messages.next((m) => m.message === "bee", "the last message");
    assert.deepEqual(fromA, ["keep"]);
    assert.deepEqual(fromSet, ["skip", "keep", "bee"]);
  });
});

Deno.test("subscribe({ state }) sets the state on the channels subscribed to", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const bob = make("bob");
    bob.subscribe({ channels: ["room"], state: { seat: 7 } });
    const deadline = Date.now() + 5000;
    let state: unknown;
    while (JSON.stringify(state) !== JSON.stringify({ seat: 7 })) {
      assert.ok(Date.now() < deadline, `bob's state is ${JSON.stringify(state)}`);
      state = (await alice.getState({ uuid: "bob", channels: ["room"] })).channels.room;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});

Deno.test("a listener that throws does not stop the others", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const bob = make("bob");
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      alice.addListener({
        message: () => {
          throw new Error("listener bug");
        },
      });
      const { statuses, messages } = inboxes(alice);
      alice.subscribe({ channels: ["room"] });
      await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
      await bob.publish({ channel: "room", message: "hi" });
      await messages.next((m) => m.message === "hi", "the message");
      assert.match(String((errors[0] as unknown[])[1]), /listener bug/);
    } finally {
      console.error = original;
    }
  });
});

Deno.test("a subscription in two subscribed sets gets each event once", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const bob = make("bob");
    const { statuses, messages } = inboxes(alice);
    const room = alice.channel("room").subscription();
    const got: unknown[] = [];
    room.onMessage = (m) => got.push(m.message);
    const first = alice.subscriptionSet({});
    const second = alice.subscriptionSet({});
    first.addSubscription(room);
    second.addSubscription(room);
    first.subscribe();
    second.subscribe();
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    await bob.publish({ channel: "room", message: "once" });
    await messages.next((m) => m.message === "once", "the message");
    assert.deepEqual(got, ["once"]);
  });
});

Deno.test("a callback that throws is reported on the console, and nothing is left unhandled", async () => {
  await withServer(async (make) => {
    const pubnub = make("thrower");
    const reported: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void reported.push(args);
    try {
      const called = Promise.withResolvers<void>();
      pubnub.time(() => {
        called.resolve();
        throw new Error("boom in a time callback");
      });
      await called.promise;
      await until(() => reported.length > 0, "the thrown error on the console", 2000);
    } finally {
      console.error = original;
    }
    assert.match(String(reported[0]?.[1]), /boom in a time callback/);
  });
});

Deno.test("fire is never stored, even when the parameters ask for storage", async () => {
  await withServer(async (make) => {
    const bob = make("bob");
    await bob.fire({ channel: "room", message: "fired", storeInHistory: true });
    await bob.publish({ channel: "room", message: "stored" });
    const stored = await bob.fetchMessages({ channels: ["room"] });
    assert.deepEqual(stored.channels.room.map((m) => m.message), ["stored"]);
  });
});

Deno.test("disconnect() reports a subscribe operation, unsubscribing from everything an unsubscribe", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const { statuses } = inboxes(alice);
    alice.subscribe({ channels: ["room"] });
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    alice.disconnect();
    const disconnected = await statuses.next(
      (s) => s.category === "PNDisconnectedCategory",
      "disconnected",
    );
    assert.equal(disconnected.operation, "PNSubscribeOperation");
    alice.reconnect();
    await statuses.next(
      (s) => s.category === "PNConnectedCategory" && statuses.seen.indexOf(s) > 1,
      "connected again",
    );
    const entity = alice.channel("other").subscription();
    entity.subscribe();
    alice.unsubscribe({ channels: ["room"] });
    entity.unsubscribe();
    const left = await statuses.next(
      (s) => s.category === "PNDisconnectedCategory" && statuses.seen.indexOf(s) > 2,
      "disconnected after the last name is let go",
    );
    assert.equal(left.operation, "PNUnsubscribeOperation");
  });
});

Deno.test("setState sets this client's own state: a uuid among the parameters is ignored, as the official SDK ignores it", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const bob = make("bob");
    await bob.setState({ channels: ["room"], state: { seat: 1 } });
    const parameters = { channels: ["room"], state: { seat: 2 }, uuid: "bob", userId: "bob" };
    await alice.setState(parameters);
    const state = async (uuid: string) =>
      (await alice.getState({ uuid, channels: ["room"] })).channels.room;
    assert.deepEqual(await state("alice"), { seat: 2 });
    assert.deepEqual(await state("bob"), { seat: 1 });
  });
});

Deno.test("fetchMessages numbers a published message's messageType -1, as the official SDK does", async () => {
  await withServer(async (make) => {
    const bob = make("bob");
    await bob.publish({ channel: "room", message: "hi" });
    const fetched = await bob.fetchMessages({ channels: ["room"] });
    assert.deepEqual(fetched.channels.room.map((m) => m.messageType), [-1]);
  });
});

Deno.test("a null parameter is left out, as the official SDK leaves it out: publish with meta null is sent", async () => {
  await withServer(async (make) => {
    const bob = make("bob");
    // As an untyped app passes them; the official SDK sends neither when it is null.
    const parameters = { channel: "room", message: "hi", meta: null, customMessageType: null };
    const { timetoken } = await bob.publish(parameters as unknown as PublishParameters);
    assert.match(timetoken, /^\d{17}$/);
    const fetched = await bob.fetchMessages({ channels: ["room"], includeMeta: true });
    assert.deepEqual(fetched.channels.room.map((m) => [m.message, m.meta]), [["hi", undefined]]);
  });
});

Deno.test("a history count or message-action limit over 100 gets the 100 the service gives, as on the official SDK, not a refusal", async () => {
  await withServer(async (make) => {
    const bob = make("bob");
    const { timetoken } = await bob.publish({ channel: "room", message: "hi" });
    await bob.addMessageAction({
      channel: "room",
      messageTimetoken: timetoken,
      action: { type: "reaction", value: "+1" },
    });
    const history = await bob.history({ channel: "room", count: 500 });
    assert.deepEqual(history.messages.map((m) => m.entry), ["hi"]);
    const actions = await bob.getMessageActions({ channel: "room", limit: 500 });
    assert.deepEqual(actions.data.map((a) => a.value), ["+1"]);
  });
});

Deno.test("a subscription added to a subscribed set is subscribed at once, and removing it unsubscribes it, as on the official SDK", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const bob = make("bob");
    const { statuses } = inboxes(alice);
    const set = alice.subscriptionSet({ channels: ["x"] });
    const got = new Inbox<unknown>();
    set.onMessage = (m) => got.push(m.message);
    set.subscribe();
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    const y = alice.channel("y").subscription();
    set.addSubscription(y);
    assert.deepEqual(alice.getSubscribedChannels().sort(), ["x", "y"]);
    await until(() => statuses.seen.length > 1, "the subscription change");
    await bob.publish({ channel: "y", message: "to y" });
    await got.next((m) => m === "to y", "the message on the added channel");
    set.removeSubscription(y);
    assert.deepEqual(alice.getSubscribedChannels(), ["x"]);
    set.addSubscriptionSet(alice.subscriptionSet({ channels: ["z"] }));
    assert.deepEqual(alice.getSubscribedChannels().sort(), ["x", "z"]);
    const p = alice.channel("p").subscription();
    p.subscribe();
    p.addSubscription(alice.channel("q").subscription());
    assert.deepEqual(alice.getSubscribedChannels().sort(), ["p", "q", "x", "z"]);
  });
});

Deno.test("a subscribed set adds or removes several subscriptions in one subscription change (one leave)", async () => {
  await withServer(async (make) => {
    const alice = make("alice");
    const { statuses } = inboxes(alice);
    const set = alice.subscriptionSet({ channels: ["x"] });
    set.subscribe();
    await statuses.next((s) => s.category === "PNConnectedCategory", "connected");
    const changes = () =>
      statuses.seen.filter((s) => s.category === "PNSubscriptionChangedCategory").map((s) =>
        (s as StatusEvent).affectedChannels
      );
    const [a, b] = ["a", "b"].map((c) => alice.channel(c).subscription());
    set.addSubscriptions([a, b]);
    assert.deepEqual(changes(), [["x", "a", "b"]]);
    set.removeSubscriptions([a, b]);
    assert.deepEqual(changes(), [["x", "a", "b"], ["x"]]);
  });
});

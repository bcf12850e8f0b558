// The official PubNub JavaScript SDK (v12) against the local server, unchanged but for
// `origin` and `ssl: false`: the compatibility promise of the server.
import assert from "node:assert/strict";
import PubNub from "npm:pubnub@12.0.3";
import { startTestServer, storeTests } from "./store/each_store.ts";

const test = storeTests(); // each test below runs on the memory store and on Redis

type Waiter<T> = { match: (value: T) => boolean; resolve: (value: T) => void };

/** Collects listener events and lets the test wait for one that matches. */
class Inbox<T> {
  readonly seen: T[] = [];
  #waiters: Waiter<T>[] = [];
  push(value: T) {
    this.seen.push(value);
    this.#waiters = this.#waiters.filter((
      w,
    ) => (w.match(value) ? (w.resolve(value), false) : true));
  }
  next(match: (value: T) => boolean, what: string, ms = 5000): Promise<T> {
    const already = this.seen.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      this.#waiters.push({
        match,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
    });
  }
}

function client(origin: string, userId: string) {
  const pubnub = new PubNub({
    publishKey: "demo",
    subscribeKey: "demo",
    userId,
    origin,
    ssl: false,
  });
  const statuses = new Inbox<{ category: string }>();
  const messages = new Inbox<PubNub.Subscription.Message>();
  const signals = new Inbox<PubNub.Subscription.Signal>();
  const presence = new Inbox<PubNub.Subscription.Presence>();
  pubnub.addListener({
    status: (s) => statuses.push({ category: String(s.category) }),
    message: (m) => messages.push(m),
    signal: (s) => signals.push(s),
    presence: (p) => presence.push(p),
  });
  return { pubnub, statuses, messages, signals, presence };
}

test({
  name: "the official pubnub@12 SDK: connect, publish/receive in order, signal, presence, here-now",
  async fn() {
    const server = await startTestServer({ port: 0, longPollSeconds: 5 });
    const alice = client(server.origin, "alice");
    const bob = client(server.origin, "bob");
    try {
      alice.pubnub.subscribe({ channels: ["room"], withPresence: true });
      await alice.statuses.next((s) => s.category === "PNConnectedCategory", "alice connected");
      await alice.presence.next(
        (p) => p.action === "join" && p.uuid === "alice",
        "alice's own join",
      );

      // Publish in order, receive in order, with the publish timetokens.
      const sent = [];
      for (let i = 1; i <= 5; i++) {
        sent.push(
          await alice.pubnub.publish({ channel: "room", message: { i }, meta: { from: "test" } }),
        );
      }
      await alice.messages.next((m) => (m.message as { i: number }).i === 5, "the fifth message");
      assert.deepEqual(alice.messages.seen.map((m) => (m.message as { i: number }).i), [
        1,
        2,
        3,
        4,
        5,
      ]);
      assert.deepEqual(alice.messages.seen.map((m) => m.timetoken), sent.map((s) => s.timetoken));
      assert.equal(alice.messages.seen[0].publisher, "alice");
      assert.equal(alice.messages.seen[0].channel, "room");
      assert.deepEqual(alice.messages.seen[0].userMetadata, { from: "test" });

      // Signal.
      await alice.pubnub.signal({ channel: "room", message: "typing" });
      const signal = await alice.signals.next((s) => s.message === "typing", "the signal");
      assert.equal(signal.publisher, "alice");

      // A second client joins; alice sees it and here-now counts both.
      bob.pubnub.subscribe({ channels: ["room"] });
      await bob.statuses.next((s) => s.category === "PNConnectedCategory", "bob connected");
      const join = await alice.presence.next(
        (p) => p.action === "join" && p.uuid === "bob",
        "bob's join",
      );
      assert.equal((join as { occupancy?: number }).occupancy, 2);
      const hereNow = await alice.pubnub.hereNow({ channels: ["room"], includeUUIDs: true });
      assert.equal(hereNow.totalOccupancy, 2);
      assert.deepEqual(hereNow.channels.room.occupants.map((o) => o.uuid).sort(), ["alice", "bob"]);

      // Bob publishes; alice receives it with bob as publisher.
      await bob.pubnub.publish({ channel: "room", message: "hi from bob" });
      const fromBob = await alice.messages.next(
        (m) => m.message === "hi from bob",
        "bob's message",
      );
      assert.equal(fromBob.publisher, "bob");

      // Bob leaves; alice sees the leave. First let bob's next long-poll reach the server: one
      // still in flight when the leave lands would count as a heartbeat and re-join bob.
      await bob.messages.next((m) => m.message === "hi from bob", "bob's own message");
      await new Promise((resolve) => setTimeout(resolve, 100));
      bob.pubnub.unsubscribeAll();
      const leave = await alice.presence.next(
        (p) => p.action === "leave" && p.uuid === "bob",
        "bob's leave",
      );
      assert.equal((leave as { occupancy?: number }).occupancy, 1);
      const after = await alice.pubnub.hereNow({ channels: ["room"] });
      assert.equal(after.totalOccupancy, 1);
      assert.deepEqual(
        alice.presence.seen.map((p) => [p.action, (p as { uuid?: string }).uuid]),
        [["join", "alice"], ["join", "bob"], ["leave", "bob"]],
      );
    } finally {
      alice.pubnub.destroy();
      bob.pubnub.destroy();
      await server.close();
    }
  },
});

test({
  name:
    "the official pubnub@12 SDK: storage and message actions — counts, history, actions, delete",
  async fn() {
    const server = await startTestServer({ port: 0, longPollSeconds: 5 });
    const alice = client(server.origin, "alice");
    const bob = client(server.origin, "bob");
    const actions = new Inbox<PubNub.Subscription.MessageAction>();
    bob.pubnub.addListener({ messageAction: (a) => actions.push(a) });
    try {
      bob.pubnub.subscribe({ channels: ["store"] });
      await bob.statuses.next((s) => s.category === "PNConnectedCategory", "bob connected");
      const before = await alice.pubnub.time();
      const sent = [];
      for (let i = 1; i <= 3; i++) {
        sent.push((await alice.pubnub.publish({ channel: "store", message: { i } })).timetoken);
      }
      await alice.pubnub.publish({ channel: "other", message: "x" });

      const counts = await alice.pubnub.messageCounts({
        channels: ["store", "other"],
        channelTimetokens: [sent[0], String(before.timetoken)],
      });
      assert.deepEqual(counts.channels, { store: 2, other: 1 });

      const history = await alice.pubnub.history({ channel: "store", count: 2 });
      assert.deepEqual(history.messages.map((m) => m.entry), [{ i: 2 }, { i: 3 }]);

      // An action, seen by the subscriber through the messageAction listener.
      const added = await alice.pubnub.addMessageAction({
        channel: "store",
        messageTimetoken: sent[1],
        action: { type: "reaction", value: "smile" },
      });
      assert.equal(added.data.uuid, "alice");
      assert.equal(added.data.messageTimetoken, sent[1]);
      const event = await actions.next((a) => a.event === "added", "the added action event");
      assert.equal(event.channel, "store");
      assert.equal(event.publisher, "alice");
      assert.deepEqual(event.data, {
        type: "reaction",
        value: "smile",
        messageTimetoken: sent[1],
        actionTimetoken: added.data.actionTimetoken,
        uuid: "alice",
      });

      const listed = await alice.pubnub.getMessageActions({ channel: "store", limit: 10 });
      assert.deepEqual(listed.data, [added.data]);
      assert.equal(listed.start, added.data.actionTimetoken);

      const withActions = await alice.pubnub.fetchMessages({
        channels: ["store"],
        includeMessageActions: true,
      });
      const stored = withActions.channels.store;
      assert.deepEqual(stored.map((m) => m.message), [{ i: 1 }, { i: 2 }, { i: 3 }]);
      assert.deepEqual((stored[1] as PubNub.History.FetchedMessageWithActions).actions, {
        reaction: { smile: [{ uuid: "alice", actionTimetoken: added.data.actionTimetoken }] },
      });

      await alice.pubnub.removeMessageAction({
        channel: "store",
        messageTimetoken: sent[1],
        actionTimetoken: added.data.actionTimetoken,
      });
      const removed = await actions.next((a) => a.event === "removed", "the removed event");
      assert.equal(removed.data.actionTimetoken, added.data.actionTimetoken);
      assert.deepEqual((await alice.pubnub.getMessageActions({ channel: "store" })).data, []);

      // Delete the middle message only (start exclusive, end inclusive), then everything.
      await alice.pubnub.deleteMessages({
        channel: "store",
        start: String(BigInt(sent[1]) - 1n),
        end: sent[1],
      });
      const left = await alice.pubnub.fetchMessages({ channels: ["store"] });
      assert.deepEqual(left.channels.store.map((m) => m.message), [{ i: 1 }, { i: 3 }]);
      await alice.pubnub.deleteMessages({ channel: "store" });
      const none = await alice.pubnub.messageCounts({ channels: ["store"], timetoken: "1" });
      assert.deepEqual(none.channels, { store: 0 });
    } finally {
      alice.pubnub.destroy();
      bob.pubnub.destroy();
      await server.close();
    }
  },
});

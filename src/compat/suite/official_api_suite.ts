/**
 * A test suite written only against the official PubNub JavaScript SDK's public API (its
 * documented calls, listeners and result shapes), run against the local server. It is run
 * twice with the same assertions: on `npm:pubnub@12.0.3` itself and on our `./compat` entry.
 * Test-only; not part of the SDK.
 *
 * @module
 */
import { presenceNameOf } from "../../core/wire/names.ts";
import assert from "node:assert/strict";
import type Official from "npm:pubnub@12.0.3";
import { startServer } from "../../../server.ts";
import { until } from "../../testing/local_clients.ts";
import { Inbox } from "./inbox.ts";

/** The client class under test: the official one, or ours behind the same API. */
export type PubNubClass = typeof Official;

type Client = {
  pubnub: Official;
  statuses: Inbox<Official.Status | Official.StatusEvent>;
  messages: Inbox<Official.Subscription.Message>;
  signals: Inbox<Official.Subscription.Signal>;
  presence: Inbox<Official.Subscription.Presence>;
  actions: Inbox<Official.Subscription.MessageAction>;
};

/** A unique name per test, so tests never see each other's traffic. */
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}-${crypto.randomUUID().slice(0, 8)}`;

/**
 * Registers the suite's tests for `PubNub`, each prefixed with `label`.
 *
 * @example
 * ```ts
 * import PubNub from "npm:pubnub@12.0.3";
 * import { defineOfficialApiSuite } from "./official_api_suite.ts";
 * defineOfficialApiSuite("npm:pubnub", PubNub);
 * ```
 */
export function defineOfficialApiSuite(label: string, PubNub: PubNubClass): void {
  /** Runs `body` with a fresh local server and clients made on demand, all closed afterwards. */
  function scenario(
    name: string,
    body: (client: (userId: string, extra?: object) => Client) => Promise<void>,
    serverOptions: Omit<Parameters<typeof startServer>[0], "port"> = {},
  ) {
    Deno.test(`${label}: ${name}`, async () => {
      const server = await startServer({ port: 0, longPollSeconds: 5, ...serverOptions });
      const clients: Client[] = [];
      const client = (userId: string, extra: object = {}) => {
        const pubnub = new PubNub({
          publishKey: "demo",
          subscribeKey: "demo",
          userId,
          origin: server.origin,
          ssl: false,
          ...extra,
        });
        const c: Client = {
          pubnub,
          statuses: new Inbox(),
          messages: new Inbox(),
          signals: new Inbox(),
          presence: new Inbox(),
          actions: new Inbox(),
        };
        pubnub.addListener({
          status: (s) => c.statuses.push(s),
          message: (m) => c.messages.push(m),
          signal: (s) => c.signals.push(s),
          presence: (p) => c.presence.push(p),
          messageAction: (a) => c.actions.push(a),
        });
        clients.push(c);
        return c;
      };
      try {
        await body(client);
      } finally {
        for (const c of clients) c.pubnub.destroy();
        await server.close();
      }
    });
  }

  const connected = (c: Client) =>
    c.statuses.next((s) => s.category === PubNub.CATEGORIES.PNConnectedCategory, "connected");

  scenario(
    "publish/subscribe delivers in order with the official message shape",
    async (client) => {
      const alice = client("alice");
      const bob = client("bob");
      const room = unique("room");
      alice.pubnub.subscribe({ channels: [room] });
      const status = await connected(alice) as Official.StatusEvent;
      assert.deepEqual(status.affectedChannels, [room]);
      assert.equal(status.operation, PubNub.OPERATIONS.PNSubscribeOperation);

      const sent: string[] = [];
      for (let i = 1; i <= 5; i++) {
        const r = await bob.pubnub.publish({ channel: room, message: { i }, meta: { n: i } });
        assert.match(r.timetoken, /^\d{17}$/);
        sent.push(r.timetoken);
      }
      await alice.messages.next((m) => (m.message as { i: number }).i === 5, "the fifth message");
      assert.deepEqual(alice.messages.seen.map((m) => (m.message as { i: number }).i), [
        1,
        2,
        3,
        4,
        5,
      ]);
      assert.deepEqual(alice.messages.seen.map((m) => m.timetoken), sent);
      const first = alice.messages.seen[0];
      assert.equal(first.channel, room);
      assert.equal(first.subscription, room);
      assert.equal(first.publisher, "bob");
      assert.deepEqual(first.userMetadata, { n: 1 });
      assert.deepEqual(alice.pubnub.getSubscribedChannels(), [room]);
    },
  );

  scenario("callback style: (status, response) on success and on failure", async (client) => {
    const bob = client("bob");
    const room = unique("room");
    const ok = await new Promise<[Official.Status, Official.Publish.PublishResponse | null]>(
      (resolve) => bob.pubnub.publish({ channel: room, message: "hi" }, (s, r) => resolve([s, r])),
    );
    assert.equal(ok[0].error, false);
    assert.equal(ok[0].category, PubNub.CATEGORIES.PNAcknowledgmentCategory);
    assert.equal(ok[0].operation, PubNub.OPERATIONS.PNPublishOperation);
    assert.match(ok[1]!.timetoken, /^\d{17}$/);

    const groups = await new Promise<
      [Official.Status, Official.ChannelGroups.ListAllChannelGroupsResponse | null]
    >(
      (resolve) => bob.pubnub.channelGroups.listGroups((s, r) => resolve([s, r])),
    );
    assert.equal(groups[0].error, false);
    assert.ok(Array.isArray(groups[1]!.groups));

    const failed = await new Promise<Official.Status>((resolve) =>
      bob.pubnub.publish({ channel: "", message: "hi" }, (s) => resolve(s))
    );
    assert.equal(failed.error, true);
    assert.equal(failed.category, PubNub.CATEGORIES.PNValidationErrorCategory);
  });

  scenario("errors reject with a PubNubError carrying a status", async (client) => {
    const bob = client("bob");
    const error = await bob.pubnub.publish({ channel: "", message: "x" }).then(
      () => assert.fail("publish to an empty channel resolved"),
      (e) => e as Official.PubNubError,
    );
    assert.ok(error instanceof Error);
    assert.equal(error.name, "PubNubError");
    assert.equal(error.status?.error, true);
    assert.equal(error.status?.category, PubNub.CATEGORIES.PNValidationErrorCategory);
    const time = await bob.pubnub.time();
    assert.match(String(time.timetoken), /^\d{17}$/);
  });

  scenario("presence: join, state-change, leave on unsubscribe", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const room = unique("room");
    alice.pubnub.subscribe({ channels: [room], withPresence: true });
    await connected(alice);
    await alice.presence.next((p) => p.action === "join" && p.uuid === "alice", "alice's join");

    bob.pubnub.subscribe({ channels: [room] });
    const join = await alice.presence.next(
      (p) => p.action === "join" && p.uuid === "bob",
      "bob's join",
    );
    assert.equal(join.channel, room);
    assert.equal(join.subscription, presenceNameOf(room));
    assert.equal((join as { occupancy: number }).occupancy, 2);
    assert.equal(typeof join.timestamp, "number");

    await connected(bob);
    const set = await bob.pubnub.setState({ channels: [room], state: { mood: "happy" } });
    assert.deepEqual(set.state, { mood: "happy" });
    const change = await alice.presence.next(
      (p) => p.action === "state-change" && p.uuid === "bob",
      "bob's state change",
    );
    assert.deepEqual((change as { state: unknown }).state, { mood: "happy" });
    const state = await alice.pubnub.getState({ uuid: "bob", channels: [room] });
    assert.deepEqual(state.channels, { [room]: { mood: "happy" } });

    bob.pubnub.unsubscribe({ channels: [room] });
    const leave = await alice.presence.next(
      (p) => p.action === "leave" && p.uuid === "bob",
      "bob's leave",
    );
    assert.equal((leave as { occupancy: number }).occupancy, 1);
    assert.deepEqual(bob.pubnub.getSubscribedChannels(), []);
  });

  scenario("here-now and where-now", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const room = unique("room");
    alice.pubnub.subscribe({ channels: [room] });
    bob.pubnub.subscribe({ channels: [room] });
    await Promise.all([connected(alice), connected(bob)]);
    await bob.pubnub.setState({ channels: [room], state: { seat: 2 } });

    const here = await alice.pubnub.hereNow({
      channels: [room],
      includeUUIDs: true,
      includeState: true,
    });
    assert.equal(here.totalChannels, 1);
    assert.equal(here.totalOccupancy, 2);
    const data = here.channels[room];
    assert.equal(data.name, room);
    assert.equal(data.occupancy, 2);
    assert.deepEqual(data.occupants.map((o) => o.uuid).sort(), ["alice", "bob"]);
    assert.deepEqual(data.occupants.find((o) => o.uuid === "bob")?.state, { seat: 2 });

    const counts = await alice.pubnub.hereNow({ channels: [room], includeUUIDs: false });
    assert.equal(counts.channels[room].occupancy, 2);
    assert.deepEqual(counts.channels[room].occupants, []);

    const where = await alice.pubnub.whereNow({ uuid: "bob" });
    assert.deepEqual(where.channels, [room]);
    const mine = await alice.pubnub.whereNow({});
    assert.deepEqual(mine.channels, [room]);
  });

  scenario("channel groups with a subscription set", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const group = unique("group");
    const [a, b, direct] = [unique("a"), unique("b"), unique("direct")];
    assert.deepEqual(
      await bob.pubnub.channelGroups.addChannels({ channelGroup: group, channels: [a, b] }),
      {},
    );
    const listed = await bob.pubnub.channelGroups.listChannels({ channelGroup: group });
    assert.deepEqual(listed.channels.sort(), [a, b].sort());
    assert.ok((await bob.pubnub.channelGroups.listGroups()).groups.includes(group));

    const set = alice.pubnub.subscriptionSet({ channels: [direct], channelGroups: [group] });
    const received: Official.Subscription.Message[] = [];
    set.onMessage = (m) => received.push(m);
    set.subscribe();
    await connected(alice);
    assert.deepEqual(alice.pubnub.getSubscribedChannelGroups(), [group]);

    await bob.pubnub.publish({ channel: a, message: "to a" });
    await bob.pubnub.publish({ channel: b, message: "to b" });
    await bob.pubnub.publish({ channel: direct, message: "direct" });
    await alice.messages.next((m) => m.message === "direct", "the direct message");
    const byMessage = Object.fromEntries(received.map((m) => [m.message as string, m]));
    assert.deepEqual(Object.keys(byMessage).sort(), ["direct", "to a", "to b"]);
    assert.equal(byMessage["to a"].channel, a);
    assert.equal(byMessage["to a"].subscription, group);
    assert.equal(byMessage["direct"].subscription, direct);

    await bob.pubnub.channelGroups.removeChannels({ channelGroup: group, channels: [b] });
    assert.deepEqual(
      (await bob.pubnub.channelGroups.listChannels({ channelGroup: group })).channels,
      [a],
    );
    set.unsubscribe();
    await alice.statuses.next(
      (s) => s.category === PubNub.CATEGORIES.PNDisconnectedCategory,
      "disconnected after the set's unsubscribe",
    );
    assert.deepEqual(alice.pubnub.getSubscribedChannelGroups(), []);
    await bob.pubnub.channelGroups.deleteGroup({ channelGroup: group });
    assert.ok(!(await bob.pubnub.channelGroups.listGroups()).groups.includes(group));
  });

  scenario("wildcard subscribe: channel and subscription name the match", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const prefix = unique("news");
    alice.pubnub.subscribe({ channels: [`${prefix}.*`] });
    await connected(alice);
    await bob.pubnub.publish({ channel: `${prefix}.sport`, message: "goal" });
    const m = await alice.messages.next((m) => m.message === "goal", "the wildcard message");
    assert.equal(m.channel, `${prefix}.sport`);
    assert.equal(m.subscription, `${prefix}.*`);
  });

  scenario("signals reach the signal listener, not the message listener", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const room = unique("room");
    alice.pubnub.subscribe({ channels: [room] });
    await connected(alice);
    const r = await bob.pubnub.signal({ channel: room, message: { typing: true } });
    assert.match(r.timetoken, /^\d{17}$/);
    const s = await alice.signals.next((s) => s.channel === room, "the signal");
    assert.deepEqual(s.message, { typing: true });
    assert.equal(s.publisher, "bob");
    assert.equal(s.timetoken, r.timetoken);
    assert.equal(alice.messages.seen.length, 0);
  });

  scenario("fire is not delivered to subscribers", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const room = unique("room");
    alice.pubnub.subscribe({ channels: [room] });
    await connected(alice);
    await bob.pubnub.fire({ channel: room, message: "fired" });
    await bob.pubnub.publish({ channel: room, message: "after" });
    await alice.messages.next((m) => m.message === "after", "the message after the fire");
    assert.deepEqual(alice.messages.seen.map((m) => m.message), ["after"]);
  });

  scenario("a message too large is refused and never delivered", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const room = unique("room");
    alice.pubnub.subscribe({ channels: [room] });
    await connected(alice);
    const error = await bob.pubnub.publish({ channel: room, message: "x".repeat(40_000) }).then(
      () => assert.fail("a 40 000-character message was accepted"),
      (e) => e as Official.PubNubError,
    );
    assert.equal(error.name, "PubNubError");
    assert.equal(error.status?.error, true);
    assert.equal(error.status?.operation, PubNub.OPERATIONS.PNPublishOperation);
    await bob.pubnub.publish({ channel: room, message: "small" });
    await alice.messages.next((m) => m.message === "small", "the small message");
    assert.deepEqual(alice.messages.seen.map((m) => m.message), ["small"]);
  });

  scenario("unsubscribeAll reports disconnected and sends a leave", async (client) => {
    const alice = client("alice");
    const bob = client("bob");
    const room = unique("room");
    alice.pubnub.subscribe({ channels: [room], withPresence: true });
    bob.pubnub.subscribe({ channels: [room] });
    await alice.presence.next((p) => p.action === "join" && p.uuid === "bob", "bob's join");
    bob.pubnub.unsubscribeAll();
    const status = await bob.statuses.next(
      (s) => s.category === PubNub.CATEGORIES.PNDisconnectedCategory,
      "bob disconnected",
    );
    assert.equal(status.operation, PubNub.OPERATIONS.PNUnsubscribeOperation);
    await alice.presence.next((p) => p.action === "leave" && p.uuid === "bob", "bob's leave");
    assert.deepEqual(bob.pubnub.getSubscribedChannels(), []);
  });

  scenario(
    "entities: channel(name).subscription() with onMessage and onPresence",
    async (client) => {
      const alice = client("alice");
      const bob = client("bob");
      const [room, other] = [unique("room"), unique("other")];
      const otherSubscription = alice.pubnub.channel(other).subscription();
      const otherMessages: Official.Subscription.Message[] = [];
      otherSubscription.addListener({ message: (m) => otherMessages.push(m) });
      otherSubscription.subscribe();
      await connected(alice);
      const subscription = alice.pubnub.channel(room).subscription({ receivePresenceEvents: true });
      const messages: Official.Subscription.Message[] = [];
      const presence = new Inbox<Official.Subscription.Presence>();
      subscription.onMessage = (m) => messages.push(m);
      subscription.onPresence = (p) => presence.push(p);
      subscription.subscribe();
      // Bob's join reaching the room's subscription proves it is in effect (whatever the timing
      // of alice's own join against the new handshake).
      await until(
        () => alice.pubnub.getSubscribedChannels().includes(presenceNameOf(room)),
        "the room",
      );
      bob.pubnub.subscribe({ channels: [room] });
      const join = await presence.next(
        (p) => p.action === "join" && p.uuid === "bob",
        "bob's join",
      );
      assert.equal(join.channel, room);

      await bob.pubnub.publish({ channel: room, message: "for the room" });
      await bob.pubnub.publish({ channel: other, message: "for the other" });
      await alice.messages.next((m) => m.message === "for the other", "the second message");
      assert.deepEqual(messages.map((m) => m.message), ["for the room"]);
      assert.deepEqual(otherMessages.map((m) => m.message), ["for the other"]);

      subscription.unsubscribe();
      await alice.statuses.next(
        (s) => s.category === PubNub.CATEGORIES.PNSubscriptionChangedCategory,
        "the subscription change",
      );
      assert.deepEqual(alice.pubnub.getSubscribedChannels(), [other]);
      await bob.pubnub.publish({ channel: room, message: "after unsubscribe" });
      await bob.pubnub.publish({ channel: other, message: "marker" });
      await alice.messages.next((m) => m.message === "marker", "the marker");
      assert.deepEqual(messages.map((m) => m.message), ["for the room"]);
    },
  );

  scenario(
    "fetchMessages returns what was stored, with meta, uuid and custom message type; fire is not stored",
    async (client) => {
      const bob = client("bob");
      const [room, other] = [unique("room"), unique("other")];
      const t1 = (await bob.pubnub.publish({ channel: room, message: { n: 1 }, meta: { m: 1 } }))
        .timetoken;
      const t2 = (await bob.pubnub.publish({ channel: room, message: "two" })).timetoken;
      await bob.pubnub.publish({ channel: room, message: "not stored", storeInHistory: false });
      await bob.pubnub.fire({ channel: room, message: "fired" });
      await bob.pubnub.publish({ channel: other, message: "elsewhere" });

      const all = await bob.pubnub.fetchMessages({ channels: [room, other], count: 10 });
      assert.deepEqual(Object.keys(all.channels).sort(), [room, other].sort());
      const mine = all.channels[room];
      assert.deepEqual(mine.map((m) => m.message), [{ n: 1 }, "two"]);
      assert.deepEqual(mine.map((m) => String(m.timetoken)), [t1, t2]);
      assert.equal(mine[0].channel, room);
      assert.equal(mine[0].uuid, "bob");
      assert.equal(mine[0].meta, undefined);

      const withMeta = await bob.pubnub.fetchMessages({ channels: [room], includeMeta: true });
      assert.deepEqual(withMeta.channels[room][0].meta, { m: 1 });
      const newest = await bob.pubnub.fetchMessages({ channels: [room], count: 1 });
      assert.deepEqual(newest.channels[room].map((m) => m.message), ["two"]);
      const before = await bob.pubnub.fetchMessages({ channels: [room], start: t2 });
      assert.deepEqual(before.channels[room].map((m) => m.message), [{ n: 1 }]);

      const typedRoom = unique("typed");
      await bob.pubnub.publish({
        channel: typedRoom,
        message: "t",
        customMessageType: "chat-note",
      });
      const typed = await bob.pubnub.fetchMessages({
        channels: [typedRoom],
        includeCustomMessageType: true,
      });
      assert.equal(typed.channels[typedRoom][0].customMessageType, "chat-note");
    },
  );

  scenario(
    "disconnect, then reconnect: statuses, and what was published meanwhile arrives",
    async (client) => {
      const alice = client("alice");
      const bob = client("bob");
      const room = unique("room");
      alice.pubnub.subscribe({ channels: [room] });
      await connected(alice);
      await bob.pubnub.publish({ channel: room, message: "before" });
      await alice.messages.next((m) => m.message === "before", "the message before");
      alice.pubnub.disconnect();
      await alice.statuses.next(
        (s) => s.category === PubNub.CATEGORIES.PNDisconnectedCategory,
        "disconnected",
      );
      await bob.pubnub.publish({ channel: room, message: "meanwhile" });
      const connects = alice.statuses.seen.length;
      alice.pubnub.reconnect();
      await alice.messages.next(
        (m) => m.message === "meanwhile",
        "the message published meanwhile",
      );
      assert.ok(
        alice.statuses.seen.slice(connects).some((s) =>
          s.category === PubNub.CATEGORIES.PNConnectedCategory ||
          s.category === PubNub.CATEGORIES.PNReconnectedCategory
        ),
        "a connected status after reconnect",
      );
      assert.deepEqual(alice.messages.seen.map((m) => m.message), ["before", "meanwhile"]);
    },
  );

  scenario(
    "access denied: a publish rejects with PNAccessDeniedCategory (403), a subscribe gives up",
    async (client) => {
      const writer = client("writer", { authKey: "writer" });
      const stranger = client("stranger", { authKey: "nobody" });
      const room = unique("room");
      await writer.pubnub.publish({ channel: room, message: "allowed" });
      const error = await stranger.pubnub.publish({ channel: room, message: "no" }).then(
        () => assert.fail("a publish without a grant was accepted"),
        (e) => e as Official.PubNubError,
      );
      assert.equal(error.status?.category, PubNub.CATEGORIES.PNAccessDeniedCategory);
      assert.equal(error.status?.statusCode, 403);
      assert.equal(error.status?.operation, PubNub.OPERATIONS.PNPublishOperation);

      // The subscribe loop gives up at once (a 403 is never retried), naming the cause.
      stranger.pubnub.subscribe({ channels: [room] });
      const status = await stranger.statuses.next(
        (s) => s.category === PubNub.CATEGORIES.PNConnectionErrorCategory,
        "the connection error status",
      );
      assert.equal(status.error, PubNub.CATEGORIES.PNAccessDeniedCategory);
      assert.ok(
        !stranger.statuses.seen.some((s) => s.category === PubNub.CATEGORIES.PNConnectedCategory),
      );
    },
    { access: { grants: [{ authKey: "writer", read: ["*"], write: ["*"] }] } },
  );

  scenario("history: entries, meta, ranges; deleteMessages removes a range", async (client) => {
    const bob = client("bob");
    const room = unique("room");
    const t1 =
      (await bob.pubnub.publish({ channel: room, message: "one", meta: { k: 1 } })).timetoken;
    const t2 = (await bob.pubnub.publish({ channel: room, message: "two" })).timetoken;
    const t3 = (await bob.pubnub.publish({ channel: room, message: "three" })).timetoken;

    const all = await bob.pubnub.history({ channel: room, count: 10, includeMeta: true });
    assert.deepEqual(all.messages.map((m) => m.entry), ["one", "two", "three"]);
    assert.deepEqual(all.messages[0].meta, { k: 1 });
    const exact = await bob.pubnub.history({ channel: room, stringifiedTimeToken: true });
    assert.deepEqual(exact.messages.map((m) => m.timetoken), [t1, t2, t3]);
    assert.equal(
      typeof all.startTimeToken === "number" || typeof all.startTimeToken === "string",
      true,
    );
    const last = await bob.pubnub.history({ channel: room, count: 1 });
    assert.deepEqual(last.messages.map((m) => m.entry), ["three"]);
    const first = await bob.pubnub.history({ channel: room, count: 1, reverse: true });
    assert.deepEqual(first.messages.map((m) => m.entry), ["one"]);

    // deleteMessages removes (start, end]: here just the second message.
    const deleted = await bob.pubnub.deleteMessages({ channel: room, start: t1, end: t2 });
    assert.deepEqual(deleted, {});
    const after = await bob.pubnub.fetchMessages({ channels: [room] });
    assert.deepEqual(after.channels[room].map((m) => m.message), ["one", "three"]);
  });

  scenario("message counts since a timetoken, per channel", async (client) => {
    const bob = client("bob");
    const [a, b] = [unique("a"), unique("b")];
    const t1 = (await bob.pubnub.publish({ channel: a, message: 1 })).timetoken;
    await bob.pubnub.publish({ channel: a, message: 2 });
    await bob.pubnub.publish({ channel: b, message: 3 });
    const since = await bob.pubnub.messageCounts({ channels: [a, b], channelTimetokens: [t1] });
    assert.deepEqual(since.channels, { [a]: 1, [b]: 1 });
    const each = await bob.pubnub.messageCounts({
      channels: [a, b],
      channelTimetokens: [String(BigInt(t1) - 1n), t1],
    });
    assert.deepEqual(each.channels, { [a]: 2, [b]: 1 });
  });

  scenario(
    "message actions: add, list, fetch with actions, the listener, remove",
    async (client) => {
      const alice = client("alice");
      const bob = client("bob");
      const room = unique("room");
      alice.pubnub.subscribe({ channels: [room] });
      await connected(alice);
      const t = (await bob.pubnub.publish({ channel: room, message: "react to me" })).timetoken;

      const added = await bob.pubnub.addMessageAction({
        channel: room,
        messageTimetoken: t,
        action: { type: "reaction", value: "+1" },
      });
      assert.equal(added.data.type, "reaction");
      assert.equal(added.data.value, "+1");
      assert.equal(added.data.uuid, "bob");
      assert.equal(added.data.messageTimetoken, t);
      assert.match(added.data.actionTimetoken, /^\d{17}$/);

      const event = await alice.actions.next((a) => a.event === "added", "the added event");
      assert.equal(event.channel, room);
      assert.equal(event.publisher, "bob");
      assert.deepEqual(
        { ...event.data },
        { ...added.data },
      );

      const listed = await bob.pubnub.getMessageActions({ channel: room });
      assert.deepEqual(listed.data, [added.data]);
      assert.equal(listed.start, added.data.actionTimetoken);
      assert.equal(listed.end, added.data.actionTimetoken);

      const fetched = await bob.pubnub.fetchMessages({
        channels: [room],
        includeMessageActions: true,
      });
      const withActions = fetched.channels[room][0] as Official.History.FetchedMessageWithActions;
      assert.deepEqual(withActions.actions, {
        reaction: { "+1": [{ uuid: "bob", actionTimetoken: added.data.actionTimetoken }] },
      });

      const removed = await bob.pubnub.removeMessageAction({
        channel: room,
        messageTimetoken: t,
        actionTimetoken: added.data.actionTimetoken,
      });
      assert.deepEqual(removed, { data: {} });
      const gone = await alice.actions.next((a) => a.event === "removed", "the removed event");
      assert.equal(gone.data.actionTimetoken, added.data.actionTimetoken);
      assert.deepEqual((await bob.pubnub.getMessageActions({ channel: room })).data, []);
    },
  );
}

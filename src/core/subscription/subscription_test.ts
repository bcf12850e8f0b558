import assert from "node:assert/strict";
import {
  createSubscription,
  hold,
  release,
  rollbackState,
  setState,
  stateFor,
  subscribe,
  type SubscriptionOptions,
  type SubscriptionUpdate,
  unsubscribe,
  unsubscribeAll,
} from "./subscription.ts";
import { presenceNameOf } from "../wire/names.ts";

const NONE = { channels: [], groups: [] };
const HEARTBEATS: SubscriptionOptions = { heartbeats: true, suppressLeaveEvents: false };
const NO_HEARTBEATS: SubscriptionOptions = { heartbeats: false, suppressLeaveEvents: false };

/** The subscribe engine's lists after an update (unchanged when it says nothing). */
function after(
  current: { channels: readonly string[]; groups: readonly string[] },
  u: SubscriptionUpdate,
) {
  return u.changed ? { channels: u.changed.channels, groups: u.changed.groups } : current;
}

Deno.test("subscription: subscribe adds names (with presence channels) and announces the joins", () => {
  const s = createSubscription(HEARTBEATS);
  const u = subscribe(s, { channels: ["x"], groups: [] }, {
    channels: ["a", presenceNameOf("b")],
    groups: ["g"],
    withPresence: true,
  });
  assert.deepEqual(u.changed, {
    channels: ["x", "a", presenceNameOf("b"), presenceNameOf("a")],
    groups: ["g", presenceNameOf("g")],
  });
  assert.deepEqual(u.announce, { type: "joined", channels: ["a"], groups: ["g"] });
  assert.equal(u.leave, undefined);
  assert.ok(u.subscription.appHeld.has("c:a") && u.subscription.appHeld.has("g:g"));
});

Deno.test("subscription: a timetoken makes the change a restore", () => {
  const u = subscribe(createSubscription(NO_HEARTBEATS), NONE, {
    channels: ["a"],
    groups: [],
    withPresence: false,
    timetoken: "17000000000000000",
  });
  assert.deepEqual(u.changed, { channels: ["a"], groups: [], timetoken: "17000000000000000" });
  assert.equal(u.announce, undefined, "no heartbeat engine, nothing to announce");
});

Deno.test("subscription: bad requests throw validation errors and change nothing", () => {
  const s = createSubscription(HEARTBEATS);
  const request = { groups: [], withPresence: false };
  assert.throws(
    () => subscribe(s, NONE, { ...request, channels: [] }),
    /no channels and no channel groups/,
  );
  assert.throws(
    () => subscribe(s, NONE, { ...request, channels: [""] }),
    /channel name #1 is empty/,
  );
  assert.throws(() => subscribe(s, NONE, { ...request, channels: ["a,b"] }), /contains ','/);
  assert.throws(
    () => subscribe(s, NONE, { ...request, channels: ["a"], timetoken: "1.5" }),
    /timetoken "1.5" is not a decimal timetoken/,
  );
  assert.throws(
    () => unsubscribe(s, NONE, [null as unknown as string], []),
    /channel name #1 is null/,
  );
  assert.equal(s.appHeld.size, 0);
});

Deno.test("subscription: unsubscribe leaves presence channels too and forgets their state", () => {
  let s = createSubscription(NO_HEARTBEATS);
  const current = { channels: ["a", presenceNameOf("a"), "b"], groups: ["g"] };
  s = setState(s, ["a", "b"], { mood: "ok" });
  const u = unsubscribe(s, current, ["a"], []);
  assert.deepEqual(u.changed, { channels: ["b"], groups: ["g"] });
  assert.deepEqual(u.leave, { channels: ["a", presenceNameOf("a")], groups: [] });
  assert.deepEqual(stateFor(u.subscription, after(current, u)), { b: { mood: "ok" } });
  assert.deepEqual(unsubscribe(s, current, ["zzz"], []).changed, undefined, "nothing to leave");
});

Deno.test("subscription: with a heartbeat engine a leave is announced to it, not sent", () => {
  const current = { channels: ["a"], groups: [] };
  const u = unsubscribe(createSubscription(HEARTBEATS), current, ["a"], []);
  assert.deepEqual(u.announce, { type: "left", channels: ["a"], groups: [] });
  assert.equal(u.leave, undefined);
});

Deno.test("subscription: suppressLeaveEvents sends no leave, for one name or for all", () => {
  const s = createSubscription({ heartbeats: false, suppressLeaveEvents: true });
  const current = { channels: ["a"], groups: [] };
  assert.equal(unsubscribe(s, current, ["a"], []).leave, undefined);
  assert.equal(unsubscribeAll(s, current).leave, undefined);
  assert.deepEqual(unsubscribeAll(createSubscription(NO_HEARTBEATS), current).leave, current);
  assert.deepEqual(unsubscribeAll(createSubscription(HEARTBEATS), current).announce, {
    type: "leftAll",
  });
});

Deno.test("subscription: a stream's release unsubscribes only what nobody else holds", () => {
  let current: { channels: readonly string[]; groups: readonly string[] } = NONE;
  let s = createSubscription(NO_HEARTBEATS);
  const step = (u: SubscriptionUpdate) => {
    current = after(current, u);
    s = u.subscription;
    return u;
  };
  step(subscribe(s, current, { channels: ["app"], groups: [], withPresence: false }));
  step(hold(s, current, ["app", "shared", "mine"], []));
  step(hold(s, current, ["shared"], []));
  assert.deepEqual(current.channels, ["app", "shared", "mine"]);
  const first = step(release(s, current, ["app", "shared", "mine"], []));
  assert.deepEqual(first.changed, { channels: ["app", "shared"], groups: [] }, "only mine goes");
  const second = step(release(s, current, ["shared"], []));
  assert.deepEqual(second.changed, { channels: ["app"], groups: [] });
  assert.equal(step(release(s, current, ["shared"], [])).changed, undefined, "released already");
  step(unsubscribe(s, current, ["app"], []));
  assert.deepEqual(current.channels, []);
});

Deno.test("subscription: after unsubscribeAll a stream's release does nothing", () => {
  let s = createSubscription(NO_HEARTBEATS);
  const u = hold(s, NONE, ["a"], []);
  const all = unsubscribeAll(u.subscription, after(NONE, u));
  s = all.subscription;
  assert.deepEqual(release(s, NONE, ["a"], []), { subscription: s });
});

Deno.test("subscription: state is sent only for subscribed names; state set before waits", () => {
  const s = setState(createSubscription(HEARTBEATS), ["a", "later"], 1);
  assert.deepEqual(stateFor(s, { channels: ["a"], groups: [] }), { a: 1 });
  const all = unsubscribeAll(s, { channels: ["a"], groups: [] });
  assert.deepEqual(stateFor(all.subscription, { channels: ["a", "later"], groups: [] }), {
    later: 1,
  });
});

Deno.test("subscription: a rollback undoes only what its call set and is still there", () => {
  const before = setState(createSubscription(HEARTBEATS), ["a"], "old");
  const mine = { v: 1 };
  const set = setState(before, ["a", "b"], mine);
  const overwritten = setState(set, ["b"], "newer");
  const rolled = rollbackState(overwritten, before, ["a", "b"], mine);
  assert.equal(rolled.presenceState.get("a"), "old");
  assert.equal(rolled.presenceState.get("b"), "newer");
  assert.equal(rollbackState(set, before, ["b"], mine).presenceState.has("b"), false);
});

Deno.test("subscription: the app's unsubscribe keeps a name a stream holds, with its state; only its presence channel goes", () => {
  let current: { channels: readonly string[]; groups: readonly string[] } = NONE;
  let s = createSubscription(HEARTBEATS);
  const step = (u: SubscriptionUpdate) => {
    current = after(current, u);
    s = u.subscription;
    return u;
  };
  step(hold(s, current, ["a"], ["g"]));
  step(subscribe(s, current, { channels: ["a", "b"], groups: ["g"], withPresence: true }));
  s = setState(s, ["a", "b"], { k: 1 });
  const left = step(unsubscribe(s, current, ["a", "b"], ["g"]));
  assert.deepEqual(current, { channels: ["a"], groups: ["g"] });
  assert.deepEqual(left.announce, {
    type: "left",
    channels: ["b", presenceNameOf("a"), presenceNameOf("b")],
    groups: [presenceNameOf("g")],
  });
  assert.deepEqual(stateFor(s, current), { a: { k: 1 } });
  step(release(s, current, ["a"], ["g"]));
  assert.deepEqual(current, NONE, "the stream's end unsubscribes what the app gave up");
});

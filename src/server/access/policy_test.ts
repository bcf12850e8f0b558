import assert from "node:assert/strict";
import { needsOf } from "./check.ts";
import { decideAccess, grantIsLive, patternCovers } from "./policy.ts";
import { parseTarget } from "../http/target.ts";

Deno.test("patternCovers: exact names, * and prefix wildcards", () => {
  const cases: [string, string, boolean][] = [
    ["*", "anything", true],
    ["news", "news", true],
    ["news", "news2", false],
    ["chat.*", "chat.a", true],
    ["chat.*", "chat.a.b", true],
    ["chat.*", "chat.*", true],
    ["chat.*", "chat", false],
    ["chat.*", "chatroom", false],
    ["chat.a", "chat.*", false],
  ];
  for (const [pattern, name, expected] of cases) {
    assert.equal(patternCovers(pattern, name), expected, `${pattern} ~ ${name}`);
  }
});

Deno.test("grantIsLive: expires is absolute, ttl counts minutes from the server's start", () => {
  assert.equal(grantIsLive({ authKey: "k" }, 0, Number.MAX_SAFE_INTEGER), true);
  assert.equal(grantIsLive({ authKey: "k", expires: 1000 }, 0, 999), true);
  assert.equal(grantIsLive({ authKey: "k", expires: 1000 }, 0, 1000), false);
  assert.equal(grantIsLive({ authKey: "k", ttl: 2 }, 5000, 5000 + 119_999), true);
  assert.equal(grantIsLive({ authKey: "k", ttl: 2 }, 5000, 5000 + 120_000), false);
});

Deno.test("decideAccess: unknown, missing and expired keys are denied everything they name", () => {
  const grants = [
    { authKey: "old", read: ["*"], expires: 10 },
    { authKey: "live", read: ["a"] },
  ];
  const at = (authKey: string | undefined) => ({ authKey, startedAt: 0, now: 100 });
  const needs = { read: ["a", "b"], readGroups: ["g"] };
  assert.deepEqual(decideAccess(grants, at("nobody"), needs), {
    allowed: false,
    channels: ["a", "b"],
    groups: ["g"],
    reason: 'unknown auth key "nobody"',
  });
  assert.equal(
    (decideAccess(grants, at(undefined), needs) as { reason: string }).reason,
    "no auth key",
  );
  assert.match((decideAccess(grants, at("old"), needs) as { reason: string }).reason, /expired/);
  // A call that names nothing needs only a live key.
  assert.deepEqual(decideAccess(grants, at("live"), {}), { allowed: true });
  assert.equal(decideAccess(grants, at("old"), {}).allowed, false);
});

Deno.test("decideAccess: only what is not covered is denied; grants of one key add up", () => {
  const grants = [
    { authKey: "k", read: ["chat.*"], groups: ["g1"] },
    { authKey: "k", write: ["chat.room"], manage: ["g2"] },
    { authKey: "other", read: ["*"], write: ["*"] },
  ];
  const at = { authKey: "k", startedAt: 0, now: 0 };
  assert.deepEqual(decideAccess(grants, at, { read: ["chat.a", "chat.a-pnpres"] }), {
    allowed: true,
  });
  assert.deepEqual(decideAccess(grants, at, { write: ["chat.room"] }), { allowed: true });
  assert.deepEqual(
    decideAccess(grants, at, { write: ["chat.room", "chat.other"], read: ["news"] }),
    {
      allowed: false,
      channels: ["news", "chat.other"],
      groups: [],
      reason: 'auth key "k" has no grant for this',
    },
  );
  assert.deepEqual(
    decideAccess(grants, at, { readGroups: ["g1", "g1-pnpres", "g2"], manageGroups: ["g1"] }),
    {
      allowed: false,
      channels: [],
      groups: ["g2", "g1"],
      reason: 'auth key "k" has no grant for this',
    },
  );
});

Deno.test("needsOf: what each endpoint reads, writes or manages", () => {
  const of = (url: string) => needsOf(parseTarget(url)!);
  assert.deepEqual(of("/publish/p/s/0/a%2Cb/0/%221%22"), { write: ["a,b"] });
  assert.deepEqual(of("/signal/p/s/0/ch/0/1"), { write: ["ch"] });
  assert.deepEqual(of("/v2/subscribe/s/a,b/0?channel-group=g1,g2"), {
    read: ["a", "b"],
    readGroups: ["g1", "g2"],
  });
  assert.deepEqual(of("/v2/subscribe/s/,/0?channel-group=g"), { read: [], readGroups: ["g"] });
  assert.deepEqual(of("/v2/presence/sub-key/s/channel/a/heartbeat"), {
    read: ["a"],
    readGroups: [],
  });
  assert.deepEqual(of("/v2/presence/sub-key/s/channel/a/uuid/u/data?state=%7B%7D"), {
    read: ["a"],
    readGroups: [],
  });
  // Global here-now and where-now answer about every channel: they need read on everything.
  assert.deepEqual(of("/v2/presence/sub-key/s"), { read: ["*"] });
  assert.deepEqual(of("/v2/presence/sub-key/s/uuid/u"), { read: ["*"] });
  assert.deepEqual(of("/v3/history/sub-key/s/channel/a,b"), { read: ["a", "b"] });
  assert.deepEqual(of("/v1/channel-registration/sub-key/s/channel-group"), {
    manageGroups: ["*"],
  });
  // Adding channels to a group needs read on them: a group must not launder access.
  assert.deepEqual(of("/v1/channel-registration/sub-key/s/channel-group/g?add=a,b"), {
    manageGroups: ["g"],
    read: ["a", "b"],
  });
  assert.deepEqual(of("/v1/channel-registration/sub-key/s/channel-group/g/remove"), {
    manageGroups: ["g"],
    read: [],
  });
  assert.equal(of("/time/0"), undefined);
});

Deno.test("needsOf: storage and message actions read, write or delete as on the service", () => {
  const of = (url: string, method?: string) => needsOf(parseTarget(url)!, method);
  assert.deepEqual(of("/v2/history/sub-key/s/channel/a"), { read: ["a"] });
  assert.deepEqual(of("/v3/history/sub-key/s/message-counts/a,b?timetoken=1"), {
    read: ["a", "b"],
  });
  assert.deepEqual(of("/v3/history/sub-key/s/channel/a", "DELETE"), { delete: ["a"] });
  assert.deepEqual(of("/v3/history-with-actions/sub-key/s/channel/a"), { read: ["a"] });
  const actions = "/v1/message-actions/s/channel/a%2Fb";
  assert.deepEqual(of(actions), { read: ["a/b"] });
  assert.deepEqual(of(`${actions}/message/1`, "POST"), { write: ["a/b"] });
  assert.deepEqual(of(`${actions}/message/1/action/2`, "DELETE"), { delete: ["a/b"] });
});

Deno.test("decideAccess: delete is its own permission", () => {
  const grants = [{ authKey: "mod", delete: ["chat.*"] }, { authKey: "w", write: ["*"] }];
  const at = (authKey: string) => ({ authKey, startedAt: 0, now: 0 });
  assert.deepEqual(decideAccess(grants, at("mod"), { delete: ["chat.a"] }), { allowed: true });
  assert.equal(decideAccess(grants, at("w"), { delete: ["chat.a"] }).allowed, false);
  assert.equal(decideAccess(grants, at("mod"), { write: ["chat.a"] }).allowed, false);
});

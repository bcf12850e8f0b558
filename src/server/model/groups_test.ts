import assert from "node:assert/strict";
import { ChannelGroups } from "./groups.ts";

Deno.test("groups add, list, remove, delete and keep the reverse index", () => {
  const groups = new ChannelGroups();
  assert.equal(groups.add("g", ["b", "a", "a"]), undefined);
  groups.add("h", ["a"]);
  assert.deepEqual(groups.channelsOf("g"), ["a", "b"]);
  assert.deepEqual(groups.groupsOf("a").sort(), ["g", "h"]);
  assert.deepEqual(groups.list(), ["g", "h"]);
  groups.remove("g", ["a"]);
  assert.deepEqual(groups.groupsOf("a"), ["h"]);
  groups.delete("h");
  assert.deepEqual(groups.groupsOf("a"), []);
  assert.deepEqual(groups.list(), ["g"]);
  groups.remove("g", ["b"]);
  assert.equal(groups.size, 0);
});

Deno.test("groups refuse to grow past their limits", () => {
  const groups = new ChannelGroups(2, 1);
  assert.match(groups.add("g", ["a", "b", "c"])!.error, /too many channels/);
  assert.deepEqual(groups.channelsOf("g"), []);
  assert.equal(groups.add("g", ["a", "b"]), undefined);
  assert.match(groups.add("other", ["x"])!.error, /too many channel groups/);
});

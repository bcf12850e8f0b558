import assert from "node:assert/strict";
import { isPresenceName, withoutPresenceNames } from "./presence_names.ts";

Deno.test("presence names: only the -pnpres suffix counts", () => {
  assert.equal(isPresenceName("a-pnpres"), true);
  assert.equal(isPresenceName("-pnpres"), true);
  assert.equal(isPresenceName("a-pnpres-x"), false);
  assert.equal(isPresenceName("pnpres"), false);
  assert.equal(isPresenceName("a"), false);
});

Deno.test("presence names: filtering keeps order and the rest", () => {
  assert.deepEqual(withoutPresenceNames(["b", "a-pnpres", "a", "c.*"]), ["b", "a", "c.*"]);
  assert.deepEqual(withoutPresenceNames([]), []);
});

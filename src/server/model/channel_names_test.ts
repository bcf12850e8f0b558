import assert from "node:assert/strict";
import { isPresenceChannel, isWildcard, wildcardKeyOf } from "./channel_names.ts";

Deno.test("wildcard keys are one level deep", () => {
  assert.equal(wildcardKeyOf("a.b"), "a.*");
  assert.equal(wildcardKeyOf("a.b.c"), "a.b.*");
  assert.equal(wildcardKeyOf("a.b-pnpres"), "a.*-pnpres");
  assert.equal(wildcardKeyOf("plain"), undefined);
  assert.equal(wildcardKeyOf(".x"), undefined);
  assert.equal(wildcardKeyOf("x."), undefined);
});

Deno.test("wildcard and presence names are recognised", () => {
  assert.ok(isWildcard("a.*"));
  assert.ok(isWildcard("a.*-pnpres"));
  assert.ok(!isWildcard("a.b"));
  assert.ok(!isWildcard(".*"));
  assert.ok(isPresenceChannel("a-pnpres"));
  assert.ok(!isPresenceChannel("a"));
});

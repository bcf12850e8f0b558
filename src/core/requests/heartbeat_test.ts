import assert from "node:assert/strict";
import { encodeQuery } from "../encoding.ts";
import { buildHeartbeatRequest, parseHeartbeatResponse } from "./heartbeat.ts";
import { assertNeverThrows } from "./_testing.ts";

Deno.test("heartbeat: channels, exact path and query", () => {
  const request = buildHeartbeatRequest({
    subscribeKey: "sub-c-1",
    channels: ["a", "b c"],
    presenceTimeout: 300,
  })!;
  assert.deepEqual(request, {
    operation: "PNHeartbeatOperation",
    method: "GET",
    path: "/v2/presence/sub-key/sub-c-1/channel/a,b%20c/heartbeat",
    query: { heartbeat: "300" },
    channels: ["a", "b c"],
    channelGroups: [],
  });
});

Deno.test("heartbeat: groups only use the `,` path segment; groups and state follow heartbeat", () => {
  const request = buildHeartbeatRequest({
    subscribeKey: "sub",
    channels: [],
    channelGroups: ["g1", "g2"],
    presenceTimeout: 120,
    state: { g1: { mood: "ok" } },
  })!;
  assert.equal(request.path, "/v2/presence/sub-key/sub/channel/,/heartbeat");
  assert.deepEqual(Object.keys(request.query), ["heartbeat", "channel-group", "state"]);
  assert.equal(
    encodeQuery(request.query),
    "heartbeat=120&channel-group=g1%2Cg2&state=%7B%22g1%22%3A%7B%22mood%22%3A%22ok%22%7D%7D",
  );
});

Deno.test("heartbeat: -pnpres names are skipped, duplicates dropped, order kept", () => {
  const request = buildHeartbeatRequest({
    subscribeKey: "sub",
    channels: ["b", "a-pnpres", "a", "b"],
    channelGroups: ["g-pnpres"],
    presenceTimeout: 300,
  })!;
  assert.equal(request.path, "/v2/presence/sub-key/sub/channel/b,a/heartbeat");
  assert.deepEqual(request.query, { heartbeat: "300" });
});

Deno.test("heartbeat: nothing but presence names (or nothing) needs no request", () => {
  assert.equal(
    buildHeartbeatRequest({
      subscribeKey: "sub",
      channels: ["a-pnpres"],
      channelGroups: ["g-pnpres"],
      presenceTimeout: 300,
    }),
    undefined,
  );
  assert.equal(
    buildHeartbeatRequest({ subscribeKey: "sub", channels: [], presenceTimeout: 300 }),
    undefined,
  );
});

Deno.test("heartbeat: parses the service's answer; refuses non-objects and error bodies", () => {
  assert.deepEqual(
    parseHeartbeatResponse({ status: 200, message: "OK", service: "Presence" }),
    { ok: true, value: {} },
  );
  assert.equal(parseHeartbeatResponse("OK").ok, false);
  assert.equal(parseHeartbeatResponse(null).ok, false);
  const error = parseHeartbeatResponse({ error: true, message: "Invalid Subscribe Key" });
  assert.ok(!error.ok && error.reason.includes("Invalid Subscribe Key"));
  assertNeverThrows(parseHeartbeatResponse);
});

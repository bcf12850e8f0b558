import assert from "node:assert/strict";
import { encodeQuery } from "../encoding.ts";
import { buildLeaveRequest, leaveTargets, parseLeaveResponse } from "./leave.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("leave: sorted channels, exact path, no query without groups", () => {
  assert.deepEqual(buildLeaveRequest({ subscribeKey: "sub", channels: ["b", "a!"] }), {
    operation: "PNUnsubscribeOperation",
    method: "GET",
    path: "/v2/presence/sub-key/sub/channel/a%21,b/leave",
    query: {},
    channels: ["a!", "b"],
    channelGroups: [],
  });
});

Deno.test("leave: groups go to a sorted channel-group parameter; no channels is `,`", () => {
  const request = buildLeaveRequest({
    subscribeKey: "sub",
    channels: [],
    channelGroups: ["g2", "g1"],
  })!;
  assert.equal(request.path, "/v2/presence/sub-key/sub/channel/,/leave");
  assert.equal(encodeQuery(request.query), "channel-group=g1%2Cg2");
});

Deno.test("leave: -pnpres names are skipped, duplicates dropped", () => {
  const request = buildLeaveRequest({
    subscribeKey: "sub",
    channels: ["a", "a-pnpres", "a"],
    channelGroups: ["g-pnpres"],
  })!;
  assert.equal(request.path, "/v2/presence/sub-key/sub/channel/a/leave");
  assert.deepEqual(request.query, {});
  assert.deepEqual(leaveTargets(["c", "b-pnpres", "a"], ["h", "g-pnpres"]), {
    channels: ["a", "c"],
    groups: ["h"],
  });
});

Deno.test("leave: only presence names (or nothing) means no request is needed", () => {
  assert.equal(
    buildLeaveRequest({ subscribeKey: "sub", channels: ["a-pnpres"], channelGroups: ["g-pnpres"] }),
    undefined,
  );
  assert.equal(buildLeaveRequest({ subscribeKey: "sub", channels: [] }), undefined);
});

Deno.test("leave: refuses empty names", () => {
  assertValidation(
    () => buildLeaveRequest({ subscribeKey: "sub", channels: ["a", ""] }),
    "PNUnsubscribeOperation",
    "channel name #2 is empty",
  );
});

Deno.test("leave: parses the service's answer; never throws", () => {
  assert.deepEqual(
    parseLeaveResponse({ status: 200, action: "leave", message: "OK", service: "Presence" }),
    { ok: true, value: {} },
  );
  assert.equal(parseLeaveResponse([]).ok, false);
  assertNeverThrows(parseLeaveResponse);
});

import assert from "node:assert/strict";
import { encodeQuery } from "../encoding.ts";
import { buildHereNowRequest, parseHereNowResponse } from "./here_now.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("here-now build: one channel", () => {
  assert.deepEqual(buildHereNowRequest({ subscribeKey: "sub", channels: ["a b"] }), {
    operation: "PNHereNowOperation",
    method: "GET",
    path: "/v2/presence/sub-key/sub/channel/a%20b",
    query: { limit: "1000" },
    channels: ["a b"],
    channelGroups: [],
  });
});

Deno.test("here-now build: several channels, uuids off, state on, in the official order", () => {
  const request = buildHereNowRequest({
    subscribeKey: "sub",
    channels: ["a", "b"],
    includeUuids: false,
    includeState: true,
  });
  assert.equal(request.path, "/v2/presence/sub-key/sub/channel/a,b");
  assert.equal(encodeQuery(request.query), "limit=1000&disable_uuids=1&state=1");
});

Deno.test("here-now build: groups only (path `,` and channel-group)", () => {
  const request = buildHereNowRequest({ subscribeKey: "sub", channelGroups: ["g1", "g2"] });
  assert.equal(request.path, "/v2/presence/sub-key/sub/channel/,");
  assert.equal(encodeQuery(request.query), "limit=1000&channel-group=g1%2Cg2");
});

Deno.test("here-now build: global (no channels, no groups) has no channel segment and no limit", () => {
  const request = buildHereNowRequest({ subscribeKey: "sub", includeState: true });
  assert.equal(request.path, "/v2/presence/sub-key/sub");
  assert.deepEqual(request.query, { state: "1" });
  assert.deepEqual(
    buildHereNowRequest({ subscribeKey: "sub", channels: [], channelGroups: [] }).query,
    {},
  );
});

Deno.test("here-now build: limit and offset", () => {
  const request = buildHereNowRequest({
    subscribeKey: "sub",
    channels: ["a"],
    limit: 10,
    offset: 20,
  });
  assert.equal(encodeQuery(request.query), "limit=10&offset=20");
  assert.deepEqual(buildHereNowRequest({ subscribeKey: "sub", channels: ["a"], offset: 0 }).query, {
    limit: "1000",
  });
  assertValidation(
    () => buildHereNowRequest({ subscribeKey: "sub", channels: ["a"], limit: -1 }),
    "PNHereNowOperation",
    "limit",
  );
  assertValidation(
    () => buildHereNowRequest({ subscribeKey: "sub", channels: ["a"], offset: 1.5 }),
    "PNHereNowOperation",
    "offset",
  );
  assertValidation(
    () => buildHereNowRequest({ subscribeKey: "sub", channels: [""] }),
    "PNHereNowOperation",
    "channel name #1 is empty",
  );
});

Deno.test("here-now parse: single-channel flat form with plain uuids", () => {
  const result = parseHereNowResponse(
    { status: 200, message: "OK", service: "Presence", uuids: ["u1", "u2"], occupancy: 2 },
    { channels: ["a"] },
  );
  assert.deepEqual(result, {
    ok: true,
    value: {
      totalChannels: 1,
      totalOccupancy: 2,
      channels: {
        a: {
          channelName: "a",
          occupancy: 2,
          occupants: [{ uuid: "u1", state: null }, { uuid: "u2", state: null }],
        },
      },
    },
  });
});

Deno.test("here-now parse: single-channel flat form with state=1 ({uuid, state} objects)", () => {
  const result = parseHereNowResponse(
    { status: 200, uuids: [{ uuid: "u1", state: { mood: "ok" } }, { uuid: "u2" }], occupancy: 2 },
    { channels: ["a"] },
  );
  assert.ok(result.ok);
  assert.deepEqual(result.value.channels.a.occupants, [
    { uuid: "u1", state: { mood: "ok" } },
    { uuid: "u2", state: null },
  ]);
});

Deno.test("here-now parse: single-channel flat form with disable_uuids (occupancy only)", () => {
  const result = parseHereNowResponse({ status: 200, occupancy: 3 }, {
    channels: ["a"],
    includeUuids: false,
  });
  assert.deepEqual(result, {
    ok: true,
    value: {
      totalChannels: 1,
      totalOccupancy: 3,
      channels: { a: { channelName: "a", occupancy: 3, occupants: [] } },
    },
  });
});

Deno.test("here-now parse: multi form (several channels, groups, global)", () => {
  const result = parseHereNowResponse({
    status: 200,
    message: "OK",
    service: "Presence",
    payload: {
      channels: {
        a: { uuids: ["u1"], occupancy: 1 },
        b: { uuids: [{ uuid: "u2", state: { x: 1 } }, "u3"], occupancy: 2 },
      },
      total_channels: 2,
      total_occupancy: 3,
    },
  }, { channels: ["a", "b"] });
  assert.deepEqual(result, {
    ok: true,
    value: {
      totalChannels: 2,
      totalOccupancy: 3,
      channels: {
        a: { channelName: "a", occupancy: 1, occupants: [{ uuid: "u1", state: null }] },
        b: {
          channelName: "b",
          occupancy: 2,
          occupants: [{ uuid: "u2", state: { x: 1 } }, { uuid: "u3", state: null }],
        },
      },
    },
  });
});

Deno.test("here-now parse: multi form with disable_uuids, and with an empty keyset", () => {
  const result = parseHereNowResponse({
    status: 200,
    payload: { channels: { a: { occupancy: 4 } }, total_channels: 1, total_occupancy: 4 },
  }, { includeUuids: false });
  assert.ok(result.ok);
  assert.deepEqual(result.value.channels.a, { channelName: "a", occupancy: 4, occupants: [] });
  assert.deepEqual(
    parseHereNowResponse({
      status: 200,
      payload: { channels: {}, total_channels: 0, total_occupancy: 0 },
    }),
    { ok: true, value: { totalChannels: 0, totalOccupancy: 0, channels: {} } },
  );
  // No `channels` and no totals: an empty answer, totals computed.
  assert.deepEqual(parseHereNowResponse({ status: 200, payload: {} }), {
    ok: true,
    value: { totalChannels: 0, totalOccupancy: 0, channels: {} },
  });
});

Deno.test("here-now parse: uuids are ignored when they were not asked for", () => {
  const result = parseHereNowResponse({ status: 200, uuids: ["u1"], occupancy: 1 }, {
    channels: ["a"],
    includeUuids: false,
  });
  assert.ok(result.ok);
  assert.deepEqual(result.value.channels.a.occupants, []);
});

Deno.test("here-now parse: refuses wrong shapes with a reason", () => {
  const cases: [unknown, string[] | undefined, string][] = [
    [{ occupancy: 1, uuids: [] }, ["a", "b"], "single-channel answer"],
    [{ occupancy: 1, uuids: [] }, undefined, "single-channel answer"],
    [{ occupancy: "1" }, ["a"], "occupancy"],
    [{ occupancy: 1.5 }, ["a"], "occupancy"],
    [{ occupancy: 1, uuids: "u1" }, ["a"], "uuids"],
    [{ occupancy: 1, uuids: [7] }, ["a"], "occupant"],
    [{ occupancy: 1, uuids: [{ state: {} }] }, ["a"], "occupant"],
    [{ status: 200 }, ["a"], "payload"],
    [{ payload: { channels: [] } }, ["a"], "payload.channels"],
    [{ payload: { channels: { a: 1 } } }, ["a"], `channel "a"`],
    [{ payload: { channels: {}, total_channels: "2" } }, ["a"], "total_channels"],
    [{ payload: { channels: {}, total_occupancy: -1 } }, ["a"], "total_occupancy"],
    [{ error: true, message: "Invalid Subscribe Key" }, ["a"], "Invalid Subscribe Key"],
  ];
  for (const [data, channels, mention] of cases) {
    const result = parseHereNowResponse(data, { channels });
    assert.ok(!result.ok, `accepted ${JSON.stringify(data)}`);
    assert.ok(result.reason.includes(mention), `"${mention}" not in: ${result.reason}`);
  }
});

Deno.test("here-now parse: a channel named __proto__ stays an own entry", () => {
  const data = JSON.parse('{"payload":{"channels":{"__proto__":{"occupancy":1,"uuids":["u"]}}}}');
  const result = parseHereNowResponse(data);
  assert.ok(result.ok);
  assert.deepEqual(Object.keys(result.value.channels), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(result.value.channels), Object.prototype);
  assert.equal(result.value.channels["__proto__"].occupancy, 1);
});

Deno.test("here-now parse: never throws on hostile input", () => {
  assertNeverThrows((data) => parseHereNowResponse(data, { channels: ["a"] }));
  assertNeverThrows((data) => parseHereNowResponse(data));
});

import assert from "node:assert/strict";
import { encodeQuery } from "../encoding.ts";
import {
  buildGetStateRequest,
  buildSetStateRequest,
  parseGetStateResponse,
  parseSetStateResponse,
} from "./state.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("set state build: one channel, exact path and query", () => {
  assert.deepEqual(
    buildSetStateRequest({
      subscribeKey: "sub",
      uuid: "u 1",
      channels: ["a"],
      state: { typing: true },
    }),
    {
      operation: "PNSetStateOperation",
      method: "GET",
      path: "/v2/presence/sub-key/sub/channel/a/uuid/u%201/data",
      query: { state: '{"typing":true}' },
      channels: ["a"],
      channelGroups: [],
    },
  );
});

Deno.test("set state build: several channels and groups", () => {
  const request = buildSetStateRequest({
    subscribeKey: "sub",
    uuid: "u",
    channels: ["a", "b"],
    channelGroups: ["g1", "g2"],
    state: { n: 1 },
  });
  assert.equal(request.path, "/v2/presence/sub-key/sub/channel/a,b/uuid/u/data");
  assert.equal(encodeQuery(request.query), "state=%7B%22n%22%3A1%7D&channel-group=g1%2Cg2");
  const groupsOnly = buildSetStateRequest({
    subscribeKey: "sub",
    uuid: "u",
    channels: [],
    channelGroups: ["g"],
    state: {},
  });
  assert.equal(groupsOnly.path, "/v2/presence/sub-key/sub/channel/,/uuid/u/data");
});

Deno.test("set state build: refuses no targets, empty uuid, state that is not a JSON object", () => {
  const base = { subscribeKey: "sub", uuid: "u", channels: ["a"], state: {} };
  assertValidation(
    () => buildSetStateRequest({ ...base, channels: [] }),
    "PNSetStateOperation",
    "no channels and no channel groups",
  );
  assertValidation(
    () => buildSetStateRequest({ ...base, uuid: "" }),
    "PNSetStateOperation",
    "uuid is empty",
  );
  for (const state of [null, [], "x", 5, undefined]) {
    assertValidation(
      () => buildSetStateRequest({ ...base, state: state as unknown as Record<string, unknown> }),
      "PNSetStateOperation",
      "state must be a plain object",
    );
  }
  assertValidation(
    () => buildSetStateRequest({ ...base, state: { f: () => 1 } }),
    "PNSetStateOperation",
    "state.f is a function",
  );
});

Deno.test("set state parse: the stored state", () => {
  assert.deepEqual(
    parseSetStateResponse({
      status: 200,
      message: "OK",
      payload: { typing: true },
      service: "Presence",
    }),
    { ok: true, value: { state: { typing: true } } },
  );
  assert.equal(parseSetStateResponse({ status: 200 }).ok, false);
  assert.equal(parseSetStateResponse({ status: 200, payload: "x" }).ok, false);
  assertNeverThrows(parseSetStateResponse);
});

Deno.test("get state build: one channel, several, groups", () => {
  assert.deepEqual(buildGetStateRequest({ subscribeKey: "sub", uuid: "u1", channels: ["a"] }), {
    operation: "PNGetStateOperation",
    method: "GET",
    path: "/v2/presence/sub-key/sub/channel/a/uuid/u1",
    query: {},
    channels: ["a"],
    channelGroups: [],
  });
  assert.equal(
    buildGetStateRequest({ subscribeKey: "sub", uuid: "u1", channels: ["a", "b"] }).path,
    "/v2/presence/sub-key/sub/channel/a,b/uuid/u1",
  );
  const groups = buildGetStateRequest({
    subscribeKey: "sub",
    uuid: "u1",
    channels: [],
    channelGroups: ["g"],
  });
  assert.equal(groups.path, "/v2/presence/sub-key/sub/channel/,/uuid/u1");
  assert.deepEqual(groups.query, { "channel-group": "g" });
  assertValidation(
    () => buildGetStateRequest({ subscribeKey: "sub", uuid: "u1", channels: [] }),
    "PNGetStateOperation",
    "no channels and no channel groups",
  );
  assertValidation(
    () => buildGetStateRequest({ subscribeKey: "sub", uuid: "", channels: ["a"] }),
    "PNGetStateOperation",
    "uuid is empty",
  );
});

Deno.test("get state parse: flat form (one channel, top-level channel)", () => {
  const result = parseGetStateResponse({
    status: 200,
    message: "OK",
    uuid: "u",
    channel: "a",
    payload: { typing: true },
    service: "Presence",
  }, { channels: ["a"] });
  assert.deepEqual(result, { ok: true, value: { channels: { a: { typing: true } } } });
});

Deno.test("get state parse: flat form wins even when the state has a `channels` key", () => {
  const result = parseGetStateResponse({
    uuid: "u",
    channel: "a",
    payload: { channels: { x: 1 } },
  });
  assert.deepEqual(result, { ok: true, value: { channels: { a: { channels: { x: 1 } } } } });
});

Deno.test("get state parse: payload.channels form (several channels, groups)", () => {
  const result = parseGetStateResponse({
    status: 200,
    message: "OK",
    uuid: "u",
    payload: { channels: { a: { x: 1 }, b: {} } },
    service: "Presence",
  }, { channels: ["a", "b"] });
  assert.deepEqual(result, { ok: true, value: { channels: { a: { x: 1 }, b: {} } } });
});

Deno.test("get state parse: payload.channels also read for a one-channel request", () => {
  const result = parseGetStateResponse({ uuid: "u", payload: { channels: { a: { x: 1 } } } }, {
    channels: ["a"],
  });
  assert.deepEqual(result, { ok: true, value: { channels: { a: { x: 1 } } } });
});

Deno.test("get state parse: flat form without `channel` falls back to the one channel asked for", () => {
  const result = parseGetStateResponse({ uuid: "u", payload: { mood: "ok" } }, { channels: ["a"] });
  assert.deepEqual(result, { ok: true, value: { channels: { a: { mood: "ok" } } } });
  // Not enough to know the channel: refused.
  assert.equal(
    parseGetStateResponse({ uuid: "u", payload: { mood: "ok" } }, { channels: ["a", "b"] }).ok,
    false,
  );
  assert.equal(
    parseGetStateResponse({ uuid: "u", payload: { mood: "ok" } }, {
      channels: ["a"],
      channelGroups: ["g"],
    }).ok,
    false,
  );
});

Deno.test("get state parse: refuses wrong shapes; never throws", () => {
  for (
    const data of [{ payload: null }, { payload: [] }, { channel: "a" }, {
      payload: { channels: [] },
    }]
  ) {
    assert.equal(
      parseGetStateResponse(data, { channels: ["a", "b"] }).ok,
      false,
      JSON.stringify(data),
    );
  }
  assertNeverThrows((data) => parseGetStateResponse(data, { channels: ["a"] }));
  assertNeverThrows((data) => parseGetStateResponse(data, { channels: ["a", "b"] }));
});

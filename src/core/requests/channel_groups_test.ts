import assert from "node:assert/strict";
import { encodeQuery } from "../encoding.ts";
import {
  buildAddChannelsToGroupRequest,
  buildDeleteGroupRequest,
  buildListChannelsInGroupRequest,
  buildListGroupsRequest,
  buildRemoveChannelsFromGroupRequest,
  parseChannelGroupAckResponse,
  parseListChannelsInGroupResponse,
  parseListGroupsResponse,
} from "./channel_groups.ts";
import { assertNeverThrows, assertValidation } from "./_testing.ts";

Deno.test("channel groups: add channels", () => {
  const request = buildAddChannelsToGroupRequest({
    subscribeKey: "sub",
    channelGroup: "my group",
    channels: ["a", "b c"],
  });
  assert.deepEqual(request, {
    operation: "PNAddChannelsToGroupOperation",
    method: "GET",
    path: "/v1/channel-registration/sub-key/sub/channel-group/my%20group",
    query: { add: "a,b c" },
    channels: ["a", "b c"],
    channelGroups: ["my group"],
  });
  assert.equal(encodeQuery(request.query), "add=a%2Cb%20c");
});

Deno.test("channel groups: remove channels", () => {
  assert.deepEqual(
    buildRemoveChannelsFromGroupRequest({
      subscribeKey: "sub",
      channelGroup: "g",
      channels: ["a"],
    }),
    {
      operation: "PNRemoveChannelsFromGroupOperation",
      method: "GET",
      path: "/v1/channel-registration/sub-key/sub/channel-group/g",
      query: { remove: "a" },
      channels: ["a"],
      channelGroups: ["g"],
    },
  );
});

Deno.test("channel groups: list channels, list groups, delete group", () => {
  assert.deepEqual(buildListChannelsInGroupRequest({ subscribeKey: "sub", channelGroup: "g" }), {
    operation: "PNChannelsForGroupOperation",
    method: "GET",
    path: "/v1/channel-registration/sub-key/sub/channel-group/g",
    query: {},
    channelGroups: ["g"],
  });
  assert.deepEqual(buildListGroupsRequest({ subscribeKey: "sub" }), {
    operation: "PNChannelsForGroupOperation",
    method: "GET",
    path: "/v1/channel-registration/sub-key/sub/channel-group",
    query: {},
  });
  assert.deepEqual(buildDeleteGroupRequest({ subscribeKey: "sub", channelGroup: "g!" }), {
    operation: "PNRemoveGroupOperation",
    method: "GET",
    path: "/v1/channel-registration/sub-key/sub/channel-group/g%21/remove",
    query: {},
    channelGroups: ["g!"],
  });
});

Deno.test("channel groups: refuse an empty group name and empty channel lists", () => {
  assertValidation(
    () =>
      buildAddChannelsToGroupRequest({ subscribeKey: "sub", channelGroup: "", channels: ["a"] }),
    "PNAddChannelsToGroupOperation",
    "channel group is empty",
  );
  assertValidation(
    () => buildAddChannelsToGroupRequest({ subscribeKey: "sub", channelGroup: "g", channels: [] }),
    "PNAddChannelsToGroupOperation",
    "no channels given",
  );
  assertValidation(
    () =>
      buildRemoveChannelsFromGroupRequest({
        subscribeKey: "sub",
        channelGroup: "g",
        channels: [""],
      }),
    "PNRemoveChannelsFromGroupOperation",
    "channel name #1 is empty",
  );
  assertValidation(
    () =>
      buildRemoveChannelsFromGroupRequest({
        subscribeKey: "sub",
        channelGroup: "",
        channels: ["a"],
      }),
    "PNRemoveChannelsFromGroupOperation",
    "channel group is empty",
  );
  assertValidation(
    () => buildListChannelsInGroupRequest({ subscribeKey: "sub", channelGroup: "" }),
    "PNChannelsForGroupOperation",
    "channel group is empty",
  );
  assertValidation(
    () =>
      buildDeleteGroupRequest({
        subscribeKey: "sub",
        channelGroup: undefined as unknown as string,
      }),
    "PNRemoveGroupOperation",
    "channel group is undefined",
  );
});

Deno.test("channel groups: parse acknowledgements", () => {
  assert.deepEqual(
    parseChannelGroupAckResponse({
      status: 200,
      message: "OK",
      service: "channel-registry",
      error: false,
    }),
    { ok: true, value: {} },
  );
  const refused = parseChannelGroupAckResponse({ status: 400, message: "Invalid", error: true });
  assert.ok(!refused.ok && refused.reason.includes("Invalid"));
  assertNeverThrows(parseChannelGroupAckResponse);
});

Deno.test("channel groups: parse list of channels", () => {
  assert.deepEqual(
    parseListChannelsInGroupResponse({
      status: 200,
      payload: { channels: ["a", "b"], group: "g" },
      service: "channel-registry",
      error: false,
    }),
    { ok: true, value: { channels: ["a", "b"] } },
  );
  for (
    const data of [{ payload: { group: "g" } }, { payload: { channels: "a" } }, {
      payload: { channels: [1] },
    }, {}]
  ) {
    assert.equal(parseListChannelsInGroupResponse(data).ok, false, JSON.stringify(data));
  }
  assertNeverThrows(parseListChannelsInGroupResponse);
});

Deno.test("channel groups: parse list of groups", () => {
  assert.deepEqual(
    parseListGroupsResponse({
      status: 200,
      payload: { groups: ["g1", "g2"], sub_key: "sub" },
      error: false,
    }),
    { ok: true, value: { groups: ["g1", "g2"] } },
  );
  assert.deepEqual(parseListGroupsResponse({ status: 200, payload: { groups: [] } }), {
    ok: true,
    value: { groups: [] },
  });
  for (const data of [{ payload: {} }, { payload: { groups: [null] } }, { payload: [] }]) {
    assert.equal(parseListGroupsResponse(data).ok, false, JSON.stringify(data));
  }
  assertNeverThrows(parseListGroupsResponse);
});

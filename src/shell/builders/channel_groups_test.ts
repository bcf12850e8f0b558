/**
 * The channel-group builders against the local server: add, list, remove, delete, list all; and
 * their validation.
 */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { PubNubError } from "../../core/error.ts";
import { forbiddenFetch, localClient } from "../../testing/local_clients.ts";
import type { PNRequest } from "./request_api.ts";

Deno.test("channel groups: add, list, remove channels, delete the group, list all groups", async () => {
  const server = await startServer({ port: 0 });
  const pubnub = localClient(server.origin, "admin");

  const added = await pubnub.addChannelToChannelGroup().channels(["a", "b"]).channelGroup("g1")
    .future();
  assert.deepEqual(added.result, {});
  assert.equal(added.status.operation, "PNAddChannelsToGroupOperation");
  assert.deepEqual(added.status.affectedChannelGroups, ["g1"]);
  await pubnub.addChannelToChannelGroup().channels("c").channelGroup("g1").future();
  await pubnub.addChannelToChannelGroup().channels("x").channelGroup("g2").future();

  const listed = await pubnub.listChannelsForChannelGroup().channelGroup("g1").future();
  assert.equal(listed.status.operation, "PNChannelsForGroupOperation");
  assert.deepEqual([...listed.result.channels].sort(), ["a", "b", "c"]);
  const groups = await pubnub.listChannelGroups().future();
  assert.deepEqual([...groups.result.groups].sort(), ["g1", "g2"]);

  const removed = await pubnub.removeChannelFromChannelGroup().channels(["a", "c"])
    .channelGroup("g1").future();
  assert.deepEqual(removed.result, {});
  assert.equal(removed.status.operation, "PNRemoveChannelsFromGroupOperation");
  assert.deepEqual(
    (await pubnub.listChannelsForChannelGroup().channelGroup("g1").future()).result,
    { channels: ["b"] },
  );

  const deleted = await pubnub.removeChannelGroup().channelGroup("g1").future();
  assert.deepEqual(deleted.result, {});
  assert.equal(deleted.status.operation, "PNRemoveGroupOperation");
  assert.deepEqual(
    (await pubnub.listChannelsForChannelGroup().channelGroup("g1").future()).result,
    { channels: [] },
  );
  assert.deepEqual((await pubnub.listChannelGroups().future()).result, { groups: ["g2"] });

  await pubnub.stop();
  await server.close();
});

Deno.test("channel groups: a subscriber to a group gets its members' messages", async () => {
  const server = await startServer({ port: 0 });
  const pubnub = localClient(server.origin, "alice");
  await pubnub.addChannelToChannelGroup().channels("member").channelGroup("cg").future();
  const received: string[] = [];
  pubnub.addListener({ message: (_p, m) => received.push(`${m.subscription}/${m.channel}`) });
  const connected = new Promise<void>((resolve) =>
    pubnub.addListener({ status: (_p, s) => s.category === "PNConnectedCategory" && resolve() })
  );
  pubnub.subscribe().channelGroups("cg").execute();
  await connected;
  await pubnub.publish().channel("member").message("hi").future();
  while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(received, ["cg/member"]);
  await pubnub.stop();
  await server.close();
});

Deno.test("channel groups: empty group names and empty channel lists are refused, nothing sent", async () => {
  const guard = forbiddenFetch();
  const pubnub = localClient("127.0.0.1:9", "u1", {}, { fetch: guard.fetch });
  const cases: [string, string, () => PNRequest<unknown>][] = [
    [
      "PNAddChannelsToGroupOperation",
      "Cannot add channels to channel group: channel group is empty",
      () => pubnub.addChannelToChannelGroup().channels("a"),
    ],
    [
      "PNAddChannelsToGroupOperation",
      "Cannot add channels to channel group: no channels given",
      () => pubnub.addChannelToChannelGroup().channelGroup("g").channels([]),
    ],
    [
      "PNAddChannelsToGroupOperation",
      "Cannot add channels to channel group: channel name #1 is empty; names must be non-empty strings",
      () => pubnub.addChannelToChannelGroup().channelGroup("g").channels(""),
    ],
    [
      "PNRemoveChannelsFromGroupOperation",
      "Cannot remove channels from channel group: channel group is empty",
      () => pubnub.removeChannelFromChannelGroup().channelGroup("").channels("a"),
    ],
    [
      "PNRemoveChannelsFromGroupOperation",
      "Cannot remove channels from channel group: no channels given",
      () => pubnub.removeChannelFromChannelGroup().channelGroup("g"),
    ],
    [
      "PNChannelsForGroupOperation",
      "Cannot list channels of channel group: channel group is empty",
      () => pubnub.listChannelsForChannelGroup(),
    ],
    [
      "PNRemoveGroupOperation",
      "Cannot remove channel group: channel group is empty",
      () => pubnub.removeChannelGroup().channelGroup(""),
    ],
  ];
  for (const [operation, message, builder] of cases) {
    await assert.rejects(builder().future(), (error: unknown) => {
      assert.ok(error instanceof PubNubError);
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.equal(error.status.operation, operation);
      assert.equal(error.message, message);
      return true;
    });
  }
  assert.equal(guard.calls, 0);
  await pubnub.stop();
});

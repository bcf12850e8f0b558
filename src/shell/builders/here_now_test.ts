/** `hereNow()` against the local server: one channel, several, groups, global; uuids and state. */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { PubNubError } from "../../core/error.ts";
import type { PNHereNowResult } from "../../core/requests/here_now.ts";
import { forbiddenFetch, localClient, rawHeartbeat } from "../../testing/local_clients.ts";
import { SubscribeListener } from "../subscribe_listener.ts";
import type { HereNow } from "./presence_api.ts";

/** The result with every occupant list sorted by uuid, for comparing. */
function sorted(result: PNHereNowResult): PNHereNowResult {
  const channels: PNHereNowResult["channels"] = {};
  for (const [name, data] of Object.entries(result.channels)) {
    channels[name] = {
      ...data,
      occupants: [...data.occupants].sort((a, b) => a.uuid.localeCompare(b.uuid)),
    };
  }
  return { ...result, channels };
}

Deno.test("hereNow: one channel, several, a group and global, with and without uuids", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels("hn-a").execute();
  await listener.waitForConnect();
  await rawHeartbeat(server.origin, "ghost", ["hn-a", "hn-b"], 60);

  const one = await alice.hereNow().channels("hn-a").future();
  assert.equal(one.status.isError(), false);
  assert.equal(one.status.operation, "PNHereNowOperation");
  assert.deepEqual(sorted(one.result), {
    totalChannels: 1,
    totalOccupancy: 2,
    channels: {
      "hn-a": {
        channelName: "hn-a",
        occupancy: 2,
        occupants: [{ uuid: "alice", state: null }, { uuid: "ghost", state: null }],
      },
    },
  });

  const several = await alice.hereNow().channels(["hn-a", "hn-b"]).includeUuids(true).future();
  assert.deepEqual(sorted(several.result), {
    totalChannels: 2,
    totalOccupancy: 3,
    channels: {
      "hn-a": {
        channelName: "hn-a",
        occupancy: 2,
        occupants: [{ uuid: "alice", state: null }, { uuid: "ghost", state: null }],
      },
      "hn-b": { channelName: "hn-b", occupancy: 1, occupants: [{ uuid: "ghost", state: null }] },
    },
  });

  await alice.addChannelToChannelGroup().channels(["hn-b"]).channelGroup("hn-g").future();
  const group = await alice.hereNow().channelGroups("hn-g").future();
  assert.deepEqual(group.result, {
    totalChannels: 1,
    totalOccupancy: 1,
    channels: {
      "hn-b": { channelName: "hn-b", occupancy: 1, occupants: [{ uuid: "ghost", state: null }] },
    },
  });
  const mixed = await alice.hereNow().channels("hn-a").channelGroups(["hn-g"]).future();
  assert.deepEqual(Object.keys(mixed.result.channels).sort(), ["hn-a", "hn-b"]);
  assert.equal(mixed.result.totalOccupancy, 3);

  const global = await alice.hereNow().future();
  assert.deepEqual(sorted(global.result), sorted(several.result));

  const counts = await alice.hereNow().channels(["hn-a", "hn-b"]).includeUuids(false).future();
  assert.deepEqual(counts.result, {
    totalChannels: 2,
    totalOccupancy: 3,
    channels: {
      "hn-a": { channelName: "hn-a", occupancy: 2, occupants: [] },
      "hn-b": { channelName: "hn-b", occupancy: 1, occupants: [] },
    },
  });
  const oneCount = await alice.hereNow().channels("hn-a").includeUuids(false).future();
  assert.deepEqual(oneCount.result.channels["hn-a"], {
    channelName: "hn-a",
    occupancy: 2,
    occupants: [],
  });
  const globalCount = await alice.hereNow().includeUuids(false).future();
  assert.equal(globalCount.result.totalOccupancy, 3);
  assert.deepEqual(globalCount.result.channels["hn-b"].occupants, []);

  const empty = await alice.hereNow().channels("nobody-here").future();
  assert.deepEqual(empty.result, {
    totalChannels: 1,
    totalOccupancy: 0,
    channels: { "nobody-here": { channelName: "nobody-here", occupancy: 0, occupants: [] } },
  });

  await alice.stop();
  await server.close();
});

Deno.test("hereNow: includeState(true) lists each occupant's state", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  const bob = localClient(server.origin, "bob");
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels(["hs-a", "hs-b"]).execute();
  await listener.waitForConnect();
  await rawHeartbeat(server.origin, "bob", ["hs-a"], 60);
  await bob.setState().channels("hs-a").state({ mood: "happy" }).future();

  const one = await alice.hereNow().channels("hs-a").includeState(true).future();
  assert.deepEqual(sorted(one.result).channels["hs-a"].occupants, [
    { uuid: "alice", state: null },
    { uuid: "bob", state: { mood: "happy" } },
  ]);
  const several = await alice.hereNow().channels(["hs-a", "hs-b"]).includeState(true).future();
  assert.deepEqual(sorted(several.result), {
    totalChannels: 2,
    totalOccupancy: 3,
    channels: {
      "hs-a": {
        channelName: "hs-a",
        occupancy: 2,
        occupants: [{ uuid: "alice", state: null }, { uuid: "bob", state: { mood: "happy" } }],
      },
      "hs-b": { channelName: "hs-b", occupancy: 1, occupants: [{ uuid: "alice", state: null }] },
    },
  });
  const global = await alice.hereNow().includeState(true).future();
  assert.deepEqual(sorted(global.result), sorted(several.result));
  const withoutState = await alice.hereNow().channels("hs-a").includeState(false).future();
  assert.deepEqual(sorted(withoutState.result).channels["hs-a"].occupants, [
    { uuid: "alice", state: null },
    { uuid: "bob", state: null },
  ]);

  await alice.stop();
  await bob.stop();
  await server.close();
});

Deno.test("hereNow: bad names and limits are refused before anything is sent", async () => {
  const guard = forbiddenFetch();
  const pubnub = localClient("127.0.0.1:9", "u1", {}, { fetch: guard.fetch });
  const refusals: [string, () => HereNow][] = [
    ["channel name #1 is empty", () => pubnub.hereNow().channels("")],
    ["channel group name #2 is empty", () => pubnub.hereNow().channelGroups(["g", ""])],
    ["limit must be a whole number", () => pubnub.hereNow().channels("a").limit(-1)],
    ["channels must be a list", () => pubnub.hereNow().channels(42 as unknown as string)],
  ];
  for (const [message, builder] of refusals) {
    await assert.rejects(builder().future(), (error: unknown) => {
      assert.ok(error instanceof PubNubError);
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.equal(error.status.operation, "PNHereNowOperation");
      assert.match(error.message, new RegExp(message));
      return true;
    });
  }
  assert.equal(guard.calls, 0);
  await pubnub.stop();
});

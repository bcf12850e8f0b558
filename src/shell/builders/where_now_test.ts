/** `whereNow()` against the local server. */
import assert from "node:assert/strict";
import { startServer } from "../../../server.ts";
import { PubNubError } from "../../core/error.ts";
import { forbiddenFetch, localClient, rawHeartbeat } from "../../testing/local_clients.ts";
import { SubscribeListener } from "../subscribe_listener.ts";

Deno.test("whereNow: the client's own channels by default, another user's with uuid()", async () => {
  const server = await startServer({ port: 0 });
  const alice = localClient(server.origin, "alice");
  const listener = new SubscribeListener();
  alice.addListener(listener);
  alice.subscribe().channels(["wn-a", "wn-b"]).withPresence().execute();
  await listener.waitForConnect();
  await rawHeartbeat(server.origin, "ghost", ["wn-b", "wn-c"], 60);

  const mine = await alice.whereNow().future();
  assert.equal(mine.status.operation, "PNWhereNowOperation");
  assert.deepEqual([...mine.result.channels].sort(), ["wn-a", "wn-b"]);
  const ghost = await alice.whereNow().uuid("ghost").future();
  assert.deepEqual([...ghost.result.channels].sort(), ["wn-b", "wn-c"]);
  const nobody = await alice.whereNow().uuid("nobody").future();
  assert.deepEqual(nobody.result, { channels: [] });

  await alice.stop();
  await server.close();
});

Deno.test("whereNow: an empty uuid is refused before anything is sent", async () => {
  const guard = forbiddenFetch();
  const pubnub = localClient("127.0.0.1:9", "u1", {}, { fetch: guard.fetch });
  await assert.rejects(pubnub.whereNow().uuid("").future(), (error: unknown) => {
    assert.ok(error instanceof PubNubError);
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.equal(error.message, "Cannot get where-now: uuid is empty");
    return true;
  });
  assert.equal(guard.calls, 0);
  await pubnub.stop();
});

import assert from "node:assert/strict";
import { PubNub } from "../pubnub.ts";
import { startScriptedServer } from "../../testing/scripted_server.ts";

Deno.test("userId(...) on whereNow, getState and setState sends the same request as uuid(...)", async () => {
  const server = await startScriptedServer(() => ({
    status: 200,
    body: '{"status":200,"message":"OK","payload":{"channels":[]},"service":"Presence"}',
  }));
  const pubnub = new PubNub({
    subscribeKey: "sub",
    userId: "me",
    origin: server.origin,
    ssl: false,
  }, { requestId: () => "fixed" });
  try {
    const calls: [string, (who: string, alias: boolean) => Promise<unknown>][] = [
      ["whereNow", (who, alias) => {
        const b = pubnub.whereNow();
        return (alias ? b.userId(who) : b.uuid(who)).future();
      }],
      ["getState", (who, alias) => {
        const b = pubnub.getState().channels(["a"]);
        return (alias ? b.userId(who) : b.uuid(who)).future().catch(() => {});
      }],
      ["setState", (who, alias) => {
        const b = pubnub.setState().channels(["a"]).state({ mood: "ok" });
        return (alias ? b.userId(who) : b.uuid(who)).future().catch(() => {});
      }],
    ];
    for (const [name, call] of calls) {
      const before = server.requests.length;
      await call("someone-else", false);
      await call("someone-else", true);
      const [byUuid, byUserId] = server.requests.slice(before);
      assert.ok(byUuid && byUserId, `${name} sent both`);
      assert.match(byUuid.path, /someone-else/, `${name} names the user on the wire`);
      assert.equal(byUserId.path, byUuid.path, name);
      assert.equal(byUserId.rawQuery, byUuid.rawQuery, name);
    }
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

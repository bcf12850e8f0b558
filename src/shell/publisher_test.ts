import assert from "node:assert/strict";
import { PubNubPublisher } from "./publisher.ts";
import { PubNubError } from "../core/error.ts";
import { startScriptedServer } from "../testing/scripted_server.ts";

const SENT = '[1,"Sent","17000000000000000"]';

Deno.test("a PubNubPublisher publishes, fires, signals and reads the time", async () => {
  const server = await startScriptedServer((req) =>
    req.path.startsWith("/time")
      ? { status: 200, body: "[17000000000000001]" }
      : { status: 200, body: SENT }
  );
  const publisher = new PubNubPublisher({
    publishKey: "pub",
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
  });
  const { result } = await publisher.publish().channel("ch").message({ a: 1 }).future();
  assert.equal(result.timetoken, "17000000000000000");
  await publisher.fire().channel("ch").message(2).future();
  await publisher.signal().channel("ch").message("s").future();
  assert.equal((await publisher.time().future()).result.timetoken, "17000000000000001");
  await publisher.stop();
  await server.close();
  assert.deepEqual(server.requests.map((r) => r.path.split("/")[1]), [
    "publish",
    "publish",
    "signal",
    "time",
  ]);
  assert.equal(server.requests[1].query.get("norep"), "true");
});

Deno.test("a PubNubPublisher refuses a cipherKey it cannot honour, and applies encodePayload", async () => {
  assert.throws(
    () => new PubNubPublisher({ subscribeKey: "s", userId: "u", cipherKey: "secret" }),
    (error: unknown) =>
      error instanceof PubNubError && error.status.category === "PNValidationErrorCategory" &&
      /does not encrypt by itself/.test(error.message),
  );
  const server = await startScriptedServer(() => ({ status: 200, body: SENT }));
  const publisher = new PubNubPublisher(
    {
      publishKey: "pub",
      subscribeKey: "sub",
      userId: "u1",
      origin: server.origin,
      ssl: false,
      cipherKey: "k",
    },
    { encodePayload: (json) => Promise.resolve(JSON.stringify(`sealed:${json}`)) },
  );
  await publisher.publish().channel("ch").message({ a: 1 }).usePost(true).future();
  await publisher.signal().channel("ch").message("plain").future();
  await publisher.stop();
  await server.close();
  assert.equal(server.requests[0].body, JSON.stringify('sealed:{"a":1}'));
  assert.match(server.requests[1].path, /%22plain%22$/, "signals are never encoded");
});

Deno.test("stop() cancels what a PubNubPublisher has in flight", async () => {
  const server = await startScriptedServer(() => ({ fault: "hang" }));
  const publisher = new PubNubPublisher({
    publishKey: "pub",
    subscribeKey: "sub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
  });
  const pending = publisher.publish().channel("ch").message(1).future().catch((e) => e);
  while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
  await publisher.stop();
  assert.equal((await pending).status.category, "PNCancelledCategory");
  await server.close();
});

Deno.test("an encoder that throws, rejects or returns a non-string is a validation error with the cause, nothing sent", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: SENT }));
  const thrown = new Error("cipher broke");
  const encoders: [string, (json: string) => Promise<string>, Error | undefined][] = [
    ["throws", () => {
      throw thrown;
    }, thrown],
    ["rejects", () => Promise.reject(thrown), thrown],
    ["returns a number", () => Promise.resolve(42 as unknown as string), undefined],
  ];
  try {
    for (const [name, encodePayload, cause] of encoders) {
      const publisher = new PubNubPublisher({
        publishKey: "pub",
        subscribeKey: "sub",
        userId: "u1",
        origin: server.origin,
        ssl: false,
        cipherKey: "k",
      }, { encodePayload });
      const error = await publisher.publish().channel("ch").message({ a: 1 }).future().then(
        () => assert.fail(`${name}: sent`),
        (e: unknown) => e,
      );
      assert.ok(error instanceof PubNubError, `${name}: a raw ${error}`);
      assert.equal(error.status.category, "PNValidationErrorCategory", name);
      assert.equal(error.cause, cause, name);
      await publisher.stop();
    }
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

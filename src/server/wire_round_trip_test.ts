/**
 * The envelope round trip: what the server encodes (`encodeEnvelope`, through its model and its
 * subscribe route) the client parses and decodes into what its listeners receive. One wire
 * vocabulary (src/core/wire/) on both sides; these tests fail when either side drifts.
 */
import assert from "node:assert/strict";
import { parseSubscribeResponse } from "../core/requests/subscribe.ts";
import { type DecodedEnvelope, decodeEnvelope } from "../core/subscribe/envelope.ts";
import { presenceNameOf } from "../core/wire/names.ts";
import { createHandler } from "./handler.ts";
import { envelopeWire, makeEnvelope } from "./model/envelope.ts";

/** The client's reading of a subscribe body the server wrote around these envelopes. */
function clientReads(wires: string[]): DecodedEnvelope[] {
  const body = `{"t":{"t":"17000000000000009","r":1},"m":[${wires.join(",")}]}`;
  const parsed = parseSubscribeResponse(body);
  assert.ok(parsed.ok, "the client parses what the server wrote");
  assert.deepEqual(parsed.value.rejected, [], "and rejects none of it");
  return parsed.value.messages.map(decodeEnvelope);
}

Deno.test("round trip: every envelope kind the server encodes decodes as that kind", () => {
  const base = { subKey: "demo", timetoken: 17000000000000001n, region: 1 };
  const decoded = clientReads([
    envelopeWire(
      makeEnvelope({
        ...base,
        channel: "a.b",
        kind: "message",
        payload: { text: "hi" },
        meta: { m: 1 },
        publisher: "alice",
        customMessageType: "chat",
      }),
      "a.*",
    ),
    envelopeWire(makeEnvelope({ ...base, channel: "s", kind: "signal", payload: 7 }), "s"),
    envelopeWire(
      makeEnvelope({
        ...base,
        channel: presenceNameOf("room"),
        kind: "presence",
        payload: { action: "join", uuid: "bob", timestamp: 1700000000, occupancy: 1 },
      }),
      presenceNameOf("room"),
    ),
    envelopeWire(
      makeEnvelope({
        ...base,
        channel: "room",
        kind: "action",
        publisher: "carol",
        payload: {
          source: "actions",
          version: "1.0",
          event: "added",
          data: {
            type: "reaction",
            value: "+1",
            messageTimetoken: "17000000000000000",
            actionTimetoken: "17000000000000001",
          },
        },
      }),
      "room",
    ),
  ]);
  assert.deepEqual(decoded.map((d) => d.kind), ["message", "signal", "presence", "messageAction"]);
  const [message, signal, presence, action] = decoded;
  assert.ok(message.kind === "message");
  assert.deepEqual(message.result, {
    message: { text: "hi" },
    subscription: "a.*",
    channel: "a.b",
    timetoken: "17000000000000001",
    userMetadata: { m: 1 },
    publisher: "alice",
    customMessageType: "chat",
  });
  assert.ok(signal.kind === "signal");
  assert.equal(signal.result.message, 7);
  assert.ok(presence.kind === "presence");
  assert.equal(presence.result.channel, "room");
  assert.equal(presence.result.event, "join");
  assert.equal(presence.result.uuid, "bob");
  assert.ok(action.kind === "messageAction");
  assert.equal(action.result.event, "added");
  assert.equal(action.result.data.uuid, "carol");
  assert.equal(action.result.data.value, "+1");
});

Deno.test("round trip: a message published to the handler reaches the client's decoder intact", async () => {
  const handler = createHandler({});
  try {
    const get = async (path: string) => {
      const response = await handler(new Request(`http://localhost${path}`));
      return { status: response.status, text: await response.text() };
    };
    const handshake = parseSubscribeResponse((await get("/v2/subscribe/demo/room/0?tt=0")).text);
    assert.ok(handshake.ok);
    const message = encodeURIComponent(JSON.stringify({ n: 17000000000000001, s: "é" }));
    const published = await get(`/publish/demo/demo/0/room/0/${message}?uuid=alice`);
    assert.equal(published.status, 200, published.text);
    const { timetoken, region } = handshake.value.cursor;
    const body = (await get(`/v2/subscribe/demo/room/0?tt=${timetoken}&tr=${region}`)).text;
    const received = parseSubscribeResponse(body);
    assert.ok(received.ok, body);
    const [decoded] = received.value.messages.map(decodeEnvelope);
    assert.ok(decoded?.kind === "message", body);
    assert.deepEqual(decoded.result.message, { n: 17000000000000001, s: "é" });
    assert.equal(decoded.result.publisher, "alice");
    assert.equal(decoded.result.channel, "room");
  } finally {
    handler.close();
  }
});

import assert from "node:assert/strict";
import { ChannelBuffers } from "./channel_buffers.ts";
import { makeEnvelope } from "./envelope.ts";

const envelope = (channel: string, t: bigint) =>
  makeEnvelope({
    subKey: "k",
    channel,
    timetoken: t,
    region: 1,
    kind: "message",
    payload: Number(t),
  });

Deno.test("a channel keeps only its last N envelopes", () => {
  const buffers = new ChannelBuffers({ perChannel: 100, channels: 10, retentionMillis: 60_000 });
  for (let t = 1n; t <= 150n; t++) buffers.append(envelope("c", t), 0);
  const all = buffers.newerThan("c", 0n);
  assert.equal(all.length, 100);
  assert.equal(all[0].timetoken, 51n);
  assert.equal(all[99].timetoken, 150n);
  assert.deepEqual(buffers.newerThan("c", 148n).map((e) => e.timetoken), [149n, 150n]);
  assert.deepEqual(buffers.newerThan("c", 150n), []);
});

Deno.test("the least recently used channel is dropped beyond the channel limit", () => {
  const buffers = new ChannelBuffers({ perChannel: 10, channels: 2, retentionMillis: 60_000 });
  buffers.append(envelope("a", 1n), 0);
  buffers.append(envelope("b", 2n), 0);
  buffers.append(envelope("a", 3n), 0); // a is now the most recent
  buffers.append(envelope("c", 4n), 0);
  assert.equal(buffers.size, 2);
  assert.equal(buffers.newerThan("b", 0n).length, 0);
  assert.equal(buffers.newerThan("a", 0n).length, 2);
});

Deno.test("idle channels are pruned and leave the wildcard index", () => {
  const buffers = new ChannelBuffers({ perChannel: 10, channels: 10, retentionMillis: 1000 });
  buffers.append(envelope("a.x", 1n), 0);
  buffers.append(envelope("a.y", 2n), 900);
  assert.deepEqual(buffers.channelsMatching("a.*").sort(), ["a.x", "a.y"]);
  buffers.prune(1500);
  assert.deepEqual(buffers.channelsMatching("a.*"), ["a.y"]);
  buffers.prune(5000);
  assert.equal(buffers.size, 0);
  assert.deepEqual(buffers.channelsMatching("a.*"), []);
});

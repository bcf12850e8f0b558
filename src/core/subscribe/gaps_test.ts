import assert from "node:assert/strict";
import type { Envelope } from "./envelope.ts";
import {
  CATCH_UP_WINDOW,
  findGaps,
  gapPageParams,
  lastSequenceKey,
  nextGapPageStart,
  orderRestored,
  storedAsEnvelopes,
} from "./gaps.ts";
import { buildFetchMessagesRequest, type PNFetchedMessage } from "../requests/fetch_messages.ts";

const AFTER = "17000000000000000";
const tt = (n: number) => String(17000000000000000n + BigInt(n));

function window(channel: string, from: number, extra: Partial<Envelope> = {}): Envelope[] {
  return Array.from({ length: CATCH_UP_WINDOW }, (_, i) => ({
    c: channel,
    d: i,
    p: { t: tt(from + i), r: 1 },
    i: "pub",
    ...extra,
  }));
}

Deno.test("findGaps: a channel that filled the 100-envelope window is a gap from the last cursor to its oldest envelope", () => {
  assert.deepStrictEqual(findGaps(AFTER, window("a", 500)), [
    { channel: "a", after: AFTER, before: tt(500) },
  ]);
});

Deno.test("findGaps: 99 envelopes on a channel are no gap, however many the response carries", () => {
  const m = [...window("a", 500).slice(1), ...window("b", 700).slice(1)];
  assert.equal(m.length, 198);
  assert.deepStrictEqual(findGaps(AFTER, m), []);
});

Deno.test("findGaps: per channel that appears, with the group or wildcard that matched it", () => {
  const m = [...window("a.x", 500, { b: "a.*" }), ...window("g1", 800, { b: "grp" })];
  assert.deepStrictEqual(findGaps(AFTER, m), [
    { channel: "a.x", subscription: "a.*", after: AFTER, before: tt(500) },
    { channel: "g1", subscription: "grp", after: AFTER, before: tt(800) },
  ]);
});

Deno.test("findGaps: presence channels are not stored, so they are never a gap", () => {
  assert.deepStrictEqual(findGaps(AFTER, window("a-pnpres", 500)), []);
});

Deno.test("findGaps: signals count towards the window (the service keeps them in it)", () => {
  const m = window("a", 500).map((e, i) => (i % 2 ? { ...e, e: 1 } : e));
  assert.deepStrictEqual(findGaps(AFTER, m).map((g) => g.channel), ["a"]);
});

Deno.test("findGaps: a response from timetoken 0 (from now) has no gap", () => {
  assert.deepStrictEqual(findGaps("0", window("a", 500)), []);
});

Deno.test("findGaps: a window that starts right after the cursor leaves nothing before it", () => {
  // Oldest envelope at or before the cursor: nothing can be missing before it.
  assert.deepStrictEqual(findGaps(tt(500), window("a", 500)), []);
});

Deno.test("findGaps: the missed count comes from the publishers' sequence numbers when known", () => {
  const m = window("a", 500).map((e, i) => ({ ...e, s: 301 + i }));
  const last = new Map([[lastSequenceKey({ c: "a", i: "pub", s: 0, p: { t: "1", r: 1 } })!, 0]]);
  assert.deepStrictEqual(findGaps(AFTER, m, last), [
    { channel: "a", after: AFTER, before: tt(500), missed: 300 },
  ]);
  // Unknown last number: no count rather than a guess.
  assert.equal(findGaps(AFTER, m)[0].missed, undefined);
  // No sequence numbers at all: no key to remember.
  assert.equal(lastSequenceKey({ c: "a", i: "pub", p: { t: "1", r: 1 } }), undefined);
});

Deno.test("gapPageParams: one channel, 100 per call, newest first from the oldest caught-up message back to just after the cursor", () => {
  const gap = { channel: "a", after: AFTER, before: tt(500) };
  assert.deepStrictEqual(gapPageParams("sub", gap), {
    subscribeKey: "sub",
    channels: ["a"],
    count: 100,
    start: tt(500),
    end: tt(1),
    includeMeta: true,
  });
  assert.equal(gapPageParams("sub", gap, tt(400)).start, tt(400));
  // Within the service's limits: the builder would lower or refuse anything else.
  const request = buildFetchMessagesRequest(gapPageParams("sub", gap));
  assert.equal(request.query.max, "100");
});

Deno.test("nextGapPageStart: a full page goes on from its oldest message; a short page ends the gap", () => {
  const page = (n: number, from: number): PNFetchedMessage[] =>
    Array.from({ length: n }, (_, i) => ({
      message: i,
      timetoken: tt(from + i),
      uuid: "u",
      meta: undefined,
    }));
  assert.equal(nextGapPageStart(page(100, 400)), tt(400));
  assert.equal(nextGapPageStart(page(99, 400)), undefined);
  assert.equal(nextGapPageStart([]), undefined);
});

Deno.test("storedAsEnvelopes: only messages strictly inside the gap, signals left out, fields as a subscribe envelope", () => {
  const gap = { channel: "g1", subscription: "grp", after: tt(10), before: tt(20) };
  const stored: PNFetchedMessage[] = [
    { message: "at the cursor", timetoken: tt(10), uuid: "u", meta: undefined },
    { message: "inside", timetoken: tt(11), uuid: "u", meta: { k: 1 }, customMessageType: "chat" },
    { message: "a file", timetoken: tt(12), uuid: "u", meta: undefined, messageType: 4 },
    { message: "signal", timetoken: tt(13), uuid: "u", meta: undefined, messageType: 1 },
    { message: "in the batch", timetoken: tt(20), uuid: "u", meta: undefined },
  ];
  assert.deepStrictEqual(storedAsEnvelopes(gap, stored, 3), [
    { c: "g1", d: "inside", p: { t: tt(11), r: 3 }, i: "u", u: { k: 1 }, cmt: "chat", b: "grp" },
    { c: "g1", d: "a file", p: { t: tt(12), r: 3 }, i: "u", e: 4, b: "grp" },
  ]);
});

Deno.test("orderRestored: timetoken order across channels, once by timetoken and publisher, none the batch has", () => {
  const e = (t: number, i: string, c = "a"): Envelope => ({ c, p: { t: tt(t), r: 1 }, i, d: t });
  const restored = [e(5, "u1"), e(3, "u1", "b"), e(5, "u1"), e(5, "u2"), e(9, "u1")];
  const catchUp = [e(9, "u1")];
  assert.deepStrictEqual(orderRestored(restored, catchUp), [
    e(3, "u1", "b"),
    e(5, "u1"),
    e(5, "u2"),
  ]);
});

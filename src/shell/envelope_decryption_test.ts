/**
 * The subscribe side's decryption: only messages are decrypted (signals, presence events and
 * actions pass untouched), a failure keeps the payload and is noted, and a duplicate the dedupe
 * cache will drop is not noted.
 */
import assert from "node:assert/strict";
import { DedupeCache, dedupeKey } from "../core/subscribe/dedupe.ts";
import type { Envelope } from "../core/subscribe/envelope.ts";
import { envelopeDecryption } from "./envelope_decryption.ts";

const at = { t: "17000000000000001", r: 1 };
/** Decodes `"enc:<json>"`; anything else fails. */
const decryption = envelopeDecryption((payload) =>
  Promise.resolve(
    typeof payload === "string" && payload.startsWith("enc:")
      ? { message: JSON.parse(payload.slice(4)) }
      : { message: payload, error: "not ours" },
  )
);

Deno.test("decryption: messages are decrypted, signals, presence and actions pass untouched", async () => {
  const envelopes: Envelope[] = [
    { c: "a", d: "enc:1", p: at },
    { c: "a", d: "enc:2", p: at, e: 0 },
    { c: "a", d: "raw", p: at, e: 1 },
    { c: "a-pnpres", d: { action: "join", uuid: "u", occupancy: 1 }, p: at },
    { c: "a", d: { event: "added" }, p: at, e: 3 },
  ];
  const { messages, undecrypted } = await decryption.decrypt(envelopes, undefined);
  assert.deepEqual(messages.map((m) => m.d), [1, 2, "raw", envelopes[3].d, envelopes[4].d]);
  assert.deepEqual(undecrypted, []);
});

Deno.test("decryption: a failure keeps the payload and is noted, unless the dedupe will drop it", async () => {
  const bad: Envelope = { c: "a", d: "garbage", p: at };
  const seenBefore: Envelope = { c: "a", d: "old garbage", p: at };
  const dedupe = new DedupeCache();
  dedupe.seen(dedupeKey(seenBefore));
  const { messages, undecrypted } = await decryption.decrypt(
    [bad, { ...bad }, seenBefore],
    dedupe,
  );
  assert.deepEqual(messages.map((m) => m.d), ["garbage", "garbage", "old garbage"]);
  assert.deepEqual(undecrypted, [{ envelope: bad, error: "not ours" }]);
});

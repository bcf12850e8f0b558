/**
 * Decryption on the subscribe side (docs/protocol.md "Decryption failures"): each message's
 * payload is decrypted before the engine sees it; one that cannot be is kept as received and
 * noted, and the engine, wrapped by {@link withUndecryptedDelivery}, delivers it alone with its
 * error and status. Made by the `encryption` feature (and `PubNub`) for a client with a cipher
 * key, so a client without one carries none of it.
 *
 * @module
 */
import type { Engine } from "../core/engine.ts";
import { type DedupeCache, dedupeKey } from "../core/subscribe/dedupe.ts";
import { type Envelope, isPresenceEnvelope } from "../core/subscribe/envelope.ts";
import type { SubscribeEvent } from "../core/subscribe/events.ts";
import type { SubscribeInvocation } from "../core/subscribe/invocations.ts";
import type { UndecryptedMessage } from "../core/subscribe/response_notes.ts";
import type { SubscribeState } from "../core/subscribe/states.ts";
import { withUndecryptedDelivery } from "../core/subscribe/undecrypted_delivery.ts";
import type { DecodedPayload } from "./crypto/cryptor.ts";

/**
 * What the subscribe loop of a client that decrypts uses.
 *
 * @example
 * ```ts
 * import type { EnvelopeDecryption } from "./envelope_decryption.ts";
 * type Parts = keyof EnvelopeDecryption; // "decrypt" | "engine"
 * ```
 */
export interface EnvelopeDecryption {
  /**
   * Decrypts the payloads of the messages (signals, presence and actions are never encrypted);
   * a failure keeps the payload as received and is noted, unless `dedupe` will drop the message
   * as a duplicate (it is never delivered, so its failure is not reported).
   */
  decrypt(
    envelopes: readonly Envelope[],
    dedupe: DedupeCache | undefined,
  ): Promise<{ messages: readonly Envelope[]; undecrypted: UndecryptedMessage[] }>;
  /** The subscribe engine delivering what could not be decrypted alone, with its status. */
  engine(
    engine: Engine<SubscribeState, SubscribeEvent, SubscribeInvocation>,
  ): Engine<SubscribeState, SubscribeEvent, SubscribeInvocation>;
}

/**
 * The subscribe side's decryption with `decode` (a cipher's payload decoder).
 *
 * @example
 * ```ts
 * import { envelopeDecryption } from "./envelope_decryption.ts";
 * const decryption = envelopeDecryption((payload) => Promise.resolve({ message: payload }));
 * const { undecrypted } = await decryption.decrypt([{ c: "a", d: "x", p: { t: "1", r: 1 } }], undefined);
 * undecrypted.length; // 0
 * ```
 */
export function envelopeDecryption(
  decode: (payload: unknown) => Promise<DecodedPayload>,
): EnvelopeDecryption {
  return {
    async decrypt(envelopes, dedupe) {
      const messages: Envelope[] = [];
      const undecrypted: UndecryptedMessage[] = [];
      // A duplicate the dedupe will drop is never delivered, so its failure is not reported.
      const noted = new Set<string>();
      const dropped = (envelope: Envelope) => {
        if (!dedupe) return false;
        const key = dedupeKey(envelope);
        if (dedupe.has(key) || noted.has(key)) return true;
        noted.add(key);
        return false;
      };
      for (const envelope of envelopes) {
        if (!isMessage(envelope)) {
          messages.push(envelope);
          continue;
        }
        const decoded = await decode(envelope.d);
        if (decoded.error === undefined) {
          // A spread, not Object.assign: an own `__proto__` key that JSON.parse left in the
          // envelope would hit Node's prototype setter, and the copy would inherit its fields.
          const copy = { ...envelope };
          copy.d = decoded.message;
          messages.push(copy);
        } else {
          messages.push(envelope);
          if (!dropped(envelope)) undecrypted.push({ envelope, error: decoded.error });
        }
      }
      return { messages, undecrypted };
    },
    engine: withUndecryptedDelivery,
  };
}

/** A message, as `decodeEnvelope` tells them: type 0 (or none), not on a presence channel. */
function isMessage(envelope: Envelope): boolean {
  return (envelope.e === undefined || envelope.e === 0) && !isPresenceEnvelope(envelope);
}

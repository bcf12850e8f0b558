/**
 * Gap back-fill, the part of a subscribe loop that restores from storage what a catch-up's full
 * window lost (docs/protocol.md "Reconnection and gap back-fill"). A loop without one never
 * looks for gaps and carries none of this code.
 *
 * @module
 */
import type { Engine } from "../core/engine.ts";
import type { Envelope } from "../core/subscribe/envelope.ts";
import type { SubscribeEvent } from "../core/subscribe/events.ts";
import {
  gapFillFailure,
  type GapFillFailureEvent,
  gapFillSuccess,
  type GapFillSuccessEvent,
} from "../core/subscribe/events.ts";
import type { UndecryptedMessage } from "../core/subscribe/response_notes.ts";
import { findGaps, type GapRange, lastSequenceKey } from "../core/subscribe/gaps.ts";
import type { FillGapInvocation, SubscribeInvocation } from "../core/subscribe/invocations.ts";
import type { SubscribeState } from "../core/subscribe/states.ts";
import { subscribeEngine } from "../core/subscribe/transition.ts";
import { SUBSCRIBE_TABLE } from "../core/subscribe/transition_table.ts";
import type { RequestSender } from "./endpoint.ts";
import { fillGaps } from "./gap_filler.ts";

/**
 * What a subscribe loop needs to restore gaps: the engine whose table has the gap rows, how to
 * find gaps in a catch-up, how to fill them, and the memory of sequence numbers that counts
 * what was lost.
 *
 * @example
 * ```ts
 * import { createGapRestorer, type GapRestorer } from "./gap_restorer.ts";
 * const restorer: GapRestorer = createGapRestorer();
 * restorer.find("1", []); // []: an empty catch-up lost nothing
 * ```
 */
export interface GapRestorer {
  /** The subscribe engine with the gap back-fill's rows. */
  readonly engine: Engine<SubscribeState, SubscribeEvent, SubscribeInvocation>;
  /** The gaps of a catch-up from timetoken `after` that brought `messages`. */
  find(after: string, messages: readonly Envelope[]): GapRange[];
  /**
   * Performs a `FILL_GAP` invocation (`undefined` when cancelled); with `decrypt` (a client that
   * decrypts) the restored messages are decrypted, what failed noted in the event.
   */
  fill(
    sender: RequestSender,
    subscribeKey: string,
    invocation: FillGapInvocation,
    signal: AbortSignal,
    decrypt?: (
      messages: readonly Envelope[],
    ) => Promise<{ messages: readonly Envelope[]; undecrypted: readonly UndecryptedMessage[] }>,
  ): Promise<GapFillSuccessEvent | GapFillFailureEvent | undefined>;
  /** Notes a delivered message's sequence number, for counting a later loss. */
  rememberSequence(envelope: Envelope): void;
}

/** The subscribe engine with the gap back-fill's part (the same table as `SUBSCRIBE_ENGINE`'s). */
const ENGINE: GapRestorer["engine"] = /* @__PURE__ */ subscribeEngine(SUBSCRIBE_TABLE);

/** How many (channel, publisher) sequence numbers are remembered for counting lost messages. */
const SEQUENCES_KEPT = 1000;

/**
 * A gap restorer for one subscribe loop (it keeps that loop's sequence numbers).
 *
 * @example
 * ```ts
 * import { createGapRestorer } from "./gap_restorer.ts";
 * createGapRestorer().engine.managed.has("FILL_GAP"); // true
 * ```
 */
export function createGapRestorer(): GapRestorer {
  /** The last delivered sequence number per channel and publisher. */
  const lastSequences = new Map<string, number>();
  return {
    engine: ENGINE,
    find: (after, messages) => findGaps(after, messages, lastSequences),
    async fill(sender, subscribeKey, invocation, signal, decrypt) {
      const event = await fillGaps(sender, subscribeKey, invocation, signal);
      if (!event || signal.aborted || !decrypt) return event;
      const { messages, undecrypted } = await decrypt(event.messages);
      if (signal.aborted) return undefined;
      return event.type === "GAP_FILL_SUCCESS"
        ? gapFillSuccess(messages, { undecrypted })
        : gapFillFailure(messages, event.unfilled, { undecrypted });
    },
    // Bounded: past the limit the memory starts over (a count then becomes unknown, never
    // wrong). One `set` per message: this runs on the delivery path.
    rememberSequence(envelope) {
      const key = lastSequenceKey(envelope);
      if (key === undefined) return;
      if (lastSequences.size >= SEQUENCES_KEPT && !lastSequences.has(key)) lastSequences.clear();
      lastSequences.set(key, envelope.s as number);
    },
  };
}

/**
 * The gap back-fill's values: the `RECEIVE_GAP_FILLING` state's fields, the `FILL_GAP`
 * invocation and the `GAP_FILL_SUCCESS` / `GAP_FILL_FAILURE` events that answer it. Frozen, built
 * with the constructors below; `events.ts`, `invocations.ts` and `states.ts` include them in
 * their unions. The rules are in `gap_fill_rows.ts`.
 *
 * @module
 */
import type { Envelope } from "./envelope.ts";
import { frozenList } from "./frozen_list.ts";
import { type ResponseNotes, withNotes } from "./response_notes.ts";
import type { GapRange, UnfilledGap } from "./gaps.ts";
import { receiving, type SubscribeStateOf, type SubscriptionCursor } from "./states.ts";

// --- The state ------------------------------------------------------------------------------

/**
 * What `RECEIVE_GAP_FILLING` holds besides the cursor (which is the catch-up's new cursor).
 *
 * @example
 * ```ts
 * import type { GapFillingFields } from "./gap_fill_values.ts";
 * const fields: GapFillingFields = { gaps: [], pending: [], previousCursor: { timetoken: "1", region: 1 } };
 * ```
 */
export interface GapFillingFields {
  /** The channels whose gaps are being fetched. */
  readonly gaps: readonly GapRange[];
  /** The catch-up batch, delivered after what the fill restores. */
  readonly pending: readonly Envelope[];
  /** The cursor the catch-up was made from. */
  readonly previousCursor: SubscriptionCursor;
  /** What the catch-up response said about its batch (threshold, undecryptable messages). */
  readonly notes?: Pick<ResponseNotes, "threshold" | "undecrypted">;
}

/**
 * `RECEIVE_GAP_FILLING`: the catch-up from `previousCursor` to `cursor` brought `pending` but may
 * have lost older messages on the channels of `gaps`; they are being fetched from storage.
 *
 * @example
 * ```ts
 * import { receiveGapFilling } from "./gap_fill_values.ts";
 * const state = receiveGapFilling(["a"], [], { timetoken: "9", region: 1 }, {
 *   gaps: [{ channel: "a", after: "1", before: "5" }], pending: [], previousCursor: { timetoken: "1", region: 1 },
 * });
 * state.name; // "RECEIVE_GAP_FILLING"
 * ```
 */
export function receiveGapFilling(
  channels: readonly string[],
  groups: readonly string[],
  cursor: SubscriptionCursor,
  fields: GapFillingFields,
): SubscribeStateOf<"RECEIVE_GAP_FILLING"> {
  // A receiving state's fields, renamed: the held batch is what makes it a state of its own.
  const notes = withNotes({}, fields.notes);
  return Object.freeze({
    ...receiving(channels, groups, cursor),
    name: "RECEIVE_GAP_FILLING",
    gaps: Object.freeze([...fields.gaps]),
    pending: frozenList(fields.pending),
    previousCursor: Object.freeze({ ...fields.previousCursor }),
    ...(Object.keys(notes).length ? { notes } : {}),
  }) as SubscribeStateOf<"RECEIVE_GAP_FILLING">;
}

// --- The invocation -------------------------------------------------------------------------

/**
 * `FILL_GAP{gaps, region}`: fetch the missing ranges from storage.
 *
 * @example
 * ```ts
 * import type { FillGapInvocation } from "./gap_fill_values.ts";
 * const i: FillGapInvocation = {
 *   type: "FILL_GAP", region: 1, gaps: [{ channel: "a", after: "17000000000000000", before: "17000000000000500" }],
 * };
 * ```
 */
export interface FillGapInvocation {
  /** Discriminant. */
  readonly type: "FILL_GAP";
  /** One range per channel. */
  readonly gaps: readonly GapRange[];
  /** Region given to the restored envelopes (the cursor's: storage does not say). */
  readonly region: number;
}

/**
 * `FILL_GAP{gaps, region}`.
 *
 * @example
 * ```ts
 * import { fillGap } from "./gap_fill_values.ts";
 * fillGap([{ channel: "a", after: "1", before: "9" }], 1).gaps.length; // 1
 * ```
 */
export function fillGap(gaps: readonly GapRange[], region: number): FillGapInvocation {
  return Object.freeze({
    type: "FILL_GAP",
    gaps: frozenList(gaps),
    region,
  });
}

// --- The events -----------------------------------------------------------------------------

/**
 * The back-fill fetched every gap: the restored messages, as envelopes.
 *
 * @example
 * ```ts
 * import type { GapFillSuccessEvent } from "./gap_fill_values.ts";
 * const event: GapFillSuccessEvent = { type: "GAP_FILL_SUCCESS", messages: [] };
 * ```
 */
export interface GapFillSuccessEvent extends Pick<ResponseNotes, "undecrypted"> {
  /** Discriminant. */
  readonly type: "GAP_FILL_SUCCESS";
  /** What storage gave back for the gaps (any order; the engine orders and dedupes). */
  readonly messages: readonly Envelope[];
}

/**
 * The back-fill could not fetch some gaps: what it restored, and the gaps left unfilled.
 *
 * @example
 * ```ts
 * import type { GapFillFailureEvent } from "./gap_fill_values.ts";
 * const event: GapFillFailureEvent = { type: "GAP_FILL_FAILURE", messages: [], unfilled: [] };
 * ```
 */
export interface GapFillFailureEvent extends Pick<ResponseNotes, "undecrypted"> {
  /** Discriminant. */
  readonly type: "GAP_FILL_FAILURE";
  /** What storage gave back before or besides the failures. */
  readonly messages: readonly Envelope[];
  /** The gaps that could not be filled, with why. */
  readonly unfilled: readonly UnfilledGap[];
}

/**
 * `GAP_FILL_SUCCESS(messages)`: every gap was fetched from storage.
 *
 * @example
 * ```ts
 * import { gapFillSuccess } from "./gap_fill_values.ts";
 * gapFillSuccess([]).type; // "GAP_FILL_SUCCESS"
 * ```
 */
export function gapFillSuccess(
  messages: readonly Envelope[],
  notes?: Pick<ResponseNotes, "undecrypted">,
): GapFillSuccessEvent {
  return withNotes({ type: "GAP_FILL_SUCCESS", messages: Object.freeze([...messages]) }, notes);
}

/**
 * `GAP_FILL_FAILURE(messages, unfilled)`: some gaps could not be fetched.
 *
 * @example
 * ```ts
 * import { gapFillFailure } from "./gap_fill_values.ts";
 * gapFillFailure([], []).type; // "GAP_FILL_FAILURE"
 * ```
 */
export function gapFillFailure(
  messages: readonly Envelope[],
  unfilled: readonly UnfilledGap[],
  notes?: Pick<ResponseNotes, "undecrypted">,
): GapFillFailureEvent {
  return withNotes({
    type: "GAP_FILL_FAILURE",
    messages: Object.freeze([...messages]),
    unfilled: Object.freeze(unfilled.map((gap) => Object.freeze({ ...gap }))),
  }, notes);
}

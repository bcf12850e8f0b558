import type { PNConfiguration } from "../core/config.ts";
import { buildSubscribeRequest, parseSubscribeValue } from "../core/requests/subscribe.ts";
import type { PNStatus } from "../core/status.ts";
import type { RequestDescription } from "../core/request.ts";
import { emittedStatus, malformedResponse } from "../core/response_status.ts";
import { DedupeCache, dedupeKey } from "../core/subscribe/dedupe.ts";
import { decodeEnvelope, type Envelope } from "../core/subscribe/envelope.ts";
import type { ResponseNotes, UndecryptedMessage } from "../core/subscribe/response_notes.ts";
import * as events from "../core/subscribe/events.ts";
import type { SubscribeEvent } from "../core/subscribe/events.ts";
import type { GapRange } from "../core/subscribe/gaps.ts";
import type { SubscribeInvocation } from "../core/subscribe/invocations.ts";
import {
  connectionChange,
  type ConnectionStateChange,
} from "../core/subscribe/connection_state.ts";
import type { SubscribeState } from "../core/subscribe/states.ts";
import type { SubscriptionCursor } from "../core/subscribe/states.ts";
import { PLAIN_SUBSCRIBE_ENGINE } from "../core/subscribe/transition.ts";
import type { Clock } from "./clock.ts";
import { waitForRetry } from "./reconnect.ts";
import type { RequestSender } from "./endpoint.ts";
import { EngineRunner } from "./engine_runner.ts";
import type { ListenerSet } from "./listeners.ts";
import type { EnvelopeDecryption } from "./envelope_decryption.ts";
import type { GapRestorer } from "./gap_restorer.ts";

/** The notes of a batch without a cipher key: nothing failed to decrypt. */
const NOTHING_UNDECRYPTED: readonly UndecryptedMessage[] = /* @__PURE__ */ Object.freeze([]);

/** Which events a subscribe request's outcome becomes: per invocation type. */
interface PollOutcomes {
  success: (
    cursor: SubscriptionCursor,
    messages: readonly Envelope[],
    gaps: readonly GapRange[],
    notes: ResponseNotes,
  ) => SubscribeEvent;
  failure: (reason: PNStatus) => SubscribeEvent;
}

// Made once, not per poll: a long-poll loop performs one request per response.
const RECEIVE_OUTCOMES: PollOutcomes = {
  success: (cursor, messages, gaps, notes) => events.receiveSuccess(cursor, messages, gaps, notes),
  failure: (reason) => events.receiveFailure(reason),
};

/**
 * What the subscribe loop needs from its client.
 *
 * @example
 * ```ts
 * import type { SubscribeLoopContext } from "./subscribe_loop.ts";
 * type Needs = keyof SubscribeLoopContext; // "config" | "sender" | ...
 * ```
 */
export interface SubscribeLoopContext {
  /** The client's configuration. */
  config: PNConfiguration;
  /** Sends requests (and cancels them on stop). */
  sender: RequestSender;
  /** Timers for reconnect delays. */
  clock: Clock;
  /** A number in [0, 1) for retry jitter. */
  random: () => number;
  /** The listeners to emit to. */
  listeners: ListenerSet<unknown>;
  /** The client's presence state, keyed by channel, sent with every subscribe. */
  presenceState: () => Record<string, unknown>;
  /** Where exceptions from handlers go; they never break the loop. */
  onError: (error: unknown) => void;
  /**
   * Decrypts message payloads (set when a cipher key is configured). A failure comes back as
   * the raw payload, noted; the engine it wraps delivers it with the error and a
   * `PNDecryptionErrorCategory` status.
   */
  decryption?: EnvelopeDecryption;
  /**
   * Restores from storage what a catch-up's full window lost (when `config.restoreGaps`);
   * absent: gaps are not looked for and the engine has no gap back-fill.
   */
  gapRestorer?: GapRestorer;
}

/**
 * The subscribe loop: the pure subscribe engine (`src/core/subscribe/`) driven with real
 * requests, timers and listeners. It holds no subscription state of its own: channels, groups
 * and the cursor live in the engine's state.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u" });
 * pubnub.subscribe().channels(["a"]).execute(); // drives a SubscribeLoop
 * await pubnub.stop();
 * ```
 */
export class SubscribeLoop
  extends EngineRunner<SubscribeState, SubscribeEvent, SubscribeInvocation> {
  readonly #context: SubscribeLoopContext;
  readonly #dedupe: DedupeCache | undefined;
  /** Gap back-fill, when the client has it and it is on. */
  readonly #gaps: GapRestorer | undefined;
  /** A `reconnecting` change waiting for the retry policy's delay. */
  #reconnecting: ConnectionStateChange | undefined;
  /** The handshake request last built, and the lists and state it was built from. */
  #base:
    | {
      channels: readonly string[];
      groups: readonly string[];
      stateJson: string;
      request: RequestDescription;
    }
    | undefined;
  /** The connection state the listeners were last told. */
  #told: ConnectionStateChange["state"] = "disconnected";

  /** Creates an idle loop (UNSUBSCRIBED). */
  constructor(context: SubscribeLoopContext) {
    const gaps = context.config.restoreGaps ? context.gapRestorer : undefined;
    const engine = gaps?.engine ?? PLAIN_SUBSCRIBE_ENGINE;
    super(context.decryption?.engine(engine) ?? engine, context.onError);
    this.#context = context;
    this.#gaps = gaps;
    this.#dedupe = context.config.dedupeOnSubscribe ? new DedupeCache() : undefined;
  }

  /** Performs one invocation of the engine. */
  protected override perform(
    invocation: SubscribeInvocation,
    signal: AbortSignal,
    dispatch: (event: SubscribeEvent) => void,
  ): void | Promise<void> {
    switch (invocation.type) {
      case "HANDSHAKE":
        return this.#poll(invocation.channels, invocation.groups, undefined, signal, dispatch, {
          success: (cursor, _messages, _gaps, notes) => events.handshakeSuccess(cursor, notes),
          failure: (reason) => events.handshakeFailure(reason),
        });
      case "HANDSHAKE_RECONNECT":
        return this.#retry(invocation.attempts, invocation.reason, signal, dispatch, {
          giveUp: (reason) => events.handshakeReconnectGiveup(reason),
          attempt: () =>
            this.#poll(invocation.channels, invocation.groups, undefined, signal, dispatch, {
              success: (cursor, _messages, _gaps, notes) =>
                events.handshakeReconnectSuccess(cursor, notes),
              failure: (reason) => events.handshakeReconnectFailure(reason),
            }),
        });
      case "RECEIVE_MESSAGES":
        return this.#poll(
          invocation.channels,
          invocation.groups,
          invocation.cursor,
          signal,
          dispatch,
          RECEIVE_OUTCOMES,
          invocation.catchUp === true,
        );
      case "RECEIVE_RECONNECT":
        return this.#retry(invocation.attempts, invocation.reason, signal, dispatch, {
          giveUp: (reason) => events.receiveReconnectGiveup(reason),
          attempt: () =>
            this.#poll(
              invocation.channels,
              invocation.groups,
              invocation.cursor,
              signal,
              dispatch,
              {
                success: (cursor, messages, gaps, notes) =>
                  events.receiveReconnectSuccess(cursor, messages, gaps, notes),
                failure: (reason) => events.receiveReconnectFailure(reason),
              },
              true,
            ),
        });
      case "FILL_GAP": {
        const { decryption } = this.#context;
        return this.#gaps?.fill(
          this.#context.sender,
          this.#context.config.subscribeKey,
          invocation,
          signal,
          decryption && ((messages) => decryption.decrypt(messages, this.#dedupe)),
        )
          .then((event) => {
            if (event && !signal.aborted) dispatch(event);
          });
      }
      case "EMIT_MESSAGES":
        return this.#emitMessages(invocation.messages, invocation.decryptionError);
      case "EMIT_STATUS":
        // Every status comes from the engine's table, in the order it asked for them.
        return this.#context.listeners.emit("status", emittedStatus(invocation.status));
      default:
        // Cancel invocations are performed by the runner itself.
        return;
    }
  }

  /** One subscribe request (handshake without a cursor, long-poll with one). */
  async #poll(
    channels: readonly string[],
    groups: readonly string[],
    cursor: SubscriptionCursor | undefined,
    signal: AbortSignal,
    dispatch: (event: SubscribeEvent) => void,
    to: PollOutcomes,
    catchUp = false,
  ): Promise<void> {
    const { config } = this.#context;
    const request = this.#request(channels, groups, cursor);
    const outcome = await this.#context.sender.send(request, signal);
    if (signal.aborted) return;
    // A request that could not be sent (too long for a URL) fails like any other: the engine
    // reports it and gives up (it is never retried).
    if (!outcome.ok) return dispatch(to.failure(outcome.status));
    const parsed = parseSubscribeValue(outcome.data);
    if (!parsed.ok) {
      const target = {
        operation: "PNSubscribeOperation" as const,
        channels,
        channelGroups: groups,
      };
      return dispatch(to.failure(malformedResponse(target, outcome.statusCode, parsed.reason)));
    }
    // A catch-up (never a handshake, never a live poll) whose answer filled the window on a
    // channel may have lost older messages there: the engine fills the gap from storage.
    const gaps = catchUp && cursor && this.#gaps
      ? this.#gaps.find(cursor.timetoken, parsed.value.messages)
      : [];
    // The parsed list is this loop's own: frozen, the events and invocations carry it uncopied.
    const received = Object.freeze(parsed.value.messages);
    let messages: readonly Envelope[] = received;
    let undecrypted: readonly UndecryptedMessage[] = NOTHING_UNDECRYPTED;
    // Without a cipher key there is nothing to wait for: no await (a turn of the microtask
    // queue) on a firehose's every poll.
    const { decryption } = this.#context;
    if (decryption) {
      ({ messages, undecrypted } = await decryption.decrypt(received, this.#dedupe));
      if (signal.aborted) return;
    }
    dispatch(to.success(parsed.value.cursor, messages, gaps, {
      // Rejected envelopes are reported by the engine, never retried: the same long-poll
      // would bring them back.
      rejected: parsed.value.rejected,
      statusCode: outcome.statusCode,
      threshold: config.requestMessageCountThreshold,
      undecrypted,
    }));
  }

  /**
   * The subscribe request for these lists and cursor. Between two polls only `tt` and `tr`
   * change: the rest (sorted, encoded lists, presence state, filter) is built once for the lists
   * and state it was made from, and each poll copies it with its cursor.
   */
  #request(
    channels: readonly string[],
    groups: readonly string[],
    cursor: SubscriptionCursor | undefined,
  ): RequestDescription {
    const { config } = this.#context;
    const state = this.#context.presenceState();
    const stateJson = Object.keys(state).length > 0 ? JSON.stringify(state) : "";
    let base = this.#base;
    if (
      base?.channels !== channels || base.groups !== groups || base.stateJson !== stateJson
    ) {
      const request = buildSubscribeRequest({
        subscribeKey: config.subscribeKey,
        channels,
        groups,
        heartbeat: config.presenceTimeout,
        state,
        filterExpression: config.filterExpression,
      });
      base = this.#base = { channels, groups, stateJson, request };
    }
    if (!cursor) return base.request;
    // Object.assign, not spreads: a spread followed by more properties is Node's slow path
    // (a microsecond or more per poll).
    const { request } = base;
    return Object.assign({}, request, {
      query: Object.assign({}, request.query, { tt: cursor.timetoken, tr: String(cursor.region) }),
      longPoll: true,
    });
  }

  /** A reconnect attempt: asks the retry policy, waits its delay, then tries again. */
  async #retry(
    attempts: number,
    reason: PNStatus,
    signal: AbortSignal,
    dispatch: (event: SubscribeEvent) => void,
    to: { giveUp: (reason: PNStatus) => SubscribeEvent; attempt: () => Promise<void> },
  ): Promise<void> {
    const outcome = await waitForRetry(this.#context, attempts, reason, signal, (delayMs) => {
      // Called as the retry starts, in the reconnecting state that asked for it.
      const retrying = this.state.name === "HANDSHAKE_RECONNECTING" ? "HANDSHAKE" : "RECEIVE";
      this.reportRetry(`${retrying}_RECONNECT`, attempts + 1, delayMs);
      const change = this.#reconnecting;
      this.#reconnecting = undefined;
      if (change) this.#tell({ ...change, previous: this.#told, delayMs });
    });
    if (outcome.kind === "give-up") return dispatch(to.giveUp(outcome.reason));
    if (outcome.kind === "retry") await to.attempt();
  }

  /**
   * Tells the listeners when the connection state changed. A `reconnecting` change waits for the
   * retry policy (run when the reconnect invocation starts, in this same step) to know its
   * delay; when the policy gives up instead, the `failed` change that follows is told.
   */
  protected override transitioned(
    before: SubscribeState,
    event: SubscribeEvent,
    after: SubscribeState,
  ): void {
    const change = connectionChange(before, event, after);
    if (!change) return;
    this.#reconnecting = undefined;
    if (change.state === "reconnecting") this.#reconnecting = change;
    else if (change.state !== this.#told) this.#tell({ ...change, previous: this.#told });
  }

  #tell(change: ConnectionStateChange): void {
    this.#told = change.state;
    this.#context.listeners.emit("connectionState", change);
  }

  /** Hands envelopes to the listeners, in order (deduplicated when asked). */
  #emitMessages(messages: readonly Envelope[], decryptionError: string | undefined): void {
    const { listeners } = this.#context;
    for (const envelope of messages) {
      if (this.#dedupe?.seen(dedupeKey(envelope))) continue;
      if (envelope.s !== undefined) this.#gaps?.rememberSequence(envelope);
      const decoded = decodeEnvelope(envelope);
      switch (decoded.kind) {
        case "message":
          listeners.emit(
            "message",
            decryptionError === undefined
              ? decoded.result
              : Object.assign({}, decoded.result, { error: decryptionError }),
          );
          break;
        case "signal":
          listeners.emit("signal", decoded.result);
          break;
        case "presence":
          listeners.emit("presence", decoded.result);
          break;
        case "messageAction":
          listeners.emit("messageAction", decoded.result);
          break;
        default:
          // Objects and files are not part of this SDK yet: say so, keep going.
          this.#context.onError(
            new Error(
              `received ${
                decoded.reason ?? `an envelope of type ${decoded.type}`
              } on "${decoded.envelope.c}", which this SDK does not decode`,
            ),
          );
      }
    }
  }
}

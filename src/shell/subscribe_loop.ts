import type { PNConfiguration } from "../core/config.ts";
import { buildSubscribeRequest, parseSubscribeValue } from "../core/requests/subscribe.ts";
import { PNStatus } from "../core/status.ts";
import { DedupeCache, dedupeKey } from "../core/subscribe/dedupe.ts";
import { decodeEnvelope, type PNMessageResult } from "../core/subscribe/envelope.ts";
import * as events from "../core/subscribe/events.ts";
import type { SubscribeEvent } from "../core/subscribe/events.ts";
import { findGaps, type GapRange, lastSequenceKey } from "../core/subscribe/gaps.ts";
import type { SubscribeInvocation } from "../core/subscribe/invocations.ts";
import {
  connectionChange,
  type ConnectionStateChange,
} from "../core/subscribe/connection_state.ts";
import { INITIAL_SUBSCRIBE_STATE, type SubscribeState } from "../core/subscribe/states.ts";
import type { SubscriptionCursor } from "../core/subscribe/states.ts";
import { transition } from "../core/subscribe/transition.ts";
import type { Clock } from "./clock.ts";
import { waitForRetry } from "./reconnect.ts";
import type { RequestSender } from "./endpoint.ts";
import { EngineRunner } from "./engine_runner.ts";
import type { ListenerSet } from "./listeners.ts";
import type { DecodedPayload } from "./crypto/cryptor.ts";
import { fillGaps } from "./gap_filler.ts";

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
   * Decrypts a message payload (set when a cipher key is configured). A failure comes back as
   * the raw payload with `error` set; the loop delivers it and emits a
   * `PNDecryptionErrorCategory` status.
   */
  decode?: (payload: unknown) => Promise<DecodedPayload>;
}

const LONG_RUNNING = new Set([
  "HANDSHAKE",
  "HANDSHAKE_RECONNECT",
  "RECEIVE_MESSAGES",
  "RECEIVE_RECONNECT",
  "FILL_GAP",
]);

/** How many (channel, publisher) sequence numbers are remembered for counting lost messages. */
const SEQUENCES_KEPT = 1000;

/**
 * The subscribe loop: the pure subscribe engine (`src/core/subscribe/`) driven with real
 * requests, timers and listeners. It holds no subscription state of its own: channels, groups
 * and the cursor live in the engine's state.
 *
 * @example
 * ```ts
 * import { PubNub } from "./pubnub.ts";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u" });
 * pubnub.subscribe().channels(["a"]).execute(); // drives a SubscribeLoop
 * await pubnub.stop();
 * ```
 */
export class SubscribeLoop
  extends EngineRunner<SubscribeState, SubscribeEvent, SubscribeInvocation> {
  readonly #context: SubscribeLoopContext;
  readonly #dedupe: DedupeCache | undefined;
  /**
   * With a decoder, emitting is asynchronous: every EMIT_MESSAGES and EMIT_STATUS is chained
   * here, so listeners see messages and statuses in the order the engine asked for them.
   */
  #emitting: Promise<void> = Promise.resolve();
  /** The last delivered sequence number per channel and publisher, for counting a loss. */
  readonly #lastSequences = new Map<string, number>();
  /** A `reconnecting` change waiting for the retry policy's delay. */
  #reconnecting: ConnectionStateChange | undefined;
  /** The connection state the listeners were last told. */
  #told: ConnectionStateChange["state"] = "disconnected";

  /** Creates an idle loop (UNSUBSCRIBED). */
  constructor(context: SubscribeLoopContext) {
    super(
      { name: "subscribe", transition, managed: LONG_RUNNING },
      INITIAL_SUBSCRIBE_STATE,
      undefined,
      context.onError,
    );
    this.#context = context;
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
          success: (cursor) => events.handshakeSuccess(cursor),
          failure: (reason) => events.handshakeFailure(reason),
        });
      case "HANDSHAKE_RECONNECT":
        return this.#retry(invocation.attempts, invocation.reason, signal, dispatch, {
          giveUp: (reason) => events.handshakeReconnectGiveup(reason),
          attempt: () =>
            this.#poll(invocation.channels, invocation.groups, undefined, signal, dispatch, {
              success: (cursor) => events.handshakeReconnectSuccess(cursor),
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
          {
            success: (cursor, messages, gaps) => events.receiveSuccess(cursor, messages, gaps),
            failure: (reason) => events.receiveFailure(reason),
          },
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
                success: (cursor, messages, gaps) =>
                  events.receiveReconnectSuccess(cursor, messages, gaps),
                failure: (reason) => events.receiveReconnectFailure(reason),
              },
              true,
            ),
        });
      case "FILL_GAP":
        return fillGaps(this.#context.sender, this.#context.config.subscribeKey, invocation, signal)
          .then((event) => {
            if (event && !signal.aborted) dispatch(event);
          });
      case "EMIT_MESSAGES": {
        const { messages, cursor, previousCursor } = invocation;
        const counted = invocation.restored !== true;
        if (!this.#context.decode) {
          return this.#emitMessages(messages, cursor, previousCursor, counted);
        }
        return this.#inOrder(() => this.#emitMessages(messages, cursor, previousCursor, counted));
      }
      case "EMIT_STATUS": {
        const emit = () => this.#emitStatus(new PNStatus(invocation.status));
        return this.#context.decode ? this.#inOrder(emit) : emit();
      }
      default:
        // CANCEL_* invocations are performed by the runner itself.
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
    to: {
      success: (
        cursor: SubscriptionCursor,
        messages: Parameters<typeof events.receiveSuccess>[1],
        gaps: readonly GapRange[],
      ) => SubscribeEvent;
      failure: (reason: PNStatus) => SubscribeEvent;
    },
    catchUp = false,
  ): Promise<void> {
    const { config } = this.#context;
    const request = buildSubscribeRequest({
      subscribeKey: config.subscribeKey,
      channels,
      groups,
      cursor,
      heartbeat: config.presenceTimeout,
      state: this.#context.presenceState(),
      filterExpression: config.filterExpression,
    });
    const outcome = await this.#context.sender.send(request, signal);
    if (signal.aborted) return;
    if (!outcome.ok) {
      // A request that could not be sent (too long for a URL) is the app's to fix: it hears
      // the validation error itself first, then the loop gives up (it is never retried).
      if (outcome.status.category === "PNValidationErrorCategory") {
        const emit = () => this.#emitStatus(outcome.status);
        if (this.#context.decode) void this.#inOrder(emit);
        else emit();
      }
      return dispatch(to.failure(outcome.status));
    }
    const parsed = parseSubscribeValue(outcome.data);
    if (!parsed.ok) {
      return dispatch(to.failure(
        new PNStatus({
          category: "PNMalformedResponseCategory",
          operation: "PNSubscribeOperation",
          error: true,
          statusCode: outcome.statusCode,
          errorData: { message: parsed.reason },
          affectedChannels: [...channels],
          affectedChannelGroups: [...groups],
        }),
      ));
    }
    for (const bad of parsed.value.rejected) {
      // Reported, never retried: the same long-poll would bring the same envelope back.
      const status = new PNStatus({
        category: "PNMalformedResponseCategory",
        operation: "PNSubscribeOperation",
        error: true,
        statusCode: outcome.statusCode,
        errorData: { message: bad.reason, envelope: bad.envelope },
        affectedChannels: [...channels],
        affectedChannelGroups: [...groups],
      });
      const emit = () => this.#emitStatus(status);
      if (this.#context.decode) void this.#inOrder(emit);
      else emit();
    }
    // A catch-up (never a handshake, never a live poll) whose answer filled the window on a
    // channel may have lost older messages there: the engine fills the gap from storage.
    const gaps = catchUp && cursor && config.restoreGaps
      ? findGaps(cursor.timetoken, parsed.value.messages, this.#lastSequences)
      : [];
    dispatch(to.success(parsed.value.cursor, parsed.value.messages, gaps));
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

  /** Runs `emit` after everything emitted before it; a failure is reported, never breaks the chain. */
  #inOrder(emit: () => void | Promise<void>): Promise<void> {
    const next = this.#emitting.then(emit).catch((error) => this.#context.onError(error));
    this.#emitting = next;
    return next;
  }

  /**
   * Emits a loop status. A give-up because of HTTP 403 is preceded by a
   * `PNAccessDeniedCategory` status (same fields): the cause first, then the loop's own
   * give-up status. The loop stops there (the retry policy never retries a 403).
   */
  #emitStatus(status: PNStatus): void {
    const { listeners } = this.#context;
    if (
      status.statusCode === 403 &&
      (status.category === "PNConnectionErrorCategory" ||
        status.category === "PNUnexpectedDisconnectCategory")
    ) {
      listeners.emit(
        "status",
        new PNStatus({ ...status.toJSON(), category: "PNAccessDeniedCategory" }),
      );
    }
    listeners.emit("status", status);
  }

  /** Emits a message, decrypting it first when a cipher key is set. */
  async #emitMessage(result: PNMessageResult): Promise<void> {
    const { listeners, decode } = this.#context;
    if (!decode) return listeners.emit("message", result);
    const decoded = await decode(result.message);
    if (decoded.error === undefined) {
      return listeners.emit("message", { ...result, message: decoded.message });
    }
    listeners.emit("message", { ...result, error: decoded.error });
    listeners.emit(
      "status",
      new PNStatus({
        category: "PNDecryptionErrorCategory",
        operation: "PNSubscribeOperation",
        error: true,
        errorData: {
          message:
            `message ${result.timetoken} on "${result.channel}" was delivered undecrypted: ${decoded.error}`,
          channel: result.channel,
          timetoken: result.timetoken,
        },
        affectedChannels: [result.channel],
      }),
    );
  }

  async #emitMessages(
    messages: Parameters<typeof events.receiveSuccess>[1],
    cursor: SubscriptionCursor,
    previous: SubscriptionCursor,
    counted = true,
  ): Promise<void> {
    const { listeners, config } = this.#context;
    for (const envelope of messages) {
      if (this.#dedupe?.seen(dedupeKey(envelope))) continue;
      if (envelope.s !== undefined) this.#rememberSequence(envelope);
      const decoded = decodeEnvelope(envelope);
      switch (decoded.kind) {
        case "message":
          if (this.#context.decode) await this.#emitMessage(decoded.result);
          else listeners.emit("message", decoded.result);
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
              decoded.reason
                ? `received ${decoded.reason} on "${decoded.envelope.c}", which this SDK does not decode`
                : `received an envelope of type ${decoded.type} on "${decoded.envelope.c}", which this SDK does not decode`,
            ),
          );
      }
    }
    if (counted && messages.length >= config.requestMessageCountThreshold) {
      const state = this.state;
      listeners.emit(
        "status",
        new PNStatus({
          category: "PNRequestMessageCountExceededCategory",
          operation: "PNSubscribeOperation",
          error: false,
          affectedChannels: [...state.channels],
          affectedChannelGroups: [...state.groups],
          currentTimetoken: cursor.timetoken,
          lastTimetoken: previous.timetoken,
          errorData: {
            message:
              `a subscribe response carried ${messages.length} messages, at or over the threshold of ${config.requestMessageCountThreshold}; older messages may have been missed`,
          },
        }),
      );
    }
  }

  /**
   * Remembers a publisher's last sequence number on a channel. Bounded: past the limit the memory
   * starts over (a count then becomes unknown, never wrong). One `set` per message: this runs on
   * the delivery path.
   */
  #rememberSequence(envelope: Parameters<typeof lastSequenceKey>[0]): void {
    const key = lastSequenceKey(envelope);
    if (key === undefined) return;
    if (this.#lastSequences.size >= SEQUENCES_KEPT && !this.#lastSequences.has(key)) {
      this.#lastSequences.clear();
    }
    this.#lastSequences.set(key, envelope.s as number);
  }
}

import type { PNConfiguration } from "../core/config.ts";
import * as events from "../core/presence/events.ts";
import type { HeartbeatEvent } from "../core/presence/events.ts";
import type { HeartbeatInvocation } from "../core/presence/invocations.ts";
import type { HeartbeatState } from "../core/presence/states.ts";
import { heartbeatEngine } from "../core/presence/transition.ts";
import { buildHeartbeatRequest } from "../core/requests/heartbeat.ts";
import { emittedStatus } from "../core/response_status.ts";
import type { PresenceAnnouncement } from "../core/subscription/subscription.ts";
import { type Clock, sleep } from "./clock.ts";
import type { RequestSender } from "./endpoint.ts";
import { EngineRunner } from "./engine_runner.ts";
import type { ListenerSet } from "./listeners.ts";
import { waitForRetry } from "./reconnect.ts";

/**
 * What the heartbeat loop needs from its client.
 *
 * @example
 * ```ts
 * import type { PresenceLoopContext } from "./presence_loop.ts";
 * type Needs = keyof PresenceLoopContext;
 * ```
 */
export interface PresenceLoopContext {
  /** The client's configuration (`heartbeatInterval`, `presenceTimeout`, retry policy). */
  config: PNConfiguration;
  /** Sends requests (and cancels them on stop). */
  sender: RequestSender;
  /** Timers for the heartbeat interval and retry delays. */
  clock: Clock;
  /** A number in [0, 1) for retry jitter. */
  random: () => number;
  /** The listeners to emit statuses to. */
  listeners: ListenerSet<unknown>;
  /** The client's presence state, keyed by channel, sent with every heartbeat. */
  presenceState: () => Record<string, unknown>;
  /** Sends a leave for channels and groups (shared with unsubscribe without this loop). */
  leave: (channels: readonly string[], groups: readonly string[]) => Promise<void>;
  /** Where exceptions from handlers go; they never break the loop. */
  onError: (error: unknown) => void;
}

/**
 * The heartbeat loop: the pure presence engine (`src/core/presence/`) driven with real heartbeat
 * and leave requests and the interval timer. Runs only when `heartbeatInterval > 0`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u", heartbeatInterval: 30 });
 * pubnub.subscribe().channels(["a"]).execute(); // joins the heartbeat loop too
 * await pubnub.stop();
 * ```
 */
export class PresenceLoop
  extends EngineRunner<HeartbeatState, HeartbeatEvent, HeartbeatInvocation> {
  readonly #context: PresenceLoopContext;

  /** Creates an idle loop (HEARTBEAT_INACTIVE). */
  constructor(context: PresenceLoopContext) {
    super(
      heartbeatEngine({ suppressLeaveEvents: context.config.suppressLeaveEvents }),
      context.onError,
    );
    this.#context = context;
  }

  /** Tells the engine what the subscription announced: `JOINED`, `LEFT` or `LEFT_ALL`. */
  announce(announcement: PresenceAnnouncement): void {
    this.dispatch(
      announcement.type === "leftAll"
        ? events.leftAll()
        : announcement.type === "joined"
        ? events.joined(announcement.channels, announcement.groups)
        : events.left(announcement.channels, announcement.groups),
    );
  }

  /** `disconnect()` was called: the engine stops heartbeating (`DISCONNECT`). */
  disconnect(): void {
    this.dispatch(events.disconnect());
  }

  /** `reconnect()` was called: the engine heartbeats again (`RECONNECT`). */
  reconnect(): void {
    this.dispatch(events.reconnect());
  }

  /** Performs one invocation of the engine. */
  protected override perform(
    invocation: HeartbeatInvocation,
    signal: AbortSignal,
    dispatch: (event: HeartbeatEvent) => void,
  ): void | Promise<void> {
    const context = this.#context;
    switch (invocation.type) {
      case "HEARTBEAT":
        // Nothing cancels a heartbeat (its signal, shared by every invocation nothing cancels,
        // never aborts): sent without it, the request adds no listener to that shared signal.
        return this.#heartbeat(invocation.channels, invocation.groups, undefined, dispatch);
      case "DELAYED_HEARTBEAT":
        return (async () => {
          const outcome = await waitForRetry(
            context,
            invocation.attempts,
            invocation.reason,
            signal,
            (delayMs) => this.reportRetry(invocation.type, invocation.attempts + 1, delayMs),
          );
          if (outcome.kind === "give-up") return dispatch(events.heartbeatGiveup(outcome.reason));
          if (outcome.kind === "retry") {
            await this.#heartbeat(invocation.channels, invocation.groups, signal, dispatch);
          }
        })();
      case "WAIT":
        return (async () => {
          if (await sleep(context.clock, context.config.heartbeatInterval * 1000, signal)) {
            dispatch(events.timesUp());
          }
        })();
      case "LEAVE":
        return context.leave(invocation.channels, invocation.groups);
      case "EMIT_STATUS":
        context.listeners.emit("status", emittedStatus(invocation.status));
        return;
      default:
        return;
    }
  }

  async #heartbeat(
    channels: readonly string[],
    groups: readonly string[],
    signal: AbortSignal | undefined,
    dispatch: (event: HeartbeatEvent) => void,
  ): Promise<void> {
    const { config, sender } = this.#context;
    const state = this.#context.presenceState();
    const request = buildHeartbeatRequest({
      subscribeKey: config.subscribeKey,
      channels,
      channelGroups: groups,
      presenceTimeout: config.presenceTimeout,
      state: Object.keys(state).length > 0 ? state : undefined,
    });
    if (!request) return dispatch(events.heartbeatSuccess());
    const outcome = await sender.send(request, signal);
    if (signal?.aborted) return;
    dispatch(outcome.ok ? events.heartbeatSuccess() : events.heartbeatFailure(outcome.status));
  }
}

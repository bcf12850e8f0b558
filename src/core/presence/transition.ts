/**
 * The heartbeat (presence) engine as a pure reducer: docs/protocol.md "Heartbeat engine".
 *
 * Rules this machine keeps:
 *
 * 1. `transition()` is pure. It reads no clock, performs no I/O, starts no timer; it returns
 *    the next state and the invocations the shell must perform, in order.
 * 2. Order within one transition: the old state's exit invocation (`CANCEL_DELAYED_HEARTBEAT`,
 *    `CANCEL_WAIT`), then the transition's own (`LEAVE`, `EMIT_STATUS`), then the new state's
 *    enter invocation (`HEARTBEAT`, `DELAYED_HEARTBEAT`, `WAIT`). A transition to the same state
 *    exits and re-enters it too (a `JOINED` while `HEARTBEATING` sends a fresh heartbeat).
 * 3. The transitions are the data in `transition_table.ts`; an event a state does not list is
 *    ignored: same state (the very same object), no invocations. Late answers of invocations
 *    that were cancelled or superseded are therefore harmless.
 * 4. `JOINED` adds the names it carries that are not there yet (join order kept); `LEFT` removes
 *    the names it carries, and its `LEAVE` carries only the names that were actually removed.
 *    `LEAVE` for `DISCONNECT` and `LEFT_ALL` carries every channel and group held.
 * 5. Presence channels and groups (`…-pnpres`) are never announced: `JOINED` and `LEFT` ignore
 *    such names, since being present on `x-pnpres` means nothing to the service.
 * 6. **Choice**: a change that leaves no channels and no groups leads to `HEARTBEAT_INACTIVE`
 *    (with the `LEAVE` for what was removed, when the table row sends one). A heartbeat for
 *    nothing is an error to the service, and an engine with nothing to announce is inactive.
 * 7. `LEAVE` is never produced when `suppressLeaveEvents` is set; an empty `LEAVE` is never
 *    produced at all.
 * 8. `attempts` and `reason` live only in `HEARTBEAT_RECONNECTING`: the first failure enters it
 *    with attempts 0, each further failure adds one; leaving it resets them.
 * 9. `EMIT_STATUS` (on give-up) reports the last failure: its category, status code and error
 *    data, with operation `PNHeartbeatOperation` and the channels and groups concerned.
 *
 * @module
 */
import { defineEngine, type Engine, type EngineTable, type Row, runTable } from "../engine.ts";
import type { HeartbeatEvent } from "./events.ts";
import {
  cancelDelayedHeartbeat,
  cancelWait,
  delayedHeartbeat,
  emitHeartbeatStatus,
  heartbeat,
  type HeartbeatInvocation,
  leave,
  wait,
} from "./invocations.ts";
import {
  type HeartbeatState,
  heartbeatState,
  type HeartbeatStateNameValue,
  INITIAL_HEARTBEAT_STATE,
} from "./states.ts";
import {
  HEARTBEAT_ON_ENTER,
  HEARTBEAT_ON_EXIT,
  HEARTBEAT_TRANSITIONS,
  type HeartbeatTransitionRule,
} from "./transition_table.ts";
import { isPresenceName } from "./presence_names.ts";
import type { PNStatus } from "../status.ts";

/**
 * Options of {@link transition}, taken from the client's configuration.
 *
 * @example
 * ```ts
 * import type { HeartbeatTransitionOptions } from "./transition.ts";
 * const options: HeartbeatTransitionOptions = { suppressLeaveEvents: false };
 * ```
 */
export interface HeartbeatTransitionOptions {
  /** Do not send `LEAVE` when channels are left. */
  suppressLeaveEvents: boolean;
}

/**
 * What {@link transition} returns: the next state and the invocations to perform, in order.
 *
 * @example
 * ```ts
 * import type { HeartbeatTransitionResult } from "./transition.ts";
 * import { INITIAL_HEARTBEAT_STATE } from "./states.ts";
 * const result: HeartbeatTransitionResult = { state: INITIAL_HEARTBEAT_STATE, invocations: [] };
 * ```
 */
export interface HeartbeatTransitionResult {
  /** The state after the event. */
  readonly state: HeartbeatState;
  /** What the shell must do, in order: exit, transition, enter. */
  readonly invocations: readonly HeartbeatInvocation[];
}

/**
 * Applies one event to the heartbeat engine. Pure: see the rules at the top of this file.
 *
 * @example
 * ```ts
 * import { transition } from "./transition.ts";
 * import { joined } from "./events.ts";
 * import { INITIAL_HEARTBEAT_STATE } from "./states.ts";
 * const { state, invocations } = transition(INITIAL_HEARTBEAT_STATE, joined(["a"], []), {
 *   suppressLeaveEvents: false,
 * });
 * state.name; // "HEARTBEATING"
 * invocations.map((i) => i.type); // ["HEARTBEAT"]
 * ```
 */
export function transition(
  state: HeartbeatState,
  event: HeartbeatEvent,
  options: HeartbeatTransitionOptions,
): HeartbeatTransitionResult {
  return runTable(TABLE, state, event, options);
}

/**
 * The heartbeat engine as one value, for the runner, with the client's options: its name,
 * initial state, transition, and the long-running invocations it manages (each state's enter
 * invocation paired with the cancel its exit issues).
 *
 * @example
 * ```ts
 * import { heartbeatEngine } from "./transition.ts";
 * const engine = heartbeatEngine({ suppressLeaveEvents: false });
 * engine.managed.has("WAIT"); // true
 * engine.managed.has("HEARTBEAT"); // false: a heartbeat is not cancellable
 * ```
 */
export function heartbeatEngine(
  options: HeartbeatTransitionOptions,
): Engine<HeartbeatState, HeartbeatEvent, HeartbeatInvocation> {
  return defineEngine({
    name: "presence",
    initial: INITIAL_HEARTBEAT_STATE,
    transition: (state, event) => transition(state, event, options),
    cancels: HEARTBEAT_CANCELS,
  });
}

/** Each exit cancel aborts what its state started on enter. */
const HEARTBEAT_CANCELS: Readonly<Record<string, string>> = /* @__PURE__ */ heartbeatCancels();

// A function called once (marked pure) so that a bundle without presence drops the table.
function heartbeatCancels(): Readonly<Record<string, string>> {
  return Object.freeze(
    Object.fromEntries(
      (Object.keys(HEARTBEAT_ON_EXIT) as HeartbeatStateNameValue[]).flatMap((name) => {
        const cancel = HEARTBEAT_ON_EXIT[name];
        const started = HEARTBEAT_ON_ENTER[name];
        return cancel && started ? [[cancel, started]] : [];
      }),
    ),
  );
}

/** One rule of the data table as a row of the engine's one row form. */
function rowOf(
  rule: HeartbeatTransitionRule,
): Row<HeartbeatState, HeartbeatEvent, HeartbeatInvocation, HeartbeatTransitionOptions> {
  return (state, event, options) => {
    let channels = state.channels;
    let groups = state.groups;
    let removedChannels: readonly string[] = [];
    let removedGroups: readonly string[] = [];
    if (rule.lists === "add" && event.type === "JOINED") {
      channels = union(channels, announceable(event.channels));
      groups = union(groups, announceable(event.groups));
    } else if (rule.lists === "remove" && event.type === "LEFT") {
      removedChannels = channels.filter((name) => event.channels.includes(name));
      removedGroups = groups.filter((name) => event.groups.includes(name));
      channels = channels.filter((name) => !removedChannels.includes(name));
      groups = groups.filter((name) => !removedGroups.includes(name));
    } else if (rule.lists === "clear") {
      removedChannels = channels;
      removedGroups = groups;
      channels = [];
      groups = [];
    }

    // Rule 6: nothing left to announce means inactive, whatever the row says.
    const to: HeartbeatStateNameValue = channels.length === 0 && groups.length === 0
      ? "HEARTBEAT_INACTIVE"
      : rule.to;

    const reason = eventReason(event);
    let attempts = 0;
    let keptReason: PNStatus | undefined;
    if (rule.attempts && reason) {
      attempts = rule.attempts === "next" ? state.attempts + 1 : 0;
      keptReason = reason;
    }

    const invocations: HeartbeatInvocation[] = [];
    if (rule.leave && !options.suppressLeaveEvents) {
      const leaving = rule.leave === "all"
        ? { channels: state.channels, groups: state.groups }
        : { channels: removedChannels, groups: removedGroups };
      if (leaving.channels.length > 0 || leaving.groups.length > 0) {
        invocations.push(leave(leaving.channels, leaving.groups));
      }
    }
    if (rule.emitStatus && reason) {
      invocations.push(emitHeartbeatStatus({
        category: reason.category,
        error: true,
        statusCode: reason.statusCode,
        errorData: reason.errorData,
        affectedChannels: [...state.channels],
        affectedChannelGroups: [...state.groups],
      }));
    }
    return {
      state: heartbeatState(to, { channels, groups, attempts, reason: keptReason }),
      invocations,
    };
  };
}

/** The heartbeat table in the engine's row form: each data rule read by {@link rowOf}. */
const TABLE: EngineTable<
  HeartbeatState,
  HeartbeatInvocation,
  HeartbeatTransitionOptions
> = {
  rows: /* @__PURE__ */ heartbeatRows(),
  exit: (state) => {
    const exit = HEARTBEAT_ON_EXIT[state.name];
    if (exit === "CANCEL_DELAYED_HEARTBEAT") return [cancelDelayedHeartbeat()];
    if (exit === "CANCEL_WAIT") return [cancelWait()];
    return [];
  },
  enter: (state) => {
    const enter = HEARTBEAT_ON_ENTER[state.name];
    if (enter === "HEARTBEAT") return [heartbeat(state.channels, state.groups)];
    if (enter === "DELAYED_HEARTBEAT" && state.reason) {
      return [delayedHeartbeat(state.channels, state.groups, state.attempts, state.reason)];
    }
    if (enter === "WAIT") return [wait()];
    return [];
  },
};

function announceable(names: readonly string[]): string[] {
  return names.filter((name) => typeof name === "string" && name !== "" && !isPresenceName(name));
}

function union(held: readonly string[], added: readonly string[]): readonly string[] {
  const result = [...held];
  for (const name of added) if (!result.includes(name)) result.push(name);
  return result;
}

function eventReason(event: HeartbeatEvent): PNStatus | undefined {
  return event.type === "HEARTBEAT_FAILURE" || event.type === "HEARTBEAT_GIVEUP"
    ? event.reason
    : undefined;
}

// The data table's rules as engine rows, built once; a call marked pure so that a bundle
// without presence drops it.
function heartbeatRows(): EngineTable<
  HeartbeatState,
  HeartbeatInvocation,
  HeartbeatTransitionOptions
>["rows"] {
  return Object.freeze(Object.fromEntries(
    Object.entries(HEARTBEAT_TRANSITIONS).map(([name, rules]) => [
      name,
      Object.freeze(Object.fromEntries(
        Object.entries(rules).map(([type, rule]) => [type, rowOf(rule!)]),
      )),
    ]),
  ));
}

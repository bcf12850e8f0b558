/**
 * The steps of a conformance fixture: what the client does, with each call's arguments and what
 * it must produce. `fixture.ts` re-exports these with the rest of the format.
 *
 * @module
 */
import type { StorageStep } from "./storage_steps.ts";

/**
 * What a call step must produce: a result (compared as a subset) or an error.
 *
 * @example
 * ```ts
 * import type { StepExpect } from "./steps.ts";
 * const expect: StepExpect = { error: { category: "PNBadRequestCategory", statusCode: 400 } };
 * ```
 */
export interface StepExpect {
  /** The `result` of `.future()`; only the fields given are compared. */
  result?: unknown;
  /** The rejection: the status's fields (subset), plus `messageIncludes` for the error text. */
  error?: ErrorExpect;
}

/**
 * The fields of a rejection a step can pin down.
 *
 * @example
 * ```ts
 * import type { ErrorExpect } from "./steps.ts";
 * const e: ErrorExpect = { category: "PNAccessDeniedCategory", statusCode: 403, errorData: { payload: { channels: ["ch"] } } };
 * ```
 */
export interface ErrorExpect {
  /** `status.category`. */
  category?: string;
  /** `status.operation`. */
  operation?: string;
  /** `status.statusCode` (`null`: none). */
  statusCode?: number | null;
  /** `status.errorData`, compared as a subset. */
  errorData?: unknown;
  /** A piece of text the error message must contain. */
  messageIncludes?: string;
}

/**
 * One thing the client does. Call steps (`publish`, `fire`, `signal`, `time`, `hereNow`, and the
 * storage and message action calls of {@link StorageStep}) are awaited; `subscribe`,
 * `unsubscribe`, `unsubscribeAll`, `disconnect`, `reconnect` return at once.
 * `advanceClock` moves the injected manual clock, `expectTimers` asserts its pending delays, and
 * `waitFor` waits (in real time, bounded) for something to have happened.
 *
 * @example
 * ```ts
 * import type { Step } from "./steps.ts";
 * const steps: Step[] = [
 *   { op: "subscribe", args: { channels: ["room"] } },
 *   { op: "waitFor", status: "PNConnectedCategory" },
 *   { op: "advanceClock", ms: 2500 },
 * ];
 * ```
 */
export type Step =
  | { op: "publish" | "fire"; args: PublishArgs; expect?: StepExpect; note?: string }
  | { op: "signal"; args: SignalArgs; expect?: StepExpect; note?: string }
  | { op: "time"; expect?: StepExpect; note?: string }
  | { op: "hereNow"; args: HereNowArgs; expect?: StepExpect; note?: string }
  | StorageStep
  | { op: "subscribe"; args: SubscribeArgs; expect?: StepExpect; note?: string }
  | { op: "unsubscribe"; args: { channels?: string[]; channelGroups?: string[] }; note?: string }
  | { op: "unsubscribeAll" | "disconnect"; note?: string }
  | { op: "reconnect"; args?: { timetoken?: string }; note?: string }
  | { op: "advanceClock"; ms: number; note?: string }
  | { op: "expectTimers"; delays: number[]; note?: string }
  | WaitForStep;

/**
 * Waits until every condition given holds (real time, at most `timeoutMs`, default 2000).
 *
 * @example
 * ```ts
 * import type { WaitForStep } from "./steps.ts";
 * const wait: WaitForStep = { op: "waitFor", exchange: 3, engine: { name: "RECEIVE_MESSAGES", count: 2 } };
 * ```
 */
export interface WaitForStep {
  /** The step kind. */
  op: "waitFor";
  /** Exchange with this index has been requested. */
  exchange?: number;
  /** A status of this category has been emitted (`statusCount` times, default 1). */
  status?: string;
  /** How many statuses of `status` to wait for. */
  statusCount?: number;
  /** This many statuses in all have been emitted. */
  statuses?: number;
  /** This many messages have been delivered. */
  messages?: number;
  /** This many presence events have been delivered. */
  presence?: number;
  /** A presence event with this `event` name (`join`, `interval`, …) has been delivered. */
  presenceEvent?: string;
  /** This many signals have been delivered. */
  signals?: number;
  /** This many message action events have been delivered. */
  messageActions?: number;
  /** An engine log entry named `name` has been logged `count` times (default 1). */
  engine?: { engine?: "subscribe" | "presence"; name: string; count?: number };
  /** At least this many timers are pending on the manual clock. */
  timers?: number;
  /** Give up after this many real milliseconds (default 2000). */
  timeoutMs?: number;
  /** Why the step is there. */
  note?: string;
}

/**
 * Arguments of a publish or fire step.
 *
 * @example
 * ```ts
 * import type { PublishArgs } from "./steps.ts";
 * const args: PublishArgs = { channel: "ch", message: { text: "hi" }, usePost: true };
 * ```
 */
export interface PublishArgs {
  /** Channel. */
  channel: string;
  /** The message value. */
  message: unknown;
  /** `meta`. */
  meta?: Record<string, unknown>;
  /** `shouldStore`. */
  shouldStore?: boolean;
  /** `usePost`. */
  usePost?: boolean;
  /** `ttl`. */
  ttl?: number;
  /** `customMessageType`. */
  customMessageType?: string;
  /** `replicate` (`false`: `norep=true`). */
  replicate?: boolean;
  /** `ptto`. */
  ptto?: string;
}

/**
 * Arguments of a signal step.
 *
 * @example
 * ```ts
 * import type { SignalArgs } from "./steps.ts";
 * const args: SignalArgs = { channel: "ch", message: "typing" };
 * ```
 */
export interface SignalArgs {
  /** Channel. */
  channel: string;
  /** The payload. */
  message: unknown;
}

/**
 * Arguments of a here-now step.
 *
 * @example
 * ```ts
 * import type { HereNowArgs } from "./steps.ts";
 * const args: HereNowArgs = { channels: ["room"], includeUuids: true };
 * ```
 */
export interface HereNowArgs {
  /** Channels. */
  channels?: string[];
  /** Channel groups. */
  channelGroups?: string[];
  /** `includeUuids`. */
  includeUuids?: boolean;
  /** `includeState`. */
  includeState?: boolean;
}

/**
 * Arguments of a subscribe step.
 *
 * @example
 * ```ts
 * import type { SubscribeArgs } from "./steps.ts";
 * const args: SubscribeArgs = { channels: ["room"], withPresence: true, timetoken: "17000000000000000" };
 * ```
 */
export interface SubscribeArgs {
  /** Channels. */
  channels?: string[];
  /** Channel groups. */
  channelGroups?: string[];
  /** Also subscribe to the presence channels. */
  withPresence?: boolean;
  /** `withTimetoken`. */
  timetoken?: string;
}

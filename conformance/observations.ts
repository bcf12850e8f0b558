/**
 * What a conformance session observes, as plain values a fixture can state: step outcomes,
 * rejections, statuses and listener events. `session.ts` re-exports these.
 *
 * @module
 */
import { type PNStatus, PubNubError } from "./sdk.ts";

/**
 * What a step produced: a result, an error, or nothing (control steps).
 *
 * @example
 * ```ts
 * import type { StepOutcome } from "./observations.ts";
 * const outcome: StepOutcome = { index: 0, op: "time", result: { timetoken: "17000000000000000" } };
 * ```
 */
export interface StepOutcome {
  /** Index of the step. */
  index: number;
  /** Its `op`. */
  op: string;
  /** The call's result. */
  result?: unknown;
  /** The call's rejection, as plain fields. */
  error?: ErrorView;
}

/**
 * A rejection as a fixture shows it.
 *
 * @example
 * ```ts
 * import type { ErrorView } from "./observations.ts";
 * const view: ErrorView = { category: "PNTimeoutCategory", operation: "PNPublishOperation", message: "Publish failed: …" };
 * ```
 */
export interface ErrorView {
  /** `status.category`. */
  category: string;
  /** `status.operation`. */
  operation?: string;
  /** `status.statusCode`. */
  statusCode?: number;
  /** `status.errorData`. */
  errorData?: unknown;
  /** The error's message. */
  message: string;
}

/**
 * Everything the client observed.
 *
 * @example
 * ```ts
 * import type { Observations } from "./observations.ts";
 * const none: Observations = { statuses: [], messages: [], presence: [], signals: [], messageActions: [], engine: { subscribe: [], presence: [] }, onError: [] };
 * ```
 */
export interface Observations {
  /** Listener statuses, as plain fields. */
  statuses: Record<string, unknown>[];
  /** Listener messages. */
  messages: Record<string, unknown>[];
  /** Listener presence events. */
  presence: Record<string, unknown>[];
  /** Listener signals. */
  signals: Record<string, unknown>[];
  /** Listener message action events. */
  messageActions: Record<string, unknown>[];
  /** Engine log names per engine. */
  engine: { subscribe: string[]; presence: string[] };
  /** Messages of what was reported to `onError`. */
  onError: string[];
}

/**
 * Drops `undefined` fields so views compare and serialise cleanly.
 *
 * @example
 * ```ts
 * import { plain } from "./observations.ts";
 * plain({ channel: "room", subscription: undefined }); // { channel: "room" }
 * ```
 */
export function plain(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * A status as a fixture shows it: its plain fields without the undefined ones.
 *
 * @example
 * ```ts
 * import { statusView } from "./observations.ts";
 * import { PNStatus } from "../mod.ts";
 * statusView(new PNStatus({ category: "PNConnectedCategory", operation: "PNSubscribeOperation", error: false }));
 * // { category: "PNConnectedCategory", operation: "PNSubscribeOperation", error: false, affectedChannels: [], affectedChannelGroups: [] }
 * ```
 */
export function statusView(status: PNStatus): Record<string, unknown> {
  return plain(status.toJSON());
}

/**
 * A rejection as a fixture shows it.
 *
 * @example
 * ```ts
 * import { errorView } from "./observations.ts";
 * import { PubNubError } from "../mod.ts";
 * errorView(PubNubError.validation("PNSignalOperation", "too large")).category; // "PNValidationErrorCategory"
 * ```
 */
export function errorView(error: unknown): ErrorView {
  if (error instanceof PubNubError) {
    return plain({
      category: error.status.category,
      operation: error.status.operation,
      statusCode: error.status.statusCode,
      errorData: error.status.errorData,
      message: error.message,
    }) as unknown as ErrorView;
  }
  return {
    category: "(not a PubNubError)",
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}

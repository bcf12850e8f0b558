/**
 * The storage and message action steps of a fixture (history, message counts, delete, fetch,
 * add/get/remove message actions): their arguments, and how a session performs them with a
 * client.
 *
 * @module
 */
import type { PubNub } from "./sdk.ts";
import type { StepExpect } from "./steps.ts";

/**
 * The storage and message action step kinds.
 *
 * @example
 * ```ts
 * import { STORAGE_OPS } from "./storage_steps.ts";
 * STORAGE_OPS.includes("history"); // true
 * ```
 */
export const STORAGE_OPS = [
  "history",
  "messageCounts",
  "deleteMessages",
  "fetchMessages",
  "addMessageAction",
  "getMessageActions",
  "removeMessageAction",
] as const;

/**
 * A storage or message action call step; awaited, its outcome compared with `expect`.
 *
 * @example
 * ```ts
 * import type { StorageStep } from "./storage_steps.ts";
 * const step: StorageStep = { op: "history", args: { channel: "room", includeTimetoken: true } };
 * ```
 */
export type StorageStep =
  | { op: "history"; args: HistoryArgs; expect?: StepExpect; note?: string }
  | { op: "messageCounts"; args: MessageCountsArgs; expect?: StepExpect; note?: string }
  | { op: "deleteMessages"; args: DeleteMessagesArgs; expect?: StepExpect; note?: string }
  | { op: "fetchMessages"; args: FetchMessagesArgs; expect?: StepExpect; note?: string }
  | { op: "addMessageAction"; args: AddMessageActionArgs; expect?: StepExpect; note?: string }
  | { op: "getMessageActions"; args: GetMessageActionsArgs; expect?: StepExpect; note?: string }
  | {
    op: "removeMessageAction";
    args: RemoveMessageActionArgs;
    expect?: StepExpect;
    note?: string;
  };

/**
 * Whether a step is a storage or message action step.
 *
 * @example
 * ```ts
 * import { isStorageStep } from "./storage_steps.ts";
 * isStorageStep({ op: "time" }); // false
 * ```
 */
export function isStorageStep(step: { op: string }): step is StorageStep {
  return (STORAGE_OPS as readonly string[]).includes(step.op);
}

/**
 * Reads a timetoken an earlier step produced: `from` is the step's index, `fields` the result
 * fields to try. Throws when that step has none.
 *
 * @example
 * ```ts
 * import type { EarlierTimetoken } from "./storage_steps.ts";
 * const never: EarlierTimetoken = () => "17000000000000000";
 * ```
 */
export type EarlierTimetoken = (from: number, fields: string[]) => string;

/**
 * Performs a storage or message action step with `pubnub` and returns the call's result;
 * a rejection propagates. `earlier` reads timetokens from earlier steps' results
 * (`messageTimetokenFromStep`, `actionTimetokenFromStep`).
 *
 * @example
 * ```ts ignore
 * import { performStorageStep } from "./storage_steps.ts";
 * const result = await performStorageStep(pubnub, { op: "history", args: { channel: "room" } }, earlier);
 * ```
 */
export async function performStorageStep(
  pubnub: PubNub,
  step: StorageStep,
  earlier: EarlierTimetoken,
): Promise<unknown> {
  const messageOf = (a: { messageTimetoken?: string; messageTimetokenFromStep?: number }) =>
    a.messageTimetoken ??
      (a.messageTimetokenFromStep === undefined
        ? ""
        : earlier(a.messageTimetokenFromStep, ["timetoken", "messageTimetoken"]));
  switch (step.op) {
    case "history": {
      const a = step.args;
      const builder = pubnub.history().channel(a.channel);
      if (a.count !== undefined) builder.count(a.count);
      if (a.start !== undefined) builder.start(a.start);
      if (a.end !== undefined) builder.end(a.end);
      if (a.reverse !== undefined) builder.reverse(a.reverse);
      if (a.includeTimetoken !== undefined) builder.includeTimetoken(a.includeTimetoken);
      if (a.includeMeta !== undefined) builder.includeMeta(a.includeMeta);
      return (await builder.future()).result;
    }
    case "messageCounts": {
      const a = step.args;
      const builder = pubnub.messageCounts().channels(a.channels);
      if (a.timetoken !== undefined) builder.timetoken(a.timetoken);
      if (a.channelsTimetoken !== undefined) builder.channelsTimetoken(a.channelsTimetoken);
      return (await builder.future()).result;
    }
    case "deleteMessages": {
      const a = step.args;
      const builder = pubnub.deleteMessages().channel(a.channel);
      if (a.start !== undefined) builder.start(a.start);
      if (a.end !== undefined) builder.end(a.end);
      return (await builder.future()).result;
    }
    case "fetchMessages": {
      const a = step.args;
      const builder = pubnub.fetchMessages().channels(a.channels);
      if (a.count !== undefined) builder.count(a.count);
      if (a.start !== undefined) builder.start(a.start);
      if (a.end !== undefined) builder.end(a.end);
      if (a.includeMeta !== undefined) builder.includeMeta(a.includeMeta);
      if (a.includeUuid !== undefined) builder.includeUuid(a.includeUuid);
      if (a.includeMessageType !== undefined) builder.includeMessageType(a.includeMessageType);
      if (a.includeMessageActions !== undefined) {
        builder.includeMessageActions(a.includeMessageActions);
      }
      return (await builder.future()).result;
    }
    case "addMessageAction": {
      const a = step.args;
      return (await pubnub.addMessageAction().channel(a.channel).messageTimetoken(messageOf(a))
        .action(a.action).future()).result;
    }
    case "getMessageActions": {
      const a = step.args;
      const builder = pubnub.getMessageActions().channel(a.channel);
      if (a.start !== undefined) builder.start(a.start);
      if (a.end !== undefined) builder.end(a.end);
      if (a.limit !== undefined) builder.limit(a.limit);
      return (await builder.future()).result;
    }
    case "removeMessageAction": {
      const a = step.args;
      const action = a.actionTimetoken ??
        (a.actionTimetokenFromStep === undefined
          ? ""
          : earlier(a.actionTimetokenFromStep, ["actionTimetoken"]));
      return (await pubnub.removeMessageAction().channel(a.channel)
        .messageTimetoken(messageOf(a)).actionTimetoken(action).future()).result;
    }
  }
}

/**
 * Arguments of a v2 history step.
 *
 * @example
 * ```ts
 * import type { HistoryArgs } from "./storage_steps.ts";
 * const args: HistoryArgs = { channel: "room", count: 10, includeTimetoken: true };
 * ```
 */
export interface HistoryArgs {
  /** Channel. */
  channel: string;
  /** `count`. */
  count?: number;
  /** `start`. */
  start?: string;
  /** `end`. */
  end?: string;
  /** `reverse`. */
  reverse?: boolean;
  /** `includeTimetoken`. */
  includeTimetoken?: boolean;
  /** `includeMeta`. */
  includeMeta?: boolean;
}

/**
 * Arguments of a message counts step.
 *
 * @example
 * ```ts
 * import type { MessageCountsArgs } from "./storage_steps.ts";
 * const args: MessageCountsArgs = { channels: ["a", "b"], channelsTimetoken: ["17000000000000000", "17000000000000001"] };
 * ```
 */
export interface MessageCountsArgs {
  /** Channels. */
  channels: string[];
  /** One timetoken for all. */
  timetoken?: string;
  /** One timetoken per channel. */
  channelsTimetoken?: string[];
}

/**
 * Arguments of a delete-messages step.
 *
 * @example
 * ```ts
 * import type { DeleteMessagesArgs } from "./storage_steps.ts";
 * const args: DeleteMessagesArgs = { channel: "room" };
 * ```
 */
export interface DeleteMessagesArgs {
  /** Channel. */
  channel: string;
  /** `start`. */
  start?: string;
  /** `end`. */
  end?: string;
}

/**
 * Arguments of a fetch-messages step.
 *
 * @example
 * ```ts
 * import type { FetchMessagesArgs } from "./storage_steps.ts";
 * const args: FetchMessagesArgs = { channels: ["room"], includeMessageActions: true };
 * ```
 */
export interface FetchMessagesArgs {
  /** Channels. */
  channels: string[];
  /** `count`. */
  count?: number;
  /** `start`. */
  start?: string;
  /** `end`. */
  end?: string;
  /** `includeMeta`. */
  includeMeta?: boolean;
  /** `includeUuid`. */
  includeUuid?: boolean;
  /** `includeMessageType`. */
  includeMessageType?: boolean;
  /** `includeMessageActions`. */
  includeMessageActions?: boolean;
}

/**
 * Arguments of an add-message-action step. The message's timetoken is given, or taken from an
 * earlier step's result (`messageTimetokenFromStep`: a publish's `timetoken`), since a recording
 * script cannot know it in advance.
 *
 * @example
 * ```ts
 * import type { AddMessageActionArgs } from "./storage_steps.ts";
 * const args: AddMessageActionArgs = { channel: "room", messageTimetokenFromStep: 2, action: { type: "reaction", value: "smile" } };
 * ```
 */
export interface AddMessageActionArgs {
  /** Channel. */
  channel: string;
  /** The message's timetoken. */
  messageTimetoken?: string;
  /** Index of an earlier step whose result's `timetoken` (or `messageTimetoken`) is the message's. */
  messageTimetokenFromStep?: number;
  /** The action. */
  action: { type: string; value: string };
}

/**
 * Arguments of a get-message-actions step.
 *
 * @example
 * ```ts
 * import type { GetMessageActionsArgs } from "./storage_steps.ts";
 * const args: GetMessageActionsArgs = { channel: "room", limit: 10 };
 * ```
 */
export interface GetMessageActionsArgs {
  /** Channel. */
  channel: string;
  /** `start`. */
  start?: string;
  /** `end`. */
  end?: string;
  /** `limit`. */
  limit?: number;
}

/**
 * Arguments of a remove-message-action step; timetokens given or taken from earlier steps
 * (`actionTimetokenFromStep`: an add's `actionTimetoken`).
 *
 * @example
 * ```ts
 * import type { RemoveMessageActionArgs } from "./storage_steps.ts";
 * const args: RemoveMessageActionArgs = { channel: "room", messageTimetokenFromStep: 2, actionTimetokenFromStep: 3 };
 * ```
 */
export interface RemoveMessageActionArgs {
  /** Channel. */
  channel: string;
  /** The message's timetoken. */
  messageTimetoken?: string;
  /** Index of an earlier step whose result's `timetoken` (or `messageTimetoken`) is the message's. */
  messageTimetokenFromStep?: number;
  /** The action's timetoken. */
  actionTimetoken?: string;
  /** Index of an earlier step whose result's `actionTimetoken` is the action's. */
  actionTimetokenFromStep?: number;
}

import type { StoredAction, StoredMessage } from "./history.ts";

/**
 * Longest action `type` the service accepts (characters).
 *
 * @example
 * ```ts
 * import { MAX_ACTION_TYPE_LENGTH } from "./message_actions.ts";
 * "reaction".length <= MAX_ACTION_TYPE_LENGTH; // true
 * ```
 */
export const MAX_ACTION_TYPE_LENGTH = 15;

/**
 * Most actions one message may carry (the service's default limit).
 *
 * @example
 * ```ts
 * import { MAX_ACTIONS_PER_MESSAGE } from "./message_actions.ts";
 * MAX_ACTIONS_PER_MESSAGE; // 25000
 * ```
 */
export const MAX_ACTIONS_PER_MESSAGE = 25_000;

/**
 * A message action to add or remove, already validated by the HTTP layer.
 *
 * @example
 * ```ts
 * import type { ActionRequest } from "./message_actions.ts";
 * const add: ActionRequest = { subKey: "demo", channel: "ch", messageTimetoken: 1n, uuid: "u", add: { type: "reaction", value: "smile" } };
 * ```
 */
export interface ActionRequest {
  /** Subscribe key. */
  subKey: string;
  /** Channel of the message. */
  channel: string;
  /** Publish timetoken of the message. */
  messageTimetoken: bigint;
  /** Who adds or removes it. */
  uuid: string;
  /** The action to add. */
  add?: { type: string; value: string };
  /** The timetoken of the action to remove. */
  remove?: bigint;
}

/**
 * What adding or removing an action did: the action concerned, or why it was refused
 * (HTTP status and a message naming the rule).
 *
 * @example
 * ```ts
 * import type { ActionChange } from "./message_actions.ts";
 * const refused: ActionChange = { ok: false, status: 404, message: "no such action" };
 * ```
 */
export type ActionChange =
  | { ok: true; action: StoredAction }
  | { ok: false; status: number; message: string };

/**
 * Adds an action to a stored message: refused when the message is not stored, when this uuid
 * already added the same type and value (the service keeps one of each per uuid), or when the
 * message already carries {@link MAX_ACTIONS_PER_MESSAGE}.
 *
 * @example
 * ```ts
 * import { addAction } from "./message_actions.ts";
 * const message = { timetoken: 1n, tt: "1", message: "hi" };
 * addAction(message, "ch", { type: "reaction", value: "smile", uuid: "u" }, 2n).ok; // true
 * addAction(message, "ch", { type: "reaction", value: "smile", uuid: "u" }, 3n).ok; // false
 * ```
 */
export function addAction(
  message: StoredMessage | undefined,
  channel: string,
  action: { type: string; value: string; uuid: string },
  timetoken: bigint,
): ActionChange {
  if (!message) return notStored(channel);
  const actions = message.actions ??= [];
  if (
    actions.some((a) =>
      a.type === action.type && a.value === action.value && a.uuid === action.uuid
    )
  ) {
    return {
      ok: false,
      status: 409,
      message: `Action Already Added: uuid "${action.uuid}" already added type "${action.type}" ` +
        `with value "${action.value}" to this message`,
    };
  }
  if (actions.length >= MAX_ACTIONS_PER_MESSAGE) {
    return {
      ok: false,
      status: 400,
      message:
        `Too many actions: a message carries at most ${MAX_ACTIONS_PER_MESSAGE} actions, this one has ${actions.length}`,
    };
  }
  const stored: StoredAction = { ...action, timetoken, tt: timetoken.toString() };
  actions.push(stored);
  return { ok: true, action: stored };
}

/**
 * Removes the action with timetoken `actionTimetoken` from a stored message.
 *
 * @example
 * ```ts
 * import { addAction, removeAction } from "./message_actions.ts";
 * const message = { timetoken: 1n, tt: "1", message: "hi" };
 * addAction(message, "ch", { type: "receipt", value: "read", uuid: "u" }, 2n);
 * removeAction(message, "ch", 2n).ok; // true
 * removeAction(message, "ch", 2n).ok; // false
 * ```
 */
export function removeAction(
  message: StoredMessage | undefined,
  channel: string,
  actionTimetoken: bigint,
): ActionChange {
  if (!message) return notStored(channel);
  const index = (message.actions ?? []).findIndex((a) => a.timetoken === actionTimetoken);
  if (index < 0) {
    return {
      ok: false,
      status: 404,
      message: `No message action with timetoken ${actionTimetoken} on the message ${message.tt}`,
    };
  }
  const [removed] = message.actions!.splice(index, 1);
  if (message.actions!.length === 0) delete message.actions;
  return { ok: true, action: removed };
}

/**
 * The payload (`d`) of the `e: 3` envelope subscribers receive, as the service sends it.
 *
 * @example
 * ```ts
 * import { actionEventPayload } from "./message_actions.ts";
 * const a = { type: "reaction", value: "smile", uuid: "u", timetoken: 2n, tt: "2" };
 * actionEventPayload("added", a, "1").event; // "added"
 * ```
 */
export function actionEventPayload(
  event: "added" | "removed",
  action: StoredAction,
  messageTimetoken: string,
): Record<string, unknown> {
  return {
    source: "actions",
    version: "1.0",
    data: {
      messageTimetoken,
      type: action.type,
      value: action.value,
      actionTimetoken: action.tt,
    },
    event,
  };
}

function notStored(channel: string): ActionChange {
  return {
    ok: false,
    status: 400,
    message: `Message not found: actions apply to stored messages, and channel "${channel}" ` +
      "stores no message with this timetoken",
  };
}

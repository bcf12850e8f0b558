import assert from "node:assert/strict";
import { PNStatus, type PNStatusInit } from "../status.ts";
import type { Envelope } from "./envelope.ts";
import {
  disconnect,
  gapFillFailure,
  gapFillSuccess,
  handshakeFailure,
  handshakeReconnectFailure,
  handshakeReconnectGiveup,
  handshakeReconnectSuccess,
  handshakeSuccess,
  receiveFailure,
  receiveReconnectFailure,
  receiveReconnectGiveup,
  receiveReconnectSuccess,
  receiveSuccess,
  reconnect,
  SUBSCRIBE_EVENT_TYPES,
  type SubscribeEvent,
  type SubscribeEventType,
  subscriptionChanged,
  subscriptionRestored,
  unsubscribeAll,
} from "./events.ts";
import {
  handshakeFailed,
  handshakeReconnecting,
  handshakeStopped,
  handshaking,
  INITIAL_SUBSCRIBE_STATE,
  receiveFailed,
  receiveReconnecting,
  receiveStopped,
  receiving,
  SUBSCRIBE_STATE_NAMES,
  type SubscribeState,
  type SubscribeStateNameValue,
  type SubscriptionCursor,
} from "./states.ts";
import type { GapRange, UnfilledGap } from "./gaps.ts";
import { receiveGapFilling } from "./gap_fill_values.ts";
import { transition } from "./transition.ts";
import { SUBSCRIBE_TRANSITIONS } from "./transition_table.ts";

// --- Fixtures -------------------------------------------------------------------------------

const CH = ["a", "b"];
const GR = ["g"];
const NEW_CH = ["a", "c"];
const NEW_GR: string[] = [];
const OLD: SubscriptionCursor = { timetoken: "17000000000000001", region: 1 };
const SERVER: SubscriptionCursor = { timetoken: "17000000000000005", region: 7 };
const NEXT: SubscriptionCursor = { timetoken: "17000000000000009", region: 7 };
const STORED: SubscriptionCursor = { timetoken: "16000000000000000", region: 0 };

const TIMEOUT = new PNStatus({
  category: "PNTimeoutCategory",
  operation: "PNSubscribeOperation",
  error: true,
  errorData: { message: "no response within 310 s" },
});
const SERVER_ERROR = new PNStatus({
  category: "PNServerErrorCategory",
  operation: "PNSubscribeOperation",
  error: true,
  statusCode: 503,
  errorData: { message: "Service Unavailable", status: 503 },
});
const FORBIDDEN = new PNStatus({
  category: "PNAccessDeniedCategory",
  operation: "PNSubscribeOperation",
  error: true,
  statusCode: 403,
  errorData: { message: "Forbidden", payload: { channels: ["a"] } },
});

const MESSAGES: Envelope[] = [
  { c: "a", d: { text: "hi" }, p: { t: "17000000000000008", r: 7 }, i: "u1" },
];

// --- Expected values, written out plainly -----------------------------------------------------

type ExpectedState = {
  name: SubscribeStateNameValue;
  channels: string[];
  groups: string[];
  attempts: number;
  cursor?: SubscriptionCursor;
  reason?: PNStatus;
  catchUp?: true;
  gaps?: GapRange[];
  pending?: Envelope[];
  previousCursor?: SubscriptionCursor;
};

function st(
  name: SubscribeStateNameValue,
  channels: string[],
  groups: string[],
  extra: { cursor?: SubscriptionCursor; attempts?: number; reason?: PNStatus; catchUp?: true } = {},
): ExpectedState {
  const s: ExpectedState = { name, channels, groups, attempts: extra.attempts ?? 0 };
  if (extra.cursor) s.cursor = extra.cursor;
  if (extra.catchUp) s.catchUp = true;
  if (extra.reason) s.reason = extra.reason;
  return s;
}

const EMPTY_STATE = st("UNSUBSCRIBED", [], []);

function status(
  category: PNStatusInit["category"],
  channels: string[],
  groups: string[],
  last: SubscriptionCursor | undefined,
  current: SubscriptionCursor | undefined,
  reason?: PNStatus,
): { type: "EMIT_STATUS"; status: PNStatusInit } {
  const s: PNStatusInit = {
    category,
    operation: "PNSubscribeOperation",
    error: reason !== undefined,
    affectedChannels: channels,
    affectedChannelGroups: groups,
  };
  if (current) s.currentTimetoken = current.timetoken;
  if (last) s.lastTimetoken = last.timetoken;
  if (reason?.statusCode !== undefined) s.statusCode = reason.statusCode;
  if (reason?.errorData !== undefined) s.errorData = reason.errorData;
  return { type: "EMIT_STATUS", status: s };
}

const HANDSHAKE = (channels: string[], groups: string[]) => ({
  type: "HANDSHAKE",
  channels,
  groups,
});
const HANDSHAKE_RECONNECT = (
  channels: string[],
  groups: string[],
  attempts: number,
  reason: PNStatus,
) => ({ type: "HANDSHAKE_RECONNECT", channels, groups, attempts, reason });
const RECEIVE_MESSAGES = (
  channels: string[],
  groups: string[],
  cursor: SubscriptionCursor,
  catchUp = false,
) => ({ type: "RECEIVE_MESSAGES", channels, groups, cursor, ...(catchUp ? { catchUp } : {}) });
const RECEIVE_RECONNECT = (
  channels: string[],
  groups: string[],
  cursor: SubscriptionCursor,
  attempts: number,
  reason: PNStatus,
) => ({ type: "RECEIVE_RECONNECT", channels, groups, cursor, attempts, reason });
const EMIT_MESSAGES = (
  cursor: SubscriptionCursor,
  previousCursor: SubscriptionCursor,
  messages: Envelope[],
) => ({ type: "EMIT_MESSAGES", cursor, previousCursor, messages });
const CANCEL_HANDSHAKE = { type: "CANCEL_HANDSHAKE" };
const CANCEL_HANDSHAKE_RECONNECT = { type: "CANCEL_HANDSHAKE_RECONNECT" };
const CANCEL_RECEIVE_MESSAGES = { type: "CANCEL_RECEIVE_MESSAGES" };
const CANCEL_RECEIVE_RECONNECT = { type: "CANCEL_RECEIVE_RECONNECT" };
const CANCEL_FILL_GAP = { type: "CANCEL_FILL_GAP" };
const FILL_GAP = (gaps: GapRange[], region: number) => ({ type: "FILL_GAP", gaps, region });

// --- Gap back-fill fixtures: a catch-up from OLD to NEXT that filled channel a's window --------

const GAP_A: GapRange = { channel: "a", after: OLD.timetoken, before: "17000000000000006" };
const CATCH_UP: Envelope[] = [
  { c: "a", d: "c1", p: { t: "17000000000000006", r: 7 }, i: "u1" },
  { c: "a", d: "c2", p: { t: "17000000000000008", r: 7 }, i: "u1" },
];
const RESTORED_1: Envelope = { c: "a", d: "r1", p: { t: "17000000000000002", r: 7 }, i: "u1" };
const RESTORED_2: Envelope = { c: "a", d: "r2", p: { t: "17000000000000004", r: 7 }, i: "u2" };
const FILLING = () =>
  receiveGapFilling(CH, GR, NEXT, { gaps: [GAP_A], pending: CATCH_UP, previousCursor: OLD });
const FILLING_STATE = {
  ...st("RECEIVE_GAP_FILLING", CH, GR, { cursor: NEXT }),
  gaps: [GAP_A],
  pending: CATCH_UP,
  previousCursor: OLD,
};
const STORAGE_OFF: UnfilledGap = {
  ...GAP_A,
  missed: 3,
  reason: { category: "PNAccessDeniedCategory", statusCode: 403, message: "storage is off" },
};

// --- One test per row ---------------------------------------------------------------------------

interface Row {
  title: string;
  from: SubscribeState;
  event: SubscribeEvent;
  to: ExpectedState;
  invocations: unknown[];
}

const covered = new Set<string>();

const ROWS: Row[] = [
  // UNSUBSCRIBED
  {
    title: "UNSUBSCRIBED + SUBSCRIPTION_CHANGED → HANDSHAKING, no cursor",
    from: INITIAL_SUBSCRIBE_STATE,
    event: subscriptionChanged(CH, GR),
    to: st("HANDSHAKING", CH, GR),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "UNSUBSCRIBED + SUBSCRIPTION_CHANGED to nothing stays UNSUBSCRIBED",
    from: INITIAL_SUBSCRIBE_STATE,
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [],
  },
  {
    title: "UNSUBSCRIBED + SUBSCRIPTION_RESTORED → HANDSHAKING, cursor stored",
    from: INITIAL_SUBSCRIBE_STATE,
    event: subscriptionRestored(CH, GR, STORED),
    to: st("HANDSHAKING", CH, GR, { cursor: STORED }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "UNSUBSCRIBED + SUBSCRIPTION_RESTORED to nothing stays UNSUBSCRIBED",
    from: INITIAL_SUBSCRIBE_STATE,
    event: subscriptionRestored([], [], STORED),
    to: EMPTY_STATE,
    invocations: [],
  },

  // HANDSHAKING
  {
    title:
      "HANDSHAKING + SUBSCRIPTION_CHANGED → HANDSHAKING with the new lists, stored cursor kept",
    from: handshaking(CH, GR, STORED),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [CANCEL_HANDSHAKE, HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "HANDSHAKING + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED",
    from: handshaking(CH, GR, STORED),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [CANCEL_HANDSHAKE],
  },
  {
    title: "HANDSHAKING + SUBSCRIPTION_RESTORED → HANDSHAKING, the restore's cursor stored",
    from: handshaking(CH, GR),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [CANCEL_HANDSHAKE, HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "HANDSHAKING + SUBSCRIPTION_RESTORED to nothing → UNSUBSCRIBED",
    from: handshaking(CH, GR),
    event: subscriptionRestored([], [], STORED),
    to: EMPTY_STATE,
    invocations: [CANCEL_HANDSHAKE],
  },
  {
    title: "HANDSHAKING + HANDSHAKE_SUCCESS → RECEIVING from the server's cursor, Connected",
    from: handshaking(CH, GR),
    event: handshakeSuccess(SERVER),
    to: st("RECEIVING", CH, GR, { cursor: SERVER }),
    invocations: [
      CANCEL_HANDSHAKE,
      status("PNConnectedCategory", CH, GR, undefined, SERVER),
      RECEIVE_MESSAGES(CH, GR, SERVER),
    ],
  },
  {
    title:
      "HANDSHAKING (stored cursor) + HANDSHAKE_SUCCESS → RECEIVING from the stored timetoken, server's region",
    from: handshaking(CH, GR, STORED),
    event: handshakeSuccess(SERVER),
    to: st("RECEIVING", CH, GR, {
      cursor: { timetoken: STORED.timetoken, region: SERVER.region },
      catchUp: true,
    }),
    invocations: [
      CANCEL_HANDSHAKE,
      status("PNConnectedCategory", CH, GR, STORED, {
        timetoken: STORED.timetoken,
        region: SERVER.region,
      }),
      RECEIVE_MESSAGES(CH, GR, { timetoken: STORED.timetoken, region: SERVER.region }, true),
    ],
  },
  {
    title: "HANDSHAKING + HANDSHAKE_FAILURE → HANDSHAKE_RECONNECTING, attempts 0",
    from: handshaking(CH, GR, STORED),
    event: handshakeFailure(TIMEOUT),
    to: st("HANDSHAKE_RECONNECTING", CH, GR, { cursor: STORED, attempts: 0, reason: TIMEOUT }),
    invocations: [CANCEL_HANDSHAKE, HANDSHAKE_RECONNECT(CH, GR, 0, TIMEOUT)],
  },
  {
    title:
      "HANDSHAKING + HANDSHAKE_FAILURE that is not retryable still → HANDSHAKE_RECONNECTING (the runner gives up)",
    from: handshaking(CH, GR),
    event: handshakeFailure(FORBIDDEN),
    to: st("HANDSHAKE_RECONNECTING", CH, GR, { attempts: 0, reason: FORBIDDEN }),
    invocations: [CANCEL_HANDSHAKE, HANDSHAKE_RECONNECT(CH, GR, 0, FORBIDDEN)],
  },
  {
    title: "HANDSHAKING + DISCONNECT → HANDSHAKE_STOPPED",
    from: handshaking(CH, GR, STORED),
    event: disconnect(),
    to: st("HANDSHAKE_STOPPED", CH, GR, { cursor: STORED }),
    invocations: [CANCEL_HANDSHAKE],
  },
  {
    title: "HANDSHAKING + UNSUBSCRIBE_ALL → UNSUBSCRIBED, cursor dropped",
    from: handshaking(CH, GR, STORED),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [CANCEL_HANDSHAKE],
  },

  // HANDSHAKE_RECONNECTING
  {
    title: "HANDSHAKE_RECONNECTING + HANDSHAKE_RECONNECT_SUCCESS → RECEIVING, Connected",
    from: handshakeReconnecting(CH, GR, undefined, 2, TIMEOUT),
    event: handshakeReconnectSuccess(SERVER),
    to: st("RECEIVING", CH, GR, { cursor: SERVER }),
    invocations: [
      CANCEL_HANDSHAKE_RECONNECT,
      status("PNConnectedCategory", CH, GR, undefined, SERVER),
      RECEIVE_MESSAGES(CH, GR, SERVER),
    ],
  },
  {
    title:
      "HANDSHAKE_RECONNECTING (stored cursor) + HANDSHAKE_RECONNECT_SUCCESS → RECEIVING from the stored timetoken",
    from: handshakeReconnecting(CH, GR, STORED, 2, TIMEOUT),
    event: handshakeReconnectSuccess(SERVER),
    to: st("RECEIVING", CH, GR, {
      cursor: { timetoken: STORED.timetoken, region: SERVER.region },
      catchUp: true,
    }),
    invocations: [
      CANCEL_HANDSHAKE_RECONNECT,
      status("PNConnectedCategory", CH, GR, STORED, {
        timetoken: STORED.timetoken,
        region: SERVER.region,
      }),
      RECEIVE_MESSAGES(CH, GR, { timetoken: STORED.timetoken, region: SERVER.region }, true),
    ],
  },
  {
    title:
      "HANDSHAKE_RECONNECTING + HANDSHAKE_RECONNECT_FAILURE → HANDSHAKE_RECONNECTING, attempts + 1",
    from: handshakeReconnecting(CH, GR, STORED, 2, TIMEOUT),
    event: handshakeReconnectFailure(SERVER_ERROR),
    to: st("HANDSHAKE_RECONNECTING", CH, GR, { cursor: STORED, attempts: 3, reason: SERVER_ERROR }),
    invocations: [CANCEL_HANDSHAKE_RECONNECT, HANDSHAKE_RECONNECT(CH, GR, 3, SERVER_ERROR)],
  },
  {
    title:
      "HANDSHAKE_RECONNECTING + HANDSHAKE_RECONNECT_GIVEUP → HANDSHAKE_FAILED, ConnectionError with the reason's details",
    from: handshakeReconnecting(CH, GR, undefined, 5, TIMEOUT),
    event: handshakeReconnectGiveup(FORBIDDEN),
    to: st("HANDSHAKE_FAILED", CH, GR, { reason: FORBIDDEN }),
    invocations: [
      CANCEL_HANDSHAKE_RECONNECT,
      status("PNConnectionErrorCategory", CH, GR, undefined, undefined, FORBIDDEN),
    ],
  },
  {
    title: "HANDSHAKE_RECONNECTING + SUBSCRIPTION_CHANGED → HANDSHAKING, attempts reset",
    from: handshakeReconnecting(CH, GR, STORED, 3, TIMEOUT),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [CANCEL_HANDSHAKE_RECONNECT, HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "HANDSHAKE_RECONNECTING + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED",
    from: handshakeReconnecting(CH, GR, STORED, 3, TIMEOUT),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [CANCEL_HANDSHAKE_RECONNECT],
  },
  {
    title:
      "HANDSHAKE_RECONNECTING + SUBSCRIPTION_RESTORED → HANDSHAKING, the restore's cursor stored",
    from: handshakeReconnecting(CH, GR, undefined, 3, TIMEOUT),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [CANCEL_HANDSHAKE_RECONNECT, HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "HANDSHAKE_RECONNECTING + DISCONNECT → HANDSHAKE_STOPPED",
    from: handshakeReconnecting(CH, GR, STORED, 3, TIMEOUT),
    event: disconnect(),
    to: st("HANDSHAKE_STOPPED", CH, GR, { cursor: STORED }),
    invocations: [CANCEL_HANDSHAKE_RECONNECT],
  },
  {
    title: "HANDSHAKE_RECONNECTING + UNSUBSCRIBE_ALL → UNSUBSCRIBED",
    from: handshakeReconnecting(CH, GR, STORED, 3, TIMEOUT),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [CANCEL_HANDSHAKE_RECONNECT],
  },

  // HANDSHAKE_FAILED
  {
    title: "HANDSHAKE_FAILED + SUBSCRIPTION_CHANGED → HANDSHAKING",
    from: handshakeFailed(CH, GR, STORED, FORBIDDEN),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "HANDSHAKE_FAILED + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED",
    from: handshakeFailed(CH, GR, STORED, FORBIDDEN),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [],
  },
  {
    title: "HANDSHAKE_FAILED + SUBSCRIPTION_RESTORED → HANDSHAKING, the restore's cursor stored",
    from: handshakeFailed(CH, GR, undefined, FORBIDDEN),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "HANDSHAKE_FAILED + RECONNECT → HANDSHAKING, stored cursor kept",
    from: handshakeFailed(CH, GR, STORED, FORBIDDEN),
    event: reconnect(),
    to: st("HANDSHAKING", CH, GR, { cursor: STORED }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "HANDSHAKE_FAILED + RECONNECT(cursor) → HANDSHAKING from that cursor",
    from: handshakeFailed(CH, GR, undefined, FORBIDDEN),
    event: reconnect(OLD),
    to: st("HANDSHAKING", CH, GR, { cursor: OLD }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "HANDSHAKE_FAILED + UNSUBSCRIBE_ALL → UNSUBSCRIBED",
    from: handshakeFailed(CH, GR, STORED, FORBIDDEN),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [],
  },

  // HANDSHAKE_STOPPED
  {
    title: "HANDSHAKE_STOPPED + SUBSCRIPTION_CHANGED → HANDSHAKE_STOPPED, lists updated",
    from: handshakeStopped(CH, GR, STORED),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("HANDSHAKE_STOPPED", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [],
  },
  {
    title: "HANDSHAKE_STOPPED + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED",
    from: handshakeStopped(CH, GR, STORED),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [],
  },
  {
    title:
      "HANDSHAKE_STOPPED + SUBSCRIPTION_RESTORED → HANDSHAKE_STOPPED, lists and cursor updated",
    from: handshakeStopped(CH, GR),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("HANDSHAKE_STOPPED", NEW_CH, NEW_GR, { cursor: STORED }),
    invocations: [],
  },
  {
    title: "HANDSHAKE_STOPPED + RECONNECT → HANDSHAKING",
    from: handshakeStopped(CH, GR, STORED),
    event: reconnect(),
    to: st("HANDSHAKING", CH, GR, { cursor: STORED }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "HANDSHAKE_STOPPED + RECONNECT(cursor) → HANDSHAKING from that cursor",
    from: handshakeStopped(CH, GR, STORED),
    event: reconnect(OLD),
    to: st("HANDSHAKING", CH, GR, { cursor: OLD }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "HANDSHAKE_STOPPED + UNSUBSCRIBE_ALL → UNSUBSCRIBED",
    from: handshakeStopped(CH, GR, STORED),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [],
  },

  // RECEIVING
  {
    title: "RECEIVING + RECEIVE_SUCCESS → RECEIVING from the new cursor, EMIT_MESSAGES",
    from: receiving(CH, GR, OLD),
    event: receiveSuccess(NEXT, MESSAGES),
    to: st("RECEIVING", CH, GR, { cursor: NEXT }),
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      EMIT_MESSAGES(NEXT, OLD, MESSAGES),
      RECEIVE_MESSAGES(CH, GR, NEXT),
    ],
  },
  {
    title: "RECEIVING + RECEIVE_FAILURE → RECEIVE_RECONNECTING, attempts 0, cursor kept",
    from: receiving(CH, GR, OLD),
    event: receiveFailure(TIMEOUT),
    to: st("RECEIVE_RECONNECTING", CH, GR, { cursor: OLD, attempts: 0, reason: TIMEOUT }),
    invocations: [CANCEL_RECEIVE_MESSAGES, RECEIVE_RECONNECT(CH, GR, OLD, 0, TIMEOUT)],
  },
  {
    title: "RECEIVING + SUBSCRIPTION_CHANGED → RECEIVING, cursor kept, SubscriptionChanged",
    from: receiving(CH, GR, OLD),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("RECEIVING", NEW_CH, NEW_GR, { cursor: OLD }),
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      status("PNSubscriptionChangedCategory", NEW_CH, NEW_GR, OLD, OLD),
      RECEIVE_MESSAGES(NEW_CH, NEW_GR, OLD),
    ],
  },
  {
    title: "RECEIVING + SUBSCRIPTION_RESTORED → RECEIVING, cursor kept (not the restore's)",
    from: receiving(CH, GR, OLD),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("RECEIVING", NEW_CH, NEW_GR, { cursor: OLD }),
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      status("PNSubscriptionChangedCategory", NEW_CH, NEW_GR, OLD, OLD),
      RECEIVE_MESSAGES(NEW_CH, NEW_GR, OLD),
    ],
  },
  {
    title:
      "RECEIVING + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED, Disconnected, cursor dropped",
    from: receiving(CH, GR, OLD),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      status("PNDisconnectedCategory", CH, GR, OLD, undefined),
    ],
  },
  {
    title: "RECEIVING + SUBSCRIPTION_RESTORED to nothing → UNSUBSCRIBED, Disconnected",
    from: receiving(CH, GR, OLD),
    event: subscriptionRestored([], [], STORED),
    to: EMPTY_STATE,
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      status("PNDisconnectedCategory", CH, GR, OLD, undefined),
    ],
  },
  {
    title: "RECEIVING + DISCONNECT → RECEIVE_STOPPED, cursor kept, Disconnected",
    from: receiving(CH, GR, OLD),
    event: disconnect(),
    to: st("RECEIVE_STOPPED", CH, GR, { cursor: OLD }),
    invocations: [CANCEL_RECEIVE_MESSAGES, status("PNDisconnectedCategory", CH, GR, OLD, OLD)],
  },
  {
    title: "RECEIVING + UNSUBSCRIBE_ALL → UNSUBSCRIBED, cursor dropped, Disconnected",
    from: receiving(CH, GR, OLD),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      status("PNDisconnectedCategory", CH, GR, OLD, undefined),
    ],
  },

  // RECEIVE_RECONNECTING
  {
    title:
      "RECEIVE_RECONNECTING + RECEIVE_RECONNECT_SUCCESS → RECEIVING, Reconnected then EMIT_MESSAGES",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: receiveReconnectSuccess(NEXT, MESSAGES),
    to: st("RECEIVING", CH, GR, { cursor: NEXT }),
    invocations: [
      CANCEL_RECEIVE_RECONNECT,
      status("PNReconnectedCategory", CH, GR, OLD, NEXT),
      EMIT_MESSAGES(NEXT, OLD, MESSAGES),
      RECEIVE_MESSAGES(CH, GR, NEXT),
    ],
  },
  {
    title: "RECEIVE_RECONNECTING + RECEIVE_RECONNECT_FAILURE → RECEIVE_RECONNECTING, attempts + 1",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: receiveReconnectFailure(SERVER_ERROR),
    to: st("RECEIVE_RECONNECTING", CH, GR, { cursor: OLD, attempts: 3, reason: SERVER_ERROR }),
    invocations: [CANCEL_RECEIVE_RECONNECT, RECEIVE_RECONNECT(CH, GR, OLD, 3, SERVER_ERROR)],
  },
  {
    title:
      "RECEIVE_RECONNECTING + RECEIVE_RECONNECT_GIVEUP → RECEIVE_FAILED, UnexpectedDisconnect with the reason's details",
    from: receiveReconnecting(CH, GR, OLD, 6, TIMEOUT),
    event: receiveReconnectGiveup(SERVER_ERROR),
    to: st("RECEIVE_FAILED", CH, GR, { cursor: OLD, reason: SERVER_ERROR }),
    invocations: [
      CANCEL_RECEIVE_RECONNECT,
      status("PNUnexpectedDisconnectCategory", CH, GR, OLD, OLD, SERVER_ERROR),
    ],
  },
  {
    title:
      "RECEIVE_RECONNECTING + SUBSCRIPTION_CHANGED → RECEIVING, cursor kept, SubscriptionChanged",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("RECEIVING", NEW_CH, NEW_GR, { cursor: OLD, catchUp: true }),
    invocations: [
      CANCEL_RECEIVE_RECONNECT,
      status("PNSubscriptionChangedCategory", NEW_CH, NEW_GR, OLD, OLD),
      RECEIVE_MESSAGES(NEW_CH, NEW_GR, OLD, true),
    ],
  },
  {
    title:
      "RECEIVE_RECONNECTING + SUBSCRIPTION_RESTORED → RECEIVING, cursor kept, SubscriptionChanged",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("RECEIVING", NEW_CH, NEW_GR, { cursor: OLD, catchUp: true }),
    invocations: [
      CANCEL_RECEIVE_RECONNECT,
      status("PNSubscriptionChangedCategory", NEW_CH, NEW_GR, OLD, OLD),
      RECEIVE_MESSAGES(NEW_CH, NEW_GR, OLD, true),
    ],
  },
  {
    title: "RECEIVE_RECONNECTING + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED, Disconnected",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [
      CANCEL_RECEIVE_RECONNECT,
      status("PNDisconnectedCategory", CH, GR, OLD, undefined),
    ],
  },
  {
    title: "RECEIVE_RECONNECTING + DISCONNECT → RECEIVE_STOPPED, Disconnected",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: disconnect(),
    to: st("RECEIVE_STOPPED", CH, GR, { cursor: OLD }),
    invocations: [CANCEL_RECEIVE_RECONNECT, status("PNDisconnectedCategory", CH, GR, OLD, OLD)],
  },
  {
    title: "RECEIVE_RECONNECTING + UNSUBSCRIBE_ALL → UNSUBSCRIBED, Disconnected",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [
      CANCEL_RECEIVE_RECONNECT,
      status("PNDisconnectedCategory", CH, GR, OLD, undefined),
    ],
  },

  // RECEIVE_FAILED
  {
    title: "RECEIVE_FAILED + SUBSCRIPTION_CHANGED → HANDSHAKING, cursor kept (no gap)",
    from: receiveFailed(CH, GR, OLD, TIMEOUT),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: OLD }),
    invocations: [HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "RECEIVE_FAILED + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED",
    from: receiveFailed(CH, GR, OLD, TIMEOUT),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [],
  },
  {
    title: "RECEIVE_FAILED + SUBSCRIPTION_RESTORED → HANDSHAKING, cursor kept (no gap)",
    from: receiveFailed(CH, GR, OLD, TIMEOUT),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("HANDSHAKING", NEW_CH, NEW_GR, { cursor: OLD }),
    invocations: [HANDSHAKE(NEW_CH, NEW_GR)],
  },
  {
    title: "RECEIVE_FAILED + RECONNECT → HANDSHAKING, cursor kept (no gap)",
    from: receiveFailed(CH, GR, OLD, TIMEOUT),
    event: reconnect(),
    to: st("HANDSHAKING", CH, GR, { cursor: OLD }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "RECEIVE_FAILED + RECONNECT(cursor) → HANDSHAKING from that cursor",
    from: receiveFailed(CH, GR, OLD, TIMEOUT),
    event: reconnect(STORED),
    to: st("HANDSHAKING", CH, GR, { cursor: STORED }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "RECEIVE_FAILED + UNSUBSCRIBE_ALL → UNSUBSCRIBED",
    from: receiveFailed(CH, GR, OLD, TIMEOUT),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [],
  },

  // RECEIVE_STOPPED
  {
    title: "RECEIVE_STOPPED + SUBSCRIPTION_CHANGED → RECEIVE_STOPPED, lists updated, cursor kept",
    from: receiveStopped(CH, GR, OLD),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("RECEIVE_STOPPED", NEW_CH, NEW_GR, { cursor: OLD }),
    invocations: [],
  },
  {
    title: "RECEIVE_STOPPED + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED",
    from: receiveStopped(CH, GR, OLD),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [],
  },
  {
    title: "RECEIVE_STOPPED + SUBSCRIPTION_RESTORED → RECEIVE_STOPPED, lists updated, cursor kept",
    from: receiveStopped(CH, GR, OLD),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("RECEIVE_STOPPED", NEW_CH, NEW_GR, { cursor: OLD }),
    invocations: [],
  },
  {
    title: "RECEIVE_STOPPED + RECONNECT → HANDSHAKING, cursor kept",
    from: receiveStopped(CH, GR, OLD),
    event: reconnect(),
    to: st("HANDSHAKING", CH, GR, { cursor: OLD }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "RECEIVE_STOPPED + RECONNECT(cursor) → HANDSHAKING from that cursor",
    from: receiveStopped(CH, GR, OLD),
    event: reconnect(STORED),
    to: st("HANDSHAKING", CH, GR, { cursor: STORED }),
    invocations: [HANDSHAKE(CH, GR)],
  },
  {
    title: "RECEIVE_STOPPED + UNSUBSCRIBE_ALL → UNSUBSCRIBED",
    from: receiveStopped(CH, GR, OLD),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [],
  },

  // RECEIVE_GAP_FILLING (docs/protocol.md "Reconnection and gap back-fill")
  {
    title:
      "RECEIVING (catch-up) + RECEIVE_SUCCESS with a gap → RECEIVE_GAP_FILLING, the batch held, FILL_GAP",
    from: receiving(CH, GR, OLD, true),
    event: receiveSuccess(NEXT, CATCH_UP, [GAP_A]),
    to: FILLING_STATE,
    invocations: [CANCEL_RECEIVE_MESSAGES, FILL_GAP([GAP_A], NEXT.region)],
  },
  {
    // A live poll's full window costs nothing: a firehose is delivered at once, as before.
    title: "RECEIVING (live) + RECEIVE_SUCCESS with a gap → RECEIVING, delivered at once, no fill",
    from: receiving(CH, GR, OLD),
    event: receiveSuccess(NEXT, CATCH_UP, [GAP_A]),
    to: st("RECEIVING", CH, GR, { cursor: NEXT }),
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      EMIT_MESSAGES(NEXT, OLD, CATCH_UP),
      RECEIVE_MESSAGES(CH, GR, NEXT),
    ],
  },
  {
    title: "RECEIVING (catch-up) + SUBSCRIPTION_CHANGED → RECEIVING, still a catch-up",
    from: receiving(CH, GR, OLD, true),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("RECEIVING", NEW_CH, NEW_GR, { cursor: OLD, catchUp: true }),
    invocations: [
      CANCEL_RECEIVE_MESSAGES,
      status("PNSubscriptionChangedCategory", NEW_CH, NEW_GR, OLD, OLD),
      RECEIVE_MESSAGES(NEW_CH, NEW_GR, OLD, true),
    ],
  },
  {
    title:
      "RECEIVE_RECONNECTING + RECEIVE_RECONNECT_SUCCESS with a gap → RECEIVE_GAP_FILLING, Reconnected at once",
    from: receiveReconnecting(CH, GR, OLD, 2, TIMEOUT),
    event: receiveReconnectSuccess(NEXT, CATCH_UP, [GAP_A]),
    to: FILLING_STATE,
    invocations: [
      CANCEL_RECEIVE_RECONNECT,
      status("PNReconnectedCategory", CH, GR, OLD, NEXT),
      FILL_GAP([GAP_A], NEXT.region),
    ],
  },
  {
    title:
      "RECEIVE_GAP_FILLING + GAP_FILL_SUCCESS → RECEIVING: restored first (ordered, once), then the batch",
    from: FILLING(),
    // Out of order, one twice, one that the batch carries itself.
    event: gapFillSuccess([RESTORED_2, RESTORED_1, RESTORED_2, CATCH_UP[0]]),
    to: st("RECEIVING", CH, GR, { cursor: NEXT, catchUp: true }),
    invocations: [
      CANCEL_FILL_GAP,
      { ...EMIT_MESSAGES(NEXT, OLD, [RESTORED_1, RESTORED_2]), restored: true },
      EMIT_MESSAGES(NEXT, OLD, CATCH_UP),
      RECEIVE_MESSAGES(CH, GR, NEXT, true),
    ],
  },
  {
    title: "RECEIVE_GAP_FILLING + GAP_FILL_SUCCESS with nothing restored → RECEIVING, the batch",
    from: FILLING(),
    event: gapFillSuccess([]),
    to: st("RECEIVING", CH, GR, { cursor: NEXT, catchUp: true }),
    invocations: [
      CANCEL_FILL_GAP,
      EMIT_MESSAGES(NEXT, OLD, CATCH_UP),
      RECEIVE_MESSAGES(CH, GR, NEXT, true),
    ],
  },
  {
    title:
      "RECEIVE_GAP_FILLING + GAP_FILL_FAILURE → RECEIVING: the loss reported (channel, count), then the batch",
    from: FILLING(),
    event: gapFillFailure([], [STORAGE_OFF]),
    to: st("RECEIVING", CH, GR, { cursor: NEXT, catchUp: true }),
    invocations: [
      CANCEL_FILL_GAP,
      {
        type: "EMIT_STATUS",
        status: {
          category: "PNRequestMessageCountExceededCategory",
          operation: "PNSubscribeOperation",
          error: true,
          affectedChannels: ["a"],
          affectedChannelGroups: [],
          currentTimetoken: NEXT.timetoken,
          lastTimetoken: OLD.timetoken,
          statusCode: 403,
          errorData: {
            message: `3 messages published on "a" after timetoken ${OLD.timetoken} and before ` +
              `17000000000000006 were beyond the catch-up window and could not be restored ` +
              `from storage: storage is off. Live delivery goes on.`,
            channel: "a",
            after: OLD.timetoken,
            before: "17000000000000006",
            missed: 3,
            reason: STORAGE_OFF.reason,
          },
        },
      },
      EMIT_MESSAGES(NEXT, OLD, CATCH_UP),
      RECEIVE_MESSAGES(CH, GR, NEXT, true),
    ],
  },
  {
    title:
      "RECEIVE_GAP_FILLING + SUBSCRIPTION_CHANGED → RECEIVING from the cursor before the batch",
    from: FILLING(),
    event: subscriptionChanged(NEW_CH, NEW_GR),
    to: st("RECEIVING", NEW_CH, NEW_GR, { cursor: OLD, catchUp: true }),
    invocations: [
      CANCEL_FILL_GAP,
      status("PNSubscriptionChangedCategory", NEW_CH, NEW_GR, OLD, OLD),
      RECEIVE_MESSAGES(NEW_CH, NEW_GR, OLD, true),
    ],
  },
  {
    title: "RECEIVE_GAP_FILLING + SUBSCRIPTION_CHANGED to nothing → UNSUBSCRIBED, Disconnected",
    from: FILLING(),
    event: subscriptionChanged([], []),
    to: EMPTY_STATE,
    invocations: [CANCEL_FILL_GAP, status("PNDisconnectedCategory", CH, GR, OLD, undefined)],
  },
  {
    title:
      "RECEIVE_GAP_FILLING + SUBSCRIPTION_RESTORED → RECEIVING from the cursor before the batch",
    from: FILLING(),
    event: subscriptionRestored(NEW_CH, NEW_GR, STORED),
    to: st("RECEIVING", NEW_CH, NEW_GR, { cursor: OLD, catchUp: true }),
    invocations: [
      CANCEL_FILL_GAP,
      status("PNSubscriptionChangedCategory", NEW_CH, NEW_GR, OLD, OLD),
      RECEIVE_MESSAGES(NEW_CH, NEW_GR, OLD, true),
    ],
  },
  {
    title:
      "RECEIVE_GAP_FILLING + DISCONNECT → RECEIVE_STOPPED at the cursor before the batch, Disconnected",
    from: FILLING(),
    event: disconnect(),
    to: st("RECEIVE_STOPPED", CH, GR, { cursor: OLD }),
    invocations: [CANCEL_FILL_GAP, status("PNDisconnectedCategory", CH, GR, OLD, OLD)],
  },
  {
    title: "RECEIVE_GAP_FILLING + UNSUBSCRIBE_ALL → UNSUBSCRIBED, Disconnected",
    from: FILLING(),
    event: unsubscribeAll(),
    to: EMPTY_STATE,
    invocations: [CANCEL_FILL_GAP, status("PNDisconnectedCategory", CH, GR, OLD, undefined)],
  },
];

for (const row of ROWS) {
  Deno.test(`transition: ${row.title}`, () => {
    covered.add(`${row.from.name} ${row.event.type}`);
    const before = JSON.stringify(row.from);
    const result = transition(row.from, row.event);
    assert.deepStrictEqual({ ...result.state }, row.to);
    assert.deepStrictEqual(result.invocations, row.invocations);
    // Pure: the old state is untouched, the new values are frozen.
    assert.equal(JSON.stringify(row.from), before);
    assert.ok(Object.isFrozen(result.state));
    assert.ok(Object.isFrozen(result.invocations));
    for (const invocation of result.invocations) assert.ok(Object.isFrozen(invocation));
  });
}

// --- The table's shape --------------------------------------------------------------------------

/** docs/protocol.md "Subscribe engine transitions", transcribed: which events each state handles. */
const HANDLED: Record<SubscribeStateNameValue, SubscribeEventType[]> = {
  UNSUBSCRIBED: ["SUBSCRIPTION_CHANGED", "SUBSCRIPTION_RESTORED"],
  HANDSHAKING: [
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "HANDSHAKE_SUCCESS",
    "HANDSHAKE_FAILURE",
    "DISCONNECT",
    "UNSUBSCRIBE_ALL",
  ],
  HANDSHAKE_RECONNECTING: [
    "HANDSHAKE_RECONNECT_SUCCESS",
    "HANDSHAKE_RECONNECT_FAILURE",
    "HANDSHAKE_RECONNECT_GIVEUP",
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "DISCONNECT",
    "UNSUBSCRIBE_ALL",
  ],
  HANDSHAKE_FAILED: [
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "RECONNECT",
    "UNSUBSCRIBE_ALL",
  ],
  HANDSHAKE_STOPPED: [
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "RECONNECT",
    "UNSUBSCRIBE_ALL",
  ],
  RECEIVING: [
    "RECEIVE_SUCCESS",
    "RECEIVE_FAILURE",
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "DISCONNECT",
    "UNSUBSCRIBE_ALL",
  ],
  RECEIVE_RECONNECTING: [
    "RECEIVE_RECONNECT_SUCCESS",
    "RECEIVE_RECONNECT_FAILURE",
    "RECEIVE_RECONNECT_GIVEUP",
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "DISCONNECT",
    "UNSUBSCRIBE_ALL",
  ],
  RECEIVE_FAILED: ["SUBSCRIPTION_CHANGED", "SUBSCRIPTION_RESTORED", "RECONNECT", "UNSUBSCRIBE_ALL"],
  RECEIVE_STOPPED: [
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "RECONNECT",
    "UNSUBSCRIBE_ALL",
  ],
  // The gap back-fill (docs/protocol.md "Reconnection and gap back-fill").
  RECEIVE_GAP_FILLING: [
    "GAP_FILL_SUCCESS",
    "GAP_FILL_FAILURE",
    "SUBSCRIPTION_CHANGED",
    "SUBSCRIPTION_RESTORED",
    "DISCONNECT",
    "UNSUBSCRIBE_ALL",
  ],
};

Deno.test('transition table: each state handles exactly the events docs/protocol.md "Subscribe engine transitions" lists', () => {
  for (const name of SUBSCRIBE_STATE_NAMES) {
    assert.deepStrictEqual(
      Object.keys(SUBSCRIBE_TRANSITIONS[name]).sort(),
      [...HANDLED[name]].sort(),
      name,
    );
  }
});

const SAMPLE_STATES: SubscribeState[] = [
  INITIAL_SUBSCRIBE_STATE,
  handshaking(CH, GR),
  handshakeReconnecting(CH, GR, undefined, 1, TIMEOUT),
  handshakeFailed(CH, GR, undefined, TIMEOUT),
  handshakeStopped(CH, GR),
  receiving(CH, GR, OLD),
  receiveReconnecting(CH, GR, OLD, 1, TIMEOUT),
  receiveFailed(CH, GR, OLD, TIMEOUT),
  receiveStopped(CH, GR, OLD),
  FILLING(),
];

const SAMPLE_EVENTS: Record<SubscribeEventType, SubscribeEvent> = {
  SUBSCRIPTION_CHANGED: subscriptionChanged(NEW_CH, NEW_GR),
  SUBSCRIPTION_RESTORED: subscriptionRestored(NEW_CH, NEW_GR, STORED),
  HANDSHAKE_SUCCESS: handshakeSuccess(SERVER),
  HANDSHAKE_FAILURE: handshakeFailure(TIMEOUT),
  HANDSHAKE_RECONNECT_SUCCESS: handshakeReconnectSuccess(SERVER),
  HANDSHAKE_RECONNECT_FAILURE: handshakeReconnectFailure(TIMEOUT),
  HANDSHAKE_RECONNECT_GIVEUP: handshakeReconnectGiveup(TIMEOUT),
  RECEIVE_SUCCESS: receiveSuccess(NEXT, MESSAGES),
  RECEIVE_FAILURE: receiveFailure(TIMEOUT),
  RECEIVE_RECONNECT_SUCCESS: receiveReconnectSuccess(NEXT, MESSAGES),
  RECEIVE_RECONNECT_FAILURE: receiveReconnectFailure(TIMEOUT),
  RECEIVE_RECONNECT_GIVEUP: receiveReconnectGiveup(TIMEOUT),
  DISCONNECT: disconnect(),
  RECONNECT: reconnect(),
  UNSUBSCRIBE_ALL: unsubscribeAll(),
  GAP_FILL_SUCCESS: gapFillSuccess([RESTORED_1]),
  GAP_FILL_FAILURE: gapFillFailure([], [STORAGE_OFF]),
};

Deno.test("transition: an event a state does not list leaves the very same state and invokes nothing", () => {
  let ignored = 0;
  for (const state of SAMPLE_STATES) {
    for (const type of SUBSCRIBE_EVENT_TYPES) {
      if (HANDLED[state.name].includes(type)) continue;
      const result = transition(state, SAMPLE_EVENTS[type]);
      assert.equal(result.state, state, `${state.name} + ${type}`);
      assert.deepStrictEqual(result.invocations, [], `${state.name} + ${type}`);
      ignored++;
    }
  }
  // 10 states × 17 events, minus the 44 rows of docs/protocol.md "Subscribe engine transitions" and the 6 of RECEIVE_GAP_FILLING.
  assert.equal(ignored, 10 * 17 - 44 - 6);
});

Deno.test("transition: a long-running invocation is always cancelled before its state is left", () => {
  const cancelOf: Partial<Record<SubscribeStateNameValue, string>> = {
    HANDSHAKING: "CANCEL_HANDSHAKE",
    HANDSHAKE_RECONNECTING: "CANCEL_HANDSHAKE_RECONNECT",
    RECEIVING: "CANCEL_RECEIVE_MESSAGES",
    RECEIVE_RECONNECTING: "CANCEL_RECEIVE_RECONNECT",
    RECEIVE_GAP_FILLING: "CANCEL_FILL_GAP",
  };
  for (const state of SAMPLE_STATES) {
    for (const type of HANDLED[state.name]) {
      const { invocations } = transition(state, SAMPLE_EVENTS[type]);
      const expected = cancelOf[state.name];
      if (expected) assert.equal(invocations[0]?.type, expected, `${state.name} + ${type}`);
      else {assert.ok(
          !invocations.some((i) => i.type.startsWith("CANCEL_")),
          `${state.name} + ${type}`,
        );}
    }
  }
});

Deno.test("transition: every row of the table has a test above", () => {
  for (const name of SUBSCRIBE_STATE_NAMES) {
    for (const type of Object.keys(SUBSCRIBE_TRANSITIONS[name])) {
      assert.ok(covered.has(`${name} ${type}`), `no row test for ${name} + ${type}`);
    }
  }
});

// --- Runs through the machine -------------------------------------------------------------------

type LogEntry = string;

/** Feeds events through the machine, logging events and invocations by name as a runner would. */
function drive(events: SubscribeEvent[], from: SubscribeState = INITIAL_SUBSCRIBE_STATE) {
  const log: LogEntry[] = [];
  let state = from;
  const invocations = [];
  for (const event of events) {
    log.push(`event ${event.type}`);
    const result = transition(state, event);
    state = result.state;
    for (const invocation of result.invocations) {
      log.push(`invocation ${invocation.type}`);
      invocations.push(invocation);
    }
  }
  return { log, state, invocations };
}

Deno.test('transition: a plain subscribe that receives one message logs exactly the ten entries of docs/protocol.md "Subscribe engine example log"', () => {
  const { log, state } = drive([
    subscriptionChanged(["a"], []),
    handshakeSuccess(SERVER),
    receiveSuccess(NEXT, MESSAGES),
  ]);
  assert.deepStrictEqual(log, [
    "event SUBSCRIPTION_CHANGED",
    "invocation HANDSHAKE",
    "event HANDSHAKE_SUCCESS",
    "invocation CANCEL_HANDSHAKE",
    "invocation EMIT_STATUS",
    "invocation RECEIVE_MESSAGES",
    "event RECEIVE_SUCCESS",
    "invocation CANCEL_RECEIVE_MESSAGES",
    "invocation EMIT_MESSAGES",
    "invocation RECEIVE_MESSAGES",
  ]);
  assert.equal(state.name, "RECEIVING");
  assert.deepStrictEqual(state.cursor, NEXT);
});

Deno.test("transition: a receive failure given up and reconnected catches up from the last cursor", () => {
  const { state, invocations } = drive([
    subscriptionChanged(["a"], []),
    handshakeSuccess(SERVER),
    receiveSuccess(NEXT, MESSAGES),
    receiveFailure(TIMEOUT),
    receiveReconnectFailure(TIMEOUT),
    receiveReconnectGiveup(TIMEOUT),
    reconnect(),
    handshakeSuccess({ timetoken: "17000000000000099", region: 3 }),
  ]);
  assert.equal(state.name, "RECEIVING");
  // The long-poll resumes from the last delivered position, not the new handshake's timetoken,
  // and its answer is a catch-up (a full window there is back-filled).
  assert.deepStrictEqual(state.cursor, { timetoken: NEXT.timetoken, region: 3 });
  const last = invocations.at(-1);
  assert.deepStrictEqual(
    last,
    RECEIVE_MESSAGES(["a"], [], { timetoken: NEXT.timetoken, region: 3 }, true),
  );
  assert.deepStrictEqual(
    invocations.filter((i) => i.type === "RECEIVE_RECONNECT").map((i) =>
      "attempts" in i && i.attempts
    ),
    [0, 1],
  );
});

Deno.test("transition: withTimetoken restores, then receives from that timetoken", () => {
  const { state, invocations } = drive([
    subscriptionRestored(["a"], ["g"], STORED),
    handshakeSuccess(SERVER),
  ]);
  assert.deepStrictEqual(state.cursor, { timetoken: STORED.timetoken, region: SERVER.region });
  assert.deepStrictEqual(invocations.map((i) => i.type), [
    "HANDSHAKE",
    "CANCEL_HANDSHAKE",
    "EMIT_STATUS",
    "RECEIVE_MESSAGES",
  ]);
});

Deno.test("transition: unsubscribeAll resets the timetoken, so the next subscribe starts fresh", () => {
  const { state } = drive([
    subscriptionChanged(["a"], []),
    handshakeSuccess(SERVER),
    receiveSuccess(NEXT, []),
    unsubscribeAll(),
    subscriptionChanged(["a"], []),
    handshakeSuccess({ timetoken: "17000000000000100", region: 2 }),
  ]);
  assert.deepStrictEqual(state.cursor, { timetoken: "17000000000000100", region: 2 });
});

Deno.test("transition: late answers after a disconnect are ignored", () => {
  const { state, invocations } = drive([
    subscriptionChanged(["a"], []),
    handshakeSuccess(SERVER),
    disconnect(),
    receiveSuccess(NEXT, MESSAGES),
    receiveFailure(TIMEOUT),
  ]);
  assert.equal(state.name, "RECEIVE_STOPPED");
  assert.deepStrictEqual(state.cursor, SERVER);
  assert.ok(!invocations.some((i) => i.type === "EMIT_MESSAGES"));
});

Deno.test("transition: an unknown event type or state name is ignored, never a crash", () => {
  const state = receiving(CH, GR, OLD);
  for (const type of ["toString", "__proto__", "constructor", "NOPE"]) {
    const result = transition(state, { type } as unknown as SubscribeEvent);
    assert.equal(result.state, state);
    assert.deepStrictEqual(result.invocations, []);
  }
  const bogus = { ...state, name: "NOPE" } as unknown as SubscribeState;
  assert.equal(transition(bogus, disconnect()).state, bogus);
});

Deno.test("transition: a restore from timetoken 0 receives from the service's cursor", () => {
  const { state } = drive([
    subscriptionRestored(["a"], [], { timetoken: "0", region: 0 }),
    handshakeSuccess(SERVER),
  ]);
  assert.deepStrictEqual(state.cursor, SERVER);
});

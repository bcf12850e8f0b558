/**
 * The shapes of the official JavaScript SDK's public API (parameters, results, events, statuses),
 * declared here so that code typed against `npm:pubnub` type-checks against the compat entry.
 * The `PubNub` namespace in `pubnub.ts` gives them their official names.
 *
 * @module
 */
import type { CompatCategory, CompatOperation } from "./enums.ts";

/**
 * A JSON value as the official SDK types it.
 *
 * @example
 * ```ts
 * import type { Payload } from "@pubnub-ts/pubsub/compat";
 * const message: Payload = { text: "hi", tags: ["a"] };
 * ```
 */
export type Payload =
  | string
  | number
  | boolean
  | { toJSON: () => Payload }
  | { [key: string]: Payload | null }
  | Payload[];

/**
 * The status of a finished call: what a callback receives first and an error carries.
 *
 * @example
 * ```ts
 * import type { Status } from "@pubnub-ts/pubsub/compat";
 * const ok: Status = { error: false, category: "PNAcknowledgmentCategory", statusCode: 200 };
 * ```
 */
export type Status = {
  /** Whether the call failed. */
  error: boolean;
  /** What kind of outcome this is. */
  category: CompatCategory;
  /** Which call it was. */
  operation?: CompatOperation;
  /** HTTP status code; 0 when nothing was answered. */
  statusCode: number;
  /** What the service or the SDK said about the failure. */
  errorData?: Error | Payload;
  /** Other fields (a validation failure's `message`, for instance). */
  [field: string]: Payload | Error | undefined;
};

/**
 * A change of the real-time connection, as the `status` listener receives it.
 *
 * @example
 * ```ts
 * import type { StatusEvent } from "@pubnub-ts/pubsub/compat";
 * const connected: StatusEvent = { category: "PNConnectedCategory", affectedChannels: ["a"] };
 * ```
 */
export type StatusEvent = {
  /** What happened: connected, subscription changed, disconnected, … */
  category: CompatCategory;
  /** The call that caused it. */
  operation?: CompatOperation;
  /** Set when the change is a failure. */
  error?: string | CompatCategory | boolean;
  /** Channels the change concerns. */
  affectedChannels?: string[];
  /** Channels subscribed to after the change. */
  subscribedChannels?: string[];
  /** Channel groups the change concerns. */
  affectedChannelGroups?: string[];
  /** Timetoken before the change. */
  lastTimetoken?: number | string;
  /** Timetoken after the change. */
  currentTimetoken?: number | string;
};

/**
 * A finished call's callback: `(status, response)`; `response` is `null` on failure.
 *
 * @example
 * ```ts
 * import type { ResultCallback } from "@pubnub-ts/pubsub/compat";
 * const done: ResultCallback<{ timetoken: string }> = (status, response) => {
 *   if (!status.error) console.log(response?.timetoken);
 * };
 * ```
 */
export type ResultCallback<Response> = (status: Status, response: Response | null) => void;

/**
 * A callback that receives only the status (channel group changes).
 *
 * @example
 * ```ts
 * import type { StatusCallback } from "@pubnub-ts/pubsub/compat";
 * const done: StatusCallback = (status) => console.log(status.error);
 * ```
 */
export type StatusCallback = (status: Status) => void;

/**
 * Fields every real-time event has.
 *
 * @example
 * ```ts
 * import type { EventBase } from "@pubnub-ts/pubsub/compat";
 * const e: EventBase = { channel: "a", subscription: "a", timetoken: "17000000000000000" };
 * ```
 */
export type EventBase = {
  /** The channel the event happened on (for presence: without `-pnpres`). */
  channel: string;
  /** The name subscribed to that delivered it: the channel, a group, a pattern (`-pnpres` kept). */
  subscription: string | null;
  /** The event's timetoken. */
  timetoken: string;
};

/**
 * The older names of `channel` and `subscription`, still filled in.
 *
 * @example
 * ```ts
 * import type { LegacyNames } from "@pubnub-ts/pubsub/compat";
 * const n: LegacyNames = { actualChannel: "a", subscribedChannel: "a" };
 * ```
 */
export type LegacyNames = {
  /** Same as `channel`. */
  actualChannel?: string | null;
  /** Same as `subscription`. */
  subscribedChannel?: string;
};

/**
 * What a publisher sent.
 *
 * @example
 * ```ts
 * import type { Published } from "@pubnub-ts/pubsub/compat";
 * const p: Published = { publisher: "u1", message: "hi" };
 * ```
 */
export type Published = {
  /** The sender's user id. */
  publisher?: string;
  /** The publish `meta`. */
  userMetadata?: { [key: string]: Payload };
  /** The publisher's custom message type. */
  customMessageType?: string;
  /** The payload. */
  message: Payload;
};

/**
 * A message event.
 *
 * @example
 * ```ts
 * import type { MessageEvent } from "@pubnub-ts/pubsub/compat";
 * const m: MessageEvent = { channel: "a", subscription: "a", timetoken: "17000000000000000", message: "hi" };
 * ```
 */
export type MessageEvent = EventBase & LegacyNames & Published & {
  /** Set when the payload could not be decrypted. */
  error?: string;
};

/**
 * A signal event.
 *
 * @example
 * ```ts
 * import type { SignalEvent } from "@pubnub-ts/pubsub/compat";
 * const s: SignalEvent = { channel: "a", subscription: "a", timetoken: "17000000000000000", message: "typing" };
 * ```
 */
export type SignalEvent = EventBase & Published;

/**
 * A join, leave or timeout.
 *
 * @example
 * ```ts
 * import type { PresenceChange } from "@pubnub-ts/pubsub/compat";
 * const p: PresenceChange = { action: "join", timestamp: 1700000000, uuid: "u1", occupancy: 1 };
 * ```
 */
export type PresenceChange = {
  action: "join" | "leave" | "timeout";
  timestamp: number;
  uuid: string;
  occupancy: number;
  /** The user's state, when the service sent it with the event. */
  state?: { [key: string]: Payload };
};

/**
 * A state change.
 *
 * @example
 * ```ts
 * import type { PresenceStateChange } from "@pubnub-ts/pubsub/compat";
 * const p: PresenceStateChange = { action: "state-change", timestamp: 1700000000, uuid: "u1", state: {} };
 * ```
 */
export type PresenceStateChange = {
  action: "state-change";
  timestamp: number;
  uuid: string;
  occupancy?: number;
  state: { [key: string]: Payload };
};

/**
 * An interval summary (sent instead of joins and leaves on busy channels).
 *
 * @example
 * ```ts
 * import type { PresenceInterval } from "@pubnub-ts/pubsub/compat";
 * const p: PresenceInterval = { action: "interval", timestamp: 1700000000, occupancy: 30, hereNowRefresh: false };
 * ```
 */
export type PresenceInterval = {
  action: "interval";
  timestamp: number;
  occupancy: number;
  join?: string[];
  leave?: string[];
  timeout?: string[];
  hereNowRefresh: boolean;
};

/**
 * A presence event: `action` says which kind.
 *
 * @example
 * ```ts
 * import type { PresenceEvent } from "@pubnub-ts/pubsub/compat";
 * const p: PresenceEvent = {
 *   channel: "a", subscription: "a-pnpres", timetoken: "17000000000000000",
 *   action: "join", uuid: "u1", occupancy: 1, timestamp: 1700000000,
 * };
 * ```
 */
export type PresenceEvent =
  & EventBase
  & LegacyNames
  & (PresenceChange | PresenceStateChange | PresenceInterval);

/**
 * A message action event (a reaction added or removed).
 *
 * @example
 * ```ts
 * import type { MessageActionEvent } from "@pubnub-ts/pubsub/compat";
 * const e: MessageActionEvent = {
 *   channel: "a", subscription: "a", timetoken: "17000000000000001", event: "added", publisher: "u1",
 *   data: { type: "reaction", value: "+1", uuid: "u1", messageTimetoken: "1", actionTimetoken: "2" },
 * };
 * ```
 */
export type MessageActionEvent = EventBase & {
  /** Whether the action was added or removed. */
  event: "added" | "removed";
  /** Who added or removed it. */
  publisher?: string;
  /** The action. */
  data: {
    type: string;
    value: string;
    uuid: string;
    messageTimetoken: string;
    actionTimetoken: string;
  };
};

/**
 * Listener callbacks: one argument each, as in the official SDK.
 *
 * @example
 * ```ts
 * import type { Listener } from "@pubnub-ts/pubsub/compat";
 * const listener: Listener = { message: (m) => console.log(m.message), status: (s) => console.log(s.category) };
 * ```
 */
export type Listener = {
  message?: (message: MessageEvent) => void;
  signal?: (signal: SignalEvent) => void;
  presence?: (presence: PresenceEvent) => void;
  messageAction?: (action: MessageActionEvent) => void;
  status?: (status: Status | StatusEvent) => void;
  /** App Context, files and the VSP events are not delivered by this client. */
  objects?: (event: never) => void;
  file?: (event: never) => void;
  user?: (event: never) => void;
  space?: (event: never) => void;
  membership?: (event: never) => void;
};

/**
 * Options of an entity's subscription.
 *
 * @example
 * ```ts
 * import type { SubscriptionOptions } from "@pubnub-ts/pubsub/compat";
 * const options: SubscriptionOptions = { receivePresenceEvents: true };
 * ```
 */
export type SubscriptionOptions = {
  /** Also subscribe to the presence channel. */
  receivePresenceEvents?: boolean;
  /** Only events for which this returns `true` reach the subscription's listeners. */
  filter?: (event: CompatEvent) => boolean;
};

/**
 * Any real-time event, tagged with the official SDK's event type numbers.
 *
 * @example
 * ```ts
 * import type { CompatEvent } from "@pubnub-ts/pubsub/compat";
 * const e: CompatEvent = { type: 1, data: { channel: "a", subscription: "a", timetoken: "1", message: "x" } };
 * ```
 */
export type CompatEvent =
  | { type: -2; data: PresenceEvent }
  | { type: -1; data: MessageEvent }
  | { type: 1; data: SignalEvent }
  | { type: 3; data: MessageActionEvent };

/**
 * `subscribe()` parameters.
 *
 * @example
 * ```ts
 * import type { SubscribeParameters } from "@pubnub-ts/pubsub/compat";
 * const p: SubscribeParameters = { channels: ["a"], withPresence: true };
 * ```
 */
export type SubscribeParameters = {
  channels?: string[];
  channelGroups?: string[];
  timetoken?: string | number;
  withPresence?: boolean;
  state?: Record<string, Payload>;
  withHeartbeats?: boolean;
};

/**
 * `publish()` and `fire()` parameters.
 *
 * @example
 * ```ts
 * import type { PublishParameters } from "@pubnub-ts/pubsub/compat";
 * const p: PublishParameters = { channel: "a", message: { text: "hi" }, storeInHistory: false };
 * ```
 */
export type PublishParameters = {
  channel: string;
  message: Payload;
  customMessageType?: string;
  storeInHistory?: boolean;
  sendByPost?: boolean;
  meta?: Payload;
  ttl?: number;
  replicate?: boolean;
};

/**
 * `signal()` parameters.
 *
 * @example
 * ```ts
 * import type { SignalParameters } from "@pubnub-ts/pubsub/compat";
 * const p: SignalParameters = { channel: "a", message: "typing" };
 * ```
 */
export type SignalParameters = { channel: string; message: Payload; customMessageType?: string };

/**
 * What publish, signal and time resolve to.
 *
 * @example
 * ```ts
 * import type { TimetokenResponse } from "@pubnub-ts/pubsub/compat";
 * const r: TimetokenResponse = { timetoken: "17000000000000000" };
 * ```
 */
export type TimetokenResponse = { timetoken: string };

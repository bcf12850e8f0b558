/**
 * Parameters and results of the official SDK's presence, channel group, storage and message
 * action calls (the pub/sub shapes are in `types.ts`).
 *
 * @module
 */
import type { Payload, ResultCallback, StatusCallback } from "./types.ts";

/**
 * `hereNow()` parameters.
 *
 * @example
 * ```ts
 * import type { HereNowParameters } from "@pubnub-ts/pubsub/compat";
 * const p: HereNowParameters = { channels: ["a"], includeUUIDs: true, includeState: true };
 * ```
 */
export type HereNowParameters = {
  channels?: string[];
  channelGroups?: string[];
  includeUUIDs?: boolean;
  includeState?: boolean;
  limit?: number;
  offset?: number;
  queryParameters?: Record<string, string>;
};

/**
 * `hereNow()` result.
 *
 * @example
 * ```ts
 * import type { HereNowResponse } from "@pubnub-ts/pubsub/compat";
 * const r: HereNowResponse = {
 *   totalChannels: 1, totalOccupancy: 1,
 *   channels: { a: { name: "a", occupancy: 1, occupants: [{ uuid: "u1", state: null }] } },
 * };
 * ```
 */
export type HereNowResponse = {
  totalChannels: number;
  totalOccupancy: number;
  channels: {
    [channel: string]: {
      occupants: { uuid: string; state?: Payload | null }[];
      name: string;
      occupancy: number;
    };
  };
};

/**
 * `whereNow()` parameters and result.
 *
 * @example
 * ```ts
 * import type { WhereNowParameters, WhereNowResponse } from "@pubnub-ts/pubsub/compat";
 * const p: WhereNowParameters = { uuid: "u1" };
 * const r: WhereNowResponse = { channels: ["a"] };
 * ```
 */
export type WhereNowParameters = { uuid?: string };

/** `whereNow()` result: the channels the user is present on. */
export type WhereNowResponse = { channels: string[] };

/**
 * `getState()` parameters.
 *
 * @example
 * ```ts
 * import type { GetStateParameters } from "@pubnub-ts/pubsub/compat";
 * const p: GetStateParameters = { uuid: "u1", channels: ["a"] };
 * ```
 */
export type GetStateParameters = { uuid?: string; channels?: string[]; channelGroups?: string[] };

/** `getState()` result: state per channel. */
export type GetStateResponse = { channels: Record<string, Payload> };

/**
 * `setState()` parameters.
 *
 * @example
 * ```ts
 * import type { SetStateParameters } from "@pubnub-ts/pubsub/compat";
 * const p: SetStateParameters = { channels: ["a"], state: { typing: true } };
 * ```
 */
export type SetStateParameters = {
  channels?: string[];
  channelGroups?: string[];
  state: Payload;
  withHeartbeat?: boolean;
};

/** `setState()` result: the state that was set. */
export type SetStateResponse = { state: Payload };

/**
 * `unsubscribe()` parameters.
 *
 * @example
 * ```ts
 * import type { UnsubscribeParameters } from "@pubnub-ts/pubsub/compat";
 * const p: UnsubscribeParameters = { channels: ["a"] };
 * ```
 */
export type UnsubscribeParameters = { channels?: string[]; channelGroups?: string[] };

/**
 * Channel group call parameters.
 *
 * @example
 * ```ts
 * import type { ManageChannelGroupParameters } from "@pubnub-ts/pubsub/compat";
 * const p: ManageChannelGroupParameters = { channelGroup: "g", channels: ["a", "b"] };
 * ```
 */
export type ManageChannelGroupParameters = { channelGroup: string; channels: string[] };

/** Names a channel group. */
export type ChannelGroupParameters = { channelGroup: string };

/** `channelGroups.listChannels()` result. */
export type ListChannelsResponse = { channels: string[] };

/** `channelGroups.listGroups()` result. */
export type ListGroupsResponse = { groups: string[] };

/**
 * The reactions on a fetched message: type → value → who added it and when.
 *
 * @example
 * ```ts
 * import type { Actions } from "@pubnub-ts/pubsub/compat";
 * const a: Actions = { reaction: { "+1": [{ uuid: "u1", actionTimetoken: "17000000000000001" }] } };
 * ```
 */
export type Actions = {
  [type: string]: { [value: string]: { uuid: string; actionTimetoken: string }[] };
};

/**
 * `fetchMessages()` parameters.
 *
 * @example
 * ```ts
 * import type { FetchMessagesParameters } from "@pubnub-ts/pubsub/compat";
 * const p: FetchMessagesParameters = { channels: ["a"], count: 25, includeMeta: true };
 * ```
 */
export type FetchMessagesParameters = {
  channels: string[];
  count?: number;
  includeCustomMessageType?: boolean;
  includeMessageType?: boolean;
  includeUUID?: boolean;
  includeUuid?: boolean;
  includeMeta?: boolean;
  includeMessageActions?: boolean;
  start?: string;
  end?: string;
  stringifiedTimeToken?: boolean;
};

/**
 * One message of a `fetchMessages()` result.
 *
 * @example
 * ```ts
 * import type { FetchedMessage } from "@pubnub-ts/pubsub/compat";
 * const m: FetchedMessage = { channel: "a", timetoken: "17000000000000000", message: "hi", uuid: "u1" };
 * ```
 */
export type FetchedMessage = {
  channel: string;
  timetoken: string | number;
  message: Payload;
  uuid?: string;
  meta?: Payload;
  error?: string;
  messageType?: number;
  customMessageType?: string;
  actions?: Actions;
  data?: Actions;
};

/** `fetchMessages()` result. */
export type FetchMessagesResponse = {
  channels: { [channel: string]: FetchedMessage[] };
  more?: { url: string; start: string; max: number };
};

/**
 * `history()` parameters.
 *
 * @example
 * ```ts
 * import type { HistoryParameters } from "@pubnub-ts/pubsub/compat";
 * const p: HistoryParameters = { channel: "a", count: 10, includeMeta: true };
 * ```
 */
export type HistoryParameters = {
  channel: string;
  count?: number;
  includeMeta?: boolean;
  start?: string;
  end?: string;
  reverse?: boolean;
  stringifiedTimeToken?: boolean;
};

/** `history()` result. */
export type HistoryResponse = {
  messages: { entry: Payload; timetoken: string | number; meta?: Payload; error?: string }[];
  startTimeToken: string | number;
  endTimeToken: string | number;
};

/**
 * `messageCounts()` parameters.
 *
 * @example
 * ```ts
 * import type { MessageCountsParameters } from "@pubnub-ts/pubsub/compat";
 * const p: MessageCountsParameters = { channels: ["a"], channelTimetokens: ["17000000000000000"] };
 * ```
 */
export type MessageCountsParameters = {
  channels: string[];
  channelTimetokens?: string[];
  timetoken?: string;
};

/** `messageCounts()` result. */
export type MessageCountsResponse = { channels: Record<string, number> };

/**
 * `deleteMessages()` parameters.
 *
 * @example
 * ```ts
 * import type { DeleteMessagesParameters } from "@pubnub-ts/pubsub/compat";
 * const p: DeleteMessagesParameters = { channel: "a", start: "17000000000000000" };
 * ```
 */
export type DeleteMessagesParameters = { channel: string; start?: string; end?: string };

/**
 * A message action as the action calls return it.
 *
 * @example
 * ```ts
 * import type { MessageAction } from "@pubnub-ts/pubsub/compat";
 * const a: MessageAction = { type: "reaction", value: "+1", uuid: "u1", actionTimetoken: "2", messageTimetoken: "1" };
 * ```
 */
export type MessageAction = {
  type: string;
  value: string;
  uuid: string;
  actionTimetoken: string;
  messageTimetoken: string;
};

/** `addMessageAction()` parameters. */
export type AddMessageActionParameters = {
  channel: string;
  messageTimetoken: string;
  action: { type: string; value: string };
};

/** `getMessageActions()` parameters. */
export type GetMessageActionsParameters = {
  channel: string;
  start?: string;
  end?: string;
  limit?: number;
};

/** `getMessageActions()` result. */
export type GetMessageActionsResponse = {
  data: MessageAction[];
  start: string | null;
  end: string | null;
  more?: { url: string; start: string; end: string; limit: number };
};

/** `removeMessageAction()` parameters. */
export type RemoveMessageActionParameters = {
  channel: string;
  messageTimetoken: string;
  actionTimetoken: string;
};

/**
 * An official call: with its parameters it resolves to the response; with a callback as well
 * it hands `(status, response)` to the callback instead.
 *
 * @example
 * ```ts
 * import type { Call, PublishParameters, TimetokenResponse } from "@pubnub-ts/pubsub/compat";
 * function greet(publish: Call<PublishParameters, TimetokenResponse>): void {
 *   publish({ channel: "a", message: "hi" }, (status) => console.log(status.error));
 * }
 * console.log(typeof greet);
 * ```
 */
export type Call<Parameters, Response> = {
  (parameters: Parameters): Promise<Response>;
  (parameters: Parameters, callback: ResultCallback<Response>): void;
};

/**
 * An official call without parameters (`time`, `listGroups`): a promise, or the callback.
 *
 * @example
 * ```ts
 * import type { CallWithoutParameters, TimetokenResponse } from "@pubnub-ts/pubsub/compat";
 * function showTime(time: CallWithoutParameters<TimetokenResponse>): void {
 *   time((status, response) => console.log(status.error, response?.timetoken));
 * }
 * console.log(typeof showTime);
 * ```
 */
export type CallWithoutParameters<Response> = {
  (): Promise<Response>;
  (callback: ResultCallback<Response>): void;
};

/**
 * An official call whose callback receives only the status (channel group changes).
 *
 * @example
 * ```ts
 * import type { ChannelGroupParameters, StatusCall } from "@pubnub-ts/pubsub/compat";
 * function drop(deleteGroup: StatusCall<ChannelGroupParameters>): void {
 *   deleteGroup({ channelGroup: "g" }, (status) => console.log(status.error));
 * }
 * console.log(typeof drop);
 * ```
 */
export type StatusCall<Parameters> = {
  (parameters: Parameters): Promise<Record<string, unknown>>;
  (parameters: Parameters, callback: StatusCallback): void;
};

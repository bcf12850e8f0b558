import type {
  PNGetMessageActionsResult,
  PNMessageAction,
  PNRemoveMessageActionResult,
} from "../../core/requests/message_actions.ts";
import type { PNEnvelope } from "../endpoint.ts";
import type { PNRequest } from "./request_api.ts";

/**
 * The add-message-action builder, from `pubnub.addMessageAction()`: adds an action (a reaction,
 * a receipt) to a stored message. Resolves to the action as stored:
 * `{ type, value, uuid, messageTimetoken, actionTimetoken }`. Subscribers of the channel receive
 * it as a `messageAction` event.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const sent = await pubnub.publish().channel("a").message("hello");
 * const { result } = await pubnub.addMessageAction().channel("a").messageTimetoken(sent.result.timetoken)
 *   .action({ type: "reaction", value: "👍" });
 * console.log(result.actionTimetoken);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface AddMessageAction extends PNRequest<PNMessageAction> {
  /** The message's channel. */
  channel(channel: string): this;
  /** The message's timetoken. */
  messageTimetoken(timetoken: string | bigint): this;
  /** The action: `type` (at most 15 characters) and `value`, both non-empty. */
  action(action: { type: string; value: string }): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNMessageAction>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNMessageAction>, R2 = never>(
    onfulfilled?: ((envelope: PNEnvelope<PNMessageAction>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The get-message-actions builder, from `pubnub.getMessageActions()`: a channel's message
 * actions, oldest first, between `start` (exclusive) and `end` (inclusive), at most `limit`
 * (1–100). Resolves to `{ actions, more? }`; when `more` is there, older actions remain: read on
 * with `.start(more.start)`.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * let page = await pubnub.getMessageActions().channel("a").limit(100);
 * while (page.result.more?.start) {
 *   page = await pubnub.getMessageActions().channel("a").start(page.result.more.start);
 * }
 * console.log(page.result.actions);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface GetMessageActions extends PNRequest<PNGetMessageActionsResult> {
  /** The channel. */
  channel(channel: string): this;
  /** Only actions older than this action timetoken (exclusive). */
  start(timetoken: string | bigint): this;
  /** Only actions at or newer than this action timetoken (inclusive). */
  end(timetoken: string | bigint): this;
  /** How many actions, at most (a whole number from 1 to 100). */
  limit(limit: number): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNGetMessageActionsResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNGetMessageActionsResult>, R2 = never>(
    onfulfilled?:
      | ((envelope: PNEnvelope<PNGetMessageActionsResult>) => R1 | PromiseLike<R1>)
      | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

/**
 * The remove-message-action builder, from `pubnub.removeMessageAction()`: removes an action
 * from a message, named by the message's and the action's timetokens. Resolves to `{}`;
 * subscribers of the channel receive a `removed` `messageAction` event.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false });
 * const sent = await pubnub.publish().channel("a").message("hello");
 * const added = await pubnub.addMessageAction().channel("a").messageTimetoken(sent.result.timetoken)
 *   .action({ type: "reaction", value: "👍" });
 * await pubnub.removeMessageAction().channel("a").messageTimetoken(sent.result.timetoken)
 *   .actionTimetoken(added.result.actionTimetoken);
 * await pubnub.stop();
 * await server.close();
 * ```
 */
export interface RemoveMessageAction extends PNRequest<PNRemoveMessageActionResult> {
  /** The message's channel. */
  channel(channel: string): this;
  /** The message's timetoken. */
  messageTimetoken(timetoken: string | bigint): this;
  /** The action's timetoken. */
  actionTimetoken(timetoken: string | bigint): this;
  /** Sends the call (once); resolves to `{ result, status }`, rejects with a `PubNubError`. */
  future(): Promise<PNEnvelope<PNRemoveMessageActionResult>>;
  /** Cancels the call when `signal` aborts (it then rejects with `PNCancelledCategory`). */
  abortSignal(signal: AbortSignal): this;
  /** Awaiting the builder sends the call, as `future()` does, once however often it is awaited. */
  then<R1 = PNEnvelope<PNRemoveMessageActionResult>, R2 = never>(
    onfulfilled?:
      | ((envelope: PNEnvelope<PNRemoveMessageActionResult>) => R1 | PromiseLike<R1>)
      | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

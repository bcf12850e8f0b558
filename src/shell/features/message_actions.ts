/**
 * The `messageActions` feature: adding, reading and removing message actions, as on `PubNub`.
 *
 * @module
 */
import { AddMessageActionBuilder } from "../builders/add_message_action.ts";
import { GetMessageActionsBuilder } from "../builders/get_message_actions.ts";
import { RemoveMessageActionBuilder } from "../builders/remove_message_action.ts";
import type {
  AddMessageAction,
  GetMessageActions,
  RemoveMessageAction,
} from "../builders/message_actions_api.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `messageActions` adds.
 *
 * @example
 * ```ts
 * import type { MessageActionCalls } from "@pubnub-ts/pubsub/modular";
 * const read = (pubnub: MessageActionCalls) => pubnub.getMessageActions().channel("a");
 * ```
 */
export interface MessageActionCalls {
  /** Adds an action to a message: `.channel("a").messageTimetoken(t).action({ type, value })`. */
  addMessageAction(): AddMessageAction;
  /** Reads a channel's message actions: `.channel("a").limit(100)` → `{ actions, more? }`. */
  getMessageActions(): GetMessageActions;
  /** Removes an action: `.channel("a").messageTimetoken(t).actionTimetoken(t2)`. */
  removeMessageAction(): RemoveMessageAction;
}

/**
 * Message actions.
 *
 * @example
 * ```ts
 * import { createPubNub, messageActions } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [messageActions]);
 * const call = pubnub.getMessageActions().channel("room");
 * await pubnub.stop();
 * ```
 */
export const messageActions: Feature<MessageActionCalls> = /* @__PURE__ */ defineFeature<
  MessageActionCalls
>({
  name: "messageActions",
  install: (host) => ({
    addMessageAction: () => new AddMessageActionBuilder(host.sender, host.config),
    getMessageActions: () => new GetMessageActionsBuilder(host.sender, host.config),
    removeMessageAction: () => new RemoveMessageActionBuilder(host.sender, host.config),
  }),
});

import type { Envelope } from "../model/envelope.ts";
import type { ActionChange } from "../model/message_actions.ts";
import type { PresenceRequest, PublishInput, PubSubModel } from "../model/model.ts";

/**
 * A change to the server's state, as plain JSON (timetokens as strings) so that it can be
 * written to a shared log and applied, in the same order, by every server process.
 *
 * @example
 * ```ts
 * import type { ModelOperation } from "./operations.ts";
 * const op: ModelOperation = { op: "deleteGroup", subKey: "demo", group: "g" };
 * ```
 */
export type ModelOperation =
  | { op: "publish"; input: PublishInput }
  | {
    op: "heartbeat";
    request: PresenceRequest & { timeoutSeconds?: number; state?: Record<string, unknown> };
  }
  | { op: "leave"; request: PresenceRequest }
  | { op: "setState"; request: PresenceRequest; state: Record<string, unknown> }
  | { op: "addToGroup"; subKey: string; group: string; channels: string[] }
  | { op: "removeFromGroup"; subKey: string; group: string; channels: string[] }
  | { op: "deleteGroup"; subKey: string; group: string }
  | { op: "deleteMessages"; subKey: string; channel: string; start?: string; end?: string }
  | {
    op: "messageAction";
    subKey: string;
    channel: string;
    messageTimetoken: string;
    uuid: string;
    add?: { type: string; value: string };
    remove?: string;
  }
  | { op: "tick" };

/**
 * What applying an operation produced: envelopes to wake long-polls with, and the answer the
 * request that wrote it needs (publish timetoken, refusal, group error, action change).
 *
 * @example
 * ```ts
 * import type { OperationResult } from "./operations.ts";
 * const nothing: OperationResult = { envelopes: [] };
 * ```
 */
export interface OperationResult {
  /** Envelopes added to channel buffers. */
  envelopes: Envelope[];
  /** The publish timetoken. */
  timetoken?: string;
  /** Why a limit refused the operation (nothing changed). */
  refused?: string;
  /** A message action's change. */
  change?: ActionChange;
}

/**
 * Applies one operation to a model at time `now` (ms). Deterministic: the same operations
 * applied in the same order at the same times leave two models in the same state.
 *
 * @example
 * ```ts
 * import { applyOperation } from "./operations.ts";
 * import { PubSubModel } from "../model/model.ts";
 * const model = new PubSubModel({});
 * applyOperation(model, 0, { op: "addToGroup", subKey: "demo", group: "g", channels: ["a"] });
 * model.groupChannels("demo", "g"); // ["a"]
 * ```
 */
export function applyOperation(
  model: PubSubModel,
  now: number,
  operation: ModelOperation,
): OperationResult {
  switch (operation.op) {
    case "publish":
      return model.publish(now, operation.input);
    case "heartbeat":
      return model.heartbeat(now, operation.request);
    case "leave":
      return model.leave(now, operation.request);
    case "setState":
      return model.setState(now, operation.request, operation.state);
    case "addToGroup": {
      const refused = model.addToGroup(operation.subKey, operation.group, operation.channels);
      return refused === undefined ? { envelopes: [] } : { envelopes: [], refused };
    }
    case "removeFromGroup":
      model.removeFromGroup(operation.subKey, operation.group, operation.channels);
      return { envelopes: [] };
    case "deleteGroup":
      model.deleteGroup(operation.subKey, operation.group);
      return { envelopes: [] };
    case "deleteMessages": {
      const range = {
        start: operation.start === undefined ? undefined : BigInt(operation.start),
        end: operation.end === undefined ? undefined : BigInt(operation.end),
      };
      model.storedMessages(operation.subKey)?.delete(operation.channel, range);
      return { envelopes: [] };
    }
    case "messageAction":
      return model.messageAction(now, {
        subKey: operation.subKey,
        channel: operation.channel,
        messageTimetoken: BigInt(operation.messageTimetoken),
        uuid: operation.uuid,
        ...(operation.add ? { add: operation.add } : {}),
        ...(operation.remove === undefined ? {} : { remove: BigInt(operation.remove) }),
      });
    case "tick":
      return model.tick(now);
  }
}

import type { PNConfiguration } from "../../core/config.ts";
import type { ParseResult } from "../../core/parse_result.ts";
import type { RequestDescription } from "../../core/request.ts";
import {
  buildSetStateRequest,
  parseSetStateResponse,
  type PNSetStateResult,
} from "../../core/requests/state.ts";
import { Endpoint, type PNEnvelope, type RequestSender } from "../endpoint.ts";
import { extendList } from "./_lists.ts";
import type { SetState } from "./presence_api.ts";

/**
 * Called when a set-state of the client's own uuid is sent, with the channels and groups it is
 * set on and (a copy of) the state, so the client can send it with subscribe and heartbeat.
 * Returns an undo, called if the call fails. Remembering at send time (not on success) means an
 * unsubscribe made while the call is in flight is not undone by its answer.
 *
 * @example
 * ```ts
 * import type { RememberState } from "./set_state.ts";
 * const remembered = new Map<string, unknown>();
 * const remember: RememberState = (names, state) => {
 *   names.forEach((n) => remembered.set(n, state));
 *   return () => names.forEach((n) => remembered.delete(n));
 * };
 * ```
 */
export type RememberState = (
  names: readonly string[],
  state: Record<string, unknown>,
) => () => void;

/**
 * The set-state builder: a user's presence state on some channels and groups (default
 * user: this client). The state of the client's own uuid is also remembered and sent with every
 * subscribe and heartbeat until it leaves those channels. Resolves to `{ state }`, the state the
 * service stored.
 *
 * The implementation of {@link SetState}, the type users see.
 *
 * @example
 * ```ts
 * import { PubNub } from "@pubnub-ts/pubsub";
 * const pubnub = new PubNub({ subscribeKey: "demo", userId: "u1" });
 * const { result } = await pubnub.setState().channels(["a"]).state({ typing: true }).future();
 * console.log(result.state);
 * ```
 */
export class SetStateBuilder extends Endpoint<PNSetStateResult> implements SetState {
  readonly #config: PNConfiguration;
  readonly #remember: RememberState | undefined;
  #channels: string[] = [];
  #groups: string[] = [];
  #state: unknown = undefined;
  #uuid: string;
  #undo: (() => void) | undefined;

  /** Use `pubnub.setState()`. */
  constructor(sender: RequestSender, config: PNConfiguration, remember?: RememberState) {
    super(sender);
    this.#config = config;
    this.#remember = remember;
    this.#uuid = config.userId;
  }

  /** Channels the state applies to (a name or a list; added to earlier ones). */
  channels(channels: string | readonly string[]): this {
    this.#channels = extendList(this.#channels, channels);
    return this;
  }

  /** Channel groups the state applies to (a name or a list; added to earlier ones). */
  channelGroups(groups: string | readonly string[]): this {
    this.#groups = extendList(this.#groups, groups);
    return this;
  }

  /** The state: a plain JSON object. */
  state(state: Record<string, unknown>): this {
    this.#state = state;
    return this;
  }

  /** Whose state: the same as `uuid(...)`, named as in the configuration. */
  userId(userId: string): this {
    return this.uuid(userId);
  }

  /**
   * Whose state (default this client's `userId`; only the client's own is remembered). `uuid` is
   * the service's (wire) name for a user id; `userId(...)` is the same setter under the
   * configuration's name.
   */
  uuid(uuid: string): this {
    this.#uuid = uuid;
    return this;
  }

  /** Sends the call; the client's own state is remembered, and forgotten if the call fails. */
  protected override async perform(): Promise<PNEnvelope<PNSetStateResult>> {
    try {
      return await super.perform();
    } catch (error) {
      this.#undo?.();
      throw error;
    } finally {
      this.#undo = undefined;
    }
  }

  /** Builds the request; throws a validation `PubNubError` (nothing sent) on bad input. */
  protected override prepare(): RequestDescription {
    const request = buildSetStateRequest({
      subscribeKey: this.#config.subscribeKey,
      uuid: this.#uuid,
      channels: this.#channels,
      channelGroups: this.#groups,
      state: this.#state as Record<string, unknown>,
    });
    if (this.#remember && this.#uuid === this.#config.userId) {
      // Exactly what is sent (a copy: later changes to the caller's object do not leak in).
      const state = JSON.parse(request.query.state) as Record<string, unknown>;
      this.#undo = this.#remember([...this.#channels, ...this.#groups], state);
    }
    return request;
  }

  /** Reads the result out of the service's answer. */
  protected override parse(data: unknown): ParseResult<PNSetStateResult> {
    return parseSetStateResponse(data);
  }
}

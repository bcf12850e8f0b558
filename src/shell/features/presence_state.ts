/**
 * The `presenceState` feature: `setState()` and `getState()`, as on `PubNub`.
 *
 * @module
 */
import { GetStateBuilder } from "../builders/get_state.ts";
import { SetStateBuilder } from "../builders/set_state.ts";
import type { GetState, SetState } from "../builders/presence_api.ts";
import { rememberState } from "../remembered_state.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * The calls `presenceState` adds.
 *
 * @example
 * ```ts
 * import type { PresenceStateCalls } from "@pubnub-ts/pubsub/modular";
 * const away = (pubnub: PresenceStateCalls) => pubnub.setState().channels(["room"]).state({ away: true });
 * ```
 */
export interface PresenceStateCalls {
  /**
   * Sets presence state: `setState().channels([...]).state({...})`. With `subscribing`, this
   * client's own state is also sent with every subscribe and heartbeat on those channels.
   */
  setState(): SetState;
  /** Reads presence state: `getState().channels([...]).uuid("u1")` (default: this client). */
  getState(): GetState;
}

/**
 * Presence state.
 *
 * @example
 * ```ts
 * import { createPubNub, presenceState } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub({ subscribeKey: "demo", userId: "u1" }, [presenceState]);
 * const call = pubnub.setState().channels(["room"]).state({ mood: "ok" });
 * await pubnub.stop();
 * ```
 */
export const presenceState: Feature<PresenceStateCalls> = /* @__PURE__ */ defineFeature<
  PresenceStateCalls
>({
  name: "presenceState",
  install: (host) => ({
    setState: () =>
      new SetStateBuilder(
        host.sender,
        host.config,
        host.subscriber &&
          ((names, state) => rememberState(host.subscriber!.subscription, names, state)),
      ),
    getState: () => new GetStateBuilder(host.sender, host.config),
  }),
});

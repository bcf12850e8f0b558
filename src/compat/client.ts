/**
 * Our client behind a compat client: one made of the features the official API reaches (calls,
 * subscribe with presence and gap restore, encryption, signing), so an app on `./compat` does
 * not carry what that API cannot use (message streams, request logging).
 *
 * @module
 */
// In the order of the modular entry's: the bundle then lays out our code as it does there.
import {
  type CallsOf,
  type ClientOptions,
  createPubNub,
  type PubNubClient,
} from "../shell/features/client.ts";
import { publishing } from "../shell/features/publishing.ts";
import { signals } from "../shell/features/signals.ts";
import { time } from "../shell/features/time.ts";
import { subscribing } from "../shell/features/subscribing.ts";
import { heartbeats } from "../shell/features/heartbeats.ts";
import { gapRestore } from "../shell/features/gap_restore.ts";
import { presence } from "../shell/features/presence.ts";
import { presenceState } from "../shell/features/presence_state.ts";
import { channelGroups } from "../shell/features/channel_groups.ts";
import { history } from "../shell/features/history.ts";
import { storage } from "../shell/features/storage.ts";
import { messageActions } from "../shell/features/message_actions.ts";
import { encryption } from "../shell/features/encryption.ts";
import { signing } from "../shell/features/signing.ts";
import type { PNConfigurationOptions } from "../core/config.ts";

const FEATURES = [
  publishing,
  signals,
  time,
  subscribing,
  heartbeats,
  gapRestore,
  presence,
  presenceState,
  channelGroups,
  history,
  storage,
  messageActions,
  encryption,
  signing,
] as const;

/**
 * Our client for `options`, with every feature the official API reaches.
 *
 * @example
 * ```ts
 * import { createClient } from "./client.ts";
 * const client = createClient({ subscribeKey: "demo", userId: "u1" });
 * client.config.userId; // "u1"
 * await client.stop();
 * ```
 */
export function createClient(
  options: PNConfigurationOptions,
  clientOptions?: ClientOptions,
): Client {
  return createPubNub(options, FEATURES, clientOptions);
}

/**
 * Our client behind a compat client.
 *
 * @example
 * ```ts
 * import { createClient, type Client } from "./client.ts";
 * const client: Client = createClient({ subscribeKey: "demo", userId: "u1" });
 * await client.stop();
 * ```
 */
export type Client = PubNubClient & CallsOf<typeof FEATURES>;

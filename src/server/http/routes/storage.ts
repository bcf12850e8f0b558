import type { Context } from "../context.ts";
import { json } from "../responses.ts";

/**
 * The service's refusal text for storage calls on a keyset without Storage & Playback.
 *
 * @example
 * ```ts
 * import { STORAGE_DISABLED } from "./storage.ts";
 * STORAGE_DISABLED.startsWith("Use of the history API"); // true
 * ```
 */
export const STORAGE_DISABLED =
  "Use of the history API requires the Storage & Playback which is not enabled for this " +
  "subscribe key. Login to your PubNub Dashboard Account and enable Storage & Playback. " +
  "Contact support@pubnub.com if you require further assistance.";

/**
 * The older wording the v2 history endpoint answers with.
 *
 * @example
 * ```ts
 * import { STORAGE_DISABLED_V2 } from "./storage.ts";
 * STORAGE_DISABLED_V2.includes("add-on"); // true
 * ```
 */
export const STORAGE_DISABLED_V2 =
  "Use of the history API requires the Storage & Playback add-on which is not enabled for " +
  "this subscribe key. Login to your PubNub Dashboard Account and ADD the Storage & Playback " +
  "add-on. Contact support@pubnub.com if you require further assistance.";

/**
 * The answer to a storage call (`/v3/history…`, `/v3/history-with-actions…`, message actions)
 * when the handler runs with `storage: false`, or `undefined` when storage is on.
 *
 * Decision: the v3 storage endpoints answer 403 with the service's `{status, error,
 * error_message, channels}` object, as SDKs record for a keyset without the add-on; the exact
 * status of that answer is not documented, 403 is what the SDKs' recorded bodies carry.
 *
 * @example
 * ```ts
 * import { storageRefusal } from "./storage.ts";
 * const check = storageRefusal;
 * ```
 */
export function storageRefusal(ctx: Context): Response | undefined {
  if (ctx.options.storage) return undefined;
  return json(403, { status: 403, error: true, error_message: STORAGE_DISABLED, channels: {} });
}

import type { Answer } from "../exchange.ts";
import type { Context } from "../context.ts";
import { TIMETOKEN_PATTERN } from "../../../core/wire/timetoken.ts";
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
export function storageRefusal(ctx: Context): Answer | undefined {
  if (ctx.options.storage) return undefined;
  return json(403, { status: 403, error: true, error_message: STORAGE_DISABLED, channels: {} });
}

/**
 * A storage error as the storage service words its answers: `{status, error, error_message}`.
 *
 * @example
 * ```ts
 * import { storageError } from "./storage.ts";
 * storageError(400, "Invalid max").status; // 400
 * ```
 */
export function storageError(status: number, message: string): Answer {
  return json(status, { status, error: true, error_message: message });
}

/**
 * An optional timetoken query parameter: `undefined` when absent or empty, the error answer
 * when it is not 1 to 19 digits.
 *
 * @example
 * ```ts
 * import { timetokenParam } from "./storage.ts";
 * timetokenParam(new Map([["start", "15"]]), "start"); // 15n
 * ```
 */
export function timetokenParam(
  query: Map<string, string>,
  name: string,
): bigint | undefined | Answer {
  const value = query.get(name);
  if (value === undefined || value === "") return undefined;
  if (!TIMETOKEN_PATTERN.test(value)) {
    return storageError(
      400,
      `Invalid ${name}: a timetoken is 1 to 19 digits, got "${value.slice(0, 40)}"`,
    );
  }
  return BigInt(value);
}

/**
 * An optional count query parameter (`max`, `count`, `limit`): the default when absent, at most
 * `limit` (larger asks are cut to it, as the service does), the error answer when it is not a
 * whole number of at least 1.
 *
 * @example
 * ```ts
 * import { countParam } from "./storage.ts";
 * countParam(new Map([["max", "500"]]), "max", 25, 100); // 100
 * ```
 */
export function countParam(
  query: Map<string, string>,
  name: string,
  fallback: number,
  limit: number,
): number | Answer {
  const text = query.get(name);
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    return storageError(
      400,
      `Invalid ${name}: expected a whole number from 1 to ${limit}, got "${text.slice(0, 40)}"`,
    );
  }
  return Math.min(value, limit);
}

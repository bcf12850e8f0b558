import type { RequestDescription } from "./request.ts";

/**
 * The service's limit on a request's path and query together: 32 KiB of escaped characters.
 * Longer requests are refused (HTTP 414) before they reach any service.
 *
 * @example
 * ```ts
 * import { MAX_URI_LENGTH } from "./uri_limit.ts";
 * console.log(MAX_URI_LENGTH); // 32768
 * ```
 */
export const MAX_URI_LENGTH = 32768;

/**
 * The longest path and query `request` may have. A GET publish, fire or signal carries its
 * message as the last segment of its path, and the message is governed by its own size rule
 * (`maxMessageSize`, checked when the request is built), so for them the URI limit applies to
 * the rest of the request, as the service counts it.
 *
 * @example
 * ```ts
 * import { uriLimitFor } from "./uri_limit.ts";
 * uriLimitFor({ operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {} }); // 32768
 * ```
 */
export function uriLimitFor(request: RequestDescription): number {
  return MAX_URI_LENGTH + (request.messageLength ?? 0);
}

/**
 * Says why a request cannot be sent because of its length, or `undefined` when it fits.
 * `target` is the path and query exactly as they would be sent (common parameters included).
 *
 * @example
 * ```ts
 * import { uriTooLong } from "./uri_limit.ts";
 * const request = { operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {} } as const;
 * uriTooLong(request, "/time/0?uuid=u"); // undefined
 * ```
 */
export function uriTooLong(request: RequestDescription, target: string): string | undefined {
  const allowance = request.messageLength ?? 0;
  if (target.length <= MAX_URI_LENGTH + allowance) return undefined;
  const size = allowance > 0
    ? `${target.length - allowance} characters besides the ${allowance} of the message`
    : `${target.length} characters`;
  const advice = request.tooLongAdvice ? ` (${request.tooLongAdvice})` : "";
  return `the request's path and query would be ${size}, over the service's URI limit of ${MAX_URI_LENGTH} characters (32 KiB)${advice}`;
}

/**
 * The content type the service sends for every body (docs/protocol.md "Request conventions").
 *
 * @example
 * ```ts
 * import { CONTENT_TYPE } from "./responses.ts";
 * CONTENT_TYPE; // 'text/javascript; charset="UTF-8"'
 * ```
 */
export const CONTENT_TYPE = 'text/javascript; charset="UTF-8"';

import { Answer } from "./exchange.ts";

/**
 * The body a listener answers itself when a Host header makes no URL (`a b<>`, `user@host`).
 *
 * @example
 * ```ts
 * import { INVALID_HOST_BODY } from "./responses.ts";
 * JSON.parse(INVALID_HOST_BODY).status; // 400
 * ```
 */
export const INVALID_HOST_BODY =
  '{"status":400,"error":true,"service":"Local","message":"Invalid Host header"}';

/**
 * The body a listener answers itself when the handler failed.
 *
 * @example
 * ```ts
 * import { INTERNAL_ERROR_BODY } from "./responses.ts";
 * JSON.parse(INTERNAL_ERROR_BODY).status; // 500
 * ```
 */
export const INTERNAL_ERROR_BODY =
  '{"status":500,"error":true,"service":"Local","message":"Internal Server Error"}';

/**
 * The headers of every JSON answer (shared: answers never change their headers).
 *
 * @example
 * ```ts
 * import { JSON_HEADERS } from "./responses.ts";
 * JSON_HEADERS["cache-control"]; // "no-cache"
 * ```
 */
export const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-type": CONTENT_TYPE,
  "cache-control": "no-cache",
  // Browsers may call the dev server from any page.
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "Content-Type, Content-Encoding",
});

/**
 * A response with a JSON body already serialised.
 *
 * @example
 * ```ts
 * import { jsonText } from "./responses.ts";
 * jsonText(200, "[1]").status; // 200
 * ```
 */
export function jsonText(status: number, body: string): Answer {
  return new Answer(status, body, JSON_HEADERS);
}

/**
 * A response with a value serialised as JSON.
 *
 * @example
 * ```ts
 * import { json } from "./responses.ts";
 * json(200, { status: 200, message: "OK" }).status; // 200
 * ```
 */
export function json(status: number, body: unknown): Answer {
  return jsonText(status, JSON.stringify(body));
}

/**
 * The service's JSON error object: `{status, error: true, service, message}`.
 *
 * @example
 * ```ts
 * import { errorObject } from "./responses.ts";
 * errorObject(404, "Not Found", "Local").status; // 404
 * ```
 */
export function errorObject(
  status: number,
  message: string,
  service: string,
  extra: Record<string, unknown> = {},
): Answer {
  return json(status, { status, error: true, service, message, ...extra });
}

/**
 * A publish-style array answer: `[1,"Sent","tt"]` or `[0,"Invalid Key","tt"]`.
 *
 * @example
 * ```ts
 * import { publishAnswer } from "./responses.ts";
 * publishAnswer(413, "Message Too Large", "17000000000000000").status; // 413
 * ```
 */
export function publishAnswer(status: number, text: string, timetoken: string): Answer {
  return json(status, [status === 200 ? 1 : 0, text, timetoken]);
}

/**
 * The wrong-subscribe-key answer of the Access Manager.
 *
 * @example
 * ```ts
 * import { invalidSubscribeKey } from "./responses.ts";
 * invalidSubscribeKey().status; // 400
 * ```
 */
export function invalidSubscribeKey(): Answer {
  return json(400, {
    message: "Invalid Subscribe Key",
    error: true,
    service: "Access Manager",
    status: 400,
  });
}

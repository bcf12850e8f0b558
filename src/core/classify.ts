import type { PNOperationTypeName, PNStatusCategoryName } from "./categories.ts";
import type { PNStatus } from "./status.ts";
import { statusFor, type StatusTarget } from "./response_status.ts";
import type { RequestDescription, ResponseDescription } from "./request.ts";
import { err, ok, type Result } from "./result.ts";

/**
 * A request that produced no HTTP response: why, as the shell observed it.
 *
 * @example
 * ```ts
 * import type { TransportFailure } from "./classify.ts";
 * const failure: TransportFailure = { kind: "timeout", message: "no response within 10 s" };
 * ```
 */
export interface TransportFailure {
  /**
   * `timeout`: no answer in time; `network`: refused, reset, DNS or TLS; `cancelled`: aborted by
   * us; `invalid`: the request could not be built from what the caller gave (never sent).
   */
  kind: "timeout" | "network" | "cancelled" | "invalid";
  /** What happened, in words. */
  message: string;
}

/**
 * The outcome of reading a response: the parsed JSON body, or a failed status.
 *
 * @example
 * ```ts
 * import type { ResponseOutcome } from "./classify.ts";
 * const ok: ResponseOutcome = { ok: true, data: [1, "Sent", "17000000000000000"], statusCode: 200 };
 * ```
 */
export type ResponseOutcome =
  | { ok: true; data: unknown; statusCode: number }
  | { ok: false; status: PNStatus; message: string };

/**
 * Maps an HTTP status code of a failed response to its category
 * (docs/protocol.md "Error categories").
 *
 * @example
 * ```ts
 * import { categoryForStatusCode } from "./classify.ts";
 * categoryForStatusCode(403); // "PNAccessDeniedCategory"
 * ```
 */
export function categoryForStatusCode(code: number): PNStatusCategoryName {
  if (code === 403) return "PNAccessDeniedCategory";
  if (code >= 500) return "PNServerErrorCategory";
  if (code >= 400) return "PNBadRequestCategory";
  return "PNUnknownCategory";
}

const FAILURE_CATEGORY: Record<TransportFailure["kind"], PNStatusCategoryName> = {
  timeout: "PNTimeoutCategory",
  network: "PNNetworkIssuesCategory",
  cancelled: "PNCancelledCategory",
  invalid: "PNValidationErrorCategory",
};

/**
 * Turns a transport failure into a failed status.
 *
 * @example
 * ```ts
 * import { classifyFailure } from "./classify.ts";
 * const status = classifyFailure({ operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {} }, { kind: "timeout", message: "no answer in 10 s" });
 * status.category; // "PNTimeoutCategory"
 * ```
 */
export function classifyFailure(request: RequestDescription, failure: TransportFailure): PNStatus {
  return transportFailure(request, failure).status;
}

/**
 * The failed outcome of a request that produced no HTTP response: its status, and the message
 * "Publish failed: no response within 10 s (PNTimeoutCategory)".
 *
 * @example
 * ```ts
 * import { transportFailure } from "./classify.ts";
 * const outcome = transportFailure({ operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {} }, { kind: "cancelled", message: "cancelled" });
 * outcome.message; // "Time failed: cancelled (PNCancelledCategory)"
 * ```
 */
export function transportFailure(
  request: RequestDescription,
  failure: TransportFailure,
): { ok: false; status: PNStatus; message: string } {
  const category = FAILURE_CATEGORY[failure.kind];
  return failed(request, category, `${failure.message} (${category})`, undefined, {
    message: failure.message,
  });
}

/**
 * A failed outcome of a call: an error status of `category` about `request`, and the message
 * "<Operation> failed: <reason>". `errorData` defaults to `{ message: reason }`.
 *
 * @example
 * ```ts
 * import { failed } from "./classify.ts";
 * failed({ operation: "PNTimeOperation" }, "PNMalformedResponseCategory", "unexpected response: []", 200).message;
 * // "Time failed: unexpected response: []"
 * ```
 */
export function failed(
  request: StatusTarget,
  category: PNStatusCategoryName,
  reason: string,
  statusCode?: number,
  errorData: Record<string, unknown> = { message: reason },
): { ok: false; status: PNStatus; message: string } {
  return {
    ok: false,
    message: `${operationName(request.operation)} failed: ${reason}`,
    status: statusFor(request, category, true, statusCode, errorData),
  };
}

/**
 * Reads a response: parses the JSON body and decides whether it is a success. Failures carry a
 * category, the status code and `errorData` built from the service's error body (its `message`,
 * `status`, `payload`, `service`; for publish arrays, the text and timetoken), plus `retryAfter`
 * (seconds) for a 429 that says so.
 *
 * @example
 * ```ts
 * import { classifyResponse } from "./classify.ts";
 * const outcome = classifyResponse(
 *   { operation: "PNPublishOperation", method: "GET", path: "/publish/p/s/0/ch/0/1", query: {} },
 *   { status: 400, contentType: "text/javascript", body: '[0,"Invalid Key","14820999375199241"]' },
 * );
 * outcome.ok; // false
 * ```
 */
export function classifyResponse(
  request: RequestDescription,
  response: ResponseDescription,
): ResponseOutcome {
  const code = response.status;
  // The parser's complaint is not kept: the outcome says the body is not JSON, and shows it.
  let data: unknown;
  let parsed = true;
  try {
    data = JSON.parse(response.body);
  } catch {
    parsed = false;
  }
  if (code >= 200 && code < 300) {
    const type = response.contentType?.toLowerCase() ?? "";
    // A long-poll's reply is not checked for its type (the transport does not read it).
    const badType = !request.longPoll && !type.includes("json") && !type.includes("javascript");
    if (!badType && parsed) return { ok: true, data, statusCode: code };
    const contentType = `content-type "${response.contentType ?? "(none)"}"`;
    return failed(
      request,
      "PNMalformedResponseCategory",
      `the server answered HTTP ${code} with ${
        badType ? `${contentType}, not JSON` : "a body that is not JSON"
      }`,
      code,
      {
        message: badType ? `unexpected ${contentType}` : "response body is not JSON",
        body: excerpt(response.body),
      },
    );
  }
  const errorData = errorDataFrom(data, response);
  const category = categoryForStatusCode(code);
  const said = typeof errorData.message === "string" ? `: ${errorData.message}` : "";
  return failed(request, category, `HTTP ${code}${said} (${category})`, code, errorData);
}

function errorDataFrom(body: unknown, response: ResponseDescription): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (Array.isArray(body)) {
    // Publish-style answer: [0, "Invalid Key", "14820999375199241"].
    if (typeof body[1] === "string") data.message = body[1];
    if (body[2] !== undefined) data.timetoken = String(body[2]);
  } else if (body !== null && typeof body === "object") {
    const b = body as Record<string, unknown>;
    for (const key of ["message", "status", "service", "payload"]) {
      if (b[key] !== undefined) data[key] = b[key];
    }
    // Other services say it as `error_message`, `error`, or (message actions)
    // `{"status":400,"error":{"message":"…","source":"actions"}}`.
    const said = [b.error_message, b.error, (b.error as { message?: unknown } | null)?.message]
      .find((text) => typeof text === "string");
    if (data.message === undefined && said !== undefined) data.message = said;
  } else if (typeof body === "string" || typeof body === "number") {
    data.message = String(body);
  } else {
    data.message = `HTTP ${response.status} with ${
      response.body ? "a body that is not JSON" : "an empty body"
    }`;
    if (response.body) data.body = excerpt(response.body);
  }
  if (response.retryAfter?.trim()) {
    const seconds = Number(response.retryAfter);
    data.retryAfter = Number.isFinite(seconds) ? seconds : response.retryAfter;
  }
  return data;
}

/**
 * Parses JSON without throwing; a failure says what the JSON parser objected to.
 *
 * @example
 * ```ts
 * import { parseJson } from "./classify.ts";
 * parseJson("[1]"); // { ok: true, value: [1] }
 * parseJson("{").ok; // false
 * ```
 */
export function parseJson(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

function excerpt(body: string): string {
  return body.length > 200 ? `${body.slice(0, 200)}…` : body;
}

/**
 * A readable name for an operation: "PNPublishOperation" → "Publish".
 *
 * @example
 * ```ts
 * import { operationName } from "./classify.ts";
 * operationName("PNHereNowOperation"); // "HereNow"
 * ```
 */
export function operationName(operation: PNOperationTypeName): string {
  return operation.replace(/^PN/, "").replace(/Operation$/, "");
}

import type { PNOperationTypeName, PNStatusCategoryName } from "./categories.ts";
import { PNStatus } from "./status.ts";
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
  return new PNStatus({
    category: FAILURE_CATEGORY[failure.kind],
    operation: request.operation,
    error: true,
    errorData: { message: failure.message },
    affectedChannels: request.channels,
    affectedChannelGroups: request.channelGroups,
  });
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
  const { operation } = request;
  const code = response.status;
  const parsed = parseJson(response.body);
  const success = code >= 200 && code < 300;

  if (success) {
    const type = response.contentType?.toLowerCase() ?? "";
    if (!request.longPoll && !type.includes("json") && !type.includes("javascript")) {
      return fail(
        request,
        "PNMalformedResponseCategory",
        code,
        {
          message: `unexpected content-type "${response.contentType ?? "(none)"}"`,
          body: excerpt(response.body),
        },
        `${operationName(operation)} failed: the server answered HTTP ${code} with content-type "${
          response.contentType ?? "(none)"
        }", not JSON`,
      );
    }
    if (!parsed.ok) {
      return fail(
        request,
        "PNMalformedResponseCategory",
        code,
        {
          message: "response body is not JSON",
          body: excerpt(response.body),
        },
        `${
          operationName(operation)
        } failed: the server answered HTTP ${code} with a body that is not JSON`,
      );
    }
    return { ok: true, data: parsed.value, statusCode: code };
  }

  const errorData = errorDataFrom(parsed.ok ? parsed.value : undefined, response);
  const category = categoryForStatusCode(code);
  const said = typeof errorData.message === "string" ? `: ${errorData.message}` : "";
  return fail(
    request,
    category,
    code,
    errorData,
    `${operationName(operation)} failed: HTTP ${code}${said} (${category})`,
  );
}

function fail(
  request: RequestDescription,
  category: PNStatusCategoryName,
  statusCode: number,
  errorData: Record<string, unknown>,
  message: string,
): ResponseOutcome {
  return {
    ok: false,
    message,
    status: new PNStatus({
      category,
      operation: request.operation,
      error: true,
      statusCode,
      errorData,
      affectedChannels: request.channels,
      affectedChannelGroups: request.channelGroups,
    }),
  };
}

function errorDataFrom(body: unknown, response: ResponseDescription): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (Array.isArray(body)) {
    // Publish-style answer: [0, "Invalid Key", "14820999375199241"].
    if (typeof body[1] === "string") data.message = body[1];
    if (body[2] !== undefined) data.timetoken = String(body[2]);
  } else if (body !== null && typeof body === "object") {
    const b = body as Record<string, unknown>;
    for (const key of ["message", "status", "service", "payload"] as const) {
      if (b[key] !== undefined) data[key] = b[key];
    }
    if (data.message === undefined && typeof b.error_message === "string") {
      data.message = b.error_message;
    }
    if (data.message === undefined && typeof b.error === "string") data.message = b.error;
    // Message actions answer `{"status":400,"error":{"message":"…","source":"actions"}}`.
    const nested = b.error as Record<string, unknown> | null;
    if (data.message === undefined && typeof nested === "object" && nested !== null) {
      if (typeof nested.message === "string") data.message = nested.message;
    }
  } else if (typeof body === "string" || typeof body === "number") {
    data.message = String(body);
  } else if (response.body.length > 0) {
    data.message = `HTTP ${response.status} with a body that is not JSON`;
    data.body = excerpt(response.body);
  } else {
    data.message = `HTTP ${response.status} with an empty body`;
  }
  if (response.retryAfter !== undefined && response.retryAfter.trim() !== "") {
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

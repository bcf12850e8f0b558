import { malformed, parsed, type ParseResult } from "../parse_result.ts";
import { TIMETOKEN_DIGITS } from "../wire/timetoken.ts";
import type { RequestDescription } from "../request.ts";

/**
 * Builds the `/time/0` request.
 *
 * @example
 * ```ts
 * import { buildTimeRequest } from "./time.ts";
 * buildTimeRequest().path; // "/time/0"
 * ```
 */
export function buildTimeRequest(): RequestDescription {
  return { operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {} };
}

/**
 * The result of a time call.
 *
 * @example
 * ```ts
 * import type { PNTimeResult } from "@pubnub-ts/pubsub";
 * const result: PNTimeResult = { timetoken: "17000000000000000" };
 * ```
 */
export interface PNTimeResult {
  /** The service's current timetoken, as a string. */
  timetoken: string;
}

/**
 * `[17000000000000000]`, the timetoken a number or a string. Built on first use: a top-level
 * `new RegExp` of a template would stay in every bundle that imports this module's builder.
 */
let timeAnswer: RegExp | undefined;

/**
 * Parses the time answer from the raw body: the service sends `[17000000000000000]` as a JSON
 * number, which `JSON.parse` would round, so the digits are read from the text.
 *
 * @example
 * ```ts
 * import { parseTimeResponse } from "./time.ts";
 * parseTimeResponse("[17000000000000001]"); // { ok: true, value: { timetoken: "17000000000000001" } }
 * ```
 */
export function parseTimeResponse(body: string): ParseResult<PNTimeResult> {
  timeAnswer ??= new RegExp(
    `^\\s*\\[\\s*(?:(${TIMETOKEN_DIGITS})|"(${TIMETOKEN_DIGITS})")\\s*\\]\\s*$`,
  );
  const match = timeAnswer.exec(body);
  if (!match) return malformed(`expected [<timetoken>], got ${body.slice(0, 60)}`);
  return parsed({ timetoken: match[1] ?? match[2] });
}

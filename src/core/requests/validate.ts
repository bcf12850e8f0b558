import { describeValue } from "../describe_value.ts";
import { PubNubError } from "../error.ts";
import { serializeMessage } from "../json.ts";
import { MAX_URI_LENGTH } from "../uri_limit.ts";
import type { PNOperationTypeName } from "../categories.ts";
import { isTimetoken } from "../wire/timetoken.ts";
import { channelNameProblem } from "../wire/channel_names.ts";

/**
 * Checks a list of channel or group names the caller gave: an array of non-empty strings.
 * Throws a validation {@link PubNubError} that names the call and what was wrong.
 *
 * @example
 * ```ts
 * import { checkNames } from "./validate.ts";
 * checkNames("PNHereNowOperation", "here-now", "channel", ["a", "b"]); // passes
 * ```
 */
export function checkNames(
  operation: PNOperationTypeName,
  call: string,
  kind: "channel" | "channel group",
  names: readonly string[] | undefined,
): void {
  if (names === undefined) return;
  if (!Array.isArray(names)) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: ${kind}s must be a list of names, got ${describeValue(names)}`,
    );
  }
  names.forEach((name, index) => {
    const problem = channelNameProblem(name);
    if (problem === undefined) return;
    const hint = problem.startsWith("is ") ? "; names must be non-empty strings" : "";
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: ${kind} name #${index + 1} ${problem}${hint}`,
    );
  });
}

/**
 * Checks that a call names at least one channel or channel group (and that every name is valid).
 *
 * @example
 * ```ts
 * import { checkSomeTargets } from "./validate.ts";
 * checkSomeTargets("PNSetStateOperation", "set state", [], ["g"]); // passes: a group is enough
 * ```
 */
export function checkSomeTargets(
  operation: PNOperationTypeName,
  call: string,
  channels: readonly string[] | undefined,
  groups: readonly string[] | undefined,
): void {
  checkNames(operation, call, "channel", channels);
  checkNames(operation, call, "channel group", groups);
  if ((channels ?? []).length === 0 && (groups ?? []).length === 0) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: no channels and no channel groups given; name at least one`,
    );
  }
}

/**
 * Checks one required name (a channel group, a uuid): a non-empty string.
 *
 * @example
 * ```ts
 * import { checkName } from "./validate.ts";
 * checkName("PNRemoveGroupOperation", "remove channel group", "channel group", "g"); // passes
 * ```
 */
export function checkName(
  operation: PNOperationTypeName,
  call: string,
  what: string,
  value: unknown,
): asserts value is string {
  if (typeof value !== "string" || value === "") {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: ${what} is ${typeof value === "string" ? "empty" : describeValue(value)}`,
    );
  }
}

/**
 * Checks a whole number within bounds (a count, a limit, a timeout).
 *
 * @example
 * ```ts
 * import { checkInteger } from "./validate.ts";
 * checkInteger("PNFetchMessagesOperation", "fetch messages", "count", 25, 1); // passes
 * ```
 */
export function checkInteger(
  operation: PNOperationTypeName,
  call: string,
  what: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: ${what} must be a whole number ${range}, got ${describeValue(value)}`,
    );
  }
}

/**
 * Checks one channel a call is about: a non-empty string that can go into a URL.
 *
 * @example
 * ```ts
 * import { checkChannel } from "./validate.ts";
 * checkChannel("PNHistoryOperation", "read history", "a"); // passes
 * ```
 */
export function checkChannel(
  operation: PNOperationTypeName,
  call: string,
  channel: unknown,
): asserts channel is string {
  checkName(operation, call, "channel", channel);
  if (!channel.isWellFormed()) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: channel contains an unpaired UTF-16 surrogate, which cannot be sent in a URL`,
    );
  }
}

/**
 * Checks an optional timetoken the caller gave (`start`, `end`, a message's timetoken): a string
 * of up to 19 digits. `undefined` passes unless `required`.
 *
 * @example
 * ```ts
 * import { checkTimetoken } from "./validate.ts";
 * checkTimetoken("PNDeleteMessagesOperation", "delete messages", "start", "17000000000000000"); // passes
 * ```
 */
export function checkTimetoken(
  operation: PNOperationTypeName,
  call: string,
  what: string,
  value: unknown,
  required = false,
): void {
  if (value === undefined && !required) return;
  if (!isTimetoken(value)) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: ${what} must be a timetoken (a string of up to 19 digits), got ${
        value === undefined
          ? "none"
          : typeof value === "string"
          ? describeValue(value)
          : typeof value
      }`,
    );
  }
}

/**
 * Serialises presence state for a `state` query parameter: it must be a plain object that JSON
 * can represent exactly (no functions, cycles, non-finite numbers).
 *
 * @example
 * ```ts
 * import { serializeState } from "./validate.ts";
 * serializeState("PNSetStateOperation", "set state", { typing: true }); // '{"typing":true}'
 * ```
 */
export function serializeState(
  operation: PNOperationTypeName,
  call: string,
  state: unknown,
): string {
  if (typeof state !== "object" || state === null || Array.isArray(state)) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: state must be a plain object, got ${describeValue(state)}`,
    );
  }
  // State travels in the query, so JSON longer than the URI limit could never be sent.
  const result = serializeMessage(state, "state", MAX_URI_LENGTH);
  if (!result.ok) {
    throw PubNubError.validation(
      operation,
      `Cannot ${call}: ${result.reason}`,
      "cause" in result ? { cause: result.cause } : undefined,
    );
  }
  return result.json;
}

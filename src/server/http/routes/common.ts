import type { Answer } from "../exchange.ts";
import { parseJson } from "../../../core/classify.ts";
import { decodeComponent } from "../../../core/encoding.ts";
import type { Context, RouteInput } from "../context.ts";
import { errorObject, invalidSubscribeKey } from "../responses.ts";
import { decodeList, splitList } from "../target.ts";

/**
 * The subscribe key of a request after the optional key check, or the error to answer with.
 *
 * @example
 * ```ts
 * import { subscribeKeyOf } from "./common.ts";
 * const check = subscribeKeyOf;
 * ```
 */
export function subscribeKeyOf(input: RouteInput, ctx: Context): string | Answer {
  const sub = decodeComponent(input.params.sub ?? "");
  if (sub === undefined) return errorObject(400, "Invalid URI encoding", "Local");
  const keys = ctx.options.keys;
  if (keys && sub !== keys.subscribeKey) return invalidSubscribeKey();
  return sub;
}

/**
 * The channels (path list) and groups (`channel-group` query) a request names.
 *
 * @example
 * ```ts
 * import { channelsAndGroups } from "./common.ts";
 * const read = channelsAndGroups;
 * ```
 */
export function channelsAndGroups(
  input: RouteInput,
  service: string,
): { channels: string[]; groups: string[] } | Answer {
  const channels = input.params.channels === undefined ? [] : decodeList(input.params.channels);
  if (channels === undefined) return errorObject(400, "Invalid URI encoding", service);
  return { channels, groups: splitList(input.target.query.get("channel-group")) };
}

/**
 * A decoded path parameter, or a 400.
 *
 * @example
 * ```ts
 * import { pathParam } from "./common.ts";
 * const read = pathParam;
 * ```
 */
export function pathParam(input: RouteInput, name: string, service: string): string | Answer {
  const value = decodeComponent(input.params[name] ?? "");
  if (value === undefined || value === "") {
    return errorObject(400, `Invalid ${name}`, service);
  }
  return value;
}

/**
 * Parses an optional JSON-object query parameter (`state`): `undefined` when absent,
 * a 400 when it is not a JSON object.
 *
 * @example
 * ```ts
 * import { objectParam } from "./common.ts";
 * const read = objectParam;
 * ```
 */
export function objectParam(
  input: RouteInput,
  name: string,
  service: string,
): Record<string, unknown> | undefined | Answer {
  const text = input.target.query.get(name);
  if (text === undefined || text === "") return undefined;
  const parsed = parseJson(text);
  if (
    !parsed.ok || typeof parsed.value !== "object" || parsed.value === null ||
    Array.isArray(parsed.value)
  ) {
    return errorObject(400, `Invalid ${name}: expected a JSON object`, service);
  }
  return parsed.value as Record<string, unknown>;
}

/**
 * Whether a flag query parameter is on (`1` or `true`).
 *
 * @example
 * ```ts
 * import { flag } from "./common.ts";
 * flag(new Map([["state", "1"]]), "state"); // true
 * ```
 */
export function flag(query: Map<string, string>, name: string): boolean {
  const value = query.get(name);
  return value === "1" || value === "true";
}

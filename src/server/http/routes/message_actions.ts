import { Answer } from "../exchange.ts";
import { parseJson } from "../../../core/classify.ts";
import { TIMETOKEN_PATTERN } from "../../../core/wire/timetoken.ts";
import type { StoredAction } from "../../model/history.ts";
import { MAX_ACTION_TYPE_LENGTH } from "../../model/message_actions.ts";
import { readBody } from "../body.ts";
import type { Context, RouteInput } from "../context.ts";
import { json } from "../responses.ts";
import { pathParam, subscribeKeyOf } from "./common.ts";
import { countParam, STORAGE_DISABLED } from "./storage.ts";

/** Most actions one listing answers with (the service's default and limit). */
const MAX_LIMIT = 100;

/**
 * The actions service's error body: `{status, error: {source: "actions", message}}`.
 *
 * Decision: the shape the service uses for its newer APIs (message actions, objects); the
 * wording of each message is ours and names the rule broken.
 */
function actionsError(status: number, message: string): Answer {
  return json(status, { status, error: { source: "actions", message } });
}

/** Actions need Storage & Playback, as on the service. */
function refusal(ctx: Context): Answer | undefined {
  return ctx.options.storage ? undefined : actionsError(403, STORAGE_DISABLED);
}

function timetokenSegment(input: RouteInput, name: string): bigint | Answer {
  const text = input.params[name] ?? "";
  if (!TIMETOKEN_PATTERN.test(text)) {
    return actionsError(
      400,
      `Invalid ${name}: a timetoken is 1 to 19 digits, got "${text.slice(0, 40)}"`,
    );
  }
  return BigInt(text);
}

function wire(action: StoredAction, messageTimetoken: string): Record<string, string> {
  return {
    type: action.type,
    value: action.value,
    uuid: action.uuid,
    actionTimetoken: action.tt,
    messageTimetoken,
  };
}

/**
 * `POST /v1/message-actions/{sub}/channel/{ch}/message/{messageTimetoken}` with a JSON body
 * `{type, value}` (both non-empty strings, `type` at most 15 characters), `uuid` in the query:
 * adds the action to the stored message and sends subscribers of the channel an `e: 3` event.
 * The body is limited like a publish (`maxMessageSize` bytes).
 * Answer: `{status: 200, data: {type, value, uuid, actionTimetoken, messageTimetoken}}`.
 *
 * @example
 * ```ts
 * import { addMessageActionRoute } from "./message_actions.ts";
 * const handler = addMessageActionRoute;
 * ```
 */
export async function addMessageActionRoute(input: RouteInput, ctx: Context): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const disabled = refusal(ctx);
  if (disabled) return disabled;
  const channel = pathParam(input, "channel", "actions");
  if (channel instanceof Answer) return actionsError(400, "Invalid channel: empty");
  const messageTimetoken = timetokenSegment(input, "messageTimetoken");
  if (messageTimetoken instanceof Answer) return messageTimetoken;
  const uuid = input.target.query.get("uuid");
  if (uuid === undefined || uuid === "") {
    return actionsError(400, "Missing uuid: the query must name who adds the action");
  }
  // An action is a request like a publish, and the publish size limit applies to it.
  const limit = ctx.options.maxMessageSize;
  const body = await readBody(input.request, limit);
  if (!body.ok) {
    return body.status === 413
      ? actionsError(413, `Request body too large: at most ${limit} bytes`)
      : actionsError(body.status, `Invalid request body: ${body.message}`);
  }
  const parsed = parseJson(body.text);
  const action = parsed.ok ? parsed.value as Record<string, unknown> : undefined;
  if (typeof action !== "object" || action === null || Array.isArray(action)) {
    return actionsError(400, "Invalid request body: expected a JSON object {type, value}");
  }
  for (const field of ["type", "value"] as const) {
    if (typeof action[field] !== "string" || action[field] === "") {
      return actionsError(400, `Invalid request body: ${field} must be a non-empty string`);
    }
  }
  const type = action.type as string;
  if (type.length > MAX_ACTION_TYPE_LENGTH) {
    return actionsError(
      400,
      `Invalid request body: type is at most ${MAX_ACTION_TYPE_LENGTH} characters, ` +
        `"${type.slice(0, 40)}" has ${type.length}`,
    );
  }
  const outcome = await ctx.store.write({
    op: "messageAction",
    subKey: sub,
    channel,
    messageTimetoken: messageTimetoken.toString(),
    uuid,
    add: { type, value: action.value as string },
  });
  const change = outcome.change!;
  if (!change.ok) return actionsError(change.status, change.message);
  return json(200, { status: 200, data: wire(change.action, messageTimetoken.toString()) });
}

/**
 * `DELETE /v1/message-actions/{sub}/channel/{ch}/message/{mt}/action/{at}`: removes the action
 * and sends subscribers an `e: 3` event with `event: "removed"`. Answer:
 * `{status: 200, data: {}}`; 404 when the message has no such action.
 *
 * @example
 * ```ts
 * import { removeMessageActionRoute } from "./message_actions.ts";
 * const handler = removeMessageActionRoute;
 * ```
 */
export async function removeMessageActionRoute(
  input: RouteInput,
  ctx: Context,
): Promise<Answer> {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const disabled = refusal(ctx);
  if (disabled) return disabled;
  const channel = pathParam(input, "channel", "actions");
  if (channel instanceof Answer) return actionsError(400, "Invalid channel: empty");
  const messageTimetoken = timetokenSegment(input, "messageTimetoken");
  if (messageTimetoken instanceof Answer) return messageTimetoken;
  const actionTimetoken = timetokenSegment(input, "actionTimetoken");
  if (actionTimetoken instanceof Answer) return actionTimetoken;
  const outcome = await ctx.store.write({
    op: "messageAction",
    subKey: sub,
    channel,
    messageTimetoken: messageTimetoken.toString(),
    uuid: input.target.query.get("uuid") ?? "",
    remove: actionTimetoken.toString(),
  });
  const change = outcome.change!;
  if (!change.ok) return actionsError(change.status, change.message);
  return json(200, { status: 200, data: {} });
}

/**
 * `GET /v1/message-actions/{sub}/channel/{ch}`: the channel's actions with an action timetoken
 * before `start` (exclusive) and from `end` on (inclusive), the newest `limit` of them (1 to
 * 100, default 100; more is cut to 100), oldest first. When the range holds more, `more` gives
 * the next page: `{url, start, end, limit}` (`end` only when one was asked for).
 *
 * @example
 * ```ts
 * import { getMessageActionsRoute } from "./message_actions.ts";
 * const handler = getMessageActionsRoute;
 * ```
 */
export function getMessageActionsRoute(input: RouteInput, ctx: Context): Answer {
  const sub = subscribeKeyOf(input, ctx);
  if (sub instanceof Answer) return sub;
  const disabled = refusal(ctx);
  if (disabled) return disabled;
  const channel = pathParam(input, "channel", "actions");
  if (channel instanceof Answer) return actionsError(400, "Invalid channel: empty");
  const query = input.target.query;
  const range: { start?: bigint; end?: bigint } = {};
  for (const name of ["start", "end"] as const) {
    const text = query.get(name);
    if (text === undefined || text === "") continue;
    if (!TIMETOKEN_PATTERN.test(text)) {
      return actionsError(
        400,
        `Invalid ${name}: a timetoken is 1 to 19 digits, got "${text.slice(0, 40)}"`,
      );
    }
    range[name] = BigInt(text);
  }
  const limit = countParam(query, "limit", MAX_LIMIT, MAX_LIMIT);
  if (limit instanceof Answer) {
    return actionsError(400, `Invalid limit: expected a whole number from 1 to ${MAX_LIMIT}`);
  }
  const all = (ctx.model.storedMessages(sub)?.actions(channel, ctx.now()) ?? []).filter((
    { action },
  ) =>
    (range.start === undefined || action.timetoken < range.start) &&
    (range.end === undefined || action.timetoken >= range.end)
  );
  const page = all.slice(Math.max(0, all.length - limit));
  const body: Record<string, unknown> = {
    status: 200,
    data: page.map(({ message, action }) => wire(action, message.tt)),
  };
  if (page.length < all.length) {
    const next = page[0].action.tt;
    const params = new URLSearchParams({ start: next });
    if (range.end !== undefined) params.set("end", range.end.toString());
    params.set("limit", String(limit));
    const more: Record<string, unknown> = {
      url: `/v1/message-actions/${encodeURIComponent(sub)}/channel/${
        encodeURIComponent(channel)
      }?${params}`,
      start: next,
    };
    if (range.end !== undefined) more.end = range.end.toString();
    more.limit = limit;
    body.more = more;
  }
  return json(200, body);
}

import type { RouteHandler } from "./context.ts";
import { deleteGroupRoute, groupRoute, listGroupsRoute } from "./routes/groups.ts";
import { deleteMessagesRoute } from "./routes/delete_messages.ts";
import { historyRoute, historyWithActionsRoute } from "./routes/history.ts";
import { historyV2Route } from "./routes/history_v2.ts";
import {
  addMessageActionRoute,
  getMessageActionsRoute,
  removeMessageActionRoute,
} from "./routes/message_actions.ts";
import { messageCountsRoute } from "./routes/message_counts.ts";
import {
  getStateRoute,
  heartbeatRoute,
  hereNowRoute,
  leaveRoute,
  setStateRoute,
  whereNowRoute,
} from "./routes/presence.ts";
import { publishRoute } from "./routes/publish.ts";
import { subscribeRoute } from "./routes/subscribe.ts";
import { timeRoute } from "./routes/time.ts";

/**
 * One route: a path pattern (`:name` captures a segment, `a|b` accepts either literal), the
 * methods it answers and its handler.
 *
 * @example
 * ```ts
 * import type { Route } from "./router.ts";
 * import { json } from "./responses.ts";
 * const r: Route = { pattern: ["time", "0"], methods: ["GET"], handler: () => json(200, [1]) };
 * ```
 */
export interface Route {
  /** Segments to match. */
  pattern: string[];
  /** Allowed methods. */
  methods: string[];
  /** Handler. */
  handler: RouteHandler;
}

const SUB_KEY = "sub-key|sub_key";
const PRESENCE = ["v2", "presence", SUB_KEY, ":sub"];
const GROUPS = ["v1", "channel-registration", SUB_KEY, ":sub", "channel-group"];
const ACTIONS = ["v1", "message-actions", ":sub", "channel", ":channel"];

/**
 * The routes of protocol §2.
 *
 * @example
 * ```ts
 * import { ROUTES } from "./router.ts";
 * ROUTES.some((r) => r.pattern[0] === "time"); // true
 * ```
 */
export const ROUTES: readonly Route[] = [
  { pattern: ["time", "0"], methods: ["GET"], handler: timeRoute },
  {
    pattern: ["publish", ":pub", ":sub", ":signature", ":channel", ":callback", ":message"],
    methods: ["GET", "POST"],
    handler: publishRoute("message"),
  },
  {
    pattern: ["publish", ":pub", ":sub", ":signature", ":channel", ":callback"],
    methods: ["POST"],
    handler: publishRoute("message"),
  },
  {
    pattern: ["signal", ":pub", ":sub", ":signature", ":channel", ":callback", ":message"],
    methods: ["GET", "POST"],
    handler: publishRoute("signal"),
  },
  {
    pattern: ["signal", ":pub", ":sub", ":signature", ":channel", ":callback"],
    methods: ["POST"],
    handler: publishRoute("signal"),
  },
  {
    pattern: ["v2", "subscribe", ":sub", ":channels", ":callback"],
    methods: ["GET"],
    handler: subscribeRoute,
  },
  { pattern: PRESENCE, methods: ["GET"], handler: hereNowRoute },
  { pattern: [...PRESENCE, "channel", ":channels"], methods: ["GET"], handler: hereNowRoute },
  {
    pattern: [...PRESENCE, "channel", ":channels", "leave"],
    methods: ["GET"],
    handler: leaveRoute,
  },
  {
    pattern: [...PRESENCE, "channel", ":channels", "heartbeat"],
    methods: ["GET"],
    handler: heartbeatRoute,
  },
  {
    pattern: [...PRESENCE, "channel", ":channels", "uuid", ":uuid"],
    methods: ["GET"],
    handler: getStateRoute,
  },
  {
    pattern: [...PRESENCE, "channel", ":channels", "uuid", ":uuid", "data"],
    methods: ["GET"],
    handler: setStateRoute,
  },
  { pattern: [...PRESENCE, "uuid", ":uuid"], methods: ["GET"], handler: whereNowRoute },
  { pattern: GROUPS, methods: ["GET"], handler: listGroupsRoute },
  { pattern: [...GROUPS, ":group"], methods: ["GET"], handler: groupRoute },
  { pattern: [...GROUPS, ":group", "remove"], methods: ["GET"], handler: deleteGroupRoute },
  {
    pattern: ["v3", "history", SUB_KEY, ":sub", "channel", ":channels"],
    methods: ["GET"],
    handler: historyRoute,
  },
  {
    pattern: ["v3", "history", SUB_KEY, ":sub", "channel", ":channel"],
    methods: ["DELETE"],
    handler: deleteMessagesRoute,
  },
  {
    pattern: ["v3", "history", SUB_KEY, ":sub", "message-counts", ":channels"],
    methods: ["GET"],
    handler: messageCountsRoute,
  },
  {
    pattern: ["v3", "history-with-actions", SUB_KEY, ":sub", "channel", ":channels"],
    methods: ["GET"],
    handler: historyWithActionsRoute,
  },
  {
    pattern: ["v2", "history", SUB_KEY, ":sub", "channel", ":channel"],
    methods: ["GET"],
    handler: historyV2Route,
  },
  { pattern: ACTIONS, methods: ["GET"], handler: getMessageActionsRoute },
  {
    pattern: [...ACTIONS, "message", ":messageTimetoken"],
    methods: ["POST"],
    handler: addMessageActionRoute,
  },
  {
    pattern: [...ACTIONS, "message", ":messageTimetoken", "action", ":actionTimetoken"],
    methods: ["DELETE"],
    handler: removeMessageActionRoute,
  },
];

/**
 * The outcome of routing: a handler with its captures, a path known under other methods
 * (405), or nothing (404).
 *
 * @example
 * ```ts
 * import type { Match } from "./router.ts";
 * const none: Match = { kind: "not-found" };
 * ```
 */
export type Match =
  | { kind: "found"; handler: RouteHandler; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

/**
 * Finds the route for a method and raw path segments.
 *
 * @example
 * ```ts
 * import { route } from "./router.ts";
 * route("GET", ["time", "0"]).kind; // "found"
 * route("DELETE", ["time", "0"]).kind; // "method-not-allowed"
 * ```
 */
export function route(method: string, segments: readonly string[]): Match {
  const allowed = new Set<string>();
  for (const candidate of ROUTES) {
    const params = matchPattern(candidate.pattern, segments);
    if (!params) continue;
    if (candidate.methods.includes(method)) {
      return { kind: "found", handler: candidate.handler, params };
    }
    for (const m of candidate.methods) allowed.add(m);
  }
  return allowed.size > 0
    ? { kind: "method-not-allowed", allowed: [...allowed] }
    : { kind: "not-found" };
}

function matchPattern(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (part.startsWith(":")) params[part.slice(1)] = segments[i];
    else if (!part.split("|").includes(segments[i])) return undefined;
  }
  return params;
}

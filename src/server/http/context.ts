import type { Answer, ServerRequest } from "./exchange.ts";
import type { PubSubModel } from "../model/model.ts";
import type { Envelope } from "../model/envelope.ts";
import type { ModelStore } from "../store/store.ts";
import type { ResolvedHandlerOptions } from "../options.ts";
import type { LongPolls } from "./long_polls.ts";
import type { Target } from "./target.ts";

/**
 * What a route needs: the model, the held long-polls, the options and the clock.
 *
 * @example
 * ```ts
 * import type { Context } from "./context.ts";
 * const nowOf = (ctx: Context) => ctx.now();
 * ```
 */
export interface Context {
  /** The pure model, as this process has applied it (reads). */
  model: PubSubModel;
  /** Where changes go (writes), in memory or shared. */
  store: ModelStore;
  /** Held subscribe requests. */
  polls: LongPolls;
  /** Resolved options. */
  options: ResolvedHandlerOptions;
  /** The model's clock (ms). */
  now(): number;
  /** Monotonic clock for long-poll deadlines (ms). */
  monotonic(): number;
}

/**
 * A matched request: the request, its target and the path parameters the route captured.
 *
 * @example
 * ```ts
 * import type { RouteInput } from "./context.ts";
 * const channelOf = (input: RouteInput) => input.params.channel;
 * ```
 */
export interface RouteInput {
  /** The request. */
  request: ServerRequest;
  /** Its split target. */
  target: Target;
  /** Captured path segments, still encoded. */
  params: Record<string, string>;
}

/**
 * A route's handler.
 *
 * @example
 * ```ts
 * import type { RouteHandler } from "./context.ts";
 * import { json } from "./responses.ts";
 * const ok: RouteHandler = () => json(200, { status: 200 });
 * ```
 */
export type RouteHandler = (input: RouteInput, ctx: Context) => Answer | Promise<Answer>;

/**
 * Wakes the long-polls that new envelopes concern.
 *
 * @example
 * ```ts
 * import { deliver, type Context } from "./context.ts";
 * const publishNothing = (ctx: Context) => deliver(ctx, []);
 * ```
 */
export function deliver(ctx: Context, envelopes: readonly Envelope[]): void {
  ctx.polls.wakeSoon(envelopes);
}

import { createAccessCheck } from "./access/check.ts";
import { type Context } from "./http/context.ts";
import { LongPolls } from "./http/long_polls.ts";
import { Answer, type ServerRequest, webHandler } from "./http/exchange.ts";
import { errorObject, json, JSON_HEADERS } from "./http/responses.ts";
import { route } from "./http/router.ts";
import { parseTarget } from "./http/target.ts";
import { PubSubModel } from "./model/model.ts";
import { type HandlerOptions, resolveHandlerOptions } from "./options.ts";
import { SampledLog } from "./sampled_log.ts";
import type { Clock } from "../shell/clock.ts";
import { systemClock } from "../shell/clock.ts";
import { MemoryStore } from "./store/memory_store.ts";
import { type EnvelopeSink, type ModelStore, StoreUnavailableError } from "./store/store.ts";

/**
 * A web-standard request handler for the local server, plus `close()` that stops its sweep
 * timer and answers every held long-poll (so a listener can shut down at once).
 *
 * @example
 * ```ts
 * import { createHandler } from "@pubnub-ts/pubsub/server";
 * const handler = createHandler({ longPollSeconds: 5 });
 * const response = await handler(new Request("http://localhost/time/0"));
 * response.status; // 200
 * await response.body?.cancel();
 * handler.close();
 * ```
 */
export type PubNubHandler = ((request: Request) => Promise<Response>) & {
  /** Stops the sweep timer and releases held long-polls. Idempotent. */
  close(): void;
  /**
   * Runs the sweep now (it also runs every `sweepMilliseconds` on the handler's clock):
   * advances the model to the clock's time (presence timeouts, interval events, pruning) and
   * expires long-polls. For tests and tools that move time themselves.
   */
  sweep(): void;
  /** Number of held long-polls (for benchmarks and tests). */
  readonly pendingLongPolls: number;
};

/**
 * A handler with the store its state lives in (closed by `close()`; await `store.close()` to
 * know it is done).
 *
 * @example
 * ```ts
 * import { createStoreHandler } from "./handler.ts";
 * import { MemoryStore } from "./store/memory_store.ts";
 * const handler = createStoreHandler({}, (model, sink) => new MemoryStore(model, Date.now, sink));
 * handler.store.available; // true
 * handler.close();
 * ```
 */
export type StoreHandler = PubNubHandler & { readonly store: ModelStore };

/**
 * Builds a store around the handler's model; the default keeps it in memory.
 *
 * @example
 * ```ts
 * import type { StoreFactory } from "./handler.ts";
 * import { MemoryStore } from "./store/memory_store.ts";
 * const memory: StoreFactory = (model, sink) => new MemoryStore(model, Date.now, sink);
 * ```
 */
export type StoreFactory = (
  model: PubSubModel,
  sink: EnvelopeSink,
  clock: () => number,
) => ModelStore;

/**
 * Builds the handler: a pure model, the held long-polls, and one sweep timer on the handler's
 * clock that advances the model (presence timeouts, interval events, pruning) and expires
 * long-polls.
 *
 * @example
 * ```ts
 * import { createHandler } from "@pubnub-ts/pubsub/server";
 * const handler = createHandler({});
 * handler.close();
 * ```
 */
export function createHandler(options: HandlerOptions = {}): PubNubHandler {
  return createStoreHandler(options, (model, sink, clock) => new MemoryStore(model, clock, sink));
}

/**
 * {@link createHandler} on a given store.
 *
 * @example
 * ```ts
 * import { createStoreHandler } from "./handler.ts";
 * import { MemoryStore } from "./store/memory_store.ts";
 * createStoreHandler({}, (model, sink) => new MemoryStore(model, Date.now, sink)).close();
 * ```
 */
export function createStoreHandler(
  options: HandlerOptions,
  makeStore: StoreFactory,
): StoreHandler {
  const resolved = resolveHandlerOptions(options);
  const clock: Clock = typeof resolved.clock === "function"
    ? { ...systemClock, now: resolved.clock }
    : resolved.clock;
  const model = new PubSubModel({
    ...resolved.limits,
    region: resolved.region,
    bufferSize: resolved.bufferSize,
    announceMax: resolved.announceMax,
    intervalMillis: resolved.intervalSeconds * 1000,
    presenceDeltas: resolved.presenceDeltas,
    hereNowRefreshBytes: resolved.hereNowRefreshBytes,
  });
  const polls = new LongPolls(model);
  const store = makeStore(
    model,
    (envelopes, soon) => soon ? polls.wakeSoon(envelopes) : polls.wake(envelopes),
    () => clock.now(),
  );
  const ctx: Context = {
    model,
    store,
    polls,
    options: resolved,
    now: () => clock.now(),
    monotonic: () => clock.monotonic(),
  };
  let closed = false;
  // Counted and sampled: a client that makes every request fail must not flood stderr.
  const log = new SampledLog({});
  const access = resolved.access
    ? createAccessCheck(resolved.access, { now: ctx.now, publishKey: resolved.keys?.publishKey })
    : undefined;

  const sweep = () => {
    try {
      store.tick(ctx.now());
      polls.expire(ctx.monotonic());
    } catch (error) {
      // A bug in the sweep must not stop the timer that drives presence.
      log.report("sweep failed", error);
    }
  };
  // Re-armed after each run, on the handler's clock (a manual clock runs it when advanced).
  let timer: unknown;
  const every = () => {
    sweep();
    if (!closed) timer = clock.setTimeout(every, resolved.sweepMilliseconds);
  };
  timer = clock.setTimeout(every, resolved.sweepMilliseconds);

  // On the handler's own request shape; `webHandler` gives the web-standard form and lets the
  // listeners call this one directly.
  const handle = async (request: ServerRequest): Promise<Answer> => {
    try {
      if (closed) return errorObject(503, "Server is shutting down", "Local");
      if (!store.available) return storeDown();
      if (request.method === "OPTIONS") return json(200, {});
      const target = parseTarget(request.url);
      if (!target) return errorObject(400, "Invalid URI encoding", "Local");
      const match = route(request.method, target.segments);
      if (match.kind === "not-found") {
        if (target.length > resolved.maxUriLength) {
          return errorObject(414, "URI Too Long", "Balancer");
        }
        return errorObject(404, "Not Found", "Local", {
          path: target.segments.slice(0, 3).join("/"),
        });
      }
      if (match.kind === "method-not-allowed") {
        const refused = errorObject(405, `Method ${request.method} Not Allowed`, "Local");
        return new Answer(405, refused.body, {
          ...JSON_HEADERS,
          allow: [...match.allowed, "OPTIONS"].join(", "),
        });
      }
      if (access) {
        const denied = await access(request, target);
        if (denied) return denied;
      }
      // Publish checks the message size first (413 is what a publisher expects to see).
      const isPublish = target.segments[0] === "publish" || target.segments[0] === "signal";
      if (!isPublish && target.length > resolved.maxUriLength) {
        return errorObject(414, "URI Too Long", "Balancer");
      }
      return await match.handler({ request, target, params: match.params }, ctx);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return storeDown();
      log.report("request failed", error);
      return errorObject(500, "Internal Server Error", "Local");
    }
  };

  const close = () => {
    if (closed) return;
    closed = true;
    clock.clearTimeout(timer);
    polls.releaseAll();
    store.close().catch((error) => log.report("store close failed", error));
  };
  // defineProperties, not Object.assign: assign would copy the getter's value once.
  return Object.defineProperties(webHandler(handle), {
    close: { value: close },
    sweep: { value: sweep },
    pendingLongPolls: { get: () => polls.size },
    store: { value: store },
  }) as StoreHandler;
}

// The shared store is unreachable: fail at once, as the service does when a backend is down.
function storeDown(): Answer {
  return errorObject(503, "Service Unavailable: the server's store is unreachable", "Local");
}

import { leanOf, pairLean, type ServerRequest } from "../server/http/exchange.ts";
/**
 * The `serve --verbose` request log: one line per request, with keys and secrets taken out of
 * the path and the query, and the counts the shutdown summary reports.
 *
 * @module
 */

/** Query parameters whose values are secrets. */
const SECRET_PARAMS = new Set(["auth", "signature", "secret", "token"]);

/**
 * The request's path and query with subscribe keys, publish keys, auth keys and signatures
 * replaced by `***`.
 *
 * @example
 * ```ts
 * import { redactTarget } from "./request_log.ts";
 * redactTarget("http://h/publish/pub-c-1/sub-c-2/0/room/0/%22hi%22?auth=x&uuid=a");
 * // "/publish/***\/***\/0/room/0/%22hi%22?auth=***&uuid=a"
 * ```
 */
export function redactTarget(url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split("/");
  const secret = new Set<number>();
  segments.forEach((segment, i) => {
    if (segment === "publish" || segment === "signal") {
      if (i === 1) secret.add(2).add(3);
    } else if (segment === "subscribe" && (i === 1 || i === 2)) {
      secret.add(i + 1);
    } else if (segment === "sub-key" || segment === "sub_key" || segment === "pub-key") {
      secret.add(i + 1);
    }
  });
  const path = segments.map((s, i) => (secret.has(i) && s !== "" ? "***" : s)).join("/");
  const query = [...parsed.searchParams].map(([name, value]) =>
    `${encodeURIComponent(name)}=${SECRET_PARAMS.has(name) ? "***" : encodeURIComponent(value)}`
  ).join("&");
  return query ? `${path}?${query}` : path;
}

/**
 * Counts of what the server answered, for the summary printed at shutdown.
 *
 * @example
 * ```ts
 * import { RequestStats } from "./request_log.ts";
 * const stats = new RequestStats();
 * stats.record(200);
 * stats.summary(1500); // "1 request (1 2xx) in 1.5 s"
 * ```
 */
export class RequestStats {
  #total = 0;
  readonly #byClass = new Map<string, number>();

  /** Counts one answered request. */
  record(status: number): void {
    this.#total++;
    const key = `${Math.floor(status / 100)}xx`;
    this.#byClass.set(key, (this.#byClass.get(key) ?? 0) + 1);
  }

  /** How many requests were answered. */
  get total(): number {
    return this.#total;
  }

  /** One line: totals per status class and the uptime. */
  summary(uptimeMs: number): string {
    const classes = [...this.#byClass].sort().map(([k, n]) => `${n} ${k}`).join(", ");
    return `${this.#total} request${this.#total === 1 ? "" : "s"}${
      classes ? ` (${classes})` : ""
    } in ${(uptimeMs / 1000).toFixed(1)} s`;
  }
}

/**
 * Wraps a handler: records each answer in `stats` and, when `log` is given, writes
 * `METHOD /redacted/path STATUS Nms` once the answer is ready.
 *
 * @example
 * ```ts
 * import { logRequests, RequestStats } from "./request_log.ts";
 * const handler = logRequests(() => Promise.resolve(new Response("{}")), new RequestStats(), console.log);
 * await (await handler(new Request("http://h/time/0"))).text();
 * ```
 */
export function logRequests(
  handler: (request: Request) => Promise<Response>,
  stats: RequestStats,
  log: ((line: string) => void) | undefined,
): (request: Request) => Promise<Response> {
  const note = (request: ServerRequest, status: number, started: number) => {
    stats.record(status);
    if (log) {
      const ms = Math.round(performance.now() - started);
      log(`${request.method} ${redactTarget(request.url)} ${status} ${ms}ms`);
    }
  };
  const web = async (request: Request) => {
    const started = performance.now();
    const response = await handler(request);
    note(request, response.status, started);
    return response;
  };
  // The handler's lean form, when it has one, keeps the listeners' fast path.
  const inner = leanOf(handler);
  return inner
    ? pairLean(web, async (request) => {
      const started = performance.now();
      const answer = await inner(request);
      note(request, answer.status, started);
      return answer;
    })
    : web;
}

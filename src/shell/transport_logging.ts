/**
 * The transport's logging part: a debug line per request (method, path, status, milliseconds)
 * and, at trace, its bodies. A client passes it to the transport only when debug logging is on.
 *
 * @module
 */
import { encodeQuery } from "../core/encoding.ts";
import type { RequestDescription } from "../core/request.ts";
import type { Clock } from "./clock.ts";
import type { Log } from "./log.ts";
import type { TransportOutcome, TransportParts } from "./transport_core.ts";

/** The longest method, path and query a log line shows. */
const MAX_LOGGED_TARGET = 300;

/**
 * The `sendLogged` part for `log`, timed on `clock`; `undefined` when `log` does not log at
 * debug (so the transport's hot path stays free of it).
 *
 * @example
 * ```ts
 * import { loggedSend } from "./transport_logging.ts";
 * import { Log } from "./log.ts";
 * import { systemClock } from "./clock.ts";
 * loggedSend(new Log("none", {}), systemClock); // undefined
 * ```
 */
export function loggedSend(log: Log, clock: Clock): TransportParts["sendLogged"] {
  if (!log.debugOn) return undefined;
  return async (request: RequestDescription, send: () => Promise<TransportOutcome>) => {
    const started = clock.monotonic();
    const query = encodeQuery(request.query);
    const full = `${request.method} ${request.path}${query ? `?${query}` : ""}`;
    // A GET publish carries its message in the path: the debug line keeps only its start.
    const target = full.length > MAX_LOGGED_TARGET
      ? `${full.slice(0, MAX_LOGGED_TARGET)}… (${full.length} characters)`
      : full;
    if (request.body !== undefined) log.trace(() => `${target} request body: ${request.body}`);
    const outcome = await send();
    const ms = (clock.monotonic() - started).toFixed(1);
    if (outcome.ok) {
      log.debug(() => `${target} → ${outcome.statusCode} in ${ms} ms`);
      log.trace(() => `${target} response body: ${outcome.body}`);
    } else {
      const code = outcome.status.statusCode === undefined ? "" : `${outcome.status.statusCode} `;
      log.debug(() => `${target} → ${code}${outcome.status.category} in ${ms} ms`);
      log.trace(() => `${target} failed: ${outcome.message}`);
    }
    return outcome;
  };
}

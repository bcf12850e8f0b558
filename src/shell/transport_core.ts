import { classifyResponse, transportFailure } from "../core/classify.ts";
import { encodeComponent, encodeQuery } from "../core/encoding.ts";
import type { PNConfiguration } from "../core/config.ts";
import type { RequestDescription, ResponseDescription } from "../core/request.ts";
import type { PNStatus } from "../core/status.ts";
import { uriTooLong } from "../core/uri_limit.ts";
import { carriesCredentials } from "../core/wire/credentials.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { PNLogger } from "./log.ts";
import { describeNetworkError } from "./network_error.ts";
import { Batch, type InFlight, untilExpired, USES_PER_SIGNAL } from "./in_flight.ts";
import denoJson from "../../deno.json" with { type: "json" };

/**
 * Name and version sent as `pnsdk`; the version is the package's, from `deno.json`.
 *
 * @example
 * ```ts
 * import { SDK_NAME } from "./transport_core.ts";
 * console.log(SDK_NAME);
 * ```
 */
export const SDK_NAME = `PubNub-TS/${denoJson.version}`;

/**
 * The outcome of sending one request: the parsed JSON body (and its raw text, for parsers that need
 * exact digits), or a failed status with a message that says what went wrong.
 *
 * @example
 * ```ts
 * import type { TransportOutcome } from "./transport_core.ts";
 * const ok: TransportOutcome = { ok: true, data: [1], body: "[1]", statusCode: 200 };
 * ```
 */
export type TransportOutcome =
  | { ok: true; data: unknown; body: string; statusCode: number }
  | { ok: false; status: PNStatus; message: string };

/**
 * What the transport takes from outside, so tests and runtimes can supply their own.
 *
 * @example
 * ```ts
 * import type { TransportOptions } from "@pubnub-ts/pubsub";
 * const options: TransportOptions = { fetch: globalThis.fetch };
 * ```
 */
export interface TransportOptions {
  /** The fetch to use; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Time: the wall clock for request signing, the monotonic reading and timers for request
   * timeouts (and, in `PubNub`, reconnect delays and heartbeats); default the real clock.
   */
  clock?: Clock;
  /** A fresh request id; default `crypto.randomUUID`. */
  requestId?: () => string;
  /**
   * Where log lines go, at the configuration's `logLevel` (nothing is logged at the default
   * `none`); default the console. Keys, auth and signatures are redacted from every line.
   */
  logger?: PNLogger;
}

/**
 * The optional parts of a transport, each passed only when the configuration needs it, so that
 * a client which needs none does not carry their code: `sendLogged` wraps every send with its
 * log lines (given only when debug logging is on), `signedUrl` writes the URL of a request
 * with its `timestamp` and `signature` (given only with a `secretKey`).
 *
 * @example
 * ```ts
 * import type { TransportParts } from "./transport_core.ts";
 * const parts: TransportParts = {};
 * ```
 */
export interface TransportParts {
  /** Sends `request` through `send`, logging what happened. */
  sendLogged?: (
    request: RequestDescription,
    send: () => Promise<TransportOutcome>,
  ) => Promise<TransportOutcome>;
  /** The full URL of a request that carries credentials, signed, with this `requestid`. */
  signedUrl?: (request: RequestDescription, requestId: string) => Promise<string>;
}

/**
 * Sends request descriptions over fetch: adds the common parameters (`uuid`, `pnsdk`,
 * `requestid`, `auth`, and a signature when given the signing part), enforces the per-request
 * timeout, honours cancellation, and classifies the outcome. Connections are reused by the
 * runtime's fetch (bodies are always read to the end so sockets go back to the pool).
 *
 * @example
 * ```ts
 * import { TransportCore } from "./transport_core.ts";
 * import { PNConfiguration } from "@pubnub-ts/pubsub";
 * import { buildTimeRequest } from "../core/requests/time.ts";
 * const transport = new TransportCore(new PNConfiguration({ subscribeKey: "demo", userId: "u" }));
 * const outcome = await transport.send(buildTimeRequest());
 * ```
 */
export class TransportCore {
  readonly #config: PNConfiguration;
  readonly #fetch: typeof fetch;
  readonly #clock: Clock;
  readonly #requestId: () => string;
  /** Requests in flight and when each times out (ms on the clock's monotonic reading). */
  readonly #inFlight = new Set<InFlight>();
  /**
   * The signal shared by the requests sent without one of the caller's. A signal per request
   * costs every fetch (the runtime makes it a dependent signal, and the controller is an event
   * target of its own); one shared signal is enough, because only `abortAll()` and a timeout end
   * such a request. A timeout answers its caller at once and moves new requests to a fresh
   * batch; the old batch is aborted when its last request is done, which ends the late fetch.
   * A batch serves a bounded number of requests (see `USES_PER_SIGNAL`), then a fresh one does.
   */
  #batch = new Batch();
  /**
   * A signal for the next request sent with one of the caller's: that request has it alone, so
   * the caller's abort or its timeout aborts it. One whose request ended without an abort is
   * kept for the next (a long-poll loop sends one request after another): a fresh controller
   * and signal per request cost a long-poll in Node more than anything else the transport does.
   */
  #spare: Batch | undefined;
  /**
   * The caller's signal the spare is linked to (its abort aborts the spare), left in place while
   * the spare waits: a long-poll loop sends every poll with the same signal, and linking it
   * afresh each time (an abort listener added and removed) costs a poll as much as building it.
   */
  #spareLink: { signal: AbortSignal; onAbort: () => void } | undefined;
  /** One watchdog timer for every request's timeout, armed for the earliest deadline. */
  #watchdog: unknown;
  #watchdogAt = Infinity;
  /** The encoded common parameters, for the configuration values they were made from. */
  #common:
    | { userId: string; authKey: string | undefined; uuid: string; tail: string; auth: string }
    | undefined;
  readonly #sendLogged: TransportParts["sendLogged"];
  readonly #signedUrl: TransportParts["signedUrl"];

  /** Creates a transport for one client configuration, with the optional parts it needs. */
  constructor(config: PNConfiguration, options: TransportOptions = {}, parts: TransportParts = {}) {
    this.#config = config;
    this.#sendLogged = parts.sendLogged;
    this.#signedUrl = parts.signedUrl;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#clock = options.clock ?? systemClock;
    this.#requestId = options.requestId ?? (() => crypto.randomUUID());
  }

  /** The full URL a request is sent to, common parameters included. */
  async url(request: RequestDescription): Promise<string> {
    return this.#needsSignature(request)
      ? await this.#signedUrl!(request, this.#requestId())
      : this.#unsignedUrl(request);
  }

  /** Number of requests in flight. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Cancels every request in flight (each resolves with `PNCancelledCategory`). */
  abortAll(): void {
    for (const entry of this.#inFlight) entry.batch.controller.abort();
    this.#inFlight.clear();
    this.#batch.controller.abort();
    this.#batch = new Batch();
    if (this.#watchdog !== undefined) this.#clock.clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    this.#watchdogAt = Infinity;
  }

  /**
   * Sends a request. Never throws: every failure comes back as a status. `signal` cancels it
   * (category `PNCancelledCategory`), and so does `abortAll()`; the configured timeout ends it
   * (`PNTimeoutCategory`).
   */
  send(request: RequestDescription, signal?: AbortSignal): Promise<TransportOutcome> {
    // One check on the hot path: the timing and the lines cost only when debug logging is on.
    const logged = this.#sendLogged;
    return logged
      ? logged(request, () => this.#send(request, signal))
      : this.#send(request, signal);
  }

  async #send(request: RequestDescription, signal?: AbortSignal): Promise<TransportOutcome> {
    if (signal?.aborted) {
      return transportFailure(request, {
        kind: "cancelled",
        message: "cancelled before it was sent",
      });
    }
    const timeoutSeconds = request.longPoll
      ? this.#config.subscribeRequestTimeout
      : this.#config.nonSubscribeRequestTimeout;
    // With the caller's signal, a batch of its own (see #spare): the caller, abortAll() and the
    // timeout all end it. Without, the shared batch (see #batch).
    let batch = signal ? this.#spare : this.#batch;
    let link = signal ? this.#spareLink : undefined;
    if (signal) this.#spare = this.#spareLink = undefined;
    // A spare left linked may have been aborted by its signal since; the shared one is replaced
    // when it is.
    if (!batch || batch.uses >= USES_PER_SIGNAL || batch.controller.signal.aborted) {
      batch = new Batch();
      if (!signal) this.#batch = batch;
      link = this.#unlink(link);
    }
    if (signal && link?.signal !== signal) {
      this.#unlink(link);
      const controller = batch.controller;
      link = { signal, onAbort: () => controller.abort() };
      signal.addEventListener("abort", link.onAbort);
    }
    batch.live++;
    batch.uses++;
    const fetchSignal = batch.controller.signal;
    const entry: InFlight = {
      deadline: this.#clock.monotonic() + timeoutSeconds * 1000,
      timedOut: false,
      batch,
      solo: signal !== undefined,
      expire: undefined,
    };
    this.#inFlight.add(entry);
    this.#armWatchdog(entry.deadline);
    try {
      let url: string;
      try {
        // Built synchronously unless the request must be signed (WebCrypto is async).
        url = this.#needsSignature(request)
          ? await this.#signedUrl!(request, this.#requestId())
          : this.#unsignedUrl(request);
      } catch (error) {
        // A value that cannot go into a URL (an unpaired surrogate) is the caller's mistake.
        return transportFailure(request, {
          kind: "invalid",
          message: `the request cannot be encoded: ${
            error instanceof Error ? error.message : String(error)
          }`,
        });
      }
      // Every call passes here, so none can send what the service would refuse as too long
      // (a subscribe would otherwise retry a refused request for ever).
      const tooLong = uriTooLong(request, url.slice(this.#config.baseUrl.length));
      if (tooLong) return transportFailure(request, { kind: "invalid", message: tooLong });
      // Past its deadline already (signing took that long): nothing is sent.
      if (entry.timedOut) throw new Error("timed out before it was sent");
      const exchange = this.#exchange(request, url, fetchSignal);
      const answer = entry.solo ? await exchange : await untilExpired(exchange, entry);
      const outcome = classifyResponse(request, answer);
      if (!outcome.ok) return outcome;
      return { ok: true, data: outcome.data, body: answer.body, statusCode: outcome.statusCode };
    } catch (error) {
      if (entry.timedOut) {
        return transportFailure(request, {
          kind: "timeout",
          message: `no response within ${timeoutSeconds} s`,
        });
      }
      if (fetchSignal.aborted) {
        return transportFailure(request, { kind: "cancelled", message: "cancelled" });
      }
      return transportFailure(request, { kind: "network", message: describeNetworkError(error) });
    } finally {
      this.#inFlight.delete(entry);
      // Only a long-poll's link (the subscribe loop's own signal) outlives its request: an
      // app's signal is left as it was given.
      this.#leaveBatch(entry, request.longPoll ? link : this.#unlink(link));
    }
  }

  /** Removes a caller's signal's link to a batch; returns `undefined`, the link there is now. */
  #unlink(link: { signal: AbortSignal; onAbort: () => void } | undefined): undefined {
    link?.signal.removeEventListener("abort", link.onAbort);
    return undefined;
  }

  /** One HTTP exchange: the request sent, the whole body read (so the socket is reused). */
  async #exchange(
    request: RequestDescription,
    url: string,
    signal: AbortSignal,
  ): Promise<ResponseDescription> {
    const response = await this.#fetch(
      url,
      request.headers === undefined && request.body === undefined
        ? { method: request.method, signal }
        : { method: request.method, headers: request.headers, body: request.body, signal },
    );
    const body = await response.text();
    const status = response.status;
    return {
      status,
      // Only a reply to a request that is not a long-poll is checked for its type (see
      // classifyResponse): a long-poll, once per delivered batch, does not read the header.
      contentType: request.longPoll ? undefined : response.headers.get("content-type") ?? undefined,
      body,
      retryAfter: status === 429 || status === 503
        ? response.headers.get("retry-after") ?? undefined
        : undefined,
    };
  }

  /**
   * A request is done. Its own batch, not aborted, is kept for the next request with a signal
   * (its fetch is over). A shared one's request that timed out may still be fetching: new
   * requests go to a fresh batch, and the old one is aborted once none of its requests is
   * waiting any more; a batch that was only used up is left to the garbage collector.
   */
  #leaveBatch(
    entry: InFlight,
    link: { signal: AbortSignal; onAbort: () => void } | undefined,
  ): void {
    const batch = entry.batch;
    batch.live--;
    if (entry.solo) {
      // Kept with its link when nothing ended it and no other spare waits already.
      if (!batch.controller.signal.aborted && !this.#spare) {
        this.#spare = batch;
        this.#spareLink = link;
      } else this.#unlink(link);
      return;
    }
    if (entry.timedOut) {
      batch.late = true;
      if (batch === this.#batch) this.#batch = new Batch();
    }
    if (batch.live === 0 && batch.late && batch !== this.#batch) batch.controller.abort();
  }

  /**
   * Makes sure the watchdog fires by `deadline`. A timer per request would cost a setTimeout and
   * a clearTimeout on every call; one shared timer is re-armed only when a request's deadline is
   * earlier than the one it waits for, and is unref'd so a finished client never holds the
   * process open.
   */
  #armWatchdog(deadline: number): void {
    if (deadline >= this.#watchdogAt) return;
    if (this.#watchdog !== undefined) this.#clock.clearTimeout(this.#watchdog);
    this.#watchdogAt = deadline;
    const clock = this.#clock;
    this.#watchdog = clock.setTimeout(
      () => this.#expire(),
      Math.max(0, deadline - clock.monotonic()),
    );
    clock.unref?.(this.#watchdog);
  }

  /** Times out every request past its deadline, then waits for the next one, if any. */
  #expire(): void {
    this.#watchdog = undefined;
    this.#watchdogAt = Infinity;
    const now = this.#clock.monotonic();
    let next = Infinity;
    for (const entry of this.#inFlight) {
      if (entry.deadline <= now) {
        entry.timedOut = true;
        if (entry.solo) entry.batch.controller.abort();
        else entry.expire?.();
      } else if (entry.deadline < next) next = entry.deadline;
    }
    if (next !== Infinity) this.#armWatchdog(next);
  }

  /**
   * The URL of an unsigned request: the request's own parameters followed by uuid, requestid,
   * pnsdk and auth (the JS SDK's order), as `commonQuery` in `request_signer.ts` has them, without
   * the intermediate query object: the common parameters' encoded forms are made once per
   * configuration value.
   */
  #unsignedUrl(request: RequestDescription): string {
    const config = this.#config;
    let common = this.#common;
    if (common?.userId !== config.userId || common.authKey !== config.authKey) {
      common = this.#common = {
        userId: config.userId,
        authKey: config.authKey,
        uuid: `uuid=${encodeComponent(config.userId)}`,
        tail: `&pnsdk=${encodeComponent(SDK_NAME)}`,
        auth: config.authKey ? `&auth=${encodeComponent(config.authKey)}` : "",
      };
    }
    const own = encodeQuery(request.query);
    const head = request.query.uuid !== undefined
      ? own
      : own
      ? `${own}&${common.uuid}`
      : common.uuid;
    const auth = common.auth && carriesCredentials(request.operation) ? common.auth : "";
    return `${config.baseUrl}${request.path}?${head}&requestid=${
      encodeComponent(this.#requestId())
    }${common.tail}${auth}`;
  }

  #needsSignature(request: RequestDescription): boolean {
    return this.#signedUrl !== undefined && carriesCredentials(request.operation);
  }
}

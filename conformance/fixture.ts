/**
 * The conformance fixture format: one JSON file per scenario in `fixtures/`. A fixture says how the
 * client is configured, what it does (steps), which HTTP exchanges happen (each expected request
 * with the response or fault to give), and what the client must observe. `conformance/README.md`
 * documents every field; this module holds the types and a loader that checks a file's shape.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import type { PNConfigurationOptions } from "./sdk.ts";
import type { Step } from "./steps.ts";
import { STORAGE_OPS } from "./storage_steps.ts";

export type {
  ErrorExpect,
  HereNowArgs,
  PublishArgs,
  SignalArgs,
  Step,
  StepExpect,
  SubscribeArgs,
  WaitForStep,
} from "./steps.ts";

/**
 * A scenario: configuration, steps, exchanges and expected observations.
 *
 * @example
 * ```ts
 * import type { Fixture } from "./fixture.ts";
 * const fixture: Fixture = {
 *   name: "time",
 *   description: "time() reads the timetoken as a string",
 *   source: 'docs/protocol.md "Endpoints"',
 *   config: { subscribeKey: "sub-key", userId: "conformance" },
 *   steps: [{ op: "time", expect: { result: { timetoken: "17000000000000000" } } }],
 *   exchanges: [{
 *     request: { method: "GET", path: "/time/0" },
 *     response: { status: 200, body: "[17000000000000000]" },
 *   }],
 *   expect: {},
 * };
 * ```
 */
export interface Fixture {
  /** Short identifier, usually the file name without `.json`. */
  name: string;
  /** What the scenario shows, in a sentence or two. */
  description: string;
  /**
   * Where the exchanged bytes come from: `docs/protocol.md "Error bodies"`,
   * `recorded from the local server`, `"real service"`, …
   */
  source: string;
  /** Client configuration; `origin` and `ssl` are filled in by the replayer. */
  config: FixtureConfig;
  /** The constant the injected random source returns (retry jitter); default 0. */
  random?: number;
  /** Start of the injected manual clock, ms since the epoch; default 1_700_000_000_000. */
  clockStart?: number;
  /** What the client does, in order. */
  steps: Step[];
  /** The HTTP exchanges, in order (ordering is enforced per lane, see {@link laneOf}). */
  exchanges: Exchange[];
  /** What the client must observe besides step results. */
  expect: Expectations;
}

/**
 * The client configuration of a fixture: `PNConfigurationOptions` without the address.
 *
 * @example
 * ```ts
 * import type { FixtureConfig } from "./fixture.ts";
 * const config: FixtureConfig = { publishKey: "pub-key", subscribeKey: "sub-key", userId: "u" };
 * ```
 */
export type FixtureConfig = Omit<PNConfigurationOptions, "origin" | "ssl">;

/**
 * One HTTP exchange: the request the client must send and what the server does with it.
 *
 * @example
 * ```ts
 * import type { Exchange } from "./fixture.ts";
 * const exchange: Exchange = {
 *   request: { method: "GET", path: "/v2/subscribe/sub-key/room/0", query: { tt: null } },
 *   response: { status: 200, body: '{"t":{"t":"17000000000000000","r":1},"m":[]}' },
 * };
 * ```
 */
export interface Exchange {
  /** Why the exchange is there. */
  note?: string;
  /** Ordering lane; default from the path (see {@link laneOf}). */
  lane?: string;
  /** The request the client must send. */
  request: ExpectedRequest;
  /** The answer (absent when `fault` is set). */
  response?: FixtureResponse;
  /**
   * `close` (alias `reset`): the connection is closed without an answer (fetch's silent retry of
   * the same request is closed too); `hang`: no answer until the client gives up.
   */
  fault?: "close" | "reset" | "hang";
}

/**
 * The request a client must send. `query` lists the parameters that matter (decoded values;
 * `null` means the parameter must be absent); others are not compared.
 *
 * @example
 * ```ts
 * import type { ExpectedRequest } from "./fixture.ts";
 * const request: ExpectedRequest = { method: "POST", path: "/publish/p/s/0/ch/0", body: '{"a":1}' };
 * ```
 */
export interface ExpectedRequest {
  /** HTTP method. */
  method: string;
  /** The path exactly as sent (percent-encoded). */
  path: string;
  /** Query parameters that matter; `null`: must be absent. */
  query?: Record<string, string | null>;
  /** Request headers that matter (names case-insensitive). */
  headers?: Record<string, string>;
  /** The body (after decompression), when it matters. */
  body?: string;
}

/**
 * The answer the server gives.
 *
 * @example
 * ```ts
 * import type { FixtureResponse } from "./fixture.ts";
 * const answer: FixtureResponse = { status: 429, headers: { "Retry-After": "2" }, body: '{"status":429,"error":true,"message":"Too many requests"}' };
 * ```
 */
export interface FixtureResponse {
  /** HTTP status code. */
  status: number;
  /**
   * Response headers. Without a `content-type` the service's `text/javascript; charset="UTF-8"`
   * is sent; a `null` value sends no such header.
   */
  headers?: Record<string, string | null>;
  /** Body text. */
  body?: string;
  /** Body bytes in base64, for bodies that are not valid UTF-8. */
  bodyBase64?: string;
  /** Real milliseconds to wait before answering (keep it small). */
  delayMs?: number;
}

/**
 * What the client must observe. Every list is compared in order and by length; each element is
 * compared as a subset (only the fields given). A missing list means "none".
 *
 * @example
 * ```ts
 * import type { Expectations } from "./fixture.ts";
 * const expect: Expectations = {
 *   statuses: [{ category: "PNConnectedCategory" }],
 *   messages: [{ channel: "room", message: "hi", timetoken: "17000000000000001" }],
 *   engine: { subscribe: ["SUBSCRIPTION_CHANGED", "HANDSHAKE"] },
 * };
 * ```
 */
export interface Expectations {
  /** Listener statuses. */
  statuses?: Record<string, unknown>[];
  /** Listener messages. */
  messages?: Record<string, unknown>[];
  /** Listener presence events. */
  presence?: Record<string, unknown>[];
  /** Listener signals. */
  signals?: Record<string, unknown>[];
  /** Listener message action events. */
  messageActions?: Record<string, unknown>[];
  /** Engine log names per engine (`observeEngine`), in order; `"*"` skips an engine. */
  engine?: { subscribe?: string[] | "*"; presence?: string[] | "*" };
  /** Pieces of text of the errors reported to `onError`, in order; none when absent. */
  onError?: string[];
}

/**
 * The ordering lane of a request: `subscribe` (`/v2/subscribe/…`), `presence` (heartbeat and
 * leave) or `rest` (everything else). Exchanges are matched in fixture order within a lane; lanes
 * run concurrently (the subscribe and heartbeat loops do).
 *
 * @example
 * ```ts
 * import { laneOf } from "./fixture.ts";
 * laneOf("/v2/subscribe/sub-key/room/0"); // "subscribe"
 * laneOf("/v2/presence/sub-key/sub-key/channel/room/heartbeat"); // "presence"
 * laneOf("/time/0"); // "rest"
 * ```
 */
export function laneOf(path: string): string {
  if (path.startsWith("/v2/subscribe/")) return "subscribe";
  if (/^\/v2\/presence\/.*\/(heartbeat|leave)$/.test(path)) return "presence";
  return "rest";
}

/**
 * The lane of an exchange: its `lane` field or the lane of its path.
 *
 * @example
 * ```ts
 * import { exchangeLane } from "./fixture.ts";
 * exchangeLane({ request: { method: "GET", path: "/time/0" } }); // "rest"
 * ```
 */
export function exchangeLane(exchange: Exchange): string {
  return exchange.lane ?? laneOf(exchange.request.path);
}

const STEP_OPS = new Set([
  "publish",
  "fire",
  "signal",
  "time",
  "hereNow",
  ...STORAGE_OPS,
  "subscribe",
  "unsubscribe",
  "unsubscribeAll",
  "disconnect",
  "reconnect",
  "advanceClock",
  "expectTimers",
  "waitFor",
]);

/**
 * Checks that a parsed JSON value has the shape of a fixture; throws a `TypeError` naming the
 * first field that is wrong.
 *
 * @example
 * ```ts
 * import { checkFixture } from "./fixture.ts";
 * const fixture = checkFixture({
 *   name: "n", description: "d", source: 'docs/protocol.md "Endpoints"',
 *   config: { subscribeKey: "s", userId: "u" }, steps: [], exchanges: [], expect: {},
 * });
 * ```
 */
export function checkFixture(value: unknown, where = "fixture"): Fixture {
  const f = value as Record<string, unknown>;
  const fail = (field: string, what: string): never => {
    throw new TypeError(`${where}: ${field} ${what}`);
  };
  if (typeof f !== "object" || f === null || Array.isArray(f)) fail("(root)", "is not an object");
  for (const key of ["name", "description", "source"]) {
    if (typeof f[key] !== "string" || f[key] === "") fail(key, "must be a non-empty string");
  }
  if (typeof f.config !== "object" || f.config === null) fail("config", "must be an object");
  if (!Array.isArray(f.steps)) fail("steps", "must be an array");
  if (!Array.isArray(f.exchanges)) fail("exchanges", "must be an array");
  if (typeof f.expect !== "object" || f.expect === null) fail("expect", "must be an object");
  (f.steps as unknown[]).forEach((step, i) => {
    const op = (step as { op?: unknown })?.op;
    if (typeof op !== "string" || !STEP_OPS.has(op)) {
      fail(`steps[${i}].op`, `is not one of ${[...STEP_OPS].join(", ")}`);
    }
  });
  (f.exchanges as unknown[]).forEach((exchange, i) => {
    const e = exchange as Exchange;
    if (typeof e?.request?.method !== "string" || typeof e.request.path !== "string") {
      fail(`exchanges[${i}].request`, "needs a method and a path");
    }
    if (e.fault === undefined && typeof e.response?.status !== "number") {
      fail(`exchanges[${i}]`, "needs a response with a status, or a fault");
    }
    if (e.fault !== undefined && !["close", "reset", "hang"].includes(e.fault)) {
      fail(`exchanges[${i}].fault`, "is not one of close, reset, hang");
    }
  });
  return f as unknown as Fixture;
}

/**
 * Reads and checks a fixture file.
 *
 * @example
 * ```ts ignore
 * import { loadFixture } from "./fixture.ts";
 * const fixture = await loadFixture("fixtures/publish_invalid_key.json");
 * ```
 */
export async function loadFixture(path: string | URL): Promise<Fixture> {
  const text = await readFile(path, "utf8");
  return checkFixture(JSON.parse(text), String(path));
}

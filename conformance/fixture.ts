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
import { STORAGE_OPS, type StorageStep } from "./storage_steps.ts";

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
 * What a call step must produce: a result (compared as a subset) or an error.
 *
 * @example
 * ```ts
 * import type { StepExpect } from "./fixture.ts";
 * const expect: StepExpect = { error: { category: "PNBadRequestCategory", statusCode: 400 } };
 * ```
 */
export interface StepExpect {
  /** The `result` of `.future()`; only the fields given are compared. */
  result?: unknown;
  /** The rejection: the status's fields (subset), plus `messageIncludes` for the error text. */
  error?: ErrorExpect;
}

/**
 * The fields of a rejection a step can pin down.
 *
 * @example
 * ```ts
 * import type { ErrorExpect } from "./fixture.ts";
 * const e: ErrorExpect = { category: "PNAccessDeniedCategory", statusCode: 403, errorData: { payload: { channels: ["ch"] } } };
 * ```
 */
export interface ErrorExpect {
  /** `status.category`. */
  category?: string;
  /** `status.operation`. */
  operation?: string;
  /** `status.statusCode` (`null`: none). */
  statusCode?: number | null;
  /** `status.errorData`, compared as a subset. */
  errorData?: unknown;
  /** A piece of text the error message must contain. */
  messageIncludes?: string;
}

/**
 * One thing the client does. Call steps (`publish`, `fire`, `signal`, `time`, `hereNow`, and the
 * storage and message action calls of {@link StorageStep}) are awaited; `subscribe`,
 * `unsubscribe`, `unsubscribeAll`, `disconnect`, `reconnect` return at once.
 * `advanceClock` moves the injected manual clock, `expectTimers` asserts its pending delays, and
 * `waitFor` waits (in real time, bounded) for something to have happened.
 *
 * @example
 * ```ts
 * import type { Step } from "./fixture.ts";
 * const steps: Step[] = [
 *   { op: "subscribe", args: { channels: ["room"] } },
 *   { op: "waitFor", status: "PNConnectedCategory" },
 *   { op: "advanceClock", ms: 2500 },
 * ];
 * ```
 */
export type Step =
  | { op: "publish" | "fire"; args: PublishArgs; expect?: StepExpect; note?: string }
  | { op: "signal"; args: SignalArgs; expect?: StepExpect; note?: string }
  | { op: "time"; expect?: StepExpect; note?: string }
  | { op: "hereNow"; args: HereNowArgs; expect?: StepExpect; note?: string }
  | StorageStep
  | { op: "subscribe"; args: SubscribeArgs; expect?: StepExpect; note?: string }
  | { op: "unsubscribe"; args: { channels?: string[]; channelGroups?: string[] }; note?: string }
  | { op: "unsubscribeAll" | "disconnect"; note?: string }
  | { op: "reconnect"; args?: { timetoken?: string }; note?: string }
  | { op: "advanceClock"; ms: number; note?: string }
  | { op: "expectTimers"; delays: number[]; note?: string }
  | WaitForStep;

/**
 * Waits until every condition given holds (real time, at most `timeoutMs`, default 2000).
 *
 * @example
 * ```ts
 * import type { WaitForStep } from "./fixture.ts";
 * const wait: WaitForStep = { op: "waitFor", exchange: 3, engine: { name: "RECEIVE_MESSAGES", count: 2 } };
 * ```
 */
export interface WaitForStep {
  /** The step kind. */
  op: "waitFor";
  /** Exchange with this index has been requested. */
  exchange?: number;
  /** A status of this category has been emitted (`statusCount` times, default 1). */
  status?: string;
  /** How many statuses of `status` to wait for. */
  statusCount?: number;
  /** This many statuses in all have been emitted. */
  statuses?: number;
  /** This many messages have been delivered. */
  messages?: number;
  /** This many presence events have been delivered. */
  presence?: number;
  /** A presence event with this `event` name (`join`, `interval`, …) has been delivered. */
  presenceEvent?: string;
  /** This many signals have been delivered. */
  signals?: number;
  /** This many message action events have been delivered. */
  messageActions?: number;
  /** An engine log entry named `name` has been logged `count` times (default 1). */
  engine?: { engine?: "subscribe" | "presence"; name: string; count?: number };
  /** At least this many timers are pending on the manual clock. */
  timers?: number;
  /** Give up after this many real milliseconds (default 2000). */
  timeoutMs?: number;
  /** Why the step is there. */
  note?: string;
}

/**
 * Arguments of a publish or fire step.
 *
 * @example
 * ```ts
 * import type { PublishArgs } from "./fixture.ts";
 * const args: PublishArgs = { channel: "ch", message: { text: "hi" }, usePost: true };
 * ```
 */
export interface PublishArgs {
  /** Channel. */
  channel: string;
  /** The message value. */
  message: unknown;
  /** `meta`. */
  meta?: Record<string, unknown>;
  /** `shouldStore`. */
  shouldStore?: boolean;
  /** `usePost`. */
  usePost?: boolean;
  /** `ttl`. */
  ttl?: number;
  /** `customMessageType`. */
  customMessageType?: string;
  /** `replicate` (`false`: `norep=true`). */
  replicate?: boolean;
  /** `ptto`. */
  ptto?: string;
}

/**
 * Arguments of a signal step.
 *
 * @example
 * ```ts
 * import type { SignalArgs } from "./fixture.ts";
 * const args: SignalArgs = { channel: "ch", message: "typing" };
 * ```
 */
export interface SignalArgs {
  /** Channel. */
  channel: string;
  /** The payload. */
  message: unknown;
}

/**
 * Arguments of a here-now step.
 *
 * @example
 * ```ts
 * import type { HereNowArgs } from "./fixture.ts";
 * const args: HereNowArgs = { channels: ["room"], includeUuids: true };
 * ```
 */
export interface HereNowArgs {
  /** Channels. */
  channels?: string[];
  /** Channel groups. */
  channelGroups?: string[];
  /** `includeUuids`. */
  includeUuids?: boolean;
  /** `includeState`. */
  includeState?: boolean;
}

/**
 * Arguments of a subscribe step.
 *
 * @example
 * ```ts
 * import type { SubscribeArgs } from "./fixture.ts";
 * const args: SubscribeArgs = { channels: ["room"], withPresence: true, timetoken: "17000000000000000" };
 * ```
 */
export interface SubscribeArgs {
  /** Channels. */
  channels?: string[];
  /** Channel groups. */
  channelGroups?: string[];
  /** Also subscribe to the presence channels. */
  withPresence?: boolean;
  /** `withTimetoken`. */
  timetoken?: string;
}

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

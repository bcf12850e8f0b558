/**
 * A seeded, reproducible fuzzer for hostile input. It mutates the response bodies, status codes
 * and headers recorded in `fixtures/` (truncation, wrong types, missing fields, huge numbers,
 * invalid UTF-8, timetokens going backwards) and feeds them through
 *
 * 1. the classifier and the parsers (`src/core/classify.ts`, `src/core/requests/*.ts`),
 * 2. the engines (`src/core/subscribe/transition.ts`, `src/core/presence/transition.ts`), with
 *    random event sequences carrying mutated cursors and reasons,
 * 3. the real shell: a client against a loopback server that serves mutated answers to calls and
 *    to the subscribe loop, with a manual clock driving the retries.
 *
 * Properties checked: nothing throws, nothing hangs (every call settles within a bound), every
 * failure is a status whose category is one of protocol §9's. `scripts/fuzz.ts` is its command
 * line; `conformance/fuzz_test.ts` runs a small budget in CI.
 *
 * @module
 */
import { classifyResponse, parseJson } from "../src/core/classify.ts";
import { PNStatusCategory } from "../src/core/categories.ts";
import { PubNubError } from "../src/core/error.ts";
import * as presenceEvents from "../src/core/presence/events.ts";
import { INITIAL_HEARTBEAT_STATE } from "../src/core/presence/states.ts";
import { transition as presenceTransition } from "../src/core/presence/transition.ts";
import type { RequestDescription } from "../src/core/request.ts";
import { parseChannelGroupAckResponse } from "../src/core/requests/channel_groups.ts";
import { parseFetchMessagesResponse } from "../src/core/requests/fetch_messages.ts";
import { parseHeartbeatResponse } from "../src/core/requests/heartbeat.ts";
import { parseHereNowResponse } from "../src/core/requests/here_now.ts";
import { parseLeaveResponse } from "../src/core/requests/leave.ts";
import { parsePublishResponse } from "../src/core/requests/publish.ts";
import { parseGetStateResponse, parseSetStateResponse } from "../src/core/requests/state.ts";
import { parseSubscribeResponse, parseSubscribeValue } from "../src/core/requests/subscribe.ts";
import { parseTimeResponse } from "../src/core/requests/time.ts";
import { parseWhereNowResponse } from "../src/core/requests/where_now.ts";
import { parseHistoryResponse } from "../src/core/requests/history.ts";
import { parseMessageCountsResponse } from "../src/core/requests/message_counts.ts";
import { parseDeleteMessagesResponse } from "../src/core/requests/delete_messages.ts";
import {
  parseAddMessageActionResponse,
  parseGetMessageActionsResponse,
  parseRemoveMessageActionResponse,
} from "../src/core/requests/message_actions.ts";
import { PNStatus } from "../src/core/status.ts";
import { decodeEnvelope, type Envelope } from "../src/core/subscribe/envelope.ts";
import * as subscribeEvents from "../src/core/subscribe/events.ts";
import { INITIAL_SUBSCRIBE_STATE, type SubscribeState } from "../src/core/subscribe/states.ts";
import { transition as subscribeTransition } from "../src/core/subscribe/transition.ts";
import { ManualClock } from "../src/shell/clock.ts";
import { PubNub } from "../src/shell/pubnub.ts";
import type { Fixture, FixtureResponse } from "./fixture.ts";
import { startLoopbackServer } from "./loopback.ts";

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same run.
 *
 * @example
 * ```ts
 * import { Random } from "./fuzz.ts";
 * const a = new Random(42), b = new Random(42);
 * a.next() === b.next(); // true
 * ```
 */
export class Random {
  #state: number;

  /** Seeds the generator. */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/**
 * A recorded response to mutate: which kind of call it answered, and the answer.
 *
 * @example
 * ```ts
 * import type { Seed } from "./fuzz.ts";
 * const seed: Seed = { kind: "time", response: { status: 200, body: "[17000000000000000]" } };
 * ```
 */
export interface Seed {
  /** The call the body answers. */
  kind: CallKind;
  /** The recorded answer. */
  response: FixtureResponse;
}

/**
 * The calls whose answers the fuzzer knows how to parse.
 *
 * @example
 * ```ts
 * import type { CallKind } from "./fuzz.ts";
 * const kind: CallKind = "subscribe";
 * ```
 */
export type CallKind =
  | "publish"
  | "signal"
  | "time"
  | "subscribe"
  | "hereNow"
  | "heartbeat"
  | "leave"
  | "other";

/**
 * Which call a request path belongs to.
 *
 * @example
 * ```ts
 * import { kindOfPath } from "./fuzz.ts";
 * kindOfPath("/time/0"); // "time"
 * ```
 */
export function kindOfPath(path: string): CallKind {
  if (path.startsWith("/publish/")) return "publish";
  if (path.startsWith("/signal/")) return "signal";
  if (path.startsWith("/time/")) return "time";
  if (path.startsWith("/v2/subscribe/")) return "subscribe";
  if (path.endsWith("/heartbeat")) return "heartbeat";
  if (path.endsWith("/leave")) return "leave";
  if (path.startsWith("/v2/presence/") && path.includes("/channel/")) return "hereNow";
  return "other";
}

/**
 * The recorded answers of a set of fixtures, as seeds for mutation.
 *
 * @example
 * ```ts
 * import { seedsFrom } from "./fuzz.ts";
 * seedsFrom([]).length; // 0
 * ```
 */
export function seedsFrom(fixtures: readonly Fixture[]): Seed[] {
  const seeds: Seed[] = [];
  for (const fixture of fixtures) {
    for (const exchange of fixture.exchanges) {
      if (exchange.response && exchange.response.body !== undefined) {
        seeds.push({ kind: kindOfPath(exchange.request.path), response: exchange.response });
      }
    }
  }
  return seeds;
}

/**
 * Loads every fixture in a directory (default `fixtures/`).
 *
 * @example
 * ```ts ignore
 * import { loadAllFixtures } from "./fuzz.ts";
 * const fixtures = await loadAllFixtures();
 * ```
 */
export async function loadAllFixtures(
  dir: URL = new URL("../fixtures/", import.meta.url),
): Promise<Fixture[]> {
  const fixtures: Fixture[] = [];
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.endsWith(".json")) {
      fixtures.push(JSON.parse(await Deno.readTextFile(new URL(entry.name, dir))));
    }
  }
  return fixtures;
}

const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  "x",
  "17000000000000000",
  "00000000000000001",
  "-17000000000000000",
  "1e400",
  [],
  {},
  [[]],
  { t: "1" },
  "\u0000",
  "\ud800",
];

/**
 * A mutated answer: body bytes, status and headers.
 *
 * @example
 * ```ts
 * import type { Mutant } from "./fuzz.ts";
 * const m: Mutant = { status: 200, headers: {}, body: new TextEncoder().encode("[1"), mutation: "truncate" };
 * ```
 */
export interface Mutant {
  /** HTTP status. */
  status: number;
  /** Response headers (null: not sent). */
  headers: Record<string, string | null>;
  /** Body bytes. */
  body: Uint8Array<ArrayBuffer>;
  /** What was done, for reports. */
  mutation: string;
}

/**
 * Mutates one recorded answer in one or two ways chosen by `random`.
 *
 * @example
 * ```ts
 * import { mutate, Random } from "./fuzz.ts";
 * const m = mutate(new Random(1), { kind: "time", response: { status: 200, body: "[17000000000000000]" } });
 * typeof m.mutation; // "string"
 * ```
 */
export function mutate(random: Random, seed: Seed): Mutant {
  let text = seed.response.body ?? "";
  let status = seed.response.status;
  const headers: Record<string, string | null> = { ...seed.response.headers };
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  const done: string[] = [];
  const rounds = 1 + random.int(2);
  for (let round = 0; round < rounds; round++) {
    switch (random.int(10)) {
      case 0: {
        const at = random.int(text.length + 1);
        text = text.slice(0, at);
        done.push(`truncate@${at}`);
        break;
      }
      case 1:
      case 2: {
        const json = parseJson(text);
        if (!json.ok) break;
        const value = structuredClone(json.value);
        const changed = changeAt(random, value, random.pick(HOSTILE_VALUES), "replace");
        text = JSON.stringify(changed.root) ?? "null";
        done.push(`wrong-type ${changed.path}`);
        break;
      }
      case 3: {
        const json = parseJson(text);
        if (!json.ok) break;
        const changed = changeAt(random, structuredClone(json.value), undefined, "delete");
        text = JSON.stringify(changed.root) ?? "null";
        done.push(`missing ${changed.path}`);
        break;
      }
      case 4: {
        // Huge numbers, written as JSON numbers so JSON.parse rounds or overflows them.
        text = text.replace(
          /"(\d{10,})"/g,
          (_m, digits: string) =>
            random.next() < 0.5 ? `${digits}${digits}` : `1${"0".repeat(400)}`,
        );
        text = text.replace(
          /:(\d+)/g,
          () => `:${random.pick(["1e309", "-0", "18446744073709551616"])}`,
        );
        done.push("huge-numbers");
        break;
      }
      case 5: {
        // Timetokens going backwards: every 17-digit timetoken replaced by a smaller one.
        text = text.replace(/\b1\d{16}\b/g, (tt) => {
          const back = BigInt(tt) - BigInt(1 + random.int(1_000_000_000));
          return (back > 0n ? back : 1n).toString().padStart(17, "0");
        });
        done.push("timetokens-backwards");
        break;
      }
      case 6: {
        const encoded = new TextEncoder().encode(text);
        const at = random.int(encoded.length + 1);
        const junk = random.pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80]]);
        bytes = new Uint8Array([...encoded.slice(0, at), ...junk, ...encoded.slice(at)]);
        done.push(`invalid-utf8@${at}`);
        break;
      }
      case 7:
        status = random.pick([
          0,
          100,
          101,
          204,
          301,
          304,
          400,
          401,
          403,
          404,
          413,
          414,
          429,
          481,
          500,
          502,
          503,
          599,
          999,
        ]);
        if (status < 200 || status > 599) status = random.pick([200, 500]);
        done.push(`status ${status}`);
        break;
      case 8: {
        const name = random.pick(["content-type", "retry-after", "content-type"]);
        headers[name] = random.pick([
          null,
          "",
          "text/html",
          "application/octet-stream",
          "-1",
          "abc",
          "1e309",
          "999999999",
          "application/json; charset=latin1",
        ]);
        done.push(`header ${name}=${headers[name]}`);
        break;
      }
      default: {
        const at = random.int(text.length + 1);
        text = text.slice(0, at) + random.pick(["{", "]", '"', "\\", ",", "\u0000", "\ud83d"]) +
          text.slice(at);
        done.push(`junk@${at}`);
      }
    }
  }
  return {
    status,
    headers,
    body: bytes ?? new TextEncoder().encode(text),
    mutation: done.join(", ") || "none",
  };
}

function changeAt(
  random: Random,
  root: unknown,
  replacement: unknown,
  mode: "replace" | "delete",
): { root: unknown; path: string } {
  const path: string[] = [];
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  let node = root;
  // Walk down a random path; stop at a random depth or at a leaf.
  for (let depth = 0; depth < 6; depth++) {
    if (node === null || typeof node !== "object") break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0 || (depth > 0 && random.next() < 0.3)) break;
    key = random.pick(keys as (string | number)[]);
    parent = node as Record<string, unknown>;
    path.push(String(key));
    node = (node as Record<string, unknown>)[key as string];
  }
  if (parent === undefined || key === undefined) {
    return { root: mode === "delete" ? undefined : replacement, path: "(root)" };
  }
  if (mode === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, unknown>)[key as string];
  } else {
    (parent as Record<string, unknown>)[key as string] = replacement;
  }
  return { root, path: path.join(".") };
}

const CATEGORIES = new Set<string>(Object.values(PNStatusCategory));

/**
 * What a fuzz run found: counts, and one line per property violation (with the seed and
 * iteration to reproduce it).
 *
 * @example
 * ```ts
 * import type { FuzzReport } from "./fuzz.ts";
 * const report: FuzzReport = { iterations: 0, parsed: 0, engineEvents: 0, shellCalls: 0, problems: [] };
 * ```
 */
export interface FuzzReport {
  /** Iterations run. */
  iterations: number;
  /** Mutated answers pushed through the classifier and parsers. */
  parsed: number;
  /** Events pushed through the engines. */
  engineEvents: number;
  /** Calls made through the real shell. */
  shellCalls: number;
  /** Property violations. */
  problems: string[];
}

function fakeRequest(kind: CallKind): RequestDescription {
  const base = { method: "GET" as const, query: {}, channels: ["ch"] };
  switch (kind) {
    case "publish":
      return { ...base, operation: "PNPublishOperation", path: "/publish/p/s/0/ch/0/1" };
    case "signal":
      return { ...base, operation: "PNSignalOperation", path: "/signal/p/s/0/ch/0/1" };
    case "time":
      return { ...base, operation: "PNTimeOperation", path: "/time/0" };
    case "subscribe":
      return {
        ...base,
        operation: "PNSubscribeOperation",
        path: "/v2/subscribe/s/ch/0",
        longPoll: true,
      };
    case "heartbeat":
      return {
        ...base,
        operation: "PNHeartbeatOperation",
        path: "/v2/presence/sub-key/s/channel/ch/heartbeat",
      };
    case "leave":
      return {
        ...base,
        operation: "PNUnsubscribeOperation",
        path: "/v2/presence/sub-key/s/channel/ch/leave",
      };
    default:
      return {
        ...base,
        operation: "PNHereNowOperation",
        path: "/v2/presence/sub-key/s/channel/ch",
      };
  }
}

/** Every parser that could read this answer; each must return a result, never throw. */
function parseAll(kind: CallKind, data: unknown, body: string): void {
  const results: { ok: boolean }[] = [];
  switch (kind) {
    case "publish":
    case "signal":
      results.push(parsePublishResponse(data));
      break;
    case "time":
      results.push(parseTimeResponse(body));
      break;
    case "subscribe": {
      const parsed = parseSubscribeValue(data);
      results.push(parsed, parseSubscribeResponse(body));
      if (parsed.ok) {
        for (const envelope of parsed.value.messages) decodeEnvelope(envelope as Envelope);
      }
      break;
    }
    default:
      results.push(
        parseHereNowResponse(data, { channels: ["ch"] }),
        parseHereNowResponse(data, { channels: ["a", "b"], includeUuids: false }),
        parseHeartbeatResponse(data),
        parseLeaveResponse(data),
        parseWhereNowResponse(data),
        parseSetStateResponse(data),
        parseGetStateResponse(data, { channels: ["ch"] }),
        parseChannelGroupAckResponse(data),
        parseFetchMessagesResponse(data),
        parseHistoryResponse(data, body, true),
        parseHistoryResponse(data, body, false),
        parseMessageCountsResponse(data),
        parseDeleteMessagesResponse(data),
        parseAddMessageActionResponse(data),
        parseGetMessageActionsResponse(data),
        parseRemoveMessageActionResponse(data),
      );
  }
  for (const result of results) {
    if (typeof result !== "object" || result === null || typeof result.ok !== "boolean") {
      throw new Error(`a parser returned ${String(result)}`);
    }
  }
}

/**
 * Stage 1: mutated answers through the classifier and every parser that could read them.
 *
 * @example
 * ```ts
 * import { fuzzParsers, Random } from "./fuzz.ts";
 * const problems: string[] = [];
 * fuzzParsers(new Random(1), [{ kind: "time", response: { status: 200, body: "[17000000000000000]" } }], 10, problems);
 * problems.length; // 0
 * ```
 */
export function fuzzParsers(
  random: Random,
  seeds: readonly Seed[],
  count: number,
  problems: string[],
): number {
  let parsed = 0;
  for (let i = 0; i < count; i++) {
    const seed = random.pick(seeds);
    const mutant = mutate(random, seed);
    const body = new TextDecoder().decode(mutant.body);
    const request = fakeRequest(seed.kind);
    try {
      const outcome = classifyResponse(request, {
        status: mutant.status,
        contentType: mutant.headers["content-type"] ?? undefined,
        body,
        retryAfter: mutant.headers["retry-after"] ?? undefined,
      });
      if (outcome.ok) {
        parseAll(seed.kind, outcome.data, body);
      } else if (!CATEGORIES.has(outcome.status.category)) {
        problems.push(
          `parsers: unknown category ${outcome.status.category} for ${mutant.mutation}`,
        );
      } else if (typeof outcome.message !== "string" || outcome.message === "") {
        problems.push(`parsers: a failure without a message for ${mutant.mutation}`);
      }
      parsed++;
    } catch (error) {
      problems.push(
        `parsers: ${seed.kind} answer (${mutant.mutation}) threw ${String(error)}; body ${
          JSON.stringify(body.slice(0, 200))
        }`,
      );
    }
  }
  return parsed;
}

function randomStatus(random: Random): PNStatus {
  const category = random.pick([...CATEGORIES]) as PNStatus["category"];
  return new PNStatus({
    category,
    operation: random.pick(["PNSubscribeOperation", "PNHeartbeatOperation"]),
    error: true,
    statusCode: random.pick([undefined, 0, 400, 403, 404, 429, 500, 503, 999, -1, NaN]),
    errorData: random.pick([undefined, null, "x", {
      retryAfter: random.pick([-1, 1e309, NaN, "2", 2]),
    }]),
  });
}

function randomCursor(random: Random) {
  const timetoken = random.pick([
    "17000000000000000",
    "16999999999999999",
    "0",
    "00000000000000000",
    "99999999999999999999",
    String(17000000000000000n - BigInt(random.int(1000))),
  ]);
  return { timetoken, region: random.pick([0, 1, -1, 1e309, NaN]) };
}

function randomNames(random: Random): string[] {
  return Array.from(
    { length: random.int(4) },
    () => random.pick(["a", "b", "a-pnpres", "", "c.*", "g"]),
  );
}

/**
 * Stage 2: random event sequences through both engines; every transition must return a state
 * and a list of invocations, and never throw.
 *
 * @example
 * ```ts
 * import { fuzzEngines, Random } from "./fuzz.ts";
 * const problems: string[] = [];
 * fuzzEngines(new Random(1), 20, problems);
 * problems.length; // 0
 * ```
 */
export function fuzzEngines(random: Random, count: number, problems: string[]): number {
  let events = 0;
  let subscribeState: SubscribeState = INITIAL_SUBSCRIBE_STATE;
  let presenceState = INITIAL_HEARTBEAT_STATE;
  const envelope = (): Envelope =>
    ({
      c: random.pick(["a", "a-pnpres", ""]),
      d: random.pick(HOSTILE_VALUES),
      p: { t: randomCursor(random).timetoken, r: 1 },
      e: random.pick([undefined, 0, 1, 2, 99, "1"]),
    }) as unknown as Envelope;
  for (let i = 0; i < count; i++) {
    const make = random.pick([
      () => subscribeEvents.subscriptionChanged(randomNames(random), randomNames(random)),
      () =>
        subscribeEvents.subscriptionRestored(
          randomNames(random),
          randomNames(random),
          randomCursor(random),
        ),
      () => subscribeEvents.handshakeSuccess(randomCursor(random)),
      () => subscribeEvents.handshakeFailure(randomStatus(random)),
      () => subscribeEvents.handshakeReconnectSuccess(randomCursor(random)),
      () => subscribeEvents.handshakeReconnectFailure(randomStatus(random)),
      () => subscribeEvents.handshakeReconnectGiveup(randomStatus(random)),
      () => subscribeEvents.receiveSuccess(randomCursor(random), [envelope()]),
      () => subscribeEvents.receiveFailure(randomStatus(random)),
      () => subscribeEvents.receiveReconnectSuccess(randomCursor(random), [envelope()]),
      () => subscribeEvents.receiveReconnectFailure(randomStatus(random)),
      () => subscribeEvents.receiveReconnectGiveup(randomStatus(random)),
      () => subscribeEvents.disconnect(),
      () => subscribeEvents.reconnect(random.next() < 0.5 ? undefined : randomCursor(random)),
      () => subscribeEvents.unsubscribeAll(),
    ]);
    try {
      const result = subscribeTransition(subscribeState, make());
      if (!result.state || !Array.isArray(result.invocations)) throw new Error("bad result");
      subscribeState = result.state;
      events++;
    } catch (error) {
      problems.push(`subscribe engine: threw ${String(error)} in ${subscribeState.name}`);
      subscribeState = INITIAL_SUBSCRIBE_STATE;
    }
    const makePresence = random.pick([
      () => presenceEvents.joined(randomNames(random), randomNames(random)),
      () => presenceEvents.left(randomNames(random), randomNames(random)),
      () => presenceEvents.leftAll(),
      () => presenceEvents.heartbeatSuccess(),
      () => presenceEvents.heartbeatFailure(randomStatus(random)),
      () => presenceEvents.heartbeatGiveup(randomStatus(random)),
      () => presenceEvents.timesUp(),
      () => presenceEvents.disconnect(),
      () => presenceEvents.reconnect(),
    ]);
    try {
      const result = presenceTransition(presenceState, makePresence(), {
        suppressLeaveEvents: random.next() < 0.5,
      });
      if (!result.state || !Array.isArray(result.invocations)) throw new Error("bad result");
      presenceState = result.state;
      events++;
    } catch (error) {
      problems.push(`presence engine: threw ${String(error)} in ${presenceState.name}`);
      presenceState = INITIAL_HEARTBEAT_STATE;
    }
  }
  return events;
}

/**
 * Stage 3: the real shell against a loopback server serving mutated answers. Calls (publish,
 * signal, time, here-now) must settle within `boundMs` with a result or a `PubNubError` whose
 * category is known; the subscribe loop, fed mutated long-poll answers and driven by a manual
 * clock, must only ever emit statuses with known categories and stop within the bound.
 *
 * @example
 * ```ts ignore
 * import { fuzzShell, Random } from "./fuzz.ts";
 * const problems: string[] = [];
 * await fuzzShell(new Random(1), seeds, 10, problems);
 * ```
 */
export async function fuzzShell(
  random: Random,
  seeds: readonly Seed[],
  count: number,
  problems: string[],
  boundMs = 3000,
): Promise<number> {
  const byKind = (kind: CallKind) => seeds.filter((s) => s.kind === kind);
  const callSeeds = seeds.filter((s) => ["publish", "signal", "time", "hereNow"].includes(s.kind));
  const subscribeSeeds = byKind("subscribe");
  let serve: () => Mutant = () => ({
    status: 200,
    headers: {},
    body: new Uint8Array(),
    mutation: "",
  });
  const server = await startLoopbackServer((request) => {
    const mutant = serve();
    const headers = new Headers();
    let typed = false;
    for (const [name, value] of Object.entries(mutant.headers)) {
      if (name.toLowerCase() === "content-type") typed = true;
      if (value !== null) headers.set(name, value);
    }
    if (!typed) headers.set("content-type", 'text/javascript; charset="UTF-8"');
    // Drain the request; a mutant answer is all this server does.
    void request.body?.cancel();
    return new Response(mutant.body, { status: mutant.status, headers });
  });
  let calls = 0;
  const clock = new ManualClock();
  const reported: string[] = [];
  const pubnub = new PubNub({
    publishKey: "pub-key",
    subscribeKey: "sub-key",
    userId: "fuzz",
    origin: server.origin,
    ssl: false,
    reconnectionPolicy: "LINEAR",
    maximumReconnectionRetries: -1,
    nonSubscribeRequestTimeout: 2,
  }, {
    clock,
    random: () => random.next(),
    onError: (error) => reported.push(String(error)),
  });
  const statuses: PNStatus[] = [];
  pubnub.addListener({
    status: (_p, s) => statuses.push(s),
    message: () => {},
    presence: () => {},
    signal: () => {},
  });
  const within = async <T>(what: string, promise: Promise<T>): Promise<T | undefined> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([
      promise,
      new Promise<"hung">((resolve) => timer = setTimeout(() => resolve("hung"), boundMs)),
    ]);
    clearTimeout(timer);
    if (result === "hung") {
      problems.push(`shell: ${what} did not settle within ${boundMs} ms`);
      return undefined;
    }
    return result as T;
  };
  try {
    for (let i = 0; i < count; i++) {
      // A call answered with a mutant.
      const seed = random.pick(callSeeds);
      const mutant = mutate(random, seed);
      serve = () => mutant;
      const call = seed.kind === "time"
        ? pubnub.time().future()
        : seed.kind === "hereNow"
        ? pubnub.hereNow().channels(["ch"]).future()
        : seed.kind === "signal"
        ? pubnub.signal().channel("ch").message("s").future()
        : pubnub.publish().channel("ch").message("m").future();
      const settled = await within(
        `${seed.kind} answered with (${mutant.mutation})`,
        call.then(() => undefined, (error) => error),
      );
      calls++;
      if (settled !== undefined) {
        if (!(settled instanceof PubNubError)) {
          problems.push(
            `shell: ${seed.kind} (${mutant.mutation}) rejected with a non-PubNubError: ${
              String(settled)
            }`,
          );
        } else if (!CATEGORIES.has(settled.status.category)) {
          problems.push(
            `shell: ${seed.kind} (${mutant.mutation}) category ${settled.status.category}`,
          );
        }
      }

      // The subscribe loop fed mutants; the clock drives its retries.
      if (subscribeSeeds.length > 0 && i % 2 === 0) {
        const mutants = Array.from(
          { length: 4 },
          () => mutate(random, random.pick(subscribeSeeds)),
        );
        let next = 0;
        serve = () => mutants[Math.min(next++, mutants.length - 1)];
        pubnub.subscribe().channels([random.pick(["a", "b"])]).execute();
        for (let step = 0; step < 4; step++) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          await clock.advance(200_000);
        }
        pubnub.unsubscribeAll();
        calls++;
      }
    }
    for (const status of statuses) {
      if (!CATEGORIES.has(status.category)) {
        problems.push(`shell: a status with an unknown category ${String(status.category)}`);
      }
    }
    for (const report of reported) {
      if (!/does not decode/.test(report)) problems.push(`shell: onError reported ${report}`);
    }
  } finally {
    await within("stop()", pubnub.stop());
    await server.close();
  }
  return calls;
}

/**
 * Runs all three stages for `iterations` rounds from `seed`.
 *
 * @example
 * ```ts ignore
 * import { fuzz, loadAllFixtures } from "./fuzz.ts";
 * const report = await fuzz(await loadAllFixtures(), { seed: 1, iterations: 50 });
 * report.problems; // []
 * ```
 */
export async function fuzz(
  fixtures: readonly Fixture[],
  options: { seed: number; iterations: number; shellEvery?: number },
): Promise<FuzzReport> {
  const random = new Random(options.seed);
  const seeds = seedsFrom(fixtures);
  const problems: string[] = [];
  const parsed = fuzzParsers(random, seeds, options.iterations * 20, problems);
  const engineEvents = fuzzEngines(random, options.iterations * 20, problems);
  const shellCalls = await fuzzShell(
    random,
    seeds,
    Math.max(1, Math.ceil(options.iterations / (options.shellEvery ?? 5))),
    problems,
  );
  return { iterations: options.iterations, parsed, engineEvents, shellCalls, problems };
}

/**
 * The replayer: serves a fixture's exchanges from a real loopback HTTP server, drives a real
 * client (the real fetch shell, a manual clock, a constant random source) through the fixture's
 * steps, and reports every difference — an unexpected request, a missing one, a request field or
 * an observation that differs — as one line naming the exchange (or step, or observation) and
 * the field.
 *
 * Run one fixture from the command line:
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 --allow-read conformance/replay.ts fixtures/publish_invalid_key.json
 * ```
 *
 * @module
 */
import process from "node:process";
import { matchList, matchNames, matchSubset, show } from "./compare.ts";
import {
  type Exchange,
  exchangeLane,
  type ExpectedRequest,
  type Fixture,
  type FixtureResponse,
  laneOf,
  loadFixture,
} from "./fixture.ts";
import { readBodyText, requestTarget, startLoopbackServer } from "./loopback.ts";
import { type Observations, Session, type StepOutcome } from "./session.ts";

/**
 * The outcome of a replay.
 *
 * @example
 * ```ts
 * import type { ReplayReport } from "./replay.ts";
 * const report: ReplayReport = { name: "x", ok: true, failures: [], requests: [], outcomes: [], observed: { statuses: [], messages: [], presence: [], signals: [], messageActions: [], engine: { subscribe: [], presence: [] }, onError: [] } };
 * ```
 */
export interface ReplayReport {
  /** The fixture's name. */
  name: string;
  /** No difference at all. */
  ok: boolean;
  /** One line per difference. */
  failures: string[];
  /** Every request the server received (retries and teardown excluded), in arrival order. */
  requests: SeenRequest[];
  /** What each step produced. */
  outcomes: StepOutcome[];
  /** What the client observed before teardown. */
  observed: Observations;
}

/**
 * A request as the replay server received it.
 *
 * @example
 * ```ts
 * import type { SeenRequest } from "./replay.ts";
 * const seen: SeenRequest = { method: "GET", path: "/time/0", query: { uuid: "u" }, headers: {}, body: "", lane: "rest" };
 * ```
 */
export interface SeenRequest {
  /** HTTP method. */
  method: string;
  /** Path as sent (percent-encoded). */
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Request headers, names lower-case. */
  headers: Record<string, string>;
  /** Body text (decompressed). */
  body: string;
  /** Ordering lane. */
  lane: string;
  /** Index of the exchange that served it; absent for an unexpected request. */
  exchange?: number;
}

/**
 * Options of a replay.
 *
 * @example
 * ```ts
 * import type { ReplayOptions } from "./replay.ts";
 * const options: ReplayOptions = { quietMs: 20 };
 * ```
 */
export interface ReplayOptions {
  /** Real milliseconds without activity that end a run (default 25). */
  quietMs?: number;
  /** Real milliseconds a `waitFor` without `timeoutMs` waits (default 2000). */
  waitMs?: number;
  /** Real milliseconds to wait after the steps for exchanges not requested yet (default 1000). */
  tailMs?: number;
}

/** What an unexpected non-subscribe request is answered with. */
const UNEXPECTED_STATUS = 599;
const UNEXPECTED_BODY =
  '{"status":599,"error":true,"message":"unexpected request (conformance replayer: no exchange left)"}';

const SERVICE_CONTENT_TYPE = 'text/javascript; charset="UTF-8"';

/** Query parameters the replayer never compares (they change on every run or carry no meaning). */
const VOLATILE_QUERY = new Set(["requestid", "pnsdk", "signature", "timestamp"]);

/**
 * Replays one fixture and reports the differences. Never throws for a differing client; throws
 * only when the fixture itself cannot be served.
 *
 * @example
 * ```ts ignore
 * import { loadFixture } from "./fixture.ts";
 * import { replayFixture } from "./replay.ts";
 * const report = await replayFixture(await loadFixture("fixtures/publish_invalid_key.json"));
 * if (!report.ok) console.log(report.failures.join("\n"));
 * ```
 */
export async function replayFixture(
  fixture: Fixture,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const failures: string[] = [];
  const requests: SeenRequest[] = [];
  const exchanges = fixture.exchanges;
  const served: boolean[] = exchanges.map(() => false);
  const faultedRequestIds = new Set<string>();
  const hanging = new Set<() => void>();
  let seen = 0;
  let tearingDown = false;

  const holdUntilGone = (request: Request) =>
    new Promise<void>((resolve) => {
      const release = () => {
        hanging.delete(release);
        resolve();
      };
      hanging.add(release);
      if (request.signal.aborted) release();
      request.signal.addEventListener("abort", release, { once: true });
    });

  const server = await startLoopbackServer(async (request, cut) => {
    const { path, rawQuery } = requestTarget(request.url);
    const params = new URLSearchParams(rawQuery);
    const query: Record<string, string> = {};
    for (const [key, value] of params) query[key] = value;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => headers[key] = value);
    const body = await readBodyText(request);
    const lane = laneOf(path);

    if (tearingDown) {
      // stop() sends leave and cancels the loops: answer leaves, hold the rest until cancelled.
      if (path.endsWith("/leave")) {
        return answer({
          status: 200,
          body: '{"status":200,"action":"leave","message":"OK","service":"Presence"}',
        });
      }
      await holdUntilGone(request);
      return new Response(null, { status: 499 });
    }

    const requestId = query.requestid;
    if (requestId !== undefined && faultedRequestIds.has(requestId)) {
      // fetch's silent retry of a request whose connection was closed: close it again.
      cut();
      await holdUntilGone(request);
      return new Response(null, { status: 499 });
    }

    const seenRequest: SeenRequest = { method: request.method, path, query, headers, body, lane };
    requests.push(seenRequest);
    const index = exchanges.findIndex((e, i) => !served[i] && exchangeLane(e) === lane);
    if (index === -1) {
      failures.push(
        `unexpected request #${requests.length - 1} on lane "${lane}": ${request.method} ${path}${
          rawQuery ? `?${rawQuery}` : ""
        } (no exchange left on that lane)`,
      );
      if (lane === "subscribe") {
        // Answering would start the loop's retries; holding it keeps the run as it was.
        await holdUntilGone(request);
        return new Response(null, { status: 499 });
      }
      // Answered at once, so the call does not wait for its timeout.
      return answer({ status: UNEXPECTED_STATUS, body: UNEXPECTED_BODY });
    }
    served[index] = true;
    seenRequest.exchange = index;
    seen = Math.max(seen, index + 1);
    const exchange = exchanges[index];
    compareRequest(exchange, index, seenRequest, failures);

    if (exchange.fault === "close" || exchange.fault === "reset") {
      if (requestId !== undefined) faultedRequestIds.add(requestId);
      cut();
      await holdUntilGone(request);
      return new Response(null, { status: 499 });
    }
    if (exchange.fault === "hang" || !exchange.response) {
      await holdUntilGone(request);
      return new Response(null, { status: 499 });
    }
    if (exchange.response.delayMs) {
      await Promise.race([
        new Promise((resolve) => setTimeout(resolve, exchange.response!.delayMs)),
        holdUntilGone(request),
      ]);
    }
    return answer(exchange.response);
  });

  const session = new Session(
    fixture,
    { origin: server.origin, exchangesSeen: () => seen },
    options.waitMs,
  );
  let outcomes: StepOutcome[] = [];
  let observed: Observations;
  try {
    const run = await session.run();
    outcomes = run.outcomes;
    failures.push(...run.failures);
    // Let the tail of the run happen: the requests still expected, then quiet.
    const deadline = Date.now() + (options.tailMs ?? 1000);
    while (served.some((s) => !s) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await session.settle(options.quietMs ?? 25, 2000, () => requests.length);
    observed = session.snapshot();
  } finally {
    tearingDown = true;
    await session.close();
    for (const release of [...hanging]) release();
    await server.close();
  }

  exchanges.forEach((exchange, i) => {
    if (!served[i]) {
      failures.push(
        `missing request: exchange #${i} [${
          exchangeLane(exchange)
        }] ${exchange.request.method} ${exchange.request.path} was never requested`,
      );
    }
  });
  compareSteps(fixture, outcomes, failures);
  compareObservations(fixture, observed!, failures);
  return {
    name: fixture.name,
    ok: failures.length === 0,
    failures,
    requests,
    outcomes,
    observed: observed!,
  };
}

function answer(response: FixtureResponse): Response {
  const headers = new Headers();
  let hasType = false;
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === "content-type") hasType = true;
    if (value !== null) headers.set(name, value);
  }
  if (!hasType) headers.set("content-type", SERVICE_CONTENT_TYPE);
  const body = response.bodyBase64 !== undefined
    ? Uint8Array.from(atob(response.bodyBase64), (c) => c.charCodeAt(0))
    : response.body ?? "";
  return new Response(body, { status: response.status, headers });
}

function compareRequest(
  exchange: Exchange,
  index: number,
  seen: SeenRequest,
  failures: string[],
): void {
  const expected: ExpectedRequest = exchange.request;
  const where = `exchange #${index} [${exchangeLane(exchange)}]${
    exchange.note ? ` (${exchange.note})` : ""
  } request`;
  if (expected.method !== seen.method) {
    failures.push(
      `${where}.method: expected ${show(expected.method)} but got ${show(seen.method)}`,
    );
  }
  if (expected.path !== seen.path) {
    failures.push(`${where}.path: expected ${show(expected.path)} but got ${show(seen.path)}`);
  }
  for (const [key, value] of Object.entries(expected.query ?? {})) {
    if (VOLATILE_QUERY.has(key)) continue;
    const actual = seen.query[key];
    if (value === null ? actual !== undefined : actual !== value) {
      failures.push(
        `${where}.query.${key}: expected ${value === null ? "(absent)" : show(value)} but got ${
          show(actual)
        }`,
      );
    }
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const actual = seen.headers[name.toLowerCase()];
    if (actual !== value) {
      failures.push(`${where}.headers.${name}: expected ${show(value)} but got ${show(actual)}`);
    }
  }
  if (expected.body !== undefined && expected.body !== seen.body) {
    failures.push(`${where}.body: expected ${show(expected.body)} but got ${show(seen.body)}`);
  }
}

function compareSteps(fixture: Fixture, outcomes: StepOutcome[], failures: string[]): void {
  fixture.steps.forEach((step, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    const where = `step #${i} (${step.op})`;
    const expect = "expect" in step ? step.expect : undefined;
    if (expect?.error) {
      if (!outcome.error) {
        failures.push(
          `${where}: expected an error ${show(expect.error)} but it succeeded with ${
            show(outcome.result)
          }`,
        );
        return;
      }
      const { messageIncludes, ...fields } = expect.error;
      matchSubset(fields, outcome.error, `${where} error`, failures);
      if (messageIncludes !== undefined && !outcome.error.message.includes(messageIncludes)) {
        failures.push(
          `${where} error.message: expected it to include ${show(messageIncludes)} but got ${
            show(outcome.error.message)
          }`,
        );
      }
      return;
    }
    if (outcome.error) {
      failures.push(`${where}: failed unexpectedly: ${show(outcome.error)}`);
      return;
    }
    if (expect?.result !== undefined) {
      matchSubset(expect.result, outcome.result, `${where} result`, failures);
    }
  });
}

function compareObservations(fixture: Fixture, observed: Observations, failures: string[]): void {
  const expect = fixture.expect;
  matchList(expect.statuses ?? [], observed.statuses, "statuses", failures);
  matchList(expect.messages ?? [], observed.messages, "messages", failures);
  matchList(expect.presence ?? [], observed.presence, "presence", failures);
  matchList(expect.signals ?? [], observed.signals, "signals", failures);
  matchList(expect.messageActions ?? [], observed.messageActions, "messageActions", failures);
  for (const engine of ["subscribe", "presence"] as const) {
    const want = expect.engine?.[engine] ?? [];
    if (want === "*") continue;
    matchNames(want, observed.engine[engine], `engine.${engine}`, failures);
  }
  const errors = expect.onError ?? [];
  if (errors.length !== observed.onError.length) {
    failures.push(
      `onError: expected ${errors.length} report(s) ${
        show(errors)
      } but got ${observed.onError.length} ${show(observed.onError)}`,
    );
  } else {
    errors.forEach((text, i) => {
      if (!observed.onError[i].includes(text)) {
        failures.push(
          `onError[${i}]: expected it to include ${show(text)} but got ${
            show(observed.onError[i])
          }`,
        );
      }
    });
  }
}

/**
 * What {@linkcode replayFiles} counted.
 *
 * @example
 * ```ts
 * import type { ReplaySummary } from "./replay.ts";
 * const summary: ReplaySummary = { passed: 37, failed: 0, failedNames: [] };
 * ```
 */
export interface ReplaySummary {
  /** Fixtures that replayed with no difference. */
  passed: number;
  /** Fixtures that differed, or could not be loaded or served. */
  failed: number;
  /** Their names (or paths, when the file could not be loaded). */
  failedNames: string[];
}

/**
 * Replays fixture files one after the other and prints one line per fixture: `ok   <name>`, or
 * `FAIL <name>` followed by its differences, indented. A fixture that cannot be loaded or served
 * is a failure too. Portable: the Deno command line below and the Node runner that
 * `scripts/build_npm.ts` starts both use it.
 *
 * @example
 * ```ts ignore
 * import { replayFiles } from "./replay.ts";
 * const { failed } = await replayFiles(["fixtures/publish_invalid_key.json"]);
 * ```
 */
export async function replayFiles(
  paths: readonly (string | URL)[],
  options: ReplayOptions & { log?: (line: string) => void } = {},
): Promise<ReplaySummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const summary: ReplaySummary = { passed: 0, failed: 0, failedNames: [] };
  for (const path of paths) {
    let name = String(path);
    let failures: string[];
    try {
      const fixture = await loadFixture(path);
      name = fixture.name;
      failures = (await replayFixture(fixture, options)).failures;
    } catch (error) {
      failures = [`could not replay: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (failures.length === 0) {
      summary.passed++;
      log(`ok   ${name}`);
    } else {
      summary.failed++;
      summary.failedNames.push(name);
      log(`FAIL ${name}\n  ${failures.join("\n  ")}`);
    }
  }
  return summary;
}

// The command line (`deno run … conformance/replay.ts <fixture.json>…`). `import.meta.main` is
// Deno's (and Node 24's); under Node 20, where the Node runner imports this module, it is absent.
if ((import.meta as ImportMeta & { main?: boolean }).main) {
  const { failed } = await replayFiles(process.argv.slice(2));
  if (failed > 0) process.exitCode = 1;
}

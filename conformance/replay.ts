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
import {
  exchangeLane,
  type Fixture,
  type FixtureResponse,
  laneOf,
  loadFixture,
} from "./fixture.ts";
import { readBodyText, requestTarget, startLoopbackServer } from "./loopback.ts";
import type { Observations, StepOutcome } from "./observations.ts";
import { Session } from "./session.ts";
import {
  compareObservations,
  compareRequest,
  compareSteps,
  type SeenRequest,
} from "./differences.ts";

export type { SeenRequest } from "./differences.ts";

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

/**
 * How the replayer finds differences: a received request against the exchange the fixture
 * expects, step outcomes against the steps' `expect`, observations against the fixture's
 * `expect`. Each difference is one line naming the exchange (or step, or observation) and the
 * field.
 *
 * @module
 */
import { matchList, matchNames, matchSubset, show } from "./compare.ts";
import { type Exchange, exchangeLane, type ExpectedRequest, type Fixture } from "./fixture.ts";
import type { Observations, StepOutcome } from "./observations.ts";

/**
 * A request as the replay server received it.
 *
 * @example
 * ```ts
 * import type { SeenRequest } from "./differences.ts";
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

/** Query parameters the replayer never compares (they change on every run or carry no meaning). */
const VOLATILE_QUERY = new Set(["requestid", "pnsdk", "signature", "timestamp"]);

/**
 * Compares a request the replay server received with the one the fixture expects, adding one
 * line per differing field (method, path, query parameter, header, body) to `failures`.
 *
 * @example
 * ```ts
 * import { compareRequest } from "./differences.ts";
 * const failures: string[] = [];
 * compareRequest(
 *   { request: { method: "GET", path: "/time/0" } },
 *   0,
 *   { method: "POST", path: "/time/0", query: {}, headers: {}, body: "", lane: "rest" },
 *   failures,
 * );
 * // failures: ['exchange #0 [rest] request.method: expected "GET" but got "POST"']
 * ```
 */
export function compareRequest(
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

/**
 * Compares each step's outcome with the fixture's `expect` of that step (result as a subset, or
 * the error's fields and message), adding one line per difference to `failures`.
 *
 * @example
 * ```ts
 * import { compareSteps } from "./differences.ts";
 * import type { Fixture } from "./fixture.ts";
 * declare const fixture: Fixture;
 * const failures: string[] = [];
 * compareSteps(fixture, [{ index: 0, op: "time", result: { timetoken: "1" } }], failures);
 * ```
 */
export function compareSteps(fixture: Fixture, outcomes: StepOutcome[], failures: string[]): void {
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

/**
 * Compares what the client observed (listener events, engine logs, `onError` reports) with the
 * fixture's `expect`, adding one line per difference to `failures`.
 *
 * @example
 * ```ts
 * import { compareObservations } from "./differences.ts";
 * import type { Fixture } from "./fixture.ts";
 * import type { Observations } from "./observations.ts";
 * declare const fixture: Fixture;
 * declare const observed: Observations;
 * const failures: string[] = [];
 * compareObservations(fixture, observed, failures);
 * ```
 */
export function compareObservations(
  fixture: Fixture,
  observed: Observations,
  failures: string[],
): void {
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

/**
 * The recorder: runs a recording script's steps with a real client whose requests go through a
 * recording proxy to a real origin (the real service or the local server), and writes what
 * happened as a fixture — the exchanges as they were, and the observations as the expectations.
 * `scripts/record.ts` is its command line.
 *
 * @module
 */
import type { ServerOptions } from "../server.ts";
import {
  type Exchange,
  type Expectations,
  type Fixture,
  type FixtureConfig,
  laneOf,
  type Step,
} from "./fixture.ts";
import { readBodyText, requestTarget } from "./loopback.ts";
import { Session } from "./session.ts";
import { STORAGE_OPS } from "./storage_steps.ts";

/**
 * What a recording script module exports as `default`: a scenario without exchanges and
 * expectations (the recording supplies both).
 *
 * @example
 * ```ts
 * import type { RecordScript } from "./record.ts";
 * const script: RecordScript = {
 *   name: "time",
 *   description: "time() against the origin",
 *   steps: [{ op: "time" }],
 * };
 * export default script;
 * ```
 */
export interface RecordScript {
  /** The fixture's name (and default file name). */
  name: string;
  /** What the scenario shows. */
  description: string;
  /** Client configuration besides keys, user id and address. */
  config?: Partial<FixtureConfig>;
  /** Constant random source of the client (retry jitter); default 0. */
  random?: number;
  /** The client's steps, as in a fixture (`waitFor.exchange` is best avoided: indices are not known yet). */
  steps: Step[];
  /**
   * Other users' traffic, run before the step of that index against the origin directly (not
   * recorded): joins, publishes from another client, …
   */
  before?: Record<number, (env: RecordEnvironment) => Promise<void>>;
  /** Options for the local server when `conformance/record_local.ts` records this script. */
  localServer?: ServerOptions;
}

/**
 * What a script's `before` hooks get: where the origin is, and a place to register cleanup.
 *
 * @example
 * ```ts
 * import type { RecordEnvironment } from "./record.ts";
 * const hook = async (env: RecordEnvironment) => console.log(env.origin, env.ssl);
 * ```
 */
export interface RecordEnvironment {
  /** The real origin (not the proxy). */
  origin: string;
  /** Whether the origin speaks https. */
  ssl: boolean;
  /** Publish key. */
  publishKey?: string;
  /** Subscribe key. */
  subscribeKey: string;
  /** Runs `fn` after the recording (stop other clients there). */
  onCleanup(fn: () => Promise<void> | void): void;
}

/**
 * Where and as whom to record.
 *
 * @example
 * ```ts
 * import type { RecordTarget } from "./record.ts";
 * const target: RecordTarget = { origin: "127.0.0.1:8090", ssl: false, publishKey: "demo", subscribeKey: "demo", source: "recorded from the local server" };
 * ```
 */
export interface RecordTarget {
  /** `host[:port]` of the service. */
  origin: string;
  /** Use https to reach it. */
  ssl: boolean;
  /** Publish key. */
  publishKey?: string;
  /** Subscribe key. */
  subscribeKey: string;
  /** The recorded client's user id (default `conformance-user`). */
  userId?: string;
  /** The fixture's `source` (default `recorded from <origin>`). */
  source?: string;
  /** Replace the keys by `pub-key`/`sub-key` in the fixture (default true). */
  redactKeys?: boolean;
  /** Real milliseconds of quiet that end the recording (default 150). */
  quietMs?: number;
}

/** Query parameters not worth recording: they change on every run. */
const VOLATILE_QUERY = new Set(["requestid", "pnsdk", "signature", "timestamp"]);
/** Response headers worth keeping. */
const KEPT_RESPONSE_HEADERS = ["content-type", "retry-after"];

/** Steps whose outcome the recording pins as their `expect`. */
const CALL_OPS = new Set([
  "publish",
  "fire",
  "signal",
  "time",
  "hereNow",
  "subscribe",
  ...STORAGE_OPS,
]);

interface Recorded {
  exchange: Exchange;
  answered: boolean;
}

/**
 * Records a script against a target and returns the fixture.
 *
 * @example
 * ```ts ignore
 * import { startServer } from "../server.ts";
 * import { recordFixture } from "./record.ts";
 * const server = await startServer({ port: 0 });
 * const fixture = await recordFixture(
 *   { name: "time", description: "time()", steps: [{ op: "time" }] },
 *   { origin: server.origin, ssl: false, subscribeKey: "sub-key", source: "recorded from the local server" },
 * );
 * await server.close();
 * ```
 */
export async function recordFixture(script: RecordScript, target: RecordTarget): Promise<Fixture> {
  const recorded: Recorded[] = [];
  let recording = true;
  const upstreamAborts = new AbortController();
  const base = `${target.ssl ? "https" : "http"}://${target.origin}`;
  const redact = target.redactKeys ?? true;
  const keys: [string, string][] = [];
  if (redact && target.publishKey) keys.push([target.publishKey, "pub-key"]);
  if (redact) keys.push([target.subscribeKey, "sub-key"]);
  const redactPath = (path: string) =>
    path.split("/").map((segment) => {
      for (const [key, placeholder] of keys) {
        if (segment === encodeURIComponent(key)) return placeholder;
      }
      return segment;
    }).join("/");
  const redactText = (text: string) => {
    for (const [key, placeholder] of keys) {
      if (key.length >= 8 && key !== placeholder) text = text.replaceAll(key, placeholder);
    }
    return text;
  };

  const { promise: ready, resolve: onReady } = Promise.withResolvers<number>();
  const proxy = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: upstreamAborts.signal,
    onListen: ({ port }) => onReady(port),
  }, async (request) => {
    const { path, rawQuery } = requestTarget(request.url);
    const bodyBytes = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const entry: Recorded | undefined = recording
      ? {
        exchange: { request: await describeRequest(request, path, rawQuery, bodyBytes) },
        answered: false,
      }
      : undefined;
    if (entry) {
      entry.exchange.request.path = redactPath(entry.exchange.request.path);
      if (entry.exchange.request.body !== undefined) {
        entry.exchange.request.body = redactText(entry.exchange.request.body);
      }
      recorded.push(entry);
    }
    const headers = new Headers();
    for (const name of ["content-type", "content-encoding"]) {
      const value = request.headers.get(name);
      if (value) headers.set(name, value);
    }
    let upstream: Response;
    try {
      upstream = await fetch(`${base}${path}${rawQuery ? `?${rawQuery}` : ""}`, {
        method: request.method,
        headers,
        body: bodyBytes,
        signal: AbortSignal.any([request.signal, upstreamAborts.signal]),
      });
    } catch {
      if (entry && recording && !request.signal.aborted) {
        entry.exchange.fault = "close";
        entry.answered = true;
      }
      return new Response(null, { status: 502 });
    }
    const bytes = new Uint8Array(await upstream.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (entry && recording) {
      const kept: Record<string, string> = {};
      for (const name of KEPT_RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) kept[name] = value;
      }
      if (!("content-type" in kept)) (kept as Record<string, string | null>)["content-type"] = null;
      let text: string | undefined;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        text = undefined;
      }
      entry.exchange.response = text === undefined
        ? { status: upstream.status, headers: kept, bodyBase64: base64(bytes) }
        : { status: upstream.status, headers: kept, body: redactText(text) };
      entry.answered = true;
    }
    const out = new Headers();
    upstream.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding", "transfer-encoding"].includes(name)) {
        out.set(name, value);
      }
    });
    return new Response(bytes, { status: upstream.status, headers: out });
  });
  const port = await ready;

  const config: FixtureConfig = {
    ...(target.publishKey ? { publishKey: target.publishKey } : {}),
    subscribeKey: target.subscribeKey,
    userId: target.userId ?? "conformance-user",
    ...script.config,
  };
  const cleanups: (() => Promise<void> | void)[] = [];
  const env: RecordEnvironment = {
    origin: target.origin,
    ssl: target.ssl,
    publishKey: target.publishKey,
    subscribeKey: target.subscribeKey,
    onCleanup: (fn) => cleanups.push(fn),
  };
  const session = new Session(
    { config, steps: script.steps, random: script.random },
    { origin: `127.0.0.1:${port}`, exchangesSeen: () => recorded.length },
  );
  let fixture: Fixture;
  try {
    const run = await session.run(async (index) => {
      await script.before?.[index]?.(env);
    });
    if (run.failures.length > 0) {
      throw new Error(`recording "${script.name}" failed:\n  ${run.failures.join("\n  ")}`);
    }
    await session.settle(target.quietMs ?? 150, 5000, () => recorded.length);
    recording = false;
    const observed = session.snapshot();
    const steps = script.steps.map((step, i) => {
      const outcome = run.outcomes[i];
      if (!CALL_OPS.has(step.op)) {
        return step;
      }
      if (outcome?.error) {
        const { message: _message, ...fields } = outcome.error;
        return { ...step, expect: { error: fields } } as Step;
      }
      return outcome?.result === undefined
        ? step
        : { ...step, expect: { result: outcome.result } } as Step;
    });
    const expect: Expectations = {};
    if (observed.statuses.length) expect.statuses = observed.statuses;
    if (observed.messages.length) expect.messages = observed.messages;
    if (observed.presence.length) expect.presence = observed.presence;
    if (observed.signals.length) expect.signals = observed.signals;
    if (observed.messageActions.length) expect.messageActions = observed.messageActions;
    expect.engine = observed.engine;
    if (observed.onError.length) expect.onError = observed.onError;
    const redactedConfig: FixtureConfig = { ...config };
    for (const field of ["publishKey", "subscribeKey"] as const) {
      for (const [key, placeholder] of keys) {
        if (redactedConfig[field] === key) redactedConfig[field] = placeholder;
      }
    }
    fixture = {
      name: script.name,
      description: script.description,
      source: target.source ?? `recorded from ${target.origin}`,
      config: redactedConfig,
      ...(script.random !== undefined ? { random: script.random } : {}),
      steps,
      exchanges: recorded.map(({ exchange, answered }) =>
        answered ? exchange : { ...exchange, fault: "hang" as const }
      ),
      expect,
    };
  } finally {
    recording = false;
    await session.close();
    for (const cleanup of cleanups) await cleanup();
    upstreamAborts.abort();
    await proxy.finished;
  }
  return fixture;
}

async function describeRequest(
  request: Request,
  path: string,
  rawQuery: string,
  body: Uint8Array<ArrayBuffer> | undefined,
): Promise<Exchange["request"]> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (!VOLATILE_QUERY.has(key)) query[key] = value;
  }
  // A handshake is recognised by the absence of tt: pin that down.
  if (laneOf(path) === "subscribe" && !("tt" in query)) {
    (query as Record<string, string | null>).tt = null;
  }
  const described: Exchange["request"] = { method: request.method, path, query };
  if (body && body.length > 0) {
    const type = request.headers.get("content-type");
    if (type) described.headers = { "content-type": type };
    // Decompressed as the replayer reads it.
    described.body = await readBodyText(
      new Request("http://recorded/", { method: "POST", headers: request.headers, body }),
    );
  }
  return described;
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/**
 * Writes a fixture as formatted JSON (two-space indent, trailing newline).
 *
 * @example
 * ```ts ignore
 * import { writeFixture } from "./record.ts";
 * await writeFixture("fixtures/time.json", fixture);
 * ```
 */
export async function writeFixture(path: string, fixture: Fixture): Promise<void> {
  await Deno.writeTextFile(path, `${JSON.stringify(fixture, null, 2)}\n`);
}

import { PN_LOG_LEVELS, type PNLogLevel } from "../core/config.ts";

/**
 * Where log lines go: one method per level, each given one line of text. The default is the
 * console (`trace` lines go to `console.debug`: `console.trace` would print a stack).
 *
 * @example
 * ```ts
 * import type { PNLogger } from "./log.ts";
 * const lines: string[] = [];
 * const logger: PNLogger = {
 *   error: (line) => lines.push(line),
 *   warn: (line) => lines.push(line),
 *   info: (line) => lines.push(line),
 *   debug: (line) => lines.push(line),
 *   trace: (line) => lines.push(line),
 * };
 * ```
 */
export interface PNLogger {
  /** Failures the app should know about. */
  error(line: string): void;
  /** Trouble the client works around. */
  warn(line: string): void;
  /** What the client decided: a retry and its delay. */
  info(line: string): void;
  /** Each request and each engine transition. */
  debug(line: string): void;
  /** Request and response bodies. */
  trace(line: string): void;
}

const CONSOLE_LOGGER: PNLogger = {
  error: (line) => console.error(line),
  warn: (line) => console.warn(line),
  info: (line) => console.info(line),
  debug: (line) => console.debug(line),
  trace: (line) => console.debug(line),
};

/** What stands in for a secret in a log line. */
const REDACTED = "<redacted>";

/** Query parameters whose values are credentials, whatever the configuration holds. */
const SECRET_PARAMETERS = /([?&](?:auth|signature|token|pam_token)=)[^&#\s]*/g;

/**
 * A client's log: the configured level and logger, with every line redacted. Publish, subscribe
 * and secret keys, the auth key (a token included), and `auth`, `signature` and `token`
 * parameters are replaced by `<redacted>` in every line, whatever its level or source. A logger
 * that throws loses the line, never the call that logged it.
 *
 * @example
 * ```ts
 * import { Log } from "./log.ts";
 * const lines: string[] = [];
 * const log = new Log("debug", { subscribeKey: "sub-c-123" }, {
 *   error() {}, warn() {}, info() {}, trace() {}, debug: (line) => lines.push(line),
 * });
 * log.debug(() => "GET /v2/subscribe/sub-c-123/a/0");
 * lines[0]; // "[PubNub] debug: GET /v2/subscribe/<redacted>/a/0"
 * ```
 */
export class Log {
  /** Whether `error` lines are written. */
  readonly errorOn: boolean;
  /** Whether `warn` lines are written. */
  readonly warnOn: boolean;
  /** Whether `info` lines are written. */
  readonly infoOn: boolean;
  /** Whether `debug` lines are written: check it before building a costly line. */
  readonly debugOn: boolean;
  /** Whether `trace` lines (bodies) are written. */
  readonly traceOn: boolean;
  readonly #logger: PNLogger;
  readonly #secrets: string[];

  /** `secrets` are the configured credentials; each is redacted, also percent-encoded. */
  constructor(
    level: PNLogLevel,
    secrets: {
      publishKey?: string;
      subscribeKey?: string;
      secretKey?: string;
      authKey?: string;
    },
    logger: PNLogger = CONSOLE_LOGGER,
  ) {
    const rank = PN_LOG_LEVELS.indexOf(level);
    this.errorOn = rank >= 1;
    this.warnOn = rank >= 2;
    this.infoOn = rank >= 3;
    this.debugOn = rank >= 4;
    this.traceOn = rank >= 5;
    this.#logger = logger;
    const values = [secrets.publishKey, secrets.subscribeKey, secrets.secretKey, secrets.authKey]
      .filter((value): value is string => typeof value === "string" && value !== "");
    // Longest first: a key that contains another is redacted whole.
    this.#secrets = [...new Set(values.flatMap((v) => [v, encodeURIComponent(v)]))]
      .sort((a, b) => b.length - a.length);
  }

  /** Writes an `error` line (built only when the level lets it through). */
  error(line: string | (() => string)): void {
    if (this.errorOn) this.#write("error", line);
  }

  /** Writes a `warn` line. */
  warn(line: string | (() => string)): void {
    if (this.warnOn) this.#write("warn", line);
  }

  /** Writes an `info` line. */
  info(line: string | (() => string)): void {
    if (this.infoOn) this.#write("info", line);
  }

  /** Writes a `debug` line. */
  debug(line: string | (() => string)): void {
    if (this.debugOn) this.#write("debug", line);
  }

  /** Writes a `trace` line. */
  trace(line: string | (() => string)): void {
    if (this.traceOn) this.#write("trace", line);
  }

  /** `text` with every credential replaced by `<redacted>`. */
  redact(text: string): string {
    let out = text.replace(SECRET_PARAMETERS, `$1${REDACTED}`);
    for (const secret of this.#secrets) out = out.replaceAll(secret, REDACTED);
    return out;
  }

  #write(level: Exclude<PNLogLevel, "none">, line: string | (() => string)): void {
    try {
      const text = typeof line === "function" ? line() : line;
      this.#logger[level](`[PubNub] ${level}: ${this.redact(text)}`);
    } catch {
      // A logger that throws must not break the request or the loop that logged.
    }
  }
}

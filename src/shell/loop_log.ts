/**
 * The loops' log lines: each engine transition at debug, each retry at info, each failed
 * callback at error. Only a client with the `logging` feature (and `PubNub`) makes one, so a
 * client without it carries none of these lines.
 *
 * @module
 */
import { describeValue } from "../core/describe_value.ts";
import type { Log } from "./log.ts";

/**
 * What the engine runners and the subscriber tell the log.
 *
 * @example
 * ```ts
 * import type { LoopLog } from "./loop_log.ts";
 * const quiet: LoopLog = { step() {}, retry() {}, trouble() {} };
 * ```
 */
export interface LoopLog {
  /** One transition of `engine`: the states' names, the event and the invocations it asked. */
  step(
    engine: string,
    before: unknown,
    event: string,
    after: unknown,
    invocations: readonly { type: string }[],
  ): void;
  /** A retry `invocation` scheduled: its attempt and delay. */
  retry(engine: string, invocation: string, attempt: number, delayMs: number): void;
  /** A failed callback (`callback` names it) or other non-fatal trouble. */
  trouble(error: unknown, callback?: string): void;
}

/**
 * The loops' log writing to `log`.
 *
 * @example
 * ```ts
 * import { Log } from "./log.ts";
 * import { PNConfiguration } from "../core/config.ts";
 * import { loopLog } from "./loop_log.ts";
 * const lines: string[] = [];
 * const logger = { error() {}, warn() {}, info() {}, trace() {}, debug: (l: string) => lines.push(l) };
 * const config = new PNConfiguration({ subscribeKey: "demo", userId: "u" });
 * loopLog(new Log("debug", config, logger)).step("subscribe", { name: "A" }, "E", { name: "B" }, []);
 * // lines: ["subscribe engine: A --E--> B"] (with the logger's prefix)
 * ```
 */
export function loopLog(log: Log): LoopLog {
  const name = (state: unknown) => String((state as { name?: unknown }).name ?? "?");
  return {
    step(engine, before, event, after, invocations) {
      if (!log.debugOn) return;
      log.debug(
        `${engine} engine: ${name(before)} --${event}--> ${name(after)}${
          invocations.length ? ` [${invocations.map((i) => i.type).join(", ")}]` : ""
        }`,
      );
    },
    retry(engine, invocation, attempt, delayMs) {
      log.info(() => `${engine} engine: retry ${attempt} (${invocation}) in ${delayMs} ms`);
    },
    trouble(error, callback) {
      log.error(() =>
        `${callback === undefined ? "" : `the app's ${callback} callback failed: `}${
          error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error)
        }`
      );
    },
  };
}

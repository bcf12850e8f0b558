/**
 * The `logging` feature: log lines at the configuration's `logLevel` (each request and each
 * engine transition at debug, bodies at trace, retries at info), as `PubNub` writes them.
 *
 * @module
 */
import { applyLoggingOptions } from "../../core/config.ts";
import { systemClock } from "../clock.ts";
import { Log } from "../log.ts";
import { loopLog } from "../loop_log.ts";
import { loggedSend } from "../transport_logging.ts";
import { defineFeature, type Feature } from "./client.ts";

/**
 * Logging (a client with a `logLevel` other than `"none"` needs it). Lines go to the console,
 * or to the `logger` option; keys, auth and signatures are redacted.
 *
 * @example
 * ```ts
 * import { createPubNub, logging, publishing } from "@pubnub-ts/pubsub/modular";
 * const pubnub = createPubNub(
 *   { publishKey: "demo", subscribeKey: "demo", userId: "u1", logLevel: "debug" },
 *   [logging, publishing],
 * );
 * await pubnub.stop();
 * ```
 */
export const logging: Feature<Record<never, never>> = /* @__PURE__ */ defineFeature({
  name: "logging",
  options: applyLoggingOptions,
  transport: (config, options) => ({
    sendLogged: loggedSend(
      new Log(config.logLevel, config, options.logger),
      options.clock ?? systemClock,
    ),
  }),
  prepare: (host) => {
    host.log = loopLog(new Log(host.config.logLevel, host.config, host.options.logger));
  },
  install: () => ({}),
});

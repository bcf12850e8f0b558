/**
 * The transport with every part: the one `PubNub` and `PubNubPublisher` use, which logs at the
 * configuration's `logLevel` and signs when a `secretKey` is set.
 *
 * @module
 */
import type { PNConfiguration } from "../core/config.ts";
import { systemClock } from "./clock.ts";
import { Log } from "./log.ts";
import { requestSigner } from "./request_signer.ts";
import { TransportCore, type TransportOptions } from "./transport_core.ts";
import { loggedSend } from "./transport_logging.ts";

export { SDK_NAME, TransportCore } from "./transport_core.ts";
export type { TransportOptions, TransportOutcome, TransportParts } from "./transport_core.ts";

/**
 * A transport with the logging and signing parts, each used as the configuration asks
 * (see `TransportCore`).
 *
 * @example
 * ```ts
 * import { Transport } from "./transport.ts";
 * import { PNConfiguration } from "@pubnub-ts/pubsub";
 * import { buildTimeRequest } from "../core/requests/time.ts";
 * const transport = new Transport(new PNConfiguration({ subscribeKey: "demo", userId: "u" }));
 * const outcome = await transport.send(buildTimeRequest());
 * ```
 */
export class Transport extends TransportCore {
  /** Creates a transport for one client configuration; `log` is the client's, when it has one. */
  constructor(config: PNConfiguration, options: TransportOptions = {}, log?: Log) {
    const clock = options.clock ?? systemClock;
    super(config, options, {
      sendLogged: loggedSend(log ?? new Log(config.logLevel, config, options.logger), clock),
      signedUrl: requestSigner(config, clock),
    });
  }
}

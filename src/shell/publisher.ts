import { PNConfiguration, type PNConfigurationOptions } from "../core/config.ts";
import { PubNubError } from "../core/error.ts";
import { PublishBuilder } from "./builders/publish.ts";
import { type MessageEncoder, refusingEncoder } from "./builders/encode_message.ts";
import type { Publish, Signal, Time } from "./builders/publish_api.ts";
import { SignalBuilder } from "./builders/signal.ts";
import { TimeBuilder } from "./builders/time.ts";
import type { RequestSender } from "./endpoint.ts";
import { Transport, type TransportOptions } from "./transport.ts";

let senderOf: (publisher: PubNubPublisher) => RequestSender;

/**
 * How the client family sends its own requests: through the client's transport, so `stop()`
 * cancels them. Not part of the package's surface (it is not exported from `mod.ts`).
 *
 * @example
 * ```ts
 * import { PubNubPublisher, requestSender } from "./publisher.ts";
 * import { buildTimeRequest } from "../core/requests/time.ts";
 * const publisher = new PubNubPublisher({ subscribeKey: "demo", userId: "u1" });
 * const pending = requestSender(publisher).send(buildTimeRequest());
 * await publisher.stop();
 * await pending;
 * ```
 */
export function requestSender(publisher: PubNubPublisher): RequestSender {
  return senderOf(publisher);
}

/**
 * Options of a publish-only client.
 *
 * @example
 * ```ts
 * import type { PublisherOptions } from "@pubnub-ts/pubsub";
 * const options: PublisherOptions = { requestId: () => crypto.randomUUID() };
 * ```
 */
export interface PublisherOptions extends TransportOptions {
  /**
   * Turns the message JSON into what is sent (encryption). `PubNub` sets it from `cipherKey`;
   * a `PubNubPublisher` given a `cipherKey` needs it, and refuses to start without it rather
   * than send plaintext.
   */
  encodePayload?: (json: string) => Promise<string>;
}

/**
 * A publish-only client: publish, fire, signal and time, without the subscribe and presence
 * machinery. `PubNub` extends it; importing only this class keeps a browser bundle small.
 *
 * @example
 * ```ts
 * import { PubNubPublisher } from "@pubnub-ts/pubsub";
 * import { startServer } from "@pubnub-ts/pubsub/server";
 * const server = await startServer({ port: 0 });
 * const publisher = new PubNubPublisher({
 *   publishKey: "demo", subscribeKey: "demo", userId: "u1", origin: server.origin, ssl: false,
 * });
 * await publisher.publish().channel("news").message({ headline: "hi" });
 * await publisher.stop();
 * await server.close();
 * ```
 */
export class PubNubPublisher {
  static {
    senderOf = (publisher) => publisher.#transport;
  }
  /** The validated configuration this client runs with. */
  readonly config: PNConfiguration;
  readonly #transport: Transport;
  readonly #encode: MessageEncoder | undefined;

  /** Creates a client; throws a validation `PubNubError` for a bad configuration. */
  constructor(config: PNConfiguration | PNConfigurationOptions, options: PublisherOptions = {}) {
    this.config = config instanceof PNConfiguration ? config : new PNConfiguration(config);
    if (this.config.cipherKey !== undefined && options.encodePayload === undefined) {
      throw PubNubError.validation(
        "PNPublishOperation",
        "Invalid configuration: a PubNubPublisher does not encrypt by itself; use PubNub for a cipherKey, or pass encodePayload",
      );
    }
    this.#encode = options.encodePayload && refusingEncoder(options.encodePayload);
    this.#transport = new Transport(this.config, options);
  }

  /**
   * Publishes a message: `publish().channel(ch).message(m).future()`. With a `cipherKey` the
   * message (not its meta) is encrypted, and the size limit applies to the encrypted form.
   */
  publish(): Publish {
    return new PublishBuilder(this.#transport, this.config, { encode: this.#encode });
  }

  /** Publishes a message that is delivered to no subscriber and not stored (for functions). */
  fire(): Publish {
    return new PublishBuilder(this.#transport, this.config, { fire: true, encode: this.#encode });
  }

  /** Sends a signal: a small message, never stored and never encrypted. */
  signal(): Signal {
    return new SignalBuilder(this.#transport, this.config);
  }

  /** Asks the service for its current timetoken. */
  time(): Time {
    return new TimeBuilder(this.#transport);
  }

  /** Cancels every request in flight; afterwards nothing keeps the process alive. */
  stop(): Promise<void> {
    this.#transport.abortAll();
    return Promise.resolve();
  }
}

import { PNConfiguration, type PNConfigurationOptions } from "../core/config.ts";
import { PubNubError } from "../core/error.ts";
import type { RequestDescription } from "../core/request.ts";
import { Publish } from "./builders/publish.ts";
import { Signal } from "./builders/signal.ts";
import { Time } from "./builders/time.ts";
import type { RequestSender } from "./endpoint.ts";
import { Transport, type TransportOptions, type TransportOutcome } from "./transport.ts";

/**
 * The client: builders for every call, the subscribe loop and its listeners.
 *
 * @example
 * ```ts
 * import { PubNub } from "./pubnub.ts";
 * const pubnub = new PubNub({ publishKey: "demo", subscribeKey: "demo", userId: "user-1" });
 * await pubnub.publish().channel("my_channel").message({ hello: "world" }).future();
 * await pubnub.stop();
 * ```
 */
export class PubNub implements RequestSender {
  /** The validated configuration this client runs with. */
  readonly config: PNConfiguration;
  readonly #transport: Transport;
  readonly #inFlight = new Set<AbortController>();

  /** Creates a client; throws a validation `PubNubError` for a bad configuration. */
  constructor(config: PNConfiguration | PNConfigurationOptions, options: TransportOptions = {}) {
    this.config = config instanceof PNConfiguration ? config : new PNConfiguration(config);
    if (this.config.cipherKey !== undefined) {
      // Sending plaintext while the user asked for encryption would be worse than refusing.
      throw PubNubError.validation(
        "PNPublishOperation",
        "Invalid configuration: cipherKey is not supported by this version; remove it to send unencrypted messages",
      );
    }
    this.#transport = new Transport(this.config, options);
  }

  /** Sends a request through this client; `stop()` cancels it. Never throws. */
  async send(request: RequestDescription, signal?: AbortSignal): Promise<TransportOutcome> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    this.#inFlight.add(controller);
    try {
      return await this.#transport.send(request, controller.signal);
    } finally {
      this.#inFlight.delete(controller);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Publishes a message: `publish().channel(ch).message(m).future()`. */
  publish(): Publish {
    return new Publish(this, this.config);
  }

  /** Publishes a message that is delivered to no subscriber and not stored (for functions). */
  fire(): Publish {
    return new Publish(this, this.config, { fire: true });
  }

  /** Sends a signal: a small message, never stored. */
  signal(): Signal {
    return new Signal(this, this.config);
  }

  /** Asks the service for its current timetoken. */
  time(): Time {
    return new Time(this);
  }

  /** Cancels every request in flight; the process may exit afterwards. */
  async stop(): Promise<void> {
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
    await Promise.resolve();
  }
}

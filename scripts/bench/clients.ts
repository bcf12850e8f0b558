/**
 * The contestants behind one small interface: this SDK, the official `pubnub` SDK (v12), and a
 * bare `fetch` loop (publish only: the physical limit).
 *
 * @example
 * ```ts
 * import { oursClient } from "./clients.ts";
 * const client = oursClient("127.0.0.1:8090", "bench-user");
 * await client.publish("ch", { hello: 1 });
 * await client.stop();
 * ```
 *
 * @module
 */
import OfficialPubNub from "npm:pubnub@12.0.3";
import { PubNub } from "../../mod.ts";
import type { PubNubOptions } from "../../mod.ts";
import type { JsonValue } from "../../mod.ts";

/** One client of one SDK. */
export interface BenchClient {
  /** Publishes `message` on `channel`; resolves once the server acknowledged it. */
  publish(channel: string, message: unknown): Promise<unknown>;
  /**
   * Subscribes to `channel`, calling `onMessage` with each payload; resolves once the SDK says it
   * is connected.
   */
  subscribe(channel: string, onMessage: (message: unknown) => void): Promise<void>;
  /** Releases every request and timer. */
  stop(): Promise<void>;
}

/** Builds a client of one SDK against `origin`. */
export type ClientFactory = (origin: string, userId: string) => BenchClient;

const KEYS = { publishKey: "demo", subscribeKey: "demo" };

/** A client of this SDK. */
export function oursClient(
  origin: string,
  userId: string,
  options: PubNubOptions = {},
): BenchClient {
  const pubnub = new PubNub({ ...KEYS, userId, origin, ssl: false }, options);
  return {
    publish: (channel, message) =>
      pubnub.publish().channel(channel).message(message as JsonValue).future(),
    subscribe(channel, onMessage) {
      return new Promise((resolve) => {
        pubnub.addListener({
          status: (_p, status) => {
            if (status.category === "PNConnectedCategory") resolve();
          },
          message: (_p, m) => onMessage(m.message),
        });
        pubnub.subscribe().channels([channel]).execute();
      });
    },
    stop: () => pubnub.stop(),
  };
}

/** A client of the official `pubnub` SDK, v12, configured as its documentation shows. */
export function officialClient(origin: string, userId: string): BenchClient {
  const pubnub = new OfficialPubNub({ ...KEYS, userId, origin, ssl: false });
  return {
    publish: (channel, message) =>
      pubnub.publish({ channel, message: message as OfficialPubNub.Payload }),
    subscribe(channel, onMessage) {
      return new Promise((resolve) => {
        pubnub.addListener({
          status: (status) => {
            if (String(status.category) === "PNConnectedCategory") resolve();
          },
          message: (m) => onMessage(m.message),
        });
        pubnub.subscribe({ channels: [channel] });
      });
    },
    stop() {
      pubnub.unsubscribeAll();
      pubnub.destroy();
      return Promise.resolve();
    },
  };
}

/**
 * Records the exact URLs this SDK would send for `messages` published on `channel`, without
 * sending them (a stub fetch answers), so a bare `fetch` loop can send the very same requests.
 */
export async function recordPublishUrls(
  origin: string,
  userId: string,
  channel: string,
  messages: readonly unknown[],
): Promise<string[]> {
  const urls: string[] = [];
  const recorder = oursClient(origin, userId, {
    fetch: (input) => {
      urls.push(String(input));
      return Promise.resolve(
        new Response('[1,"Sent","17000000000000000"]', {
          headers: { "content-type": "application/json" },
        }),
      );
    },
  });
  for (const message of messages) await recorder.publish(channel, message);
  await recorder.stop();
  return urls;
}

/** Sends one GET with a bare `fetch` and reads the body to the end (so the socket is reused). */
export async function bareGet(url: string): Promise<void> {
  const response = await fetch(url);
  await response.text();
}

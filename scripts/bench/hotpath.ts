/**
 * Where a publish's client-side time goes: the SDK's own work with the network taken away, and
 * the per-request pieces of the fetch shell measured alone. Numbers to weigh improvements by.
 *
 * @example
 * ```ts
 * import { benchHotPath } from "./hotpath.ts";
 * const costs = await benchHotPath(200);
 * ```
 *
 * @module
 */
import { encodeQuery } from "../../src/core/encoding.ts";
import { buildPublishRequest, serializeForPublish } from "../../src/core/requests/publish.ts";
import { PubNub } from "../../mod.ts";
import { PNConfiguration } from "../../src/core/config.ts";
import { Transport } from "../../src/shell/transport.ts";
import { requestSender } from "../../src/shell/publisher.ts";
import { cpuPerOp, opsPerSecond, timed } from "./measure.ts";

/** Cost of each piece, in microseconds per call. */
export interface HotPathResult {
  /** The stub fetch alone: a `Response` made, its body read, two headers looked up. */
  stubFetch: number;
  /** `Transport.send` of a prebuilt publish request through the stub fetch. */
  transportSend: number;
  /** `PubNub.send` (adds the bookkeeping `stop()` needs) through the stub fetch. */
  clientSend: number;
  /** A whole `publish().future()` with a stub fetch that answers at once. */
  publishWithoutNetwork: number;
  /** Serialising the message (with the JSON-ability check) and building the request description. */
  buildRequest: number;
  /** `crypto.randomUUID()` (the `requestid` parameter). */
  randomUuid: number;
  /** Encoding the final query string. */
  encodeQuery: number;
  /** Two chained AbortControllers, an abort listener and a timeout timer, set up and torn down. */
  cancellationSetup: number;
}

const MESSAGE = { i: 1, text: "hello world" };

/** Measures the pieces; `millis` per synchronous piece. */
export async function benchHotPath(millis = 500): Promise<HotPathResult> {
  const stubFetch = () =>
    Promise.resolve(
      new Response('[1,"Sent","17000000000000000"]', {
        headers: { "content-type": "application/json" },
      }),
    );
  const options = {
    publishKey: "demo",
    subscribeKey: "demo",
    userId: "bench",
    origin: "127.0.0.1:9",
    ssl: false,
  };
  const pubnub = new PubNub(options, { fetch: stubFetch });
  const transport = new Transport(new PNConfiguration(options), { fetch: stubFetch });
  const request = buildPublishRequest({
    publishKey: "demo",
    subscribeKey: "demo",
    channel: "bench",
    payloadJson: JSON.stringify(MESSAGE),
    maxMessageSize: 32768,
    replicate: true,
  });
  // Async pieces: warmed up until the JIT is done with them, then timed serially (CPU per call).
  const perCall = async (op: () => Promise<unknown>) => {
    for (let i = 0; i < 5000; i++) await op();
    const count = 20_000;
    const run = await timed(count, async () => {
      for (let i = 0; i < count; i++) await op();
    });
    return cpuPerOp(run);
  };
  const result = {
    stubFetch: await perCall(async () => {
      const response = await stubFetch();
      await response.text();
      response.headers.get("content-type");
      return response.headers.get("retry-after");
    }),
    transportSend: await perCall(() => transport.send(request)),
    clientSend: await perCall(() => requestSender(pubnub).send(request)),
    publishWithoutNetwork: await perCall(() =>
      pubnub.publish().channel("bench").message(MESSAGE).future()
    ),
  };
  await pubnub.stop();

  const micros = (perSecond: number) => 1e6 / perSecond;
  const query = {
    uuid: "bench-user",
    requestid: "0c5b0c1e-95c4-4a6e-9d7e-2f1f3c1f9a11",
    pnsdk: "PubNub-TS/0.1.0",
  };
  return {
    ...result,
    buildRequest: micros(opsPerSecond(() =>
      buildPublishRequest({
        publishKey: "demo",
        subscribeKey: "demo",
        channel: "bench",
        payloadJson: serializeForPublish("PNPublishOperation", MESSAGE),
        maxMessageSize: 32768,
        replicate: true,
      }), millis)),
    randomUuid: micros(opsPerSecond(() => crypto.randomUUID(), millis)),
    encodeQuery: micros(opsPerSecond(() => encodeQuery(query), millis)),
    cancellationSetup: micros(opsPerSecond(() => {
      const outer = new AbortController();
      const inner = new AbortController();
      const onAbort = () => inner.abort();
      outer.signal.addEventListener("abort", onAbort, { once: true });
      const timer = setTimeout(onAbort, 10_000);
      clearTimeout(timer);
      outer.signal.removeEventListener("abort", onAbort);
      return inner;
    }, millis)),
  };
}

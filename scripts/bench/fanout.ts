/**
 * Fan-out: one message to many subscribers of one channel, each a client of its own with its own
 * long-poll; and the server's memory while it holds those long-polls idle. The server runs in a
 * fresh child process, so its resident memory is its own.
 *
 * @example
 * ```ts
 * import { benchFanOut } from "./fanout.ts";
 * const result = await benchFanOut(100);
 * ```
 *
 * @module
 */
import { type BenchClient, oursClient } from "./clients.ts";
import { sleep, waitUntil, within } from "./measure.ts";
import { type ServerProcess, startServerProcess } from "./server_process.ts";

/** What the fan-out benchmark measured. */
export interface FanOutResult {
  /** Subscribers asked for. */
  subscribers: number;
  /** Subscribers whose SDK reported connected. */
  connected: number;
  /** Time until every subscriber was connected (ms). */
  connectMillis: number;
  /** Most long-polls the server held at once (proves they were concurrent). */
  heldLongPolls: number;
  /** Server RSS before any subscriber, and with all long-polls held (bytes). */
  rssBefore: number;
  rssHeld: number;
  /** Subscribers whose listener got the message. */
  delivered: number;
  /** From before the publish call until the last listener had it (ms). */
  fanOutMillis: number;
  /** Time to stop every client (leave requests included) (ms). */
  stopMillis: number;
  /** The same fan-out to as many bare `fetch` long-polls: the limit of server and runtime (ms). */
  bareFanOutMillis: number;
  /** Bare long-polls that got the message. */
  bareDelivered: number;
}

const CHANNEL = "bench-fanout";

/** Runs the fan-out benchmark with `subscribers` clients of this SDK. */
export async function benchFanOut(subscribers: number): Promise<FanOutResult> {
  const server = await startServerProcess({ longPollSeconds: 280 });
  const clients: BenchClient[] = [];
  try {
    // Warm the server a little (JIT, first allocations), then let it settle.
    const warm = oursClient(server.origin, "bench-warm");
    for (let i = 0; i < 50; i++) await warm.publish("bench-warm", { i });
    await warm.stop();
    await sleep(300);
    const rssBefore = await server.rssBytes();

    let delivered = 0;
    let allDelivered: () => void = () => {};
    const everyone = new Promise<void>((resolve) => (allDelivered = resolve));
    const started = performance.now();
    const connecting: Promise<unknown>[] = [];
    for (let i = 0; i < subscribers; i++) {
      const client = oursClient(server.origin, `bench-fan-${i}`);
      clients.push(client);
      connecting.push(client.subscribe(CHANNEL, () => {
        if (++delivered === subscribers) allDelivered();
      }));
    }
    let connected = 0;
    await within(Promise.all(connecting.map((p) => p.then(() => connected++))), 60_000);
    const connectMillis = performance.now() - started;

    let heldLongPolls = 0;
    await waitUntil(
      async () => {
        heldLongPolls = Math.max(heldLongPolls, (await server.stats()).pendingLongPolls);
        return heldLongPolls >= subscribers;
      },
      30_000,
      50,
    );
    await sleep(500);
    const rssHeld = await server.rssBytes();

    const publisher = oursClient(server.origin, "bench-fan-publisher");
    const publishedAt = performance.now();
    await publisher.publish(CHANNEL, { text: "to everyone" });
    await within(everyone, 30_000);
    const fanOutMillis = performance.now() - publishedAt;
    await publisher.stop();

    const stopping = performance.now();
    await Promise.all(clients.map((c) => c.stop()));
    const stopMillis = performance.now() - stopping;
    clients.length = 0;

    const bare = await bareFanOut(server, subscribers);
    return {
      subscribers,
      connected,
      connectMillis,
      heldLongPolls,
      rssBefore,
      rssHeld,
      delivered,
      fanOutMillis,
      stopMillis,
      bareFanOutMillis: bare.millis,
      bareDelivered: bare.delivered,
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await server.close();
  }
}

/** The same fan-out with bare `fetch` long-polls (no SDK): what server and runtime allow. */
async function bareFanOut(
  server: ServerProcess,
  polls: number,
): Promise<{ millis: number; delivered: number }> {
  const url = `http://${server.origin}`;
  const channel = `${CHANNEL}-bare`;
  const handshake = await (await fetch(`${url}/v2/subscribe/demo/${channel}/0?uuid=h`)).json();
  const before = (await server.stats()).pendingLongPolls;
  const controller = new AbortController();
  const replies = Array.from(
    { length: polls },
    (_, i) =>
      fetch(
        `${url}/v2/subscribe/demo/${channel}/0?uuid=b${i}&tt=${handshake.t.t}&tr=${handshake.t.r}`,
        {
          signal: controller.signal,
        },
      ).then((r) => r.json()).then(
        (body: { m: { d: unknown }[] }) => body.m.length > 0,
        () => false,
      ),
  );
  await waitUntil(
    async () => (await server.stats()).pendingLongPolls - before >= polls,
    30_000,
    50,
  );
  const started = performance.now();
  await (await fetch(`${url}/publish/demo/demo/0/${channel}/0/%22go%22?uuid=p`)).body?.cancel();
  const timer = setTimeout(() => controller.abort(), 30_000);
  const answers = await Promise.all(replies);
  const millis = performance.now() - started;
  clearTimeout(timer);
  return { millis, delivered: answers.filter(Boolean).length };
}

/**
 * The attacks of `deno task attack`, each against a local server in a child process (loopback
 * only), each bounded to a few seconds. Each returns an outcome and its figures; the runner
 * (`scripts/attack.ts`) adds the probe latency and the memory before and after.
 *
 * @module
 */
import { type ServerProcess } from "../bench/server_process.ts";
import { startTcpProxy } from "../../src/testing/tcp_proxy.ts";

/** What one attack found. */
export interface Finding {
  /** `held` when the server survived and behaved, `FAILED` with why otherwise. */
  outcome: string;
  /** Numbers of this attack (counts, losses), as text. */
  figures: string;
}

/** An attack: a name, the server options it needs, and the run. */
export interface Attack {
  name: string;
  /** Handler options of the child server. */
  options?: Record<string, unknown>;
  /** Listen options (timeouts). */
  listen?: Record<string, unknown>;
  /** `ulimit -n` of the child. */
  limitFiles?: number;
  run(server: ServerProcess): Promise<Finding>;
}

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const port = (server: ServerProcess) => Number(server.origin.split(":")[1]);

async function status(url: string, init?: RequestInit): Promise<number> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

async function json(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return await response.json();
}

// Sends raw bytes and returns the status line the server answered with ("closed" if none).
async function raw(server: ServerProcess, bytes: string): Promise<string> {
  let conn: Deno.Conn | undefined;
  try {
    conn = await Deno.connect({ hostname: "127.0.0.1", port: port(server) });
    await conn.write(encoder.encode(bytes)).catch(() => {});
    const buffer = new Uint8Array(512);
    const n = await Promise.race([conn.read(buffer).catch(() => null), sleep(3000).then(() => -1)]);
    if (n === -1) return "no answer";
    if (n === null) return "closed";
    return new TextDecoder().decode(buffer.subarray(0, n)).split("\r\n")[0];
  } catch {
    return "refused";
  } finally {
    try {
      conn?.close();
    } catch { /* closed */ }
  }
}

const MALFORMED = [
  "GARBAGE\r\n\r\n",
  "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
  "GET /time/0 HTTP/1.1\r\nHost: a b<>\r\n\r\n",
  "GET /time/0 HTTP/1.1\r\n\r\n",
  "GET /time/0 HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
  "GET /time/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
  "POST /publish/demo/demo/0/c/0 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
  'POST /publish/demo/demo/0/c/0 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n"abc"\r\nzz\r\n',
  "POST /publish/demo/demo/0/c/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\nx",
  `GET /time/0 HTTP/1.1\r\nHost: x\r\nX-Big: ${"y".repeat(200_000)}\r\n\r\n`,
  "GET /v2/subscribe/demo/%ZZ/0 HTTP/1.1\r\nHost: x\r\n\r\n",
  `GET /${"a".repeat(40_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  "GET /time/0 HTTP/1.1\r\nHost: x\r\nX: \u0000\r\n\r\n",
  "BREW /time/0 HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /publish/demo/demo/0/c/0/%7B HTTP/1.1\r\nHost: x\r\n\r\n",
];

/** The attacks, in the order they run. */
export const ATTACKS: Attack[] = [
  {
    name: "malformed HTTP (15 kinds × 4)",
    async run(server) {
      const answers = new Map<string, number>();
      for (let round = 0; round < 4; round++) {
        for (const bytes of MALFORMED) {
          const line = await raw(server, bytes);
          const key = /HTTP\/1\.1 (\d)\d\d/.exec(line)?.[1] ?? line;
          answers.set(key, (answers.get(key) ?? 0) + 1);
        }
      }
      const fives = answers.get("5") ?? 0;
      const serving = await status(`http://${server.origin}/time/0`) === 200;
      const summary = [...answers].map(([k, n]) => `${/^\d$/.test(k) ? `${k}xx` : k} ${n}`);
      return {
        outcome: fives === 0 && serving ? "held" : `FAILED (${fives} 5xx, serving: ${serving})`,
        figures: summary.join(", "),
      };
    },
  },
  {
    name: "slowloris (300 dripping heads, 2 s header timeout)",
    listen: { headerTimeoutMillis: 2000 },
    async run(server) {
      const conns: Deno.Conn[] = [];
      for (let i = 0; i < 300; i++) {
        try {
          const c = await Deno.connect({ hostname: "127.0.0.1", port: port(server) });
          await c.write(encoder.encode("GET /time/0 HTTP/1.1\r\nHost: x\r\n"));
          conns.push(c);
        } catch {
          break;
        }
      }
      let closed = 0;
      const watch = conns.map((c) =>
        c.read(new Uint8Array(256)).then(() => closed++, () => closed++)
      );
      const started = performance.now();
      const drip = setInterval(() => {
        for (const c of conns) c.write(encoder.encode("X-a: b\r\n")).catch(() => {});
      }, 500);
      while (closed < conns.length && performance.now() - started < 6000) await sleep(100);
      clearInterval(drip);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed */ }
      }
      await Promise.allSettled(watch);
      return {
        outcome: closed === conns.length ? "held" : `FAILED (${conns.length - closed} still open)`,
        figures: `${closed}/${conns.length} closed by the server within ${seconds} s`,
      };
    },
  },
  {
    name: "fd exhaustion (ulimit -n 256, 600 idle connections)",
    limitFiles: 256,
    async run(server) {
      const conns: Deno.Conn[] = [];
      for (let i = 0; i < 600; i++) {
        try {
          conns.push(await Deno.connect({ hostname: "127.0.0.1", port: port(server) }));
        } catch {
          break;
        }
      }
      await sleep(1000);
      const alive = !server.exited();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed */ }
      }
      let serving = false;
      for (let i = 0; i < 30 && !serving && !server.exited(); i++) {
        serving = await status(`http://${server.origin}/time/0`) === 200;
        if (!serving) await sleep(100);
      }
      return {
        outcome: alive && serving
          ? "held"
          : `FAILED (process ${alive ? "alive" : "exited"}, serving again: ${serving})`,
        figures: `${conns.length} connections opened`,
      };
    },
  },
  {
    name: "presence flood (300 uuids × 1000 new channels)",
    async run(server) {
      let ok = 0;
      let refused = 0;
      const channels = (u: number) =>
        Array.from({ length: 1000 }, (_, i) => `f${u}-${i}`).join(",");
      for (let u = 0; u < 300; u++) {
        const code = await status(
          `http://${server.origin}/v2/presence/sub-key/demo/channel/${
            channels(u)
          }/heartbeat?uuid=u${u}&heartbeat=300`,
        );
        if (code === 200) ok++;
        else if (code === 400) refused++;
      }
      const cpuBefore = await server.cpuMicros();
      await sleep(3000);
      const idleCpu = (await server.cpuMicros() - cpuBefore) / 3e6;
      return {
        outcome: refused > 0 && ok + refused === 300
          ? "held"
          : `FAILED (${ok} ok, ${refused} refused)`,
        figures: `${ok} accepted, ${refused} refused by name; idle CPU after: ${
          (idleCpu * 100).toFixed(1)
        } %`,
      };
    },
  },
  {
    name: "state flood (30 KB and 40 KB states, 500 channels)",
    async run(server) {
      let ok = 0;
      let refused = 0;
      for (let i = 0; i < 500; i++) {
        const size = i % 2 === 0 ? 30_000 : 40_000;
        const state = encodeURIComponent(JSON.stringify({ pad: "x".repeat(size) }));
        const code = await status(
          `http://${server.origin}/v2/presence/sub-key/demo/channel/s${i}/uuid/u/data?state=${state}`,
        );
        if (code === 200) ok++;
        else if (code === 400 || code === 414) refused++;
      }
      return {
        outcome: refused >= 250 && ok + refused === 500
          ? "held"
          : `FAILED (${ok} ok, ${refused} refused)`,
        figures: `${ok} accepted, ${refused} refused (over the state or URI limit)`,
      };
    },
  },
  {
    name: "eviction (50 messages in a gap, then 2000 other channels)",
    options: { limits: { bufferChannels: 200, historyChannels: 200 } },
    async run(server) {
      const base = `http://${server.origin}`;
      const handshake = await json(`${base}/v2/subscribe/demo/room/0?uuid=sub&heartbeat=60&tt=0`);
      let tt = (handshake as { t: { t: string } }).t.t;
      for (let i = 0; i < 50; i++) await status(`${base}/publish/demo/demo/0/room/0/${i}`);
      let refused = 0;
      for (let i = 0; i < 2000; i++) {
        if (await status(`${base}/publish/demo/demo/0/other-${i}/0/1`) === 400) refused++;
      }
      const got: number[] = [];
      for (let round = 0; round < 5 && got.length < 50; round++) {
        const reply = await json(`${base}/v2/subscribe/demo/room/0?uuid=sub&tt=${tt}`) as {
          t: { t: string };
          m: { d: number }[];
        };
        got.push(...reply.m.map((m) => m.d));
        tt = reply.t.t;
      }
      const history = await json(`${base}/v3/history/sub-key/demo/channel/room?max=100`) as {
        channels: Record<string, unknown[]>;
      };
      const lost = 50 - new Set(got).size;
      const kept = history.channels.room?.length ?? 0;
      return {
        outcome: lost === 0 && kept === 50 ? "held" : `FAILED (${lost} lost, history ${kept}/50)`,
        figures: `lost ${lost}, history kept ${kept}/50, ${refused} new channels refused by name`,
      };
    },
  },
  {
    name: "publish flood (16 publishers, 4 s) with a subscriber",
    async run(server) {
      const base = `http://${server.origin}`;
      const received = await subscriberLoop(base, "flood");
      let published = 0;
      let failed = 0;
      const until = performance.now() + 4000;
      await Promise.all(Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; performance.now() < until; i++) {
          const code = await status(`${base}/publish/demo/demo/0/flood/0/"${w}-${i}"`);
          if (code === 200) received.expect(`${w}-${i}`);
          if (code === 200) published++;
          else failed++;
        }
      }));
      const { lost, duplicated } = await received.finish();
      return {
        outcome: lost === 0 && duplicated === 0
          ? "held"
          : `FAILED (${lost} lost, ${duplicated} dup)`,
        figures:
          `${published} published (${failed} refused), lost ${lost}, duplicated ${duplicated}`,
      };
    },
  },
  {
    name: "soak with cuts (8 s, a cut every 1.5 s)",
    async run(server) {
      const proxy = startTcpProxy(server.origin);
      const received = await subscriberLoop(`http://${proxy.origin}`, "soak");
      let cuts = 0;
      const cutter = setInterval(() => (proxy.cutAll(), cuts++), 1500);
      let published = 0;
      const until = performance.now() + 8000;
      for (let i = 0; performance.now() < until; i++) {
        if (await status(`http://${server.origin}/publish/demo/demo/0/soak/0/"${i}"`) === 200) {
          received.expect(String(i));
          published++;
        }
        await sleep(20);
      }
      clearInterval(cutter);
      const { lost, duplicated } = await received.finish();
      await proxy.close();
      return {
        outcome: lost === 0 && duplicated === 0
          ? "held"
          : `FAILED (${lost} lost, ${duplicated} dup)`,
        figures: `${published} published, ${cuts} cuts, lost ${lost}, duplicated ${duplicated}`,
      };
    },
  },
];

// A subscriber that long-polls with its cursor and, on any failure, retries with the same
// cursor: what an SDK does. Counts what it got against what was published.
async function subscriberLoop(base: string, channel: string) {
  const expected = new Set<string>();
  const got = new Map<string, number>();
  let running = true;
  let tt = "0";
  while (tt === "0") {
    try {
      tt =
        ((await json(`${base}/v2/subscribe/demo/${channel}/0?tt=0`)) as { t: { t: string } }).t.t;
    } catch {
      await sleep(50);
    }
  }
  const loop = (async () => {
    while (running) {
      try {
        const response = await fetch(`${base}/v2/subscribe/demo/${channel}/0?tt=${tt}`, {
          signal: AbortSignal.timeout(3000),
        });
        const reply = await response.json() as { t: { t: string }; m: { d: string }[] };
        for (const m of reply.m) got.set(m.d, (got.get(m.d) ?? 0) + 1);
        tt = reply.t.t;
      } catch {
        await sleep(50); // cut or timed out: again from the same cursor
      }
    }
  })();
  return {
    expect: (value: string) => expected.add(value),
    async finish() {
      const deadline = performance.now() + 5000;
      while (performance.now() < deadline && [...expected].some((v) => !got.has(v))) {
        await sleep(100);
      }
      running = false;
      await loop;
      const lost = [...expected].filter((v) => !got.has(v)).length;
      const duplicated = [...got.values()].reduce((sum, n) => sum + n - 1, 0);
      return { lost, duplicated };
    },
  };
}

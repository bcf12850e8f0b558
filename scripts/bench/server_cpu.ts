/**
 * Server CPU per delivery, per listener: the same handler served by the Deno listener (under
 * Deno), by the Node listener under Node itself (as the npm package runs it), and by the Node
 * listener under Deno's `node:http`. Each server runs in its own process; one delivery is a
 * publish and the subscribe answer that carries its message to a waiting long-poll, driven by
 * bare `fetch` loops (`pairs` channels, each with one publisher and one subscriber in
 * lock-step), so the client side does the same work for every server. The servers' CPU time is
 * read from `/proc/<pid>/stat` around each round; rounds alternate between the servers.
 *
 * @example
 * ```ts
 * import { benchServerCpu } from "./server_cpu.ts";
 * const result = await benchServerCpu({ deliveries: 2000, rounds: 3, pairs: 8 });
 * console.log(result.deno, result.node);
 * ```
 *
 * @module
 */
import { median, percentile } from "./measure.ts";
import { type Row } from "./report.ts";
import { type ServerProcess, startServerProcess } from "./server_process.ts";

/** Sizes of the run. */
export interface ServerCpuOptions {
  /** Deliveries per round and server. */
  deliveries: number;
  /** Rounds per server (alternating). */
  rounds: number;
  /** Channels driven at once, each by one publisher and one subscriber. */
  pairs: number;
}

/** Server CPU per delivery (µs), one value per round. */
export interface ServerCpuResult {
  /** Deno listener under Deno. */
  deno: number[];
  /** Node listener under Node. */
  node: number[];
  /** Node listener under Deno (`node:http` of Deno). */
  nodeOnDeno: number[];
}

const CONTESTANTS = ["deno", "node", "nodeOnDeno"] as const;

/** Runs the measurement. */
export async function benchServerCpu(options: ServerCpuOptions): Promise<ServerCpuResult> {
  const servers: Record<(typeof CONTESTANTS)[number], ServerProcess | undefined> = {
    deno: undefined,
    node: undefined,
    nodeOnDeno: undefined,
  };
  const result: ServerCpuResult = { deno: [], node: [], nodeOnDeno: [] };
  try {
    servers.deno = await startServerProcess({}, { listener: "deno" });
    servers.node = await startServerProcess({}, { runtime: "node" });
    servers.nodeOnDeno = await startServerProcess({}, { listener: "node" });
    // Warm-up: let each JIT see the paths.
    for (const name of CONTESTANTS) {
      await deliveries(servers[name]!, options.pairs, Math.max(2000, options.deliveries / 2), name);
    }
    for (let round = 0; round < options.rounds; round++) {
      // Rotate the order so drift in the machine's load favours no server.
      const order = CONTESTANTS.map((_, i) => CONTESTANTS[(i + round) % CONTESTANTS.length]);
      for (const name of order) {
        const server = servers[name]!;
        const before = await server.cpuMicros();
        await deliveries(server, options.pairs, options.deliveries, `${name}-${round}`);
        const used = (await server.cpuMicros()) - before;
        result[name].push(used / options.deliveries);
      }
    }
    return result;
  } finally {
    for (const server of Object.values(servers)) await server?.close();
  }
}

/** `count` deliveries over `pairs` channels, each a publish answered and its message received. */
async function deliveries(
  server: ServerProcess,
  pairs: number,
  count: number,
  tag: string,
): Promise<void> {
  const base = `http://${server.origin}`;
  const perPair = Math.ceil(count / pairs);
  await Promise.all(Array.from({ length: pairs }, async (_, p) => {
    const channel = `cpu-${tag}-${p}`;
    const handshake = await (await fetch(`${base}/v2/subscribe/demo/${channel}/0?uuid=s${p}`))
      .json() as { t: { t: string; r: number } };
    let cursor = handshake.t;
    for (let i = 0; i < perPair; i++) {
      const poll = fetch(
        `${base}/v2/subscribe/demo/${channel}/0?uuid=s${p}&tt=${cursor.t}&tr=${cursor.r}`,
      ).then((r) => r.json() as Promise<{ t: { t: string; r: number }; m: unknown[] }>);
      // The long-poll is held before the publish (or the message is already buffered): either
      // way one subscribe answer carries it.
      const published = await fetch(
        `${base}/publish/demo/demo/0/${channel}/0/${i}?uuid=p${p}`,
      );
      await published.body?.cancel();
      let body = await poll;
      while (body.m.length === 0) {
        body = await (await fetch(
          `${base}/v2/subscribe/demo/${channel}/0?uuid=s${p}&tt=${body.t.t}&tr=${body.t.r}`,
        )).json();
      }
      cursor = body.t;
    }
  }));
}

/** The report's rows: Node vs Deno listener, and Node's listener under Deno for reference. */
export function serverCpuRows(result: ServerCpuResult): Row[] {
  const spread = (values: number[]) =>
    `${percentile(values, 0).toFixed(1)}–${percentile(values, 1).toFixed(1)}`;
  const ratios = result.node.map((v, i) => v / result.deno[i]);
  const ratiosOnDeno = result.nodeOnDeno.map((v, i) => v / result.deno[i]);
  const minMax = (values: number[]) =>
    `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}×`;
  return [{
    section: "Server",
    name: "server CPU per delivery (publish + subscribe answer): Node listener vs Deno listener",
    ours: `Node ${median(result.node).toFixed(1)} µs (${spread(result.node)})`,
    reference: `Deno ${median(result.deno).toFixed(1)} µs (${spread(result.deno)})`,
    ratio: median(ratios),
    target: { op: "<=", value: 1.5, text: "≤ 1.5×" },
    note: `${result.node.length} rounds, ratio per round ${minMax(ratios)}`,
  }, {
    section: "Server",
    name: "server CPU per delivery: Node listener under Deno's node:http vs Deno listener",
    ours: `${median(result.nodeOnDeno).toFixed(1)} µs (${spread(result.nodeOnDeno)})`,
    reference: `Deno ${median(result.deno).toFixed(1)} µs`,
    ratio: median(ratiosOnDeno),
    note: `for reference (the npm package runs under Node); per round ${minMax(ratiosOnDeno)}`,
  }];
}

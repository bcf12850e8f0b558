/**
 * Delivery CPU from a firehose: client CPU per delivered message for this SDK (subscribe →
 * listener) against a bare `fetch` + `JSON.parse` loop sending the same long-polls, in Deno and
 * in Node, a fresh process per round (`firehose_child.ts`). The server is a loopback server in
 * this process that answers every subscribe at once with a prepared 100-message body and a new
 * timetoken, so the clients' own work is all that is measured. Node runs the child through an
 * esbuild bundle of the sources, with the package's runtime swaps applied.
 *
 * @example
 * ```ts
 * import { benchFirehose } from "./firehose.ts";
 * const rows = await benchFirehose({ rounds: 2, warm: 2000, count: 10000 });
 * ```
 *
 * @module
 */
import { bundleForNode } from "../build_npm/node_bundle.ts";
import { subscribeBody } from "./core.ts";
import { median } from "./measure.ts";
import type { Row } from "./report.ts";

/** Sizes of the firehose benchmark. */
export interface FirehoseOptions {
  /** Processes per runtime and contestant. */
  rounds: number;
  /**
   * Messages delivered before the measurement starts (connections, JIT). A client's per-poll
   * code runs once per 100 messages: it needs a few thousand polls before the optimising
   * compiler has it, and a firehose client lives far longer than that.
   */
  warm: number;
  /** Messages measured per process. */
  count: number;
  /** Runtimes to run; default both. */
  runtimes?: Runtime[];
  /**
   * A checkout of an earlier version (its root) with `scripts/bench/firehose_child.ts` in it:
   * run as a third contestant, `before`, for a before/after comparison in the same run.
   */
  before?: string;
}

/** A runtime the child runs in. */
export type Runtime = "deno" | "node";
/** A contestant. */
export type Contestant = "ours" | "bare" | "before";

/** One process's measurement. */
export interface FirehoseRound {
  /** Messages measured. */
  count: number;
  /** Client CPU (user + system) over them (µs). */
  cpuMicros: number;
  /** Wall time over them (ms). */
  millis: number;
}

/** Per runtime and contestant, the rounds in order (`before` only when asked for). */
export type FirehoseResult = Record<
  Runtime,
  Record<"ours" | "bare", FirehoseRound[]> & { before?: FirehoseRound[] }
>;

const ROOT = new URL("../../", import.meta.url);
const LEAVE = '{"status":200,"message":"OK","action":"leave","service":"Presence"}';

/** Starts the firehose: every subscribe is answered at once with 100 messages and a new `tt`. */
function startFirehose(): { origin: string; close: () => Promise<void> } {
  const messages = JSON.stringify(JSON.parse(subscribeBody(100)).m);
  let timetoken = 17_000_000_000_000_000n;
  const headers = { "content-type": "text/javascript; charset=UTF-8" };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    if (!new URL(request.url).pathname.startsWith("/v2/subscribe/")) {
      return new Response(LEAVE, { headers });
    }
    timetoken += 1_000_000n;
    return new Response(`{"t":{"t":"${timetoken}","r":1},"m":${messages}}`, { headers });
  });
  return { origin: `127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

/** Bundles the child for Node: the sources, with the Deno-only files swapped as the package does. */
async function nodeChild(child: URL, root: URL): Promise<string> {
  const out = await Deno.makeTempFile({ prefix: "firehose_child_", suffix: ".mjs" });
  await bundleForNode(child.pathname, out, root);
  return out;
}

async function runChild(
  runtime: Runtime,
  script: string,
  args: string[],
): Promise<FirehoseRound> {
  const output = await new Deno.Command(runtime === "deno" ? Deno.execPath() : "node", {
    args: runtime === "deno" ? ["run", "-A", script, ...args] : [script, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout).trim();
  if (!output.success) {
    throw new Error(
      `firehose child (${runtime} ${args[1]}) failed: ${new TextDecoder().decode(output.stderr)}`,
    );
  }
  return JSON.parse(text.split("\n").at(-1)!) as FirehoseRound;
}

/** Runs the rounds: per round, each runtime and contestant in a fresh process, order rotating. */
export async function runFirehose(options: FirehoseOptions): Promise<FirehoseResult> {
  const runtimes = options.runtimes ?? ["deno", "node"];
  const roots: Partial<Record<Contestant, URL>> = { ours: ROOT, bare: ROOT };
  if (options.before) roots.before = new URL(`file://${options.before.replace(/\/?$/, "/")}`);
  const scripts: Record<string, string> = {};
  for (const [contestant, root] of Object.entries(roots)) {
    const child = new URL("scripts/bench/firehose_child.ts", root);
    scripts[`deno ${contestant}`] = child.pathname;
    if (runtimes.includes("node")) scripts[`node ${contestant}`] = await nodeChild(child, root);
  }
  const firehose = startFirehose();
  const result = {} as FirehoseResult;
  for (const runtime of runtimes) {
    result[runtime] = options.before ? { ours: [], bare: [], before: [] } : { ours: [], bare: [] };
  }
  const contestants = Object.keys(roots) as Contestant[];
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const runtime of runtimes) {
        const order = contestants.map((_, k) => contestants[(k + round) % contestants.length]);
        for (const contestant of order) {
          const args = [
            firehose.origin,
            contestant === "bare" ? "bare" : "ours",
            String(options.warm),
            String(options.count),
          ];
          const script = scripts[`${runtime} ${contestant}`];
          result[runtime][contestant]!.push(await runChild(runtime, script, args));
        }
      }
    }
    return result;
  } finally {
    await firehose.close();
    for (const [key, path] of Object.entries(scripts)) {
      if (key.startsWith("node")) await Deno.remove(path).catch(() => {});
    }
  }
}

const perMessage = (r: FirehoseRound) => r.cpuMicros / r.count;

/** The rows: per runtime, median CPU per message of each, their ratio, and the rounds' spread. */
export function firehoseRows(result: FirehoseResult, warm: number): Row[] {
  const rows: Row[] = [];
  for (const runtime of Object.keys(result) as Runtime[]) {
    const { ours, bare } = result[runtime];
    const o = ours.map(perMessage);
    const b = bare.map(perMessage);
    // Each round's two processes ran back to back: their ratio is the round's.
    const ratios = o.map((value, i) => value / b[i]);
    const range = (values: number[]) =>
      `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
    rows.push({
      section: "Delivery",
      name: `firehose (100 messages per long-poll), client CPU per delivered message, ${
        runtime === "deno" ? "Deno" : "Node"
      }: SDK vs bare fetch + JSON.parse`,
      ours: `${median(o).toFixed(2)} µs (${range(o)})`,
      reference: `bare ${median(b).toFixed(2)} µs (${range(b)})`,
      ratio: median(ratios),
      target: { op: "<=", value: 1.1, text: "≤ 1.1×" },
      note: `lower is better; ${ours.length} fresh processes each, ${
        ours[0]?.count ?? 0
      } messages measured per process after ${warm} warm-up messages; ratio per round ${
        range(ratios)
      }${
        result[runtime].before
          ? `; before: ${median(result[runtime].before!.map(perMessage)).toFixed(2)} µs, ${
            median(result[runtime].before!.map((r, i) => perMessage(r) / b[i])).toFixed(2)
          }× bare`
          : ""
      }`,
    });
  }
  return rows;
}

/** Runs the firehose benchmark and returns its rows. */
export async function benchFirehose(options: FirehoseOptions): Promise<Row[]> {
  return firehoseRows(await runFirehose(options), options.warm);
}

if (import.meta.main) {
  const quick = Deno.args.includes("--quick");
  const runtimes = Deno.args.includes("--deno")
    ? ["deno" as const]
    : Deno.args.includes("--node")
    ? ["node" as const]
    : undefined;
  const rows = await benchFirehose({
    rounds: quick ? 3 : 6,
    warm: quick ? 100_000 : 300_000,
    count: quick ? 20_000 : 50_000,
    runtimes,
    before: Deno.args.find((arg) => arg.startsWith("--before="))?.slice("--before=".length),
  });
  for (const row of rows) {
    console.log(
      `${row.name}\n  ours ${row.ours}\n  ${row.reference}\n  ratio ${
        row.ratio?.toFixed(2)
      }× (${row.note})`,
    );
  }
}

/**
 * The benchmark report: machine description, the results table (terminal and Markdown), and
 * `BENCHMARKS.md`, whose hand-written notes (below a marker line) survive a new run.
 *
 * @example
 * ```ts
 * import { machine, renderTable } from "./report.ts";
 * const info = await machine();
 * console.log(renderTable([{ section: "Core", name: "x", ours: "1/s" }], { ...info, loadAfter: info.loadAverage, seconds: 1, quick: true }));
 * ```
 *
 * @module
 */

/** One line of the results. */
export interface Row {
  /** Core, Publish, Delivery, Fan-out, Size, Hot path. */
  section: string;
  /** What was measured. */
  name: string;
  /** Our number, formatted. */
  ours: string;
  /** What it is compared with, formatted. */
  reference?: string;
  /** ours / reference. */
  ratio?: number;
  /** The target for the ratio, if the issue sets one. */
  target?: { op: ">=" | "<="; value: number; text: string };
  /** Anything needed to read the row. */
  note?: string;
}

/** `value` with thousands separators and exactly `digits` decimals: 1234.5, 1 → "1,234.5". */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** Where the run happened. */
export interface MachineInfo {
  /** `model name` of /proc/cpuinfo. */
  cpu: string;
  /** Logical processors. */
  cores: number;
  /** Total memory (bytes), if known. */
  memoryBytes: number | undefined;
  /** Deno, V8 and TypeScript versions. */
  runtime: string;
  /** Operating system and architecture. */
  os: string;
  /** ISO date and time of the run. */
  date: string;
  /** 1, 5 and 15 minute load averages at the start. */
  loadAverage: string;
}

/** A run: the machine, plus what only the end knows. */
export interface RunInfo extends MachineInfo {
  /** Load averages at the end. */
  loadAfter: string;
  /** Duration of the whole run (s). */
  seconds: number;
  /** Whether the small sizes were used. */
  quick: boolean;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}

/** Describes this machine from /proc (Linux) with fallbacks. */
export async function machine(): Promise<MachineInfo> {
  const cpuinfo = await readText("/proc/cpuinfo") ?? "";
  const models = [...cpuinfo.matchAll(/^model name\s*:\s*(.+)$/gm)].map((m) => m[1].trim());
  const processors = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const meminfo = await readText("/proc/meminfo") ?? "";
  const memKb = /^MemTotal:\s+(\d+)\s+kB/m.exec(meminfo)?.[1];
  const load = (await readText("/proc/loadavg"))?.split(" ").slice(0, 3).join(" ") ?? "n/a";
  return {
    cpu: models[0] ?? "unknown CPU",
    cores: processors || navigator.hardwareConcurrency,
    memoryBytes: memKb ? Number(memKb) * 1024 : undefined,
    runtime: `Deno ${Deno.version.deno}, V8 ${Deno.version.v8}`,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    loadAverage: load,
  };
}

function ratioText(row: Row): string {
  return row.ratio === undefined || !Number.isFinite(row.ratio) ? "" : `${row.ratio.toFixed(2)}×`;
}

/** Whether a row meets its target: "met", "MISSED", or "" without a target. */
export function verdict(row: Row): string {
  if (!row.target || row.ratio === undefined || !Number.isFinite(row.ratio)) return "";
  const ok = row.target.op === ">=" ? row.ratio >= row.target.value : row.ratio <= row.target.value;
  return ok ? "met" : "MISSED";
}

function targetText(row: Row): string {
  return row.target ? `${row.target.text} ${verdict(row)}` : "";
}

function machineLine(info: RunInfo): string {
  const memory = info.memoryBytes ? `, ${(info.memoryBytes / 2 ** 30).toFixed(0)} GiB RAM` : "";
  return `${info.cpu}, ${info.cores} logical cores${memory}; ${info.os}; ${info.runtime}`;
}

function columns(rows: Row[]): string[][] {
  return rows.map((row) => [
    row.section,
    row.name,
    row.ours,
    row.reference ?? "",
    ratioText(row),
    targetText(row),
    row.note ?? "",
  ]);
}

const HEADER = ["", "Measurement", "Ours", "Compared with", "Ours / ref", "Target", "Note"];

function markdownTable(header: string[], cells: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)]
    .join("\n");
}

/** The results for the terminal (a Markdown table is readable there too). */
export function renderTable(rows: Row[], info: RunInfo): string {
  return [
    "",
    `Benchmarks, ${info.date}${info.quick ? " (--quick: small sizes)" : ""}`,
    machineLine(info),
    `load average ${info.loadAverage} at start, ${info.loadAfter} at end; ${
      info.seconds.toFixed(0)
    } s`,
    "",
    markdownTable(HEADER, columns(rows)),
    "",
  ].join("\n");
}

/** Marker below which BENCHMARKS.md is hand-written and kept across runs. */
export const NOTES_MARKER =
  "<!-- Everything below this line is hand-written; `deno task bench` keeps it. -->";

/** The generated part of BENCHMARKS.md. */
export function renderMarkdown(
  rows: Row[],
  hotRows: Row[],
  info: RunInfo,
  ladderRows: Row[] = [],
): string {
  const targets = rows.filter((r) => r.target).map((r) =>
    `- **${r.section}, ${r.name}**: ${ratioText(r)} against a target of ${r.target!.text} — ${
      verdict(r) === "met" ? "met" : "**missed**"
    }.`
  );
  return [
    "# Benchmarks",
    "",
    "Generated by `deno task bench` (`scripts/bench.ts`, helpers in `scripts/bench/`). One run, every",
    "number from the same run, on the local server over loopback. Benchmarks never fail on a number.",
    "",
    `- **Date**: ${info.date}`,
    `- **Machine**: ${machineLine(info)}`,
    `- **Load average** (1/5/15 min): ${info.loadAverage} at start, ${info.loadAfter} at end`,
    `- **Duration**: ${info.seconds.toFixed(0)} s`,
    "",
    "## Results",
    "",
    markdownTable(HEADER, columns(rows)),
    "",
    "## Targets",
    "",
    ...targets,
    "",
    "## Where a publish's client time goes",
    "",
    ...(ladderRows.length ? ladderSection(ladderRows) : [
      "Measured alone, in the same run: the cost per call of each piece of our publish path.",
      "",
    ]),
    markdownTable(["Piece", "Cost per call"], hotRows.map((r) => [r.name, r.ours])),
    "",
    "## How it is measured",
    "",
    "- **Server**: `createHandler` + the Deno listener, in a child process (`scripts/bench/server_child.ts`),",
    "  so clients and server run on different cores and the server's memory is its own",
    "  (`VmRSS` from `/proc/<pid>/status`). Fan-out gets a fresh server process.",
    "- **Contestants**: this SDK (`mod.ts`); the official SDK (`npm:pubnub@12.0.3`, configured as its",
    "  documentation shows, running in the same Deno process, where it uses Deno's `fetch`); and a bare",
    "  `fetch` loop that sends the very URLs this SDK sends (recorded with a stub fetch first) and reads",
    "  each body to the end.",
    "- **Publish**: after a warm-up, the contestants run in alternating rounds (the order rotates) so that",
    "  drift and other load on the machine do not favour one; every number is the median over the rounds.",
    "  \"CPU/op\" is this process's user + system CPU per publish: the client's cost, which wall time",
    '  hides when the server is the bottleneck. "Server busy" is the server process\'s CPU time over',
    "  wall time (from `/proc/<pid>/stat`; 100% = one core).",
    "- **Delivery**: one publisher client and one subscriber client per SDK, each SDK on its own channel.",
    "  Publishes run 32 in flight with flow control: at most 50 published and not yet received, because",
    "  the server (like the service) keeps 100 envelopes per channel. Time runs until the subscriber's",
    "  listener has every message; duplicates are not counted; medians over alternating rounds. CPU per",
    "  message is the whole client process (publisher and subscriber). Latency: serial publishes, from before",
    "  the publish call until the listener has the message.",
    "- **Fan-out**: N clients of this SDK, each with its own long-poll, one channel; the server's count of",
    "  held long-polls proves they are concurrent. Memory is the server's RSS delta between before the",
    "  clients and with every long-poll held and idle. The reference is N bare `fetch` long-poll loops on",
    "  another channel, held at the same time, each parsing its answer and starting its next long-poll as",
    "  a subscribe loop must (our clients do both); a third set that only reads its answers shows what",
    "  the next long-polls cost. Each side is published to with the same bare `fetch`; the sides take",
    "  turns over several rounds (median and range).",
    "- **Server CPU per delivery**: the server's CPU time (`/proc/<pid>/stat`) per delivered message",
    "  (a publish and the subscribe answer that carries it to a waiting long-poll, 8 channels in",
    "  lock-step from bare `fetch` loops), per listener, each in a process of its own: the Deno",
    "  listener under Deno, the Node listener under Node (bundled with esbuild, as the npm package runs",
    "  it), and the Node listener under Deno; rounds alternate between them.",
    "- **Size**: esbuild (ESM, browser, minified, es2022) of `mod.ts` and of an entry that creates a client",
    "  and publishes; the official SDK's browser bundle is `dist/web/pubnub.min.js` of the npm package",
    "  (one file, not tree-shakeable). gzip level 9. The `./compat` row bundles one small pub/sub app",
    "  written twice, on the native API and on the official API through `./compat`: the difference is",
    "  what the compat layer costs.",
    "- **Core**: `transition()` over a receive loop (long-polls with one message, a failure and its",
    "  reconnect every 50, a subscription change every 200); `parseSubscribeResponse` + `decodeEnvelope`",
    "  over a 100-message body as the server sends it.",
    "",
    NOTES_MARKER,
  ].join("\n");
}

/** Writes BENCHMARKS.md: the generated part, then the kept hand-written notes; then formats it. */
export async function writeBenchmarks(path: URL, generated: string): Promise<void> {
  const previous = await readText(path.pathname);
  const at = previous?.indexOf(NOTES_MARKER) ?? -1;
  const notes = previous && at >= 0 ? previous.slice(at + NOTES_MARKER.length) : "\n";
  await Deno.writeTextFile(path, `${generated}${notes.startsWith("\n") ? notes : `\n${notes}`}`);
  // Leave it as `deno fmt` wants it, so `deno task check` stays green after a run.
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", path.pathname],
    stdout: "null",
    stderr: "inherit",
  }).output();
}

/**
 * The publish ladder's table (see `publish_ladder.ts`): each rung's client CPU per publish,
 * serial and with requests in flight, and the bare loop's CPU over the rung's.
 */
function ladderSection(ladderRows: Row[]): string[] {
  if (ladderRows.length === 0) return [];
  const modes = [...new Set(ladderRows.map((r) => r.name.slice(0, r.name.indexOf(": "))))];
  const rungs = [...new Set(ladderRows.map((r) => r.name.slice(r.name.indexOf(": ") + 2)))];
  const cell = (mode: string, rung: string) => {
    const row = ladderRows.find((r) => r.name === `${mode}: ${rung}`);
    return row ? [row.ours, row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}×`] : ["", ""];
  };
  return [
    "Over a real socket, one server process, rounds interleaved (`scripts/bench/publish_paths.ts`):",
    "each rung adds one thing a publish does, from the bare `fetch` loop up to `publish().future()`.",
    'Client CPU per publish, median and p25–p75 over the rounds; "bare/rung" is the bare loop\'s CPU',
    "over the rung's (1.00× = as cheap as the bare loop; the publish target is read the same way).",
    "",
    markdownTable(
      ["Rung", ...modes.flatMap((m) => [`${m}: CPU/op`, "bare/rung"])],
      rungs.map((rung) => [rung, ...modes.flatMap((m) => cell(m, rung))]),
    ),
    "",
    "The pieces alone, without a socket, in the same run: the cost per call of each piece of our",
    "publish path.",
    "",
  ];
}

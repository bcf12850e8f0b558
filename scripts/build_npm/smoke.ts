/**
 * The Node smoke tests: the package by path, then packed, installed into a throwaway project
 * and type-checked as a TypeScript consumer would.
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MODULAR_SMOKE_SCRIPT, OUT, SMOKE_SCRIPT, SMOKE_TIMEOUT_MS } from "./config.ts";
import { runNodeScript } from "./node_script.ts";
import { fail, formatBytes, info, listFiles, npmInstall, run } from "./util.ts";

/** Runs the smoke script with Node (see {@linkcode runNodeScript}). */
export async function nodeSmoke(
  cwd: string,
  sdk: string,
  server: string,
  testing: string,
): Promise<void> {
  await runNodeScript(cwd, ["smoke.mjs", sdk, server, testing], {
    doneMarker: "smoke: done",
    timeoutMs: SMOKE_TIMEOUT_MS,
    what: "node smoke.mjs",
  });
}

/** The modular entry's chat app and publish-only app under Node (`modular_smoke.mjs`). */
export async function nodeModularSmoke(
  cwd: string,
  modular: string,
  server: string,
): Promise<void> {
  await Deno.copyFile(MODULAR_SMOKE_SCRIPT, join(cwd, "modular_smoke.mjs"));
  await runNodeScript(cwd, ["modular_smoke.mjs", modular, server], {
    doneMarker: "smoke: done",
    timeoutMs: SMOKE_TIMEOUT_MS,
    what: "node modular_smoke.mjs",
  });
}

export async function checkNode(): Promise<void> {
  const { stdout } = await run("node", ["--version"]);
  const major = Number(/^v(\d+)/.exec(stdout.trim())?.[1]);
  if (!(major >= 20)) fail(`Node ${stdout.trim()} is too old: the package needs Node 20+`);
  const npm = await run("npm", ["--version"]);
  info(`node ${stdout.trim()}, npm ${npm.stdout.trim()}`);
}

export async function smokeByPath(work: string): Promise<void> {
  const dir = join(work, "by-path");
  await Deno.mkdir(dir, { recursive: true });
  await Deno.copyFile(SMOKE_SCRIPT, join(dir, "smoke.mjs"));
  const server = pathToFileURL(join(OUT, "server.js")).href;
  const testing = pathToFileURL(join(OUT, "testing.js")).href;
  info("npm/mod.js + npm/server.js + npm/testing.js:");
  await nodeSmoke(dir, pathToFileURL(join(OUT, "mod.js")).href, server, testing);
  // The browser bundle uses web APIs only, which Node 20 has: the same round trip through it.
  info("npm/browser/pubnub.min.js + npm/server.js:");
  await nodeSmoke(dir, pathToFileURL(join(OUT, "browser", "pubnub.min.js")).href, server, testing);
  info("npm/modular.js + npm/server.js:");
  await nodeModularSmoke(dir, pathToFileURL(join(OUT, "modular.js")).href, server);
}

export const CONSUMER_TS = (name: string) =>
  `import { PNStatusCategory, PubNub, PubNubError, SubscribeListener } from "${name}";
import type { PNMessageResult, PNStatus } from "${name}";
import { startServer, type RunningServer } from "${name}/server";
import { ManualClock, startScriptedServer, type ScriptedServer, until } from "${name}/testing";
import { createPubNub, publishing, subscribing, type PubNubClient } from "${name}/modular";

export const server: RunningServer = await startServer({ hostname: "127.0.0.1", port: 0 });
export const pubnub = new PubNub({
  publishKey: "demo",
  subscribeKey: "demo",
  userId: "consumer",
  origin: server.origin,
  ssl: false,
});
export const listener = new SubscribeListener();
pubnub.addListener(listener);
pubnub.addListener({
  status(_p: PubNub, status: PNStatus) {
    if (status.category === PNStatusCategory.PNConnectedCategory) console.log("connected");
  },
  message(_p: PubNub, m: PNMessageResult) {
    const text: unknown = m.message;
    console.log(text, m.channel, m.timetoken.length);
  },
});
pubnub.subscribe().channels(["a"]).execute();
try {
  const { result } = await pubnub.publish().channel("a").message({ text: "hi" }).future();
  const timetoken: string = result.timetoken;
  console.log(timetoken);
} catch (error) {
  if (error instanceof PubNubError) console.log(error.status.category);
}
await pubnub.stop();

// The modular entry: the client's type has the calls of the features passed.
const lite = createPubNub({
  publishKey: "demo",
  subscribeKey: "demo",
  userId: "lite",
  origin: server.origin,
  ssl: false,
}, [
  publishing,
  subscribing,
]);
lite.addListener({ message: (_client: PubNubClient, m) => console.log(m.message) });
const sent = await lite.publish().channel("a").message({ n: 1 }).meta({ lang: "en" });
console.log(sent.result.timetoken);
// @ts-expect-error: the history feature was not passed
lite.fetchMessages();
await lite.stop();
await server.close();

// The ./testing entry's types: a scripted server, a manual clock, a bounded wait.
export const scripted: ScriptedServer = await startScriptedServer((request, index) => ({
  status: request.method === "GET" ? 200 : 405,
  body: index === 0 ? "[17000000000000000]" : "[0]",
}));
const clock = new ManualClock();
const tester = new PubNub({ subscribeKey: "demo", userId: "tester", origin: scripted.origin, ssl: false }, { clock });
const time: string = (await tester.time()).result.timetoken;
await until(() => scripted.requests.length === 1, "the time request");
console.log(time, scripted.requests[0].rawQuery);
await tester.stop();
await scripted.close();
`;

export async function packAndInstall(work: string, name: string): Promise<void> {
  const packDir = join(work, "pack");
  await Deno.mkdir(packDir, { recursive: true });
  const packed = await run("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: OUT });
  const [pack] = JSON.parse(packed.stdout) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: Array<{ path: string }>;
  }>;
  const paths = pack.files.map((f) => f.path);
  const leaked = paths.filter((p) =>
    (p.endsWith(".ts") && !p.endsWith(".d.ts")) || /_test\./.test(p) ||
    // the ./testing entry ships its runtime-neutral helpers; the rest of src/testing/ is Deno test code
    (/src\/testing\//.test(p) &&
      !/src\/testing\/(local_clients|scripted_server|until)\.(js|d\.ts)$/.test(p))
  );
  if (leaked.length > 0) fail(`the tarball contains sources or tests: ${leaked.join(", ")}`);
  for (
    const required of [
      "package.json",
      "README.md",
      "LICENSE",
      "mod.js",
      "server.js",
      "modular.js",
      "browser/pubnub.min.js",
    ]
  ) {
    if (!paths.includes(required)) fail(`the tarball lacks ${required}`);
  }
  const tarball = join(packDir, pack.filename);
  info(
    `${pack.filename}: ${pack.entryCount} files, ${formatBytes(pack.size)} packed, ` +
      `${formatBytes(pack.unpackedSize)} unpacked`,
  );

  const consumer = join(work, "consumer");
  await Deno.mkdir(consumer, { recursive: true });
  await Deno.writeTextFile(
    join(consumer, "package.json"),
    JSON.stringify({ name: "throwaway-consumer", private: true, type: "module" }, null, 2),
  );
  await npmInstall(consumer, tarball);
  const installed = JSON.parse(
    await Deno.readTextFile(join(consumer, "node_modules", ...name.split("/"), "package.json")),
  );
  const deps = await listFiles(join(consumer, "node_modules"));
  const foreign = deps.filter((p) => !p.startsWith(`${name}/`) && !p.startsWith(".package-lock"));
  if (foreign.length > 0) fail(`installing the tarball brought other packages: ${foreign[0]} …`);
  info(
    `installed ${installed.name}@${installed.version} into a throwaway project (no other packages)`,
  );
  await Deno.copyFile(SMOKE_SCRIPT, join(consumer, "smoke.mjs"));
  await nodeSmoke(consumer, name, `${name}/server`, `${name}/testing`);
  await nodeModularSmoke(consumer, `${name}/modular`, `${name}/server`);
}

export async function typeCheckConsumer(
  work: string,
  staging: string,
  name: string,
): Promise<void> {
  const consumer = join(work, "consumer");
  await Deno.writeTextFile(join(consumer, "consumer.ts"), CONSUMER_TS(name));
  const configs: Record<string, Record<string, unknown>> = {
    nodenext: { module: "NodeNext", moduleResolution: "NodeNext" },
    bundler: { module: "ESNext", moduleResolution: "Bundler" },
  };
  const tsc = join(staging, "node_modules", "typescript", "bin", "tsc");
  for (const [label, resolution] of Object.entries(configs)) {
    const file = `tsconfig.${label}.json`;
    await Deno.writeTextFile(
      join(consumer, file),
      JSON.stringify({
        compilerOptions: {
          ...resolution,
          target: "ES2022",
          lib: ["ES2024", "DOM", "DOM.Iterable"],
          types: [], // no @types/node: the shipped .d.ts must stand on their own
          strict: true,
          noEmit: true,
          skipLibCheck: false, // check the shipped .d.ts too…
          skipDefaultLibCheck: true, // …but not TypeScript's own lib files
        },
        files: ["consumer.ts"],
      }),
    );
    const result = await run("node", [tsc, "-p", file, "--pretty", "false"], {
      cwd: consumer,
      allowFailure: true,
    });
    if (result.code !== 0) {
      fail(`a TypeScript consumer (${label} resolution) does not type-check:\n${result.stdout}`);
    }
    info(`consumer.ts type-checks against the installed .d.ts (moduleResolution ${label})`);
  }
}

/** A running `pubnub-ts serve` from the installed package, under Node. */
interface BinServe {
  /** The origin from its `listening on …` line. */
  url: string;
  /** Its stdout lines so far. */
  lines: string[];
  /** Sends SIGTERM; resolves to the exit code once stdout ended. */
  stop(): Promise<number>;
}

/**
 * Starts the installed bin itself (what npx runs: npx does not pass SIGTERM on to its child)
 * and waits for its listening line; fails if it exits first.
 */
async function startBinServe(consumer: string, args: string[]): Promise<BinServe> {
  const serve = new Deno.Command(join(consumer, "node_modules", ".bin", "pubnub-ts"), {
    args: ["serve", ...args],
    cwd: consumer,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const watchdog = setTimeout(() => serve.kill("SIGKILL"), SMOKE_TIMEOUT_MS);
  const lines: string[] = [];
  let ended = false;
  const stderr = new Response(serve.stderr).text();
  const pump = (async () => {
    let buffered = "";
    for await (const chunk of serve.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      lines.push(...parts);
    }
    if (buffered) lines.push(buffered);
    ended = true;
  })();
  const stop = async () => {
    try {
      serve.kill("SIGTERM");
    } catch {
      // already exited
    }
    const status = await serve.status;
    clearTimeout(watchdog);
    await pump;
    await stderr;
    return status.code;
  };
  while (!lines.some((l) => l.startsWith("listening on "))) {
    if (ended) {
      await stop();
      fail(`pubnub-ts serve ${args.join(" ")} exited before listening:\n${await stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const listening = lines.find((l) => l.startsWith("listening on "))!;
  return { url: listening.slice("listening on ".length), lines, stop };
}

/**
 * Runs the package's `pubnub-ts` bin from the installed tarball under Node, as a user would:
 * `pubnub-ts serve --port 0` must print its origin and serve (a publish through
 * `npx pubnub-ts publish` against it, the console page), refuse a busy port with exit 1 and a
 * message, then stop on SIGTERM with exit 0; `--tls-self-signed` must serve HTTPS with HTTP/2
 * (the Node listener's `node:http2` server).
 */
export async function binSmoke(work: string): Promise<void> {
  const consumer = join(work, "consumer");
  const serve = await startBinServe(consumer, ["--port", "0"]);
  try {
    const { url } = serve;
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
      fail(`unexpected listening line: ${serve.lines[0]}`);
    }
    info(`pubnub-ts serve --port 0: listening on ${url}`);
    const published = await run("npx", [
      "--no-install",
      "pubnub-ts",
      "publish",
      "bin-smoke",
      '{"from":"npx"}',
      "--origin",
      url,
    ], { cwd: consumer, allowFailure: true });
    if (published.code !== 0 || !/^published to bin-smoke at \d{17}/.test(published.stdout)) {
      fail(
        `npx pubnub-ts publish failed (${published.code}):\n${published.stdout}${published.stderr}`,
      );
    }
    info(`npx pubnub-ts publish: ${published.stdout.trim()}`);
    const history = await fetch(`${url}/v3/history/sub-key/demo/channel/bin-smoke`);
    const body = await history.text();
    if (!body.includes('"from":"npx"')) fail(`the published message is not in history: ${body}`);
    const page = await fetch(`${url}/console`);
    const html = await page.text();
    if (page.status !== 200 || !html.includes("/console/app.js")) {
      fail(`GET /console answered ${page.status}`);
    }
    const script = await fetch(`${url}/console/app.js`);
    const code = await script.text();
    if (script.status !== 200 || code.length < 1000) {
      fail(`GET /console/app.js answered ${script.status} (${code.length} bytes)`);
    }
    info(`served /console and /console/app.js (${formatBytes(code.length)})`);
    const port = url.split(":").at(-1)!;
    const busy = await run(join(consumer, "node_modules", ".bin", "pubnub-ts"), [
      "serve",
      "--port",
      port,
    ], { cwd: consumer, allowFailure: true, timeoutMs: SMOKE_TIMEOUT_MS });
    if (busy.code !== 1 || !busy.stderr.includes(`port ${port} is in use; try --port 0`)) {
      fail(`a busy port gave exit ${busy.code}:\n${busy.stderr}`);
    }
    info(`a busy port: exit 1, "${busy.stderr.trim()}"`);
  } finally {
    const code = await serve.stop();
    if (code !== 0) fail(`pubnub-ts serve exited with ${code} on SIGTERM`);
  }
  const summary = serve.lines.at(-1) ?? "";
  if (!/^SIGTERM: stopped; served \d+ requests?/.test(summary)) {
    fail(`no shutdown summary; last line: ${summary}`);
  }
  info(`SIGTERM: exit 0, "${summary}"`);

  const tls = await startBinServe(consumer, ["--port", "0", "--tls-self-signed", "--quiet"]);
  try {
    if (!tls.url.startsWith("https://")) fail(`--tls-self-signed listened on ${tls.url}`);
    const curl = await run("curl", [
      "-sk",
      "--http2",
      "-o",
      "/dev/null",
      "-w",
      "%{http_version} %{http_code}",
      `${tls.url}/time/0`,
    ], { allowFailure: true });
    if (curl.stdout !== "2 200") {
      fail(`HTTP/2 over TLS under Node: curl said "${curl.stdout}" ${curl.stderr}`);
    }
    info(`pubnub-ts serve --tls-self-signed: ${tls.url}, HTTP/2 (curl: ${curl.stdout})`);
  } finally {
    const code = await tls.stop();
    if (code !== 0) fail(`pubnub-ts serve --tls-self-signed exited with ${code} on SIGTERM`);
  }
}

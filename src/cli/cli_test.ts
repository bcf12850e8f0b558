// The real CLI, run as a subprocess (`deno run cli.ts …`), against servers the tests start.
import assert from "node:assert/strict";
import { startServer } from "../../server.ts";
import { runCliProcess, spawnCli } from "../testing/cli_process.ts";
import { localClient } from "../testing/local_clients.ts";

async function withServer(
  body: (origin: string) => Promise<void>,
  options: Parameters<typeof startServer>[0] = {},
): Promise<void> {
  const server = await startServer({ port: 0, ...options });
  try {
    await body(`http://${server.origin}`);
  } finally {
    await server.close();
  }
}

Deno.test("--help on the CLI and on every subcommand exits 0 with its usage", async () => {
  const names = [
    "serve",
    "publish",
    "signal",
    "fire",
    "subscribe",
    "here-now",
    "where-now",
    "history",
    "time",
  ];
  const [top, ...each] = await Promise.all([
    runCliProcess(["--help"]),
    ...names.map((name) => runCliProcess([name, "--help"])),
  ]);
  assert.equal(top.code, 0, top.stderr);
  for (const name of names) assert.match(top.stdout, new RegExp(`^  ${name} `, "m"));
  each.forEach((result, i) => {
    assert.equal(result.code, 0, `${names[i]} --help: ${result.stderr}`);
    assert.match(result.stdout, new RegExp(`^pubnub-ts ${names[i]}`));
    if (names[i] !== "serve") assert.match(result.stdout, /--origin HOST\[:PORT\]\|URL/);
  });
  assert.match(each[0].stdout, /--tls-self-signed/);
});

Deno.test("bad usage exits 2 with a message naming the problem", async () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /usage: pubnub-ts <command>/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["publish", "room"], /missing <json\|->/],
    [["publish", "room", "{bad"], /the message is not JSON/],
    [["publish", "room", "1", "--meta", "[1]"], /--meta must be a JSON object/],
    [["history", "room", "--count", "many"], /--count must be a whole number, not "many"/],
    [["history", "room", "--count", "500"], /--count must be 1-100, not 500/],
    [["subscribe"], /name at least one <channel> or --group/],
    [["time", "--origin", "ftp://example.com"], /scheme must be http or https, not ftp/],
    [["serve", "--port", "70000"], /--port must be 0-65535, not 70000/],
    [["serve", "--tls-cert", "c.pem"], /--tls-cert and --tls-key go together/],
    [["serve", "--keys", "onlyone"], /--keys takes PUBLISH_KEY:SUBSCRIBE_KEY/],
    [["serve", "--verbos"], /unknown flag --verbos \(did you mean --verbose\?\)/],
    [["time", "extra"], /unexpected argument "extra"/],
  ];
  const results = await Promise.all(cases.map(([args]) => runCliProcess(args)));
  results.forEach((result, i) => {
    const [args, pattern] = cases[i];
    assert.equal(result.code, 2, `${args.join(" ")}: exit ${result.code}\n${result.stderr}`);
    assert.match(result.stderr, pattern, `${args.join(" ")}`);
    assert.equal(result.stdout, "", `${args.join(" ")} printed to stdout`);
  });
});

Deno.test("publish, signal, fire, history, time: happy paths against a local server", async () => {
  await withServer(async (origin) => {
    const published = await runCliProcess([
      "publish",
      "cli-room",
      '{"text":"hi"}',
      "--origin",
      origin,
    ]);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /^published to cli-room at \d{17}\n$/);
    const piped = await runCliProcess(["publish", "cli-room", "-", "--origin", origin, "--json"], {
      stdin: '"from stdin"\n',
    });
    assert.equal(piped.code, 0, piped.stderr);
    const { timetoken } = JSON.parse(piped.stdout);
    assert.match(timetoken, /^\d{17}$/);
    const signal = await runCliProcess([
      "signal",
      "cli-room",
      '{"typing":true}',
      "--origin",
      origin,
    ]);
    assert.equal(signal.code, 0, signal.stderr);
    assert.match(signal.stdout, /^signalled cli-room at \d{17}\n$/);
    const fired = await runCliProcess(["fire", "cli-room", '"unseen"', "--origin", origin]);
    assert.equal(fired.code, 0, fired.stderr);
    const history = await runCliProcess(["history", "cli-room", "--origin", origin]);
    assert.equal(history.code, 0, history.stderr);
    // Stored: both publishes in order; not stored: the signal and the fire.
    assert.match(
      history.stdout,
      /^\d{17} pubnub-ts-cli: \{"text":"hi"\}\n\d{17} pubnub-ts-cli: "from stdin"\n2 messages on cli-room\n$/,
    );
    const last = await runCliProcess([
      "history",
      "cli-room",
      "--count",
      "1",
      "--json",
      "--origin",
      origin,
    ]);
    assert.equal(JSON.parse(last.stdout).message, "from stdin");
    const time = await runCliProcess(["time", "--origin", origin]);
    assert.equal(time.code, 0, time.stderr);
    assert.match(time.stdout, /^\d{17}\n$/);
  });
});

Deno.test("here-now and where-now show a client present on a channel", async () => {
  await withServer(async (origin) => {
    const alice = localClient(origin.slice("http://".length), "alice", { heartbeatInterval: 0 });
    alice.subscribe().channels(["lobby"]).execute();
    try {
      const env = { PUBNUB_ORIGIN: origin };
      let here = await runCliProcess(["here-now", "lobby"], { env });
      for (let i = 0; i < 20 && !/alice/.test(here.stdout); i++) {
        await new Promise((r) => setTimeout(r, 100));
        here = await runCliProcess(["here-now", "lobby"], { env });
      }
      assert.equal(here.code, 0, here.stderr);
      assert.match(here.stdout, /^lobby: 1 present: alice$/m);
      const global = await runCliProcess(["here-now", "--json"], { env });
      assert.equal(JSON.parse(global.stdout).channels.lobby.occupancy, 1);
      const where = await runCliProcess(["where-now", "alice"], { env });
      assert.equal(where.code, 0, where.stderr);
      assert.equal(where.stdout, "alice is present on: lobby\n");
    } finally {
      await alice.stop();
    }
  });
});

Deno.test("a refusal by the service exits 1 and says so; an unreachable origin exits 1", async () => {
  await withServer(async (origin) => {
    const refused = await runCliProcess(["publish", "room", "1", "--origin", origin]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /the service refused: .*\(HTTP (400|403)\)/);
    const accepted = await runCliProcess([
      "publish",
      "room",
      "1",
      "--origin",
      origin,
      "--publish-key",
      "pub-x",
      "--subscribe-key",
      "sub-x",
    ]);
    assert.equal(accepted.code, 0, accepted.stderr);
  }, { keys: { publishKey: "pub-x", subscribeKey: "sub-x" } });
  // A port nothing listens on: start and stop a server to get one.
  const server = await startServer({ port: 0 });
  await server.close();
  const unreachable = await runCliProcess(["time", "--origin", server.origin]);
  assert.equal(unreachable.code, 1, unreachable.stderr);
  assert.match(unreachable.stderr, /cannot reach .*is the server running\?/s);
});

Deno.test("subscribe streams one line per event until SIGTERM, then exits 0", async () => {
  await withServer(async (origin) => {
    const text = spawnCli(["subscribe", "stream-room", "--presence", "--origin", origin]);
    let json: ReturnType<typeof spawnCli> | undefined;
    try {
      await text.waitFor(/^subscribed to stream-room/, "stderr");
      // Only once the first subscriber sees its own join can it see the second one's.
      await text.waitFor(/presence: join pubnub-ts-cli/, "stdout");
      json = spawnCli(["subscribe", "stream-room", "--json", "--origin", origin, "--user-id", "j"]);
      await json!.waitFor(/^subscribed to stream-room/, "stderr");
      for (const n of [1, 2, 3]) {
        const r = await runCliProcess(["publish", "stream-room", `{"n":${n}}`, "--origin", origin]);
        assert.equal(r.code, 0, r.stderr);
      }
      await runCliProcess(["signal", "stream-room", '"sig"', "--origin", origin]);
      await text.waitFor(/signal from pubnub-ts-cli: "sig"/, "stdout");
      await json!.waitFor(/"type":"signal"/, "stdout");
      const messages = text.stdout.filter((l) => l.includes("pubnub-ts-cli: {"));
      assert.deepEqual(messages, [1, 2, 3].map((n) => `[stream-room] pubnub-ts-cli: {"n":${n}}`));
      await text.waitFor(/^\[stream-room\] presence: join j \(occupancy 2\)$/, "stdout");
      const events = json!.stdout.map((l) => JSON.parse(l));
      assert.deepEqual(
        events.filter((e) => e.type === "message").map((e) => [e.channel, e.message, e.publisher]),
        [1, 2, 3].map((n) => ["stream-room", { n }, "pubnub-ts-cli"]),
      );
    } finally {
      text.kill("SIGTERM");
      json?.kill("SIGINT");
    }
    assert.equal(await text.finished, 0, text.stderr.join("\n"));
    assert.equal(await json!.finished, 0, json!.stderr.join("\n"));
    assert.ok(text.stderr.includes("SIGTERM: unsubscribing"), text.stderr.join("\n"));
  });
});

Deno.test("serve: banner with the real origin, console page, redacted request log, summary on SIGTERM", async () => {
  const serve = spawnCli(["serve", "--port", "0", "--verbose", "--keys", "pub-secret:sub-secret"]);
  try {
    const line = await serve.waitFor(/^listening on /, "stdout");
    assert.match(line, /^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice("listening on ".length);
    const origin = url.slice("http://".length);
    assert.equal(serve.stdout[0], line);
    await serve.waitFor(/Ctrl-C to stop/, "stdout");
    assert.ok(serve.stdout.some((l) => l.includes(`origin: "${origin}", ssl: false`)));
    assert.ok(serve.stdout.some((l) => l.includes(`${url}/console`)));
    const page = await fetch(`${url}/console`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script type="module" src="\/console\/app.js">/);
    const published = await runCliProcess([
      "publish",
      "logged",
      "1",
      "--origin",
      url,
      "--publish-key",
      "pub-secret",
      "--subscribe-key",
      "sub-secret",
      "--auth-key",
      "auth-secret",
    ]);
    assert.equal(published.code, 0, published.stderr);
    const logged = await serve.waitFor(/^GET \/publish\//, "stdout");
    assert.match(
      logged,
      /^GET \/publish\/\*\*\*\/\*\*\*\/0\/logged\/0\/1\?.*auth=\*\*\* 200 \d+ms$/,
    );
    const log = serve.stdout.filter((l) => /^(GET|POST|HEAD|OPTIONS|DELETE) /.test(l));
    assert.ok(log.length > 0);
    assert.deepEqual(log.filter((l) => l.includes("secret")), [], "a key leaked into the log");
  } finally {
    serve.kill("SIGTERM");
  }
  assert.equal(await serve.finished, 0, serve.stderr.join("\n"));
  assert.match(
    serve.stdout.at(-1)!,
    /^SIGTERM: stopped; served \d+ requests? \(\d+ 2xx\) in [\d.]+ s$/,
  );
});

Deno.test("serve on a busy port exits 1 with a message that says what to do", async () => {
  const server = await startServer({ port: 0 });
  try {
    const port = server.origin.split(":").at(-1)!;
    const result = await runCliProcess(["serve", "--port", port]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(
      result.stderr.trim(),
      `serve: port ${port} is in use; try --port 0 (any free port) or another --port`,
    );
  } finally {
    await server.close();
  }
});

Deno.test("serve --tls-self-signed: HTTPS with HTTP/2 (ALPN), the CLI reaches it trusting the printed certificate", async () => {
  const serve = spawnCli(["serve", "--port", "0", "--tls-self-signed"]);
  try {
    const line = await serve.waitFor(/^listening on /, "stdout");
    assert.match(line, /^listening on https:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice("listening on ".length);
    const certLine = await serve.waitFor(/TLS: +a throwaway certificate, /, "stdout");
    const certFile = /certificate, (\S+)/.exec(certLine)![1];
    const curl = await new Deno.Command("curl", {
      args: [
        "-s",
        "--http2",
        "--cacert",
        certFile,
        "-o",
        "/dev/null",
        "-w",
        "%{http_version}",
        `${url}/time/0`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(curl.stdout), "2", new TextDecoder().decode(curl.stderr));
    const time = await runCliProcess(["time", "--origin", url], { env: { DENO_CERT: certFile } });
    assert.equal(time.code, 0, time.stderr);
    assert.match(time.stdout, /^\d{17}\n$/);
    // Without trusting it, the CLI says it cannot reach the origin (exit 1), not a stack trace.
    const untrusted = await runCliProcess(["time", "--origin", url]);
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.stderr, /^error: cannot reach 127\.0\.0\.1:\d+: .*(certificate|TLS)/im);
  } finally {
    serve.kill("SIGTERM");
  }
  assert.equal(await serve.finished, 0, serve.stderr.join("\n"));
});

Deno.test("serve --access and --secret-key: refusals exit 1, granted or signed requests exit 0", async () => {
  const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "cli-access-" });
  const policy = `${dir}/policy.json`;
  await Deno.writeTextFile(
    policy,
    JSON.stringify({ grants: [{ authKey: "writer", write: ["guarded"], read: ["guarded"] }] }),
  );
  const guarded = spawnCli(["serve", "--port", "0", "--access", policy, "--quiet"]);
  const signed = spawnCli(["serve", "--port", "0", "--secret-key", "sec-key", "--quiet"]);
  try {
    const guardedUrl = (await guarded.waitFor(/^listening on /, "stdout")).slice(13);
    const signedUrl = (await signed.waitFor(/^listening on /, "stdout")).slice(13);
    const denied = await runCliProcess(["publish", "guarded", "1", "--origin", guardedUrl]);
    assert.equal(denied.code, 1, denied.stderr);
    assert.match(denied.stderr, /the service refused: .*\(HTTP 403\)/);
    const granted = await runCliProcess(["publish", "guarded", "1", "--origin", guardedUrl], {
      env: { PUBNUB_AUTH_KEY: "writer" },
    });
    assert.equal(granted.code, 0, granted.stderr);
    const unsigned = await runCliProcess(["time", "--origin", signedUrl]);
    assert.equal(unsigned.code, 0, "time is never signed"); // the service does not sign /time
    const publishUnsigned = await runCliProcess(["publish", "s", "1", "--origin", signedUrl]);
    assert.equal(publishUnsigned.code, 1, publishUnsigned.stderr);
    const publishSigned = await runCliProcess([
      "publish",
      "s",
      "1",
      "--origin",
      signedUrl,
      "--secret-key",
      "sec-key",
    ]);
    assert.equal(publishSigned.code, 0, publishSigned.stderr);
    assert.deepEqual(guarded.stdout, [`listening on ${guardedUrl}`], "--quiet prints only that");
  } finally {
    guarded.kill("SIGTERM");
    signed.kill("SIGTERM");
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(await guarded.finished, 0);
  assert.equal(await signed.finished, 0);
  const unreadable = await runCliProcess(["serve", "--access", "/nonexistent/policy.json"]);
  assert.equal(unreadable.code, 2);
  assert.match(unreadable.stderr, /cannot read --access \/nonexistent\/policy\.json/);
});

Deno.test("subscribe to an origin nobody serves says so at once and exits 1", async () => {
  const server = await startServer({ port: 0 });
  await server.close();
  const result = await runCliProcess(["subscribe", "room", "--origin", server.origin]);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /^error: cannot reach 127\.0\.0\.1:\d+: /);
  assert.match(result.stderr, /is the server running\? start one with: pubnub-ts serve/);
});

import assert from "node:assert/strict";
import { type CommandSpec, helpText, parseArgs, UsageError } from "./args.ts";
import { clientConfig, parseOrigin } from "./connection.ts";
import { logRequests, redactTarget, RequestStats } from "./request_log.ts";
import { Answer, leanOf, webHandler } from "../server/http/exchange.ts";

const SPEC: CommandSpec = {
  name: "demo",
  summary: "a demo",
  positionals: [{ name: "channel", required: true }, {
    name: "rest",
    required: false,
    variadic: true,
  }],
  flags: [
    { name: "count", kind: "integer", value: "N", help: "how many" },
    { name: "store", kind: "boolean", help: "store" },
    { name: "group", kind: "list", value: "G", help: "groups" },
    { name: "host", kind: "string", value: "H", help: "host", aliases: ["hostname"] },
  ],
};

Deno.test("parseArgs: values, --name=value, --no-flag, lists, aliases, --, -", () => {
  assert.deepEqual(
    parseArgs(SPEC, [
      "a",
      "--count",
      "3",
      "--no-store",
      "--group=x,y",
      "--group",
      "z",
      "--hostname=h",
      "-",
      "--",
      "--literal",
    ]),
    {
      positionals: ["a", "-", "--literal"],
      flags: { count: 3, store: false, group: ["x", "y", "z"], host: "h" },
      help: false,
    },
  );
  assert.equal(parseArgs(SPEC, ["-h"]).help, true);
  assert.equal(parseArgs(SPEC, ["--help", "--count", "2"]).help, true); // no positional needed
});

Deno.test("parseArgs refuses with a UsageError that names the problem", () => {
  const refuse = (argv: string[], pattern: RegExp) =>
    assert.throws(
      () => parseArgs(SPEC, argv),
      (e) => e instanceof UsageError && pattern.test(e.message),
    );
  refuse([], /^missing <channel>$/);
  refuse(["a", "--count"], /--count needs a value \(N\)/);
  refuse(["a", "--count", "1.5"], /--count must be a whole number, not "1.5"/);
  refuse(["a", "--store=yes"], /--store takes no value/);
  refuse(["a", "--cont", "1"], /unknown flag --cont \(did you mean --count\?\)/);
  refuse(["a", "-x"], /unknown flag -x/);
  const noExtra = { ...SPEC, positionals: [{ name: "channel", required: true }] };
  assert.throws(() => parseArgs(noExtra, ["a", "b"]), /unexpected argument "b"/);
  assert.match(helpText(SPEC), /^pubnub-ts demo <channel> \[rest\.\.\.\] \[flags\]\n/);
});

Deno.test("origins: host[:port] or an http(s) URL whose scheme decides TLS; loopback defaults to plain", () => {
  assert.deepEqual(parseOrigin("https://ps.pndsn.com"), { origin: "ps.pndsn.com", ssl: true });
  assert.deepEqual(parseOrigin("http://127.0.0.1:8090/"), { origin: "127.0.0.1:8090", ssl: false });
  assert.deepEqual(parseOrigin("[::1]:9000"), { origin: "[::1]:9000", ssl: undefined });
  assert.throws(() => parseOrigin("ws://x"), /scheme must be http or https, not ws/);
  assert.throws(() => parseOrigin("http://x/path"), /no path/);
  assert.throws(() => parseOrigin("host:99999"), /port must be 1-65535/);
  const none = () => undefined;
  const args = (flags: Record<string, string | boolean>) => ({
    positionals: [],
    flags,
    help: false,
  });
  assert.equal(clientConfig(args({}), none).ssl, false); // 127.0.0.1:8090
  assert.equal(clientConfig(args({ origin: "ps.pndsn.com" }), none).ssl, true);
  assert.equal(clientConfig(args({ origin: "ps.pndsn.com", ssl: false }), none).ssl, false);
  const env = (name: string) =>
    ({ PUBNUB_ORIGIN: "https://e.example", PUBNUB_USER_ID: "env-user", PUBNUB_SSL: "false" })[name];
  assert.deepEqual(clientConfig(args({}), env), {
    origin: "e.example",
    ssl: false, // PUBNUB_SSL beats the scheme
    publishKey: "demo",
    subscribeKey: "demo",
    userId: "env-user",
  });
  assert.equal(clientConfig(args({ "user-id": "flag-user" }), env).userId, "flag-user");
  assert.throws(
    () => clientConfig(args({}), (n) => (n === "PUBNUB_SSL" ? "maybe" : undefined)),
    /PUBNUB_SSL must be true or false/,
  );
});

Deno.test("the request log redacts keys, auth and signatures; the summary counts by status class", () => {
  assert.equal(
    redactTarget("http://h/v2/subscribe/sub-c-1/a,b/0?tt=0&auth=secret&uuid=u"),
    "/v2/subscribe/***/a,b/0?tt=0&auth=***&uuid=u",
  );
  assert.equal(
    redactTarget("http://h/signal/pub-c-1/sub-c-2/0/ch/0/1?signature=v2.abc&timestamp=1"),
    "/signal/***/***/0/ch/0/1?signature=***&timestamp=1",
  );
  assert.equal(
    redactTarget("http://h/v3/history/sub-key/sub-c-2/channel/ch"),
    "/v3/history/sub-key/***/channel/ch",
  );
  assert.equal(redactTarget("http://h/time/0"), "/time/0");
  const stats = new RequestStats();
  for (const status of [200, 200, 403, 500]) stats.record(status);
  assert.equal(stats.summary(2000), "4 requests (2 2xx, 1 4xx, 1 5xx) in 2.0 s");
});

Deno.test("the request log keeps a lean handler's lean form and logs and counts what it answers", async () => {
  const stats = new RequestStats();
  const lines: string[] = [];
  const logged = logRequests(
    webHandler(() => Promise.resolve(new Answer(403, "{}", {}))),
    stats,
    (line) => lines.push(line),
  );
  const lean = leanOf(logged);
  assert.ok(lean, "the request log dropped the lean form");
  const answer = await lean({
    method: "GET",
    url: "http://h/v2/subscribe/sub-c-1/a/0?auth=secret",
    headers: { get: () => null },
    body: null,
    signal: new AbortController().signal,
  });
  assert.equal(answer.status, 403);
  await (await logged(new Request("http://h/time/0"))).body?.cancel();
  assert.equal(stats.total, 2);
  assert.match(lines[0], /^GET \/v2\/subscribe\/\*\*\*\/a\/0\?auth=\*\*\* 403 \d+ms$/);
  assert.match(lines[1], /^GET \/time\/0 403 \d+ms$/);
});

/**
 * TLS end to end on loopback: the local server serves HTTPS with a throwaway self-signed
 * certificate made at run time, and the SDK with `ssl: true` talks to it through a fetch that
 * trusts exactly that certificate. An untrusted certificate (or a plain HTTP server) is a clear
 * `PNNetworkIssuesCategory` error that says TLS, at once, not a hang.
 */
import assert from "node:assert/strict";
import { startServer } from "../../server.ts";
import { parseServeArgs } from "../../scripts/serve.ts";
import type { PubNubError } from "../core/error.ts";
import type { PNStatus } from "../core/status.ts";
import type { PNMessageResult } from "../core/subscribe/envelope.ts";
import { PubNub } from "../shell/pubnub.ts";
import { createHandler } from "./handler.ts";
import { listen as listenNode } from "./listen_node.ts";
import { fetchTrusting, makeSelfSignedCert } from "./self_signed_cert.ts";
import { resolveTls } from "./tls.ts";
import { until } from "../testing/local_clients.ts";

function secureClient(origin: string, userId: string, fetch?: typeof globalThis.fetch) {
  return new PubNub(
    {
      publishKey: "demo",
      subscribeKey: "demo",
      userId,
      origin,
      ssl: true,
      reconnectionPolicy: "NONE",
    },
    fetch ? { fetch } : {},
  );
}

Deno.test("TLS: startServer({ tls }) with PEM text serves HTTPS; the SDK with ssl: true publishes and subscribes", async () => {
  const cert = await makeSelfSignedCert();
  const server = await startServer({
    port: 0,
    longPollSeconds: 5,
    tls: { cert: cert.cert, key: cert.key },
  });
  const trusted = fetchTrusting(cert.cert);
  const alice = secureClient(server.origin, "alice", trusted.fetch);
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const time = await alice.time().future();
    assert.match(time.result.timetoken, /^\d{17}$/);

    const messages: PNMessageResult[] = [];
    const statuses: PNStatus[] = [];
    alice.addListener({
      message: (_p, m) => messages.push(m),
      status: (_p, s) => statuses.push(s),
    });
    alice.subscribe().channels("secure").execute();
    await until(() => statuses.some((s) => s.category === "PNConnectedCategory"), "connect");
    for (let i = 0; i < 3; i++) {
      await alice.publish().channel("secure").message({ i }).usePost(i === 1).future();
    }
    await until(() => messages.length === 3, "three messages over TLS");
    assert.deepEqual(messages.map((m) => m.message), [{ i: 0 }, { i: 1 }, { i: 2 }]);
  } finally {
    await alice.stop();
    trusted.close();
    await server.close();
    await cert.remove();
  }
});

Deno.test("TLS: certificate and key given as file paths; plain http to the TLS port gets nothing useful", async () => {
  const cert = await makeSelfSignedCert();
  const server = await startServer({ port: 0, tls: { cert: cert.certFile, key: cert.keyFile } });
  const trusted = fetchTrusting(cert.cert);
  try {
    const reply = await trusted.fetch(`${server.url}/time/0`);
    assert.equal(reply.status, 200);
    assert.match(await reply.text(), /^\[\d{17}\]$/);
    await assert.rejects(
      fetch(`http://${server.origin}/time/0`).then((r) => r.body?.cancel()),
    );
    // The SDK with ssl: false against it says what to do.
    const plain = new PubNub({
      subscribeKey: "demo",
      userId: "u",
      origin: server.origin,
      ssl: false,
    });
    const error = await plain.time().future().then(
      () => assert.fail("time over plain HTTP to a TLS port succeeded"),
      (e: PubNubError) => e,
    );
    assert.equal(error.status.category, "PNNetworkIssuesCategory");
    assert.match(error.message, /not HTTP; if it speaks TLS, use ssl: true/);
    await plain.stop();
  } finally {
    trusted.close();
    await server.close();
    await cert.remove();
  }
});

Deno.test("TLS: an untrusted certificate is a PNNetworkIssuesCategory error that says TLS/certificate, at once", async () => {
  const cert = await makeSelfSignedCert();
  const server = await startServer({ port: 0, tls: { cert: cert.cert, key: cert.key } });
  const untrusting = secureClient(server.origin, "bob"); // the default fetch: system roots only
  try {
    const started = Date.now();
    const error = await untrusting.publish().channel("c").message("m").future().then(
      () => assert.fail("the publish should have failed"),
      (e: PubNubError) => e,
    );
    assert.ok(Date.now() - started < 5000, "failed fast, no hang");
    assert.equal(error.status.category, "PNNetworkIssuesCategory");
    assert.match(error.message, /TLS\/certificate error/);
    assert.match(error.message, /not trusted/);
    assert.match(
      (error.status.errorData as { message: string }).message,
      /TLS\/certificate error.*(UnknownIssuer|certificate)/s,
    );

    // The subscribe loop reports it too (and, with the NONE policy, stops).
    const statuses: PNStatus[] = [];
    untrusting.addListener({ status: (_p, s) => statuses.push(s) });
    untrusting.subscribe().channels("c").execute();
    await until(() => statuses.length > 0, "a subscribe status");
    assert.equal(statuses[0].category, "PNConnectionErrorCategory");
    assert.match(JSON.stringify(statuses[0].errorData), /TLS\/certificate error/);
  } finally {
    await untrusting.stop();
    await server.close();
    await cert.remove();
  }
});

Deno.test("TLS: ssl: true against a plain HTTP server is a clear TLS error too", async () => {
  const server = await startServer({ port: 0 });
  const pubnub = secureClient(server.origin, "carol");
  try {
    const error = await pubnub.time().future().then(
      () => assert.fail("time should have failed"),
      (e: PubNubError) => e,
    );
    assert.equal(error.status.category, "PNNetworkIssuesCategory");
    assert.match(error.message, /TLS\/certificate error/);
  } finally {
    await pubnub.stop();
    await server.close();
  }
});

Deno.test("TLS: the Node listener (node:https) serves the same handler over HTTPS", async () => {
  const cert = await makeSelfSignedCert();
  const handler = createHandler({ longPollSeconds: 2 });
  const listener = await listenNode(handler, {
    hostname: "127.0.0.1",
    port: 0,
    tls: { cert: cert.certFile, key: cert.key },
  });
  const trusted = fetchTrusting(cert.cert);
  const pubnub = secureClient(`127.0.0.1:${listener.port}`, "node", trusted.fetch);
  try {
    const { result } = await pubnub.publish().channel("n").message({ over: "https" }).future();
    assert.match(result.timetoken, /^\d{17}$/);
    const history = await pubnub.fetchMessages().channels("n").future();
    assert.deepEqual(history.result.channels.n.map((m) => m.message), [{ over: "https" }]);
  } finally {
    await pubnub.stop();
    trusted.close();
    handler.close();
    await listener.close();
    await cert.remove();
  }
});

Deno.test("TLS options: missing or non-PEM files are refused with the path named", async () => {
  const cert = await makeSelfSignedCert();
  const read = (path: string) => Deno.readTextFile(path);
  try {
    await assert.rejects(
      resolveTls({ cert: "/tmp/does-not-exist.pem", key: cert.key }, read),
      /cannot read tls\.cert file "\/tmp\/does-not-exist\.pem"/,
    );
    const notPem = cert.certFile.replace("cert.pem", "plain.txt");
    await Deno.writeTextFile(notPem, "hello");
    await assert.rejects(resolveTls({ cert: cert.cert, key: notPem }, read), /is not PEM/);
    await assert.rejects(resolveTls({ cert: "", key: cert.key }, read), /tls\.cert is empty/);
    await assert.rejects(startServer({ port: 0, tls: { cert: notPem, key: notPem } }), /not PEM/);
  } finally {
    await cert.remove();
  }
});

Deno.test("deno task serve --cert --key serves HTTPS and prints an https:// listening line", async () => {
  assert.deepEqual(parseServeArgs(["--cert", "c.pem", "--key=k.pem"]), {
    hostname: "127.0.0.1",
    port: 8090,
    cert: "c.pem",
    key: "k.pem",
  });
  assert.throws(() => parseServeArgs(["--cert", "c.pem"]), /go together/);
  const cert = await makeSelfSignedCert();
  const script = new URL("../../scripts/serve.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      script,
      "--port",
      "0",
      "--cert",
      cert.certFile,
      "--key",
      cert.keyFile,
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const trusted = fetchTrusting(cert.cert);
  let output = "";
  try {
    while (!output.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      output += value;
    }
    const line = output.split("\n")[0];
    assert.match(line, /^listening on https:\/\/127\.0\.0\.1:\d+$/);
    const reply = await trusted.fetch(`${line.slice("listening on ".length)}/time/0`);
    assert.equal(reply.status, 200);
    await reply.body?.cancel();
    child.kill("SIGTERM");
    assert.equal((await child.status).code, 0);
  } finally {
    trusted.close();
    await reader.cancel().catch(() => {});
    await child.stderr.cancel().catch(() => {});
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
    await cert.remove();
  }
});

/**
 * The transport under Node: Node's fetch leaves a listener on the signal it is given until the
 * request is garbage-collected, so a signal shared by every request would pile them up (and warn
 * of a leak past 1,500, on every further request). The sources are bundled as the package's Node
 * build swaps them, and run by `node` against a loopback server.
 */
import assert from "node:assert/strict";
import { runUnderNode } from "../testing/node_runner.ts";

const ROOT = new URL("../../", import.meta.url);
const REQUESTS = 5_000;

Deno.test(`in Node, ${REQUESTS} requests through one transport, with and without a signal, raise no leak warning and are all answered`, async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("[17000000000000000]", { headers: { "content-type": "text/javascript" } }),
  );
  const root = ROOT.pathname;
  try {
    const node = await runUnderNode(
      `
    import process from "node:process";
    import { PNConfiguration } from "${root}src/core/config.ts";
    import { buildTimeRequest } from "${root}src/core/requests/time.ts";
    import { Transport } from "${root}src/shell/transport.ts";
    const warnings = [];
    process.on("warning", (warning) => warnings.push(warning.name + ": " + warning.message));
    const transport = new Transport(new PNConfiguration({
      subscribeKey: "demo", userId: "u", origin: process.argv[2], ssl: false,
    }));
    const failures = [];
    let answered = 0;
    const REQUESTS_WITHOUT = ${REQUESTS} - 200;
    for (let i = 0; i < ${REQUESTS}; i++) {
      const signal = i >= REQUESTS_WITHOUT ? new AbortController().signal : undefined;
      const outcome = await transport.send(buildTimeRequest(), signal);
      if (outcome.ok) answered++;
      else failures.push(outcome.message);
    }
    console.log(JSON.stringify({ answered, warnings, failures: failures.slice(0, 3) }));
  `,
      [`127.0.0.1:${server.addr.port}`],
    );
    assert.equal(node.code, 0, `node failed: ${node.stderr}`);
    const result = JSON.parse(node.stdout.trim().split("\n").at(-1)!);
    assert.equal(result.answered, REQUESTS);
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.warnings, []);
    const leaks = node.stderr.match(/MaxListenersExceededWarning/g)?.length ?? 0;
    assert.equal(leaks, 0, `${leaks} warnings; the first: ${node.stderr.slice(0, 300)}`);
  } finally {
    await server.shutdown();
  }
});
